// Files no platform claims: YAML and JSON still yield key-value literals; any other text file gets
// the text-wide scan only (linter-core/platforms/generic.ts).
import assert from "node:assert/strict";
import { platformById, platformFor } from "../../linter-core/platforms/index.js";
import { FakeSecrets, lintFiles } from "../helpers.js";

describe("platform fallbacks: YAML, JSON, text", () => {
  const value = new FakeSecrets(99).chars(36);

  it("by extension, in any case: .yml/.yaml are YAML, .json/.jsonc JSON, anything else text", () => {
    const ids = ["conf/app.yml", "conf/app.YAML", "conf/app.yml.bak", "conf/app.json", "conf/app.JSONC", "conf/app.json5", "conf/app.txt"].map((path) => platformFor(path, "a: 1").id);
    assert.deepEqual(ids, ["yaml", "yaml", "text", "json", "json", "text", "text"]);
  });

  it("a credential-like key's value is found in YAML (every document), JSON and plain text, with the key's name", async () => {
    const named = async (path: string, text: string) => (await lintFiles([{ path, text }])).findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => /under `([^`]+)`/.exec(f.message)?.[1]);
    assert.deepEqual(await named("conf/app.yml", `name: x\n---\ndb:\n  password: ${value}\n`), ["password"]);
    assert.deepEqual(await named("conf/app.json", `{"db": {"apiKey": "${value}"}}`), ["apiKey"]);
    // In plain text by the key-binding idiom (linter-core/secrets/scripts.ts), as gitleaks's generic rule reads it.
    assert.deepEqual(await named("conf/app.txt", `apiKey: ${value}\n`), ["apiKey"]);
  });

  it("a bare `Key` is named by its section (ASP.NET's `\"Jwt\": { \"Key\": … }`, a `stripe: { key: … }`); a cache's key, a list's and a top-level one are not credentials' names", async () => {
    const keys = async (path: string, text: string) =>
      (await lintFiles([{ path, text }])).findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => /under `([^`]+)`/.exec(f.message)?.[1]);
    assert.deepEqual(await keys("appsettings.json", `{ "Jwt": { "Key": "${value}", "Issuer": "app" }, "Cache": { "Key": "${value}" }, "Keys": ["${value}"] }`), ["Jwt.Key"]);
    assert.deepEqual(await keys("config/app.yaml", `stripe:\n  key: ${value}\ncache:\n  KEY: ${value}\nkey: ${value}\n`), ["stripe.key"]);
  });

  it("a section named for what it holds names each entry (`secrets: { mailgun: … }`, `\"ApiKeys\": { \"Stripe\": … }`); its other words and other sections' entries are not credentials' names", async () => {
    const found = async (path: string, text: string) =>
      (await lintFiles([{ path, text }])).findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => /under `([^`]+)`/.exec(f.message)?.[1]);
    const yaml = `secrets:\n  mailgun: ${value}\n  region: eu-west-1\ntokens:\n  SLACK: ${value}\nauth:\n  type: basic\n  github: ${value}\nservices:\n  mailgun: ${value}\nsecret:\n  other: ${value}\n`;
    assert.deepEqual(await found("config/values.yaml", yaml), ["mailgun_secret", "SLACK_TOKEN", "github_auth"]);
    assert.deepEqual(await found("appsettings.json", `{ "ApiKeys": { "Stripe": "${value}", "Enabled": "true" }, "Features": { "Stripe": "${value}" } }`), ["Stripe_ApiKey"]);
  });

  it("a value named beside it (a name/value pair) or by the parameter it defaults: Postman's headers and variables, an ECS task's env, ARM and CloudFormation parameters", async () => {
    const found = async (path: string, text: string) =>
      (await lintFiles([{ path, text }])).findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => /under `([^`]+)`/.exec(f.message)?.[1]);
    const postman = `{"item": [{"request": {"header": [{"key": "x-api-key", "value": "${value}", "type": "text"}, {"key": "Accept", "value": "${value}"}]}}], "variable": [{"key": "apiSecret", "value": "${value}"}]}`;
    assert.deepEqual(await found("api.postman_collection.json", postman), ["x-api-key", "apiSecret"]);
    assert.deepEqual(await found("task-definition.json", `{"containerDefinitions": [{"environment": [{"name": "DB_PASSWORD", "value": "${value}"}, {"name": "REGION", "value": "${value}"}]}]}`), ["DB_PASSWORD"]);
    assert.deepEqual(await found("azuredeploy.json", `{"parameters": {"adminPassword": {"type": "securestring", "defaultValue": "${value}"}, "location": {"type": "string", "defaultValue": "${value}"}}}`), ["adminPassword"]);
    assert.deepEqual(await found("azuredeploy.parameters.json", `{"parameters": {"sqlPassword": {"value": "${value}"}}}`), ["sqlPassword"]);
    assert.deepEqual(await found("template.yaml", `Parameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\n    Default: ${value}\n  Env:\n    Default: ${value}\n`), ["DBPassword"]);
    assert.deepEqual(await found("params.json", `[{"ParameterKey": "ApiToken", "ParameterValue": "${value}"}]`), ["ApiToken"], "CloudFormation's parameters file");
    assert.deepEqual(await found("steps.yml", `- name: Set the deploy token\n  value: ${value}\n`), [], "a sentence is no name");
  });

  it("every platform can be looked up by its id; an unknown id finds none", () => {
    for (const id of ["github-actions", "gitlab-ci", "azure-pipelines", "jenkins", "n8n", "yaml", "json", "text"]) assert.equal(platformById(id)?.id, id);
    assert.equal(platformById("nope"), undefined);
  });
});
