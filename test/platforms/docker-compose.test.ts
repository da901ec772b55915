import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, recognitionByContent, recognitionByPath, validYaml } from "./suite.js";

const password = new FakeSecrets(36).password(20);
const compose = (environment: string) => `services:\n  api:\n    image: api:1\n    environment:\n${environment}    secrets:\n      - stripe_key\nsecrets:\n  stripe_key:\n    file: ./stripe.key\n`;

platformSuite({
  platform: "docker-compose",
  claims: [
    { path: "docker-compose.yml", text: "" },
    { path: "deploy/compose.prod.yaml", text: "" },
  ],
  leaves: [{ path: "k8s/svc.yaml", text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n" }],
  connectors: { path: "docker-compose.yml", text: compose(`      DB_PASSWORD: \${DB_PASSWORD}\n      LOG_LEVEL: info\n`), expected: ["DB_PASSWORD:secret", "stripe_key:secret"] },
  secret: { path: "docker-compose.yml", text: compose(`      - DB_PASSWORD=${password}\n`), value: password, fixed: compose(`      - DB_PASSWORD=\${DB_PASSWORD}\n`) },
  clean: [{ path: "docker-compose.yml", text: compose(`      POSTGRES_PASSWORD: postgres\n      DB_PASSWORD: \${DB_PASSWORD:?set it}\n`) }],
  validate: validYaml,
});

describe("platform docker-compose: interpolation as compose reads it", () => {
  it("`${VAR}`, `$VAR` and every modifier (`:-`, `-`, `:?`, `?`, `:+`, `+`) read a variable; `$$` is a literal dollar; an unclosed `${` reads nothing; each by its service", async () => {
    const text =
      "services:\n  api:\n    image: x\n    environment:\n      A: $$NOT_A_REF_TOKEN\n      B: ${DB_PASSWORD}\n      C: ${API_TOKEN:-}\n      D: ${SIGNING_KEY?required}\n      E: $PLAIN_SECRET\n      F: ${UNCLOSED_TOKEN\n      H: ${OPTIONAL_TOKEN+set}\n  worker:\n    image: y\n    environment:\n      G: \"${WORKER_TOKEN} and $${ESCAPED_TOKEN}\"\n";
    const result = await lintFiles([{ path: "docker-compose.yml", text }]);
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => `${f.connector} ${/in job `(\w+)`/.exec(f.message)?.[1]}`),
      ["DB_PASSWORD api", "API_TOKEN api", "SIGNING_KEY api", "PLAIN_SECRET api", "OPTIONAL_TOKEN api", "WORKER_TOKEN worker"],
    );
  });

  it("a YAML file with services and images is compose only when nothing else claims its top-level keys", () => {
    assert.equal(platformFor("deploy/stack.yml", "services:\n  web:\n    image: nginx\n").id, "docker-compose");
    assert.notEqual(platformFor("deploy/stack.yml", "services:\n  - web\n").id, "docker-compose");
    assert.notEqual(platformFor("deploy/stack.json", "services:\n  web:\n    image: nginx\n").id, "docker-compose");
  });
});

