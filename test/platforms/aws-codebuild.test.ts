import assert from "node:assert/strict";
// Shapes from ../shared/corpus/aws-codebuild (aws/aws-encryption-sdk-* release buildspecs:
// secrets-manager `id:json-key`, parameter-store), cut down.
import { FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, recognitionByContent, recognitionByPath, validYaml } from "./suite.js";

const token = new FakeSecrets(38).chars(40);
const spec = (command: string, variables = "    NODE_ENV: production\n") =>
  `version: 0.2\nenv:\n  variables:\n${variables}  secrets-manager:\n    TWINE_USERNAME: PyPiAPIToken:username\n    TWINE_PASSWORD: PyPiAPIToken:password\n  parameter-store:\n    ACCOUNT: /CodeBuild/AccountId\n    SIGNING_KEY: /ci/signing-key\nphases:\n  build:\n    commands:\n      - ${command}\n`;

platformSuite({
  platform: "aws-codebuild",
  claims: [
    { path: "buildspec.yml", text: "" },
    { path: "buildspec-release.yaml", text: "" },
    { path: "codebuild/release/prod-release.yml", text: spec("make release") },
    { path: "ci/extract.yml", text: "version: 0.2\n\nenv:\n  git-credential-helper: yes\nartifacts:\n  files:\n    - out/*\n" },
  ],
  leaves: [
    { path: "docker-compose.yml", text: "version: '3.8'\nservices:\n  web:\n    image: nginx\n" },
    { path: "config.yml", text: "version: 0.2\nname: not a buildspec\n" },
  ],
  connectors: { path: "buildspec.yml", text: spec("twine upload -u $TWINE_USERNAME -p $TWINE_PASSWORD --token $CODECOV_TOKEN $CODEBUILD_BUILD_ID"), expected: ["PyPiAPIToken:secret", "/ci/signing-key:secret", "CODECOV_TOKEN:secret"] },
  secret: { path: "buildspec.yml", text: spec(`curl -H "Authorization: Bearer ${token}" https://api.example.com`), value: token, fixed: spec('curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com') },
  clean: [
    { path: "buildspec.yml", text: spec("twine upload -p $TWINE_PASSWORD dist/*") },
    { path: "buildspec.yml", text: spec("make", "    TWINE_REPOSITORY_URL: https://test.pypi.org/legacy/\n    PASSWORD_FILE: /run/secrets/pw\n") },
  ],
  validate: validYaml,
});

describe("AWS CodeBuild: a secret pasted where a Secrets Manager or Parameter Store name belongs (found by the fuzz test)", () => {
  const fake = new FakeSecrets(2026);
  const password = `Zq8v${fake.chars(10)}!7`;
  const pat = `ghp_${fake.chars(36)}`;
  const buildspec = `version: 0.2\nenv:\n  secrets-manager:\n    DB_PASSWORD: "${password}"\n    GH_TOKEN: ${pat}\n    API_KEY: prod/api:key\n  parameter-store:\n    DEPLOY_PASSWORD: "${password}x"\nphases:\n  build:\n    commands:\n      - make\n`;
  it("is a hardcoded secret, never a connector: no output holds it", async () => {
    const result = await lintFiles([{ path: "buildspec.yml", text: buildspec }], { wholeWorkspace: true });
    const secrets = result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => buildspec.slice(f.span.start, f.span.end));
    assert.deepEqual(secrets, [password, pat, `${password}x`]);
    assert.deepEqual(result.models[0].model.connectorRefs.map((r) => r.name), ["prod/api"]);
    const out = JSON.stringify([result.findings, result.suppressed, result.models.map((m) => m.model.connectorRefs)]);
    for (const secret of [password, pat]) assert.ok(!out.includes(secret.slice(4)), "a finding or a connector holds the secret");
  });
});

