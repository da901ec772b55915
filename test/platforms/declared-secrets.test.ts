// Where a pipeline declares the secrets it reads, each declaration is a connector, named as the
// inventory records it; values that only look like declarations stay literals. Shapes after
// ../shared/corpus (aws-codebuild, cloud-build, buildkite), cut down.
import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { FakeSecrets, lintFiles } from "../helpers.js";

async function modelOf(path: string, text: string) {
  const platform = platformFor(path, text)!;
  const model = await platform.buildModel(path, text);
  return {
    platform: platform.id,
    literals: model.literals.map((l) => l.path.join("/")),
    refs: model.connectorRefs.map((r) => `${r.kind} ${r.name}${r.scope.job ? ` in ${r.scope.job}` : r.scope.step ? ` in ${r.scope.step}` : ""}`),
    jobs: model.jobs.map((j) => `${j.id}${j.approvalGate ? " (after an approval)" : ""}`),
  };
}

describe("declared secrets: each platform's declarations are its connectors", () => {
  it("CodeBuild: a Secrets Manager id (before `:json-key`), an ARN's secret name (less the six characters AWS appends), credential-named parameters; a pasted value stays a literal", async () => {
    const text = 'version: 0.2\nenv:\n  variables:\n    PLAIN: x\n    VAR_TOKEN: "not-read-here"\n  secrets-manager:\n    SPACED: " prod/spaced "\n    NOT_A_SECRET_ARN: "arn:aws:ssm:us-east-1:1:parameter/x"\n    NESTED:\n      a: b\n    DB_PASS: "prod/db:password"\n    API: "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod-database-AbCdEf:key::"\n    PASTED: "p@ss!word"\n  parameter-store:\n    TOKEN_PARAM: /ci/npm-token\n    REGION: /ci/region\n    NAMED: /ci/github_token\n    DB_CONN: /prod/db/password\n    PASTED_TOKEN: "p@ss!word"\n    PASTED_KEY: "p@ss=w0rd+Xk9v"\nphases:\n  install:\n    commands:\n      - npm ci\n  build:\n    commands:\n      - ./deploy.sh $DB_PASS $TOKEN_PARAM $PLAIN $VAR_TOKEN $UNDEFINED_TOKEN\n';
    const model = await modelOf("buildspec.yml", text);
    assert.equal(model.platform, "aws-codebuild");
    assert.deepEqual(model.refs, ["secret prod/spaced", "secret prod/db", "secret prod-database", "secret /ci/npm-token", "secret /ci/github_token", "secret /prod/db/password", "secret UNDEFINED_TOKEN in build"]);
    assert.deepEqual(model.literals, ["version", "env/variables/PLAIN", "env/variables/VAR_TOKEN", "env/secrets-manager/PASTED", "env/parameter-store/PASTED_TOKEN", "env/parameter-store/PASTED_KEY", "phases/install/commands/0", "phases/build/commands/0"]);
    // A secret under `variables:` is judged, in no phase.
    const value = new FakeSecrets(77).chars(40);
    const [finding] = (await lintFiles([{ path: "buildspec.yml", text: `version: 0.2\nenv:\n  variables:\n    API_TOKEN: ${value}\nphases:\n  build:\n    commands:\n      - make\n` }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.match(finding.message, /under `API_TOKEN`/);
    assert.doesNotMatch(finding.message, /in job/);
    assert.deepEqual(model.jobs, ["install", "build"]);
  });

  it("Cloud Build: Secret Manager env names, KMS-encrypted names (their ciphertext is no literal), the service account by its e-mail; undeclared `$$NAME` in a script", async () => {
    const text =
      'steps:\n  - name: gcr.io/cloud-builders/docker\n    id: build\n    args: ["build", "."]\n  - name: gcr.io/cloud-builders/gcloud\n    entrypoint: bash\n    args: ["-c", "deploy --token $$DEPLOY_TOKEN --npm $$NPM_TOKEN --gh $$GH_TOKEN $$PROJECT_ID"]\n    secretEnv: [DEPLOY_TOKEN, NPM_TOKEN]\n  - name: ubuntu\n    script: echo $$UNDECLARED_TOKEN\n' +
      "availableSecrets:\n  secretManager:\n    - versionName: projects/p/secrets/deploy/versions/latest\n      env: DEPLOY_TOKEN\n  inline:\n    - kmsKeyName: projects/p/locations/global/keyRings/r/cryptoKeys/k\n      envMap:\n        NPM_TOKEN: CiQAbase64ciphertext==\nsecrets:\n  - kmsKeyName: projects/p/locations/global/keyRings/r/cryptoKeys/k\n    secretEnv:\n      GH_TOKEN: CiQAothercipher==\nserviceAccount: projects/p/serviceAccounts/builder@p.iam.gserviceaccount.com\n";
    const model = await modelOf("cloudbuild.yaml", text);
    assert.equal(model.platform, "cloud-build");
    assert.deepEqual(model.refs, ["secret DEPLOY_TOKEN", "secret NPM_TOKEN", "secret GH_TOKEN", "service-account builder@p.iam.gserviceaccount.com", "secret UNDECLARED_TOKEN in ubuntu (step 3)"]);
    assert.deepEqual(model.literals.filter((l) => /^(availableSecrets|secrets)\//.test(l)), ["availableSecrets/secretManager/0/versionName", "availableSecrets/secretManager/0/env", "availableSecrets/inline/0/kmsKeyName", "secrets/0/kmsKeyName"]);
    assert.deepEqual(model.jobs, ["build", "gcr.io/cloud-builders/gcloud (step 2)", "ubuntu (step 3)"]);
  });

  it("Buildkite: a step's `secrets:` (map or list) and a secrets plugin's `env:`; steps after a `block` wait for a person", async () => {
    const text =
      'steps:\n  - label: test\n    command: make test\n    env:\n      MODE: fast\n    plugins:\n      - seek-oss/aws-sm#v2.3.2:\n          env:\n            JSON_ONLY:\n              json-key: .x\n  - block: "Release?"\n  - label: deploy\n    command: ./deploy.sh $$DEPLOY_TOKEN $$API_TOKEN $$LOOSE_TOKEN\n    secrets:\n      DEPLOY_TOKEN: deploy_token\n    plugins:\n      - seek-oss/aws-sm#v2.3.2:\n          env:\n            API_TOKEN: prod/api\n      - docker#v5:\n          env:\n            NOT_SECRET: x\n  - key: listed\n    command: ./x.sh $$LIST_TOKEN\n    secrets: [LIST_TOKEN]\n';
    const model = await modelOf(".buildkite/pipeline.yml", text);
    assert.deepEqual(model.refs, ["secret deploy_token in deploy", "secret prod/api in deploy", "secret LIST_TOKEN in listed", "secret LOOSE_TOKEN in deploy"]);
    assert.deepEqual(model.jobs, ["test", "step 2 (after an approval)", "deploy (after an approval)", "listed (after an approval)"]);
  });

  it("Buildkite: only `SECRET_*` values of 300+ base64 characters are the cryptic hook's ciphertext (block scalars too); another key's long value is judged", async () => {
    const cipher = `${new FakeSecrets(5).chars(170)};${new FakeSecrets(6).chars(180)}`;
    const found = async (env: string) => (await lintFiles([{ path: ".buildkite/pipeline.yml", text: `env:\n${env}steps:\n  - label: docs\n    command: make docs\n` }])).findings.filter((f) => f.ruleId === "hardcoded-secret").length;
    assert.equal(await found(`  SECRET_GITHUB_TOKEN: "${cipher}"\n`), 0);
    assert.equal(await found(`  SECRET_GITHUB_TOKEN: |\n    ${cipher}\n`), 0);
    assert.equal(await found(`  MY_SECRET_TOKEN: "${cipher}"\n`), 1);
  });
});
