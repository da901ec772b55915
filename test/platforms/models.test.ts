// Every platform on the files a repository really holds at the edges: empty, only a comment, a bare
// list or string where a map belongs. Each builds its own model (named by its id) without failing and
// finds nothing in it: an empty workflow is a normal step of writing one, in the editor above all.
import assert from "node:assert/strict";
import { buildModel, PLATFORMS, platformFor } from "../../linter-core/platforms/index.js";
import { lintFiles } from "../helpers.js";

const EDGES = ["", "# nothing here yet\n", "[]\n", "just a string\n", "---\n---\n"];

describe("every platform's model at the edges", () => {
  for (const platform of PLATFORMS) {
    it(`${platform.id}: its own model, and nothing found, in an empty or shapeless file`, async () => {
      for (const text of EDGES) {
        const model = await platform.buildModel("x", text);
        assert.equal(model.platform, platform.id, JSON.stringify(text));
        assert.deepEqual([model.connectorRefs, model.jobs], [[], []], `${platform.id} on ${JSON.stringify(text)}`);
      }
    });
  }

  it("the whole pipeline on such files at each platform's own path: no internal error, no finding but parse errors", async () => {
    const paths = [".github/workflows/ci.yml", ".gitlab-ci.yml", "azure-pipelines.yml", "bitbucket-pipelines.yml", ".circleci/config.yml", "cloudbuild.yaml", "buildspec.yml", ".drone.yml", ".buildkite/pipeline.yml", "Jenkinsfile", "docker-compose.yml", "k8s/deploy.yaml"];
    for (const path of paths) {
      for (const text of EDGES) {
        const result = await lintFiles([{ path, text }]);
        assert.deepEqual(result.internalErrors, [], `${path} ${JSON.stringify(text)}`);
        assert.deepEqual(result.findings.filter((f) => f.ruleId !== "parse-error").map((f) => f.ruleId), [], `${path} ${JSON.stringify(text)}`);
      }
    }
  });
});

describe("the documents a platform does not read", () => {
  const keysOf = async (path: string, text: string) => (await buildModel(platformFor(path, text), path, text)).literals.map((l) => `${l.key}=${l.value}`);

  it("each unread document's literals join the model once, in the file's order, whichever documents are read", async () => {
    // GitHub reads the first document: the second and fourth are unread, the third holds no literal.
    const workflow = "on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      A: one\n    steps:\n      - run: make\n---\nB: two\n---\n[]\n---\nC: three\nD: four\n";
    assert.deepEqual(await keysOf(".github/workflows/ci.yml", workflow), ["on=push", "runs-on=x", "A=one", "run=make", "B=two", "C=three", "D=four"]);
    // GitLab reads the document after a `spec:` header: the header's and a later document's literals join, around it.
    const component = "spec:\n  inputs:\n    token:\n      default: h\n---\nbuild:\n  variables:\n    V: p\n  script: make\n---\nE: five\n";
    assert.deepEqual(await keysOf("templates/build.yml", component), ["token=h", "V=p", "script=make", "E=five"]);
  });
});