describe("platform aws-codebuild: env sections and phases", () => {
  it("Secrets Manager ids (before any json-key), full ARNs (without the random suffix) and Parameter Store names are connectors; `finally` commands are scripts", async () => {
    const text = "version: 0.2\nenv:\n  secrets-manager:\n    DB_PASSWORD: prod/db:password\n    API_SECRET: arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-AbCdEf:key\n  parameter-store:\n    SIGNING_KEY: /prod/signing-key\nphases:\n  build:\n    commands:\n      - ./build.sh $DB_PASSWORD\n    finally:\n      - ./cleanup.sh $CLEANUP_TOKEN\n";
    const unowned = (await lintFiles([{ path: "buildspec.yml", text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.message.replace(/ has no record.*$/, ""));
    assert.deepEqual(unowned, ["secret `prod/db`", "secret `prod/api`", "secret `/prod/signing-key`", "secret `CLEANUP_TOKEN` in job `build`"]);
  });

  it("a secret pasted into env.variables is found with no in-place fix (it moves to secrets-manager, as the steps say)", async () => {
    const value = new FakeSecrets(92).chars(40);
    const secret = (await lintFiles([{ path: "buildspec.yml", text: `version: 0.2\nenv:\n  variables:\n    API_TOKEN: ${value}\nphases:\n  build:\n    commands:\n      - make\n` }])).findings.find((f) => f.ruleId === "hardcoded-secret");
    assert.ok(secret);
    assert.deepEqual(secret.fixes, []);
  });
});

recognitionByContent(
  "aws-codebuild",
  "ci/build.yml",
  {
    "version 0.2 and phases": "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n",
    'a quoted "0.1" and env': 'version: "0.1"\nenv:\n  variables:\n    STAGE: prod\n',
    "a spaced version and artifacts": "version:   0.2\nartifacts:\n  files: ['**/*']\n",
    "batch": "version: 0.2\nbatch:\n  fast-fail: true\n",
    "reports": "version: 0.2\nreports:\n  junit:\n    files: [report.xml]\n",
    "a version spaced before its colon": "version : 0.2\nphases:\n  build:\n    commands:\n      - make\n",
  },
  {
    "a version that is not a buildspec's": "version: 0.3\nphases:\n  build:\n    commands: [make]\n",
    "a nested version": "app:\n  version: 0.2\nenv:\n  STAGE: prod\n",
    "buildspec keys that are not top-level": "version: 0.2\nbuild:\n  phases: [a]\n",
    "an environment key, not env": "version: 0.2\nenvironment: prod\n",
  },
);

recognitionByPath("aws-codebuild", ["buildspec.yml", "ci/buildspec.yaml", "buildspec_test.yml", "buildspec.release.yaml"], ["buildspec.yml.bak", "my-buildspec.yml", "buildspec.json", "docs/buildspec.md"]);

describe("platform aws-codebuild: variables CodeBuild sets, and where a fix may replace a value", () => {
  const value = new FakeSecrets(96).chars(36);

  it("CodeBuild's own variables are no connectors; names that only start or end like them are", async () => {
    const text = "version: 0.2\nphases:\n  build:\n    commands:\n      - ./x.sh $CODEBUILD_BUILD_ID $AWS_REGION $AWS_DEFAULT_REGION $AWS_CONTAINER_CREDENTIALS_RELATIVE_URI $MY_CODEBUILD_TOKEN $AWS_REGION_TOKEN $AWS_DEFAULT_REGION_SECRET\n";
    const unowned = (await lintFiles([{ path: "buildspec.yml", text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => /`([^`]+)`/.exec(f.message)![1]);
    assert.deepEqual(unowned, ["MY_CODEBUILD_TOKEN", "AWS_REGION_TOKEN", "AWS_DEFAULT_REGION_SECRET"]);
  });

  it("a value pasted into any env section (the build's secrets-manager, a batch build's variables) gets no in-place fix; one in commands does", async () => {
    const text = `version: 0.2\nenv:\n  secrets-manager:\n    DB_PASSWORD: "Pa55!${value}"\nbatch:\n  build-list:\n    - identifier: linux\n      env:\n        variables:\n          API_TOKEN: ${value}x\nphases:\n  build:\n    commands:\n      - ./deploy.sh --token ${value}y\n`;
    const findings = (await lintFiles([{ path: "buildspec.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(
      findings.map((f) => [/in job `(\w+)`/.exec(f.message)?.[1] ?? "", f.fixes.length]),
      [
        ["", 0],
        ["batch", 0],
        ["build", 1],
      ],
    );
    assert.equal(findings[2].fixes[0].edits[0].text, "$TOKEN");
  });
});

describe("platform aws-codebuild: a store's name is a reference, however random it looks", () => {
  const random = new FakeSecrets(97).chars(24);
  it("Secrets Manager ids and Parameter Store names are never reported as secrets; a parameter is a connector by its key's name or its own", async () => {
    const text = `version: 0.2\nenv:\n  secrets-manager:\n    DB_PASSWORD: "ci/${random}:password"\n  parameter-store:\n    SIGNING_KEY: /ci/${random}\n    CONFIG: /prod/api-token\n    REGION: /prod/region\nphases:\n  build:\n    commands:\n      - make\n`;
    const result = await lintFiles([{ path: "buildspec.yml", text }]);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.message), []);
    assert.deepEqual(result.models[0].model.connectorRefs.map((r) => `${r.name}:${r.kind}`), [`ci/${random}:secret`, `/ci/${random}:secret`, "/prod/api-token:secret"]);
  });
});
