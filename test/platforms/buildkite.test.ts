// Shapes from ../shared/corpus/buildkite (buildkite/agent-stack-k8s: step `secrets:` maps;
// JuliaGPU/CUDA.jl: cryptic `SECRET_*` ciphertext), cut down.
import assert from "node:assert/strict";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, recognitionByContent, recognitionByPath, validYaml } from "./suite.js";

const fake = new FakeSecrets(40);
const token = fake.chars(40);
const pipeline = (command: string) =>
  `steps:\n  - label: ":rocket: deploy"\n    key: deploy\n    command: ${command}\n    secrets:\n      REGISTRY_PASSWORD: ghcr_password\n    plugins:\n      - seek-oss/aws-sm#v2.3.2:\n          env:\n            NPM_TOKEN: prod/npm-token\n  - wait\n`;
const cryptic = `env:\n  SECRET_GITHUB_TOKEN: "${fake.chars(170)};${fake.chars(180)}"\nsteps:\n  - label: docs\n    command: make docs\n`;

platformSuite({
  platform: "buildkite",
  claims: [
    { path: ".buildkite/pipeline.yml", text: "" },
    { path: ".buildkite/release.yaml", text: "" },
    { path: "ci/deploy.yml", text: pipeline("./deploy.sh") },
  ],
  leaves: [{ path: ".github/workflows/ci.yml", text: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n" }, { path: "cloudbuild.yaml", text: "steps:\n  - name: gcr.io/cloud-builders/docker\n" }],
  connectors: { path: ".buildkite/pipeline.yml", text: pipeline("./deploy.sh --token $$DEPLOY_TOKEN --npm $$NPM_TOKEN $$BUILDKITE_COMMIT"), expected: ["DEPLOY_TOKEN:secret", "ghcr_password:secret", "prod/npm-token:secret"] },
  secret: { path: ".buildkite/pipeline.yml", text: pipeline(`./deploy.sh --token ${token}`), value: token, fixed: pipeline("./deploy.sh --token $$TOKEN") },
  clean: [
    { path: ".buildkite/pipeline.yml", text: pipeline("./deploy.sh --token $$REGISTRY_PASSWORD") },
    { path: ".buildkite/pipeline.yml", text: cryptic },
  ],
  validate: validYaml,
});

describe("platform buildkite: secrets, plugins, steps and fixes in every shape", () => {
  const value = new FakeSecrets(93).chars(40);
  const run = async (text: string) => (await lintFiles([{ path: ".buildkite/pipeline.yml", text }])).findings;

  it("a step's `secrets:` map and a secrets plugin's `env:` (a name or a secret-id) are connectors bound to their variables; other plugins' env is not; each step by its label, key or place", async () => {
    const text =
      "steps:\n  - label: deploy\n    command: ./deploy.sh $$DEPLOY_TOKEN $$API_TOKEN $$DB_PASSWORD $$UNBOUND_TOKEN\n    secrets:\n      DEPLOY_TOKEN: deploy_token\n    plugins:\n      - seek-oss/aws-sm#v2.3.2:\n          env:\n            API_TOKEN: prod/api-token\n            DB_PASSWORD:\n              secret-id: prod/db\n      - docker#v5.0.0:\n          env:\n            PLUGIN_TOKEN: x\n  - key: test\n    command: ./test.sh $$TEST_TOKEN\n  - command: ./lint.sh $$LINT_TOKEN\n";
    const unowned = (await run(text)).filter((f) => f.ruleId === "unowned-connector").map((f) => `${f.connector} ${/in job `([^`]+)`/.exec(f.message)?.[1]}`);
    assert.deepEqual(unowned.sort(), ["LINT_TOKEN step 3", "TEST_TOKEN test", "UNBOUND_TOKEN deploy", "deploy_token deploy", "prod/api-token deploy", "prod/db deploy"]);
  });

  it("a variable is bound in the step that brings it, not in the others: a second step reading the same `$$NAME` reads the agent's", async () => {
    const text =
      "env:\n  SHARED_TOKEN: x\nsteps:\n  - key: early\n    env:\n      STEP_TOKEN: y\n    command: ./deploy.sh $$PROD_DEPLOY_TOKEN $$STEP_TOKEN $$SHARED_TOKEN\n  - block: Ship?\n  - key: late\n    secrets: [PROD_DEPLOY_TOKEN]\n    command: ./deploy.sh $$PROD_DEPLOY_TOKEN $$STEP_TOKEN $$SHARED_TOKEN\n";
    const findings = await run(text);
    assert.deepEqual(findings.filter((f) => f.ruleId === "ungated-privileged-job").map((f) => /job `([^`]+)`/.exec(f.message)?.[1]), ["early"]);
    assert.deepEqual(findings.filter((f) => f.ruleId === "unowned-connector").map((f) => `${f.connector} ${/in job `([^`]+)`/.exec(f.message)?.[1]}`).sort(), ["PROD_DEPLOY_TOKEN late", "STEP_TOKEN late"]);
  });

  it("a plugin's setting and an env value read the agent's variables too (the pipeline's own env binds everywhere); a secrets entry with no name brings nothing", async () => {
    const text =
      'env:\n  SHARED_TOKEN: x\n  UPLOAD_TOKEN: "$$AGENT_UPLOAD_TOKEN"\n  COPY: "$SHARED_TOKEN"\nsteps:\n  - key: scan\n    env:\n      NOTE: "$SHARED_TOKEN"\n    secrets:\n      - ~\n      - LISTED_TOKEN\n    plugins:\n      - docker-login#v3:\n          password: $$DOCKER_PASSWORD\n      - ossf-scorecard#v1:\n          github_token: $$LISTED_TOKEN\n  - key: map\n    secrets:\n      EMPTY_TOKEN: ~\n      NAMED_TOKEN: named_key\n    command: ./x.sh $$EMPTY_TOKEN\n';
    const unowned = (await run(text)).filter((f) => f.ruleId === "unowned-connector").map((f) => `${f.connector} ${/in job `([^`]+)`/.exec(f.message)?.[1]}`);
    assert.deepEqual(unowned.sort(), ["AGENT_UPLOAD_TOKEN undefined", "DOCKER_PASSWORD scan", "EMPTY_TOKEN map", "LISTED_TOKEN scan", "named_key map"]);
  });

  it("a group's steps are steps of their own: named by their key, label or place in the group, bound by their own secrets, gated by a block before them", async () => {
    const text =
      'steps:\n  - group: ":rocket: release"\n    steps:\n      - key: build\n        command: make\n      - block: Ship?\n      - label: publish\n        secrets: [NPM_TOKEN]\n        command: npm publish --token $$NPM_TOKEN $$PROD_DEPLOY_TOKEN\n      - command: ./tag.sh $$TAG_TOKEN\n  - command: ./notify.sh $$PROD_SLACK_TOKEN\n';
    const findings = await run(text);
    const unowned = findings.filter((f) => f.ruleId === "unowned-connector").map((f) => `${f.connector} ${/in job `([^`]+)`/.exec(f.message)?.[1]}`);
    assert.deepEqual(unowned.sort(), ["NPM_TOKEN publish", "PROD_DEPLOY_TOKEN publish", "PROD_SLACK_TOKEN step 2", "TAG_TOKEN step 1.4"]);
    assert.deepEqual(findings.filter((f) => f.ruleId === "ungated-privileged-job"), []);
  });

  it("Buildkite's secrets plugin binds its `variables:`; a whole secret (`env: key`, aws-sm `json-to-env`) binds every variable of its step", async () => {
    const text =
      "steps:\n  - key: scan\n    command: ./scan.sh $$GITHUB_TOKEN $$OTHER_TOKEN\n    plugins:\n      - secrets#v2.5.0:\n          variables:\n            GITHUB_TOKEN: github_token\n  - key: bulk\n    command: ./bulk.sh $$ANY_TOKEN\n    plugins:\n      - secrets#v2.5.0:\n          env: llamas\n  - key: json\n    command: ./json.sh $$DB_PASSWORD\n    plugins:\n      - seek-oss/aws-sm#v2.3.2:\n          json-to-env:\n            - secret-id: prod/app\n";
    const unowned = (await run(text)).filter((f) => f.ruleId === "unowned-connector").map((f) => `${f.connector} ${/in job `([^`]+)`/.exec(f.message)?.[1]}`);
    assert.deepEqual(unowned.sort(), ["OTHER_TOKEN scan", "github_token scan", "llamas bulk", "prod/app json"]);
  });

  it("a `commands:` list is shell too: a secret in one of its lines becomes `$$NAME`", async () => {
    const text = `steps:\n  - label: deploy\n    commands:\n      - make\n      - ./deploy.sh --token ${value}\n`;
    const [finding] = (await run(text)).filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(applyEdits(text, finding.fixes[0].edits), text.replace(value, "$$$$TOKEN"));
  });

  it("a secret in a plugin's settings has no in-place fix either (the plugin would get the text `$NAME`)", async () => {
    const text = `steps:\n  - command: make\n    plugins:\n      - docker-login#v3:\n          password: ${value}\n`;
    const [finding] = (await run(text)).filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(finding.fixes, []);
  });

  it("a secret in a step's env has no in-place fix (it moves to `secrets:`); in a command it becomes `$$NAME`; cryptic ciphertext is no secret", async () => {
    const inEnv = (await run(`steps:\n  - command: make\n    env:\n      API_KEY: ${value}\n      SECRET_BLOB: ${"b3+/=;".repeat(60)}\n`)).filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(inEnv.map((f) => [f.message.slice(0, 46), f.fixes.length]), [["Hardcoded credential-like value under `API_KEY", 0]]);
    const text = `steps:\n  - command: ./deploy.sh --token ${value}\n`;
    const inCommand = (await run(text)).find((f) => f.ruleId === "hardcoded-secret")!;
    assert.equal(applyEdits(text, inCommand.fixes[0].edits), "steps:\n  - command: ./deploy.sh --token $$TOKEN\n");
  });
});

recognitionByContent(
  "buildkite",
  "ci/pipeline.yml",
  {
    "steps with an indented label": "steps:\n  - label: test\n    command: make\n",
    "a spaced dash and command": "steps:\n  -   command: make\n",
    "a plugin list under a step key": "steps:\n  - key: a\n    plugins:\n      - docker#v5: {}\n",
    "a wait step": "steps:\n  - wait: ~\n",
    "an `on:` or `jobs:` only nested in a step (not a workflow's)": "steps:\n  - label: test\n    command: make\n    env:\n      on: x\n",
  },
  {
    "steps nested under another key": "pipeline:\n  steps:\n    - label: test\n",
    "a label-like key": "steps:\n  - labels: test\n",
    "a command at the top level": "steps: []\ncommand: make\n",
    "a GitHub-looking file with steps": "on: push\nsteps:\n  - label: test\n",
    "a Cloud Build-looking file with a version": "version: 1\nsteps:\n  - label: x\n",
    "a version spaced before its colon": "version : 2\nsteps:\n  - label: x\n",
    "a steps-like key": "stepsx:\n  - label: test\n",
  },
);

recognitionByPath("buildkite", [".buildkite/pipeline.yml", "sub/.buildkite/deploy.yaml", "buildkite.yml", "ci/buildkite.yaml"], [".buildkite/pipeline.yml.bak", ".buildkite/hooks/sub/x.yml", "my-buildkite.yml", "buildkite.yml.bak"]);

describe("platform buildkite: what the agent sets, gates and the pipeline's env", () => {
  const value = new FakeSecrets(100).chars(40);
  const run = async (text: string) => (await lintFiles([{ path: ".buildkite/pipeline.yml", text }])).findings;

  it("BUILDKITE* and CI are the agent's; CI_TOKEN and a name that only contains BUILDKITE are connectors", async () => {
    const unowned = (await run("steps:\n  - command: ./x.sh $$BUILDKITE_AGENT_ACCESS_TOKEN $$CI $$CI_TOKEN $$MY_BUILDKITE_TOKEN\n")).filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector);
    assert.deepEqual(unowned, ["CI_TOKEN", "MY_BUILDKITE_TOKEN"]);
  });

  it("a block or input step, in either form, gates every step after it, not before", async () => {
    for (const gate of ["  - block: Deploy?\n", "  - block\n", "  - input: Why?\n", "  - input\n"]) {
      const text = `steps:\n  - label: before\n    command: ./deploy.sh $$PROD_DEPLOY_TOKEN\n${gate}  - label: after\n    command: ./deploy.sh $$PROD_DEPLOY_TOKEN\n`;
      const ungated = (await run(text)).filter((f) => f.ruleId === "ungated-privileged-job").map((f) => /job `([^`]+)`/.exec(f.message)?.[1]);
      assert.deepEqual(ungated, ["before"], gate);
    }
  });

  it("the pipeline's own env has no in-place fix either; ciphertext needs both the SECRET_ name and its 300-character shape", async () => {
    const long = new FakeSecrets(101).chars(320);
    const short = new FakeSecrets(102).chars(40);
    const findings = (await run(`env:\n  API_KEY: ${value}\n  API_TOKEN: ${long}\n  SECRET_API_KEY: ${short}\n  SECRET_SIGNING_KEY: ${long}\n  SECRET_DEPLOY_KEY: ${long}!\n  SECRET_SIGN_KEY: "_${long}"\nsteps:\n  - command: make\n`)).filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(
      findings.map((f) => [/under `(\w+)`/.exec(f.message)?.[1], f.fixes.length]),
      [
        ["API_KEY", 0],
        ["API_TOKEN", 0],
        ["SECRET_API_KEY", 0],
        ["SECRET_DEPLOY_KEY", 0],
        ["SECRET_SIGN_KEY", 0],
      ],
    );
  });
});
