// A file written in YAML flow style (`{ … }`, `[ … ]`): where `{`, `}`, `[`, `]` and `,` end a plain
// scalar, a fix that writes them plain (`${{ secrets.X }}`, Compose's `${X}`) breaks the file. Every
// fix offered must leave YAML that parses, with the reference as the value.
import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";

const secret = new FakeSecrets(30).chars(32);
// Each written in block style, turned into flow style by the yaml library; the value the fix must leave, or none where no fix is offered.
const cases: { path: string; block: string; reference?: string }[] = [
  { path: ".github/workflows/ci.yml", block: "name: ci\non: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n        env:\n          API_KEY: SECRET\n", reference: "${{ secrets.API_KEY }}" },
  { path: ".gitlab-ci.yml", block: "build:\n  variables:\n    API_KEY: SECRET\n  script:\n    - make\n", reference: "$API_KEY" },
  { path: "azure-pipelines.yml", block: "steps:\n  - script: make\n    env:\n      API_KEY: SECRET\n", reference: "$(API_KEY)" },
  { path: "docker-compose.yml", block: "services:\n  web:\n    image: x\n    environment:\n      API_KEY: SECRET\n", reference: "${API_KEY}" },
  { path: ".drone.yml", block: "kind: pipeline\nsteps:\n  - name: a\n    image: x\n    environment:\n      API_KEY: SECRET\n", reference: undefined },
];

describe("fixes in YAML flow style", () => {
  for (const c of cases) {
    it(`${c.path}: the fix parses, with the reference as the value`, async () => {
      const flow = parseAllDocuments(c.block.replace("SECRET", secret)).map((doc) => doc.toString({ collectionStyle: "flow" })).join("---\n");
      assert.match(flow, /^\{/);
      const findings = (await lintFiles([{ path: c.path, text: flow }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.equal(findings.length, 1, flow);
      const fixed = applyEdits(flow, findings[0].fixes[0].edits);
      const documents = parseAllDocuments(fixed);
      assert.deepEqual(documents.flatMap((doc) => doc.errors.map((e) => e.message)), [], fixed);
      assert.ok(!fixed.includes(secret));
      // The value the platform reads: the reference as a string (Drone's is a `from_secret` map).
      if (c.reference !== undefined) assert.ok(JSON.stringify(documents[0].toJS()).includes(JSON.stringify(c.reference)), fixed);
      else assert.match(fixed, /\{ from_secret: api_key \}/);
    });
  }
});

describe("fixes in a workflow written as JSON (one flow map)", () => {
  it("persisted-checkout-credential's `with:` goes into the step's flow map, and the file parses", async () => {
    const text = '{"on": "push", "permissions": {}, "jobs": {"a": {"runs-on": "x", "steps": [{"uses": "actions/checkout@v4"}, {"run": "git push"}]}}}\n';
    const finding = (await lintFiles([{ path: ".github/workflows/ci.yml", text }])).findings.find((f) => f.ruleId === "persisted-checkout-credential")!;
    const fixed = parseAllDocuments(applyEdits(text, finding.fixes[0].edits));
    assert.deepEqual(fixed.flatMap((doc) => doc.errors), []);
    assert.equal(fixed[0].getIn(["jobs", "a", "steps", 0, "with", "persist-credentials"]), false);
  });
});
