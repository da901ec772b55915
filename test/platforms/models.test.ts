// Every platform on the files a repository really holds at the edges: empty, only a comment, a bare
// list or string where a map belongs. Each builds its own model (named by its id) without failing and
// finds nothing in it: an empty workflow is a normal step of writing one, in the editor above all.
import assert from "node:assert/strict";
import { PLATFORMS } from "../../linter-core/platforms/index.js";
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
