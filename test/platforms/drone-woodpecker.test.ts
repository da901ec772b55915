// Shapes from ../shared/corpus/drone-woodpecker (drone-plugins/*/.drone.yml: from_secret in plugin
// settings; go-gitea/docs: `secrets: [..]` lists; woodpecker-ci/*/.woodpecker/*.yaml), cut down.
import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, recognitionByContent, recognitionByPath, validYaml } from "./suite.js";

const token = new FakeSecrets(39).chars(40);
const pipeline = (command: string, env = "") =>
  `kind: pipeline\ntype: docker\nname: default\nsteps:\n  - name: publish\n    image: plugins/docker\n    settings:\n      repo: acme/app\n      password:\n        from_secret: docker_password\n  - name: deploy\n    image: alpine\n    environment:\n      NODE_ENV: production\n${env}    commands:\n      - ${command}\n`;

platformSuite({
  platform: "drone-woodpecker",
  claims: [
    { path: ".drone.yml", text: "" },
    { path: ".woodpecker.yaml", text: "" },
    { path: ".woodpecker/release.yaml", text: "" },
    { path: "ci/pipeline.yml", text: pipeline("make") },
  ],
  leaves: [{ path: ".gitlab-ci.yml", text: "build:\n  script:\n    - make\n" }, { path: "k8s/a.yaml", text: "kind: Deployment\napiVersion: apps/v1\n" }],
  connectors: {
    path: ".drone.yml",
    text: pipeline("./deploy.sh --token $DEPLOY_TOKEN --bot $BOT_TOKEN $DRONE_COMMIT", "      BOT_TOKEN:\n        from_secret: bot_token\n") + "---\nkind: pipeline\nname: docs\nsteps:\n  - name: push\n    image: plugins/docker\n    secrets: [ quay_password ]\n",
    expected: ["docker_password:secret", "bot_token:secret", "DEPLOY_TOKEN:secret", "quay_password:secret"],
  },
  secret: { path: ".drone.yml", text: pipeline("make", `      API_TOKEN: ${token}\n`), value: token, fixed: pipeline("make", "      API_TOKEN: { from_secret: api_token }\n") },
  clean: [{ path: ".drone.yml", text: pipeline("./deploy.sh --token $DEPLOY_TOKEN", "      DEPLOY_TOKEN:\n        from_secret: deploy_token\n") }],
  validate: validYaml,
});