describe("platform docker-compose: a credential given as a variable's default", () => {
  it("`${VAR:-…}`, `${VAR-…}` is found; the fix removes the default (compose then reads the variable), and the YAML still parses", async () => {
    const text = compose(`      DB_PASSWORD: \${DB_PASSWORD:-${password}}\n      SIGNING_KEY: "\${SIGNING_KEY-${password}}"\n`);
    const found = (await lintFiles([{ path: "docker-compose.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(found.map((f) => text.slice(f.span.start, f.span.end)), [password, password]);
    assert.deepEqual(found.map((f) => f.fixes[0].title), ["Remove the default: ${DB_PASSWORD} is read from the environment", "Remove the default: ${SIGNING_KEY} is read from the environment"]);
    const fixed = applyEdits(text, found.flatMap((f) => f.fixes[0].edits));
    assert.ok(fixed.includes("DB_PASSWORD: ${DB_PASSWORD}\n") && fixed.includes('SIGNING_KEY: "${SIGNING_KEY}"\n'), fixed);
    validYaml(fixed);
  });

  it("a secret inside a default that goes on past it is replaced, not cut with the default (which would end the expansion wrong)", async () => {
    const github = `ghp_${new FakeSecrets(41).chars(36)}`;
    const text = compose(`      GH_TOKEN: "\${GH_TOKEN:-${github} old}"\n`);
    const found = (await lintFiles([{ path: "docker-compose.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(found.length, 1);
    assert.match(found[0].fixes[0].title, /^Replace with /);
  });
});

describe("platform docker-compose: what interpolation is not", () => {
  it("`$$$NAME` is a dollar then a variable; `$5` and `${}` read nothing; a name that is no credential is no connector; a value outside services is in no service", async () => {
    const token = new FakeSecrets(39).chars(32);
    const text = `x-defaults:\n  API_TOKEN: ${token}\nservices:\n  api:\n    image: app:\${TAG}\n    environment:\n      A: "costs $5 \${} $$$AFTER_ESCAPE_TOKEN"\n      B: \${HOME}/\${DEPLOY_KEY}\n`;
    const result = await lintFiles([{ path: "docker-compose.yml", text }]);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector), ["AFTER_ESCAPE_TOKEN", "DEPLOY_KEY"]);
    const secret = result.findings.find((f) => f.ruleId === "hardcoded-secret");
    assert.ok(secret);
    assert.doesNotMatch(secret.message, /in job/);
  });
});

describe("platform docker-compose: where each name and value sits", () => {
  it("each interpolated name is found at its own place, several to a value, nested defaults too; a name with a non-compose operator is none", async () => {
    const text = "services:\n  api:\n    image: x\n    environment:\n      A: \"${A_TOKEN:-a} ${B_TOKEN:-b\"\n      B: ${OUTER_TOKEN:-${INNER_TOKEN}}\n      C: x$SHORT_TOKEN\n      D: ${SLASH_TOKEN/x/y}\n";
    const refs = (await lintFiles([{ path: "docker-compose.yml", text }])).findings.filter((f) => f.ruleId === "unowned-connector");
    assert.deepEqual(
      refs.map((f) => f.connector),
      ["A_TOKEN", "OUTER_TOKEN", "INNER_TOKEN", "SHORT_TOKEN"],
    );
    for (const f of refs) assert.equal(text.slice(f.span.start, f.span.end), f.connector);
  });

  it("a `KEY=value` list item is a literal of KEY: the finding covers the value, the fix replaces only it", async () => {
    const value = new FakeSecrets(97).chars(36);
    const text = `services:\n  api:\n    image: x\n    environment:\n      - "API_TOKEN=${value}"\n      - PLAIN=1\n      - not an assignment ${value}x\n`;
    const [finding, ...others] = (await lintFiles([{ path: "docker-compose.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(text.slice(finding.span.start, finding.span.end), value);
    // (Quoted, the item reads as the assignment it is; the secret is named after KEY all the same.)
    assert.match(finding.message, /assigned to a variable.* in job `api`/);
    assert.equal(applyEdits(text, finding.fixes[0].edits).split("\n")[4], '      - "API_TOKEN=${API_TOKEN}"');
    assert.equal(others.length, 0, "a list item that is no assignment is no literal");
  });
});

describe("platform docker-compose: scripts, list items and names", () => {
  const value = new FakeSecrets(98).chars(36);
  const hardcoded = async (text: string) => (await lintFiles([{ path: "docker-compose.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
  it("`command` and `entrypoint` are shell: a token given as an option is found and becomes `${NAME}`", async () => {
    for (const key of ["command", "entrypoint"]) {
      const text = `services:\n  api:\n    image: x\n    ${key}: ./server --api-token ${value}\n`;
      const [finding] = await hardcoded(text);
      assert.ok(finding, key);
      assert.equal(applyEdits(text, finding.fixes[0].edits).split("\n")[3], `    ${key}: ./server --api-token \${API_TOKEN}`);
    }
  });

  it("only an `environment:` list item is split at `=`: not another list's, not a map value; the name must start the item", async () => {
    const text = 'services:\n  api:\n    image: x\n    labels:\n      - "API_TOKEN=abc"\n    environment:\n      NOTE: "API_TOKEN=abc"\n  b:\n    image: y\n    environment:\n      - "NOT VALID_TOKEN=abc"\n      - "X_TOKEN=abc"\n';
    const model = await platformFor("docker-compose.yml", text).buildModel("docker-compose.yml", text);
    assert.deepEqual(model.literals.map((l) => `${l.key}=${l.value}`), ["image=x", "NOTE=API_TOKEN=abc", "image=y", "X_TOKEN=abc"]);
  });

  it("an extension field's `environment:` list (shared by anchor) is split at `=` too", async () => {
    const text = `x-common: &common\n  environment:\n    - API_TOKEN=${value}\nservices:\n  api:\n    <<: *common\n    image: x\n`;
    const [finding] = await hardcoded(text);
    assert.equal(applyEdits(text, finding.fixes[0].edits).split("\n")[2], "    - API_TOKEN=${API_TOKEN}");
  });

  it("a list item's key names the secret it holds whole (a webhook URL under DEPLOY_HOOK is DEPLOY_HOOK, not the format's name)", async () => {
    const hook = `https://hooks.slack.com/services/T${new FakeSecrets(99).chars(8).toUpperCase()}/B${new FakeSecrets(100).chars(8).toUpperCase()}/${new FakeSecrets(101).chars(24)}`;
    const text = `services:\n  api:\n    image: x\n    environment:\n      - DEPLOY_HOOK=${hook}\n`;
    const [finding] = await hardcoded(text);
    assert.equal(applyEdits(text, finding.fixes[0].edits).split("\n")[4], "      - DEPLOY_HOOK=${DEPLOY_HOOK}");
  });
});

recognitionByContent(
  "docker-compose",
  "deploy/stack.yml",
  {
    "services with a build only, and a version key": "version: '3.8'\nservices:\n  web:\n    build: .\n",
    "services with an image": "services:\n  db:\n    image: postgres:16\n",
    "a spaced services key": "services :\n  db:\n    image: postgres:16\n",
  },
  {
    "services nested under another key": "app:\n  services:\n    web:\n      image: x\n",
    "an image at the top level only": "services: [a]\nimage: x\n",
    "a key that only starts with image": "services:\n  web:\n    imageName: x\n",
    "a GitHub workflow's jobs beside services": "jobs:\n  test:\n    runs-on: x\nservices:\n  db:\n    image: postgres\n",
    "a Kubernetes object with services": "apiVersion: v1\nservices:\n  web:\n    image: x\n",
    "a spaced jobs key beside services": "jobs :\n  test: {}\nservices:\n  db:\n    image: postgres\n",
    "a pipeline with services": "pipelines:\n  default: []\nservices:\n  db:\n    image: postgres\n",
  },
);

recognitionByPath("docker-compose", ["docker-compose.yml", "compose.yaml", "docker-compose.override.yml", "deploy/compose.prod.yaml"], ["my-compose.yml", "docker-compose.yml.bak", "compose.json", "docker-compose.md"]);