describe("platform drone-woodpecker: every shape of steps and secrets", () => {
  /** `name in scope` of each unowned connector, in order. */
  const unowned = async (path: string, text: string) =>
    (await lintFiles([{ path, text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => `${f.connector}${/ in (step `[^`]+`)/.exec(f.message)?.[1] ? ` in ${/ in (step `[^`]+`)/.exec(f.message)![1]}` : ""}`);

  it("Woodpecker 2 steps as a map: each step by its key", async () => {
    const text = "steps:\n  build:\n    image: alpine\n    environment:\n      TOKEN:\n        from_secret: registry_token\n    commands:\n      - echo $TOKEN | docker login --password-stdin\n";
    assert.deepEqual(await unowned(".woodpecker.yaml", text), ["registry_token in step `build`"]);
  });

  it("the old `pipeline:` map with a `secrets:` list: the secret, bound under its upper-case name", async () => {
    const text = "pipeline:\n  deploy:\n    image: alpine\n    secrets: [ deploy_token ]\n    commands:\n      - ./deploy.sh $DEPLOY_TOKEN $OTHER_TOKEN\n";
    assert.deepEqual(await unowned(".drone.yml", text), ["deploy_token in step `deploy`", "OTHER_TOKEN in step `deploy`"]);
  });

  it("`secrets:` items with a source and a target: the source is the connector, the target its variable", async () => {
    const text = "kind: pipeline\nname: default\nsteps:\n  - image: alpine\n    secrets:\n      - source: prod_api_key\n        target: API_KEY\n    commands:\n      - ./call.sh $API_KEY\n";
    assert.deepEqual(await unowned(".drone.yml", text), ["prod_api_key in step `step 1`"]);
  });

  it("a secret pasted into a command becomes `$NAME`", async () => {
    const text = pipeline(`curl -H "Authorization: Bearer ${token}" https://api.example.com`);
    const finding = (await lintFiles([{ path: ".drone.yml", text }])).findings.find((f) => f.ruleId === "hardcoded-secret")!;
    assert.ok(finding, "the pasted token is found");
    assert.equal(applyEdits(text, finding.fixes[0].edits), pipeline('curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com'));
  });

  it("`kind: pipeline` alone, without steps, is not claimed by content", () => {
    assert.notEqual(platformFor("ci/a.yml", "kind: pipeline\nname: x\n").id, "drone-woodpecker");
    assert.equal(platformFor("ci/a.yml", "kind: pipeline\npipeline:\n  a:\n    image: x\n").id, "drone-woodpecker");
    assert.notEqual(platformFor("ci/a.json", pipeline("make")).id, "drone-woodpecker");
  });
});

describe("platform drone-woodpecker: names, settings and documents", () => {
  const value = new FakeSecrets(98).chars(36);

  it("a value pasted into `environment:` or a plugin's `settings:` becomes `from_secret`; one inside a longer value becomes $NAME", async () => {
    const text = `kind: pipeline\nname: default\nsteps:\n  - name: publish\n    image: plugins/npm\n    settings:\n      token: ${value}\n    environment:\n      API_KEY: ${value}a\n      HEADER: Bearer ${value}b\n`;
    const findings = (await lintFiles([{ path: ".drone.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(
      findings.map((f) => f.fixes[0].edits[0].text),
      ["{ from_secret: token }", "{ from_secret: api_key }", "$API_TOKEN"],
    );
  });

  it("steps are named by their name or place in every document of the file; the CI's own variables and a step's own bindings are no connectors", async () => {
    const text = "kind: pipeline\nname: a\nsteps:\n  - name: build\n    image: x\n    commands: [./b.sh $DRONE_COMMIT $CI_JOB_TOKEN $PLUGIN_TOKEN $WOODPECKER_TOKEN $MY_DRONE_TOKEN]\n---\nkind: pipeline\nname: b\nsteps:\n  - image: x\n  - image: y\n    environment:\n      PUSH_TOKEN:\n        from_secret: push_token\n    commands: [./p.sh $PUSH_TOKEN]\n";
    const result = await lintFiles([{ path: ".drone.yml", text }]);
    const unowned = result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.message.replace(/ has no record.*$/, ""));
    assert.deepEqual(unowned, ["secret `MY_DRONE_TOKEN` in step `build`", "secret `push_token` in step `step 2`"]);
    // Each step is a job of the model, by its name or its place in its own document.
    assert.deepEqual(result.models[0].model.jobs.map((job) => job.id), ["build", "step 1", "step 2"]);
    const map = await lintFiles([{ path: ".woodpecker.yaml", text: "steps:\n  build:\n    image: x\n  test:\n    image: y\n" }]);
    assert.deepEqual(map.models[0].model.jobs.map((job) => job.id), ["build", "test"]);
  });

  it("a value outside any step has no step; `from_secret` names a connector, never a literal; a `target` alone names none", async () => {
    const text = `kind: pipeline\nname: a\nenvironment:\n  GLOBAL_TOKEN: ${value}\nsteps:\n  - name: s\n    image: x\n    environment:\n      DEPLOY_TOKEN:\n        from_secret: deploy_token\n    secrets:\n      - target: ONLY_TARGET\n`;
    const result = await lintFiles([{ path: ".drone.yml", text }]);
    const secret = result.findings.find((f) => f.ruleId === "hardcoded-secret");
    assert.ok(secret);
    assert.doesNotMatch(secret.message, /step/);
    assert.deepEqual(result.models[0].model.literals.filter((l) => l.value === "deploy_token"), []);
    assert.deepEqual(result.models[0].model.connectorRefs.map((r) => r.name), ["deploy_token"]);
  });
});

recognitionByContent(
  "drone-woodpecker",
  "ci/a.yml",
  { "kind pipeline and steps": "kind: pipeline\nsteps:\n  - image: x\n", "a spaced kind": "kind:    pipeline\nsteps: []\n" },
  { "steps that are not top-level": "kind: pipeline\nspec:\n  steps: []\n", "a steps-like key": "kind: pipeline\nstepsx: []\n", "a kind-like key": "kindred: pipeline\nsteps: []\n", "another kind": "kind: pipelines\nsteps: []\n" },
);

recognitionByPath("drone-woodpecker", [".drone.yml", ".woodpecker.yaml", "sub/.drone.yaml", ".woodpecker/build.yml", "x/.woodpecker/deploy.yaml"], [".drone.yml.bak", "drone.yml", ".woodpecker/build.yml.bak", ".woodpecker/nested/a/b.yml"]);

describe("platform drone-woodpecker: which keys bind, name and reference a secret", () => {
  const model = async (text: string) => (await lintFiles([{ path: ".drone.yml", text }])).models[0].model;
  const step = (body: string) => `kind: pipeline\nname: default\nsteps:\n  - name: deploy\n    image: alpine\n${body}`;

  it("`source` and `target` count only in a `secrets:` list: a plugin's `source:` (drone-s3) and `target:` (drone-docker) are settings", async () => {
    const text = step("    settings:\n      source: dist/**/*\n      target: OTHER_TOKEN\n    secrets:\n      - source: api_key\n        target: API_KEY\n    commands:\n      - ./go.sh $API_KEY $api_key $OTHER_TOKEN\n");
    const refs = (await model(text)).connectorRefs.map((r) => `${r.name}:${r.kind}`);
    // The secret once, as a secret; `$api_key` and `$OTHER_TOKEN` are bound by nothing.
    assert.deepEqual(refs, ["api_key:secret", "api_key:secret", "OTHER_TOKEN:secret"]);
  });

  it("a value that merely spells a variable's name binds nothing", async () => {
    const text = step("    environment:\n      MODE: DEPLOY_TOKEN\n    commands:\n      - ./go.sh $DEPLOY_TOKEN\n");
    assert.deepEqual((await model(text)).connectorRefs.map((r) => r.name), ["DEPLOY_TOKEN"]);
  });

  it("a pipeline-level value is in no step; a whole value outside `environment:` and `settings:` becomes `$NAME`", async () => {
    const text = `kind: pipeline\nname: default\nenvironment:\n  API_TOKEN: ${token}\nsteps:\n  - name: a\n    image: x\n    token: ${token.slice(0, 39)}y\n    commands:\n      - make\n`;
    const findings = (await lintFiles([{ path: ".drone.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(findings.length, 2);
    assert.doesNotMatch(findings[0].message, / in step /);
    assert.equal(findings[0].fixes[0].edits[0].text, "{ from_secret: api_token }");
    assert.match(findings[1].message, / in step `a`/);
    assert.equal(findings[1].fixes[0].edits[0].text, "$TOKEN");
  });

  it("claims by path `.drone.yml` itself, not any name ending in it; by content a top-level `kind: pipeline` only", () => {
    assert.notEqual(platformFor("prod.drone.yml", "name: x\n").id, "drone-woodpecker");
    assert.notEqual(platformFor("ci/a.yml", "meta:\n  kind: pipeline\nsteps:\n  - name: a\n").id, "drone-woodpecker");
  });
});
