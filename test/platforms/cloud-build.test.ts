// Shapes from ../shared/corpus/cloud-build (GoogleCloudPlatform/cloud-builders-community examples:
// availableSecrets + secretEnv, KMS `secrets:`), cut down.
import assert from "node:assert/strict";
import { FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, recognitionByContent, recognitionByPath, validYaml } from "./suite.js";

const token = new FakeSecrets(36).chars(40);
const build = (script: string) =>
  `steps:\n  - name: gcr.io/cloud-builders/gcloud\n    id: deploy\n    entrypoint: bash\n    secretEnv: [DEPLOY_TOKEN]\n    args:\n      - -c\n      - ${script}\navailableSecrets:\n  secretManager:\n    - versionName: projects/$PROJECT_ID/secrets/deploy-token/versions/latest\n      env: DEPLOY_TOKEN\nserviceAccount: projects/acme/serviceAccounts/builder@acme.iam.gserviceaccount.com\n`;
// KMS ciphertext is made to be committed: not a secret to report.
const kms = `steps:\n  - name: gcr.io/cloud-builders/docker\n    entrypoint: bash\n    args: ['-c', 'docker login --username=bot --password=$$PASSWORD']\n    secretEnv: ['PASSWORD']\nsecrets:\n  - kmsKeyName: projects/acme/locations/global/keyRings/ci/cryptoKeys/docker\n    secretEnv:\n      PASSWORD: CiQA${new FakeSecrets(37).chars(120)}\n`;

platformSuite({
  platform: "cloud-build",
  claims: [
    { path: "cloudbuild.yaml", text: "" },
    { path: "deploy/prod.cloudbuild.yaml", text: "" },
    { path: "cloudbuild-staging.yaml", text: "" },
    { path: "ci/build.yaml", text: build("./deploy.sh") },
  ],
  leaves: [
    { path: ".github/workflows/ci.yml", text: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n" },
    { path: "k8s/pod.yaml", text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: gcr.io/acme/a\n" },
  ],
  connectors: { path: "cloudbuild.yaml", text: build("./deploy.sh --token $$DEPLOY_TOKEN --api $$FASTLY_API_TOKEN $PROJECT_ID"), expected: ["FASTLY_API_TOKEN:secret", "DEPLOY_TOKEN:secret", "builder@acme.iam.gserviceaccount.com:service-account"] },
  secret: { path: "cloudbuild.yaml", text: build(`./deploy.sh --token ${token}`), value: token, fixed: build("./deploy.sh --token $$TOKEN") },
  clean: [
    { path: "cloudbuild.yaml", text: build("./deploy.sh --token $$DEPLOY_TOKEN") },
    { path: "cloudbuild.yaml", text: kms },
  ],
  validate: validYaml,
});

describe("platform cloud-build: secrets, service accounts and steps in every shape", () => {
  const unowned = async (text: string) => (await lintFiles([{ path: "cloudbuild.yaml", text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.message.replace(/ has no record.*$/, ""));

  it("`availableSecrets.inline` (KMS) env names are connectors; their ciphertext is no finding", async () => {
    const ciphertext = "CiQAz9Nwh6vY2kWq3pT8mX1nR5sL7bD4fH0jK2gV6cE9aU3iO8yZ1xQ4wP7tM5rN2sK8vB3hJ6fD9gL1zA4cX7vB0nM3qW6eR9tY2uI5oP8aS1dF4gH7jK0lZ3xC6vB9nM2qW5eR8tY1uI4oP7aS0dF3gH6jK9lZ2xC5vB8nM1qW4eR7tY0uI3oP6aS9dF2gH5jK8lZ1xC4vB7nM0qW3eR6tY9uI2oP5aS8dF1gH4jK7lZ0xC3vB6nM9q";
    const text = `steps:\n  - name: node\n    entrypoint: npm\n    args: [publish]\n    secretEnv: [NPM_TOKEN]\navailableSecrets:\n  inline:\n    - kmsKeyName: projects/acme/locations/global/keyRings/ci/cryptoKeys/npm\n      envMap:\n        NPM_TOKEN: ${ciphertext}\n`;
    const result = await lintFiles([{ path: "cloudbuild.yaml", text }]);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.message), []);
    assert.deepEqual(await unowned(text), ["secret `NPM_TOKEN`"]);
  });

  it("the build's service account, by its e-mail from a full resource name; none when it is a substitution", async () => {
    const build = (account: string) => `steps:\n  - name: gcr.io/cloud-builders/gcloud\n    args: [run, deploy]\nserviceAccount: ${account}\n`;
    assert.deepEqual(await unowned(build("projects/acme/serviceAccounts/deployer@acme.iam.gserviceaccount.com")), ["service-account `deployer@acme.iam.gserviceaccount.com`"]);
    assert.deepEqual(await unowned(build("$_DEPLOY_SA")), []);
  });

  it("user substitutions ($_NAME) and built-ins are no connectors; a step is named by its id, else its builder and place", async () => {
    const text = "steps:\n  - name: gcr.io/cloud-builders/docker\n    entrypoint: bash\n    args: ['-c', './push.sh $_REGISTRY_TOKEN $PROJECT_ID $$REGISTRY_TOKEN']\n  - name: gcr.io/cloud-builders/gcloud\n    id: deploy\n    entrypoint: bash\n    args: ['-c', './deploy.sh $$DEPLOY_TOKEN $$SERVICE_ACCOUNT_KEY']\n";
    // (A name that only starts like a built-in, SERVICE_ACCOUNT_KEY, is no built-in.)
    assert.deepEqual(await unowned(text), ["secret `REGISTRY_TOKEN` in step `gcr.io/cloud-builders/docker (step 1)`", "secret `DEPLOY_TOKEN` in step `deploy`", "secret `SERVICE_ACCOUNT_KEY` in step `deploy`"]);
  });
});

describe("platform cloud-build: the KMS `secrets:` list, steps as jobs, values outside steps", () => {
  it("names each legacy KMS secret once as a connector (its ciphertext no finding); each step is a job; a value in substitutions is in no step", async () => {
    const result = await lintFiles([{ path: "cloudbuild.yaml", text: kms }]);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "hardcoded-secret"), []);
    assert.deepEqual(result.models[0].model.connectorRefs.map((r) => r.name), ["PASSWORD"]);
    const steps = `steps:
  - name: gcr.io/cloud-builders/docker
    args: [build, .]
  - name: gcr.io/cloud-builders/gcloud
    id: deploy
    args: [run, deploy]
substitutions:
  _API_TOKEN: ${token}
`;
    const stepped = await lintFiles([{ path: "cloudbuild.yaml", text: steps }]);
    assert.deepEqual(stepped.models[0].model.jobs.map((job) => job.id), ["gcr.io/cloud-builders/docker (step 1)", "deploy"]);
    const secret = stepped.findings.find((f) => f.ruleId === "hardcoded-secret");
    assert.ok(secret);
    assert.doesNotMatch(secret.message, /step/);
  });
});

recognitionByContent(
  "cloud-build",
  "ci/build.yaml",
  {
    "a top-level builder from gcr.io and images": "steps:\n- name: gcr.io/cloud-builders/docker\n  args: [build, .]\nimages: [gcr.io/acme/app]\n",
    "an indented, quoted builder from a regional registry and a timeout": "steps:\n  - name: 'us-docker.pkg.dev/acme/tools/builder'\n    args: [make]\ntimeout: 600s\n",
    "a double-quoted builder from a gcr.io mirror and options": 'steps:\n  -  name:  "mirror.gcr.io/library/node"\n    args: [npm, test]\noptions:\n  logging: CLOUD_LOGGING_ONLY\n',
    "a Docker Hub builder by its registry host and substitutions": "steps:\n  - name: registry-1.docker.io/library/node\nsubstitutions:\n  _ENV: prod\n",
    "steps spaced before the colon, and a service account": "steps :\n  - name: gcr.io/cloud-builders/docker\n    args: [build, .]\nserviceAccount: projects/p/serviceAccounts/b@p.iam.gserviceaccount.com\n",
    "a timeout spaced before its colon": "steps:\n  - name: gcr.io/cloud-builders/docker\ntimeout : 600s\n",
  },
  {
    "a builder without a registry host": "steps:\n  - name: node:20\ntimeout: 600s\n",
    "steps that are not top-level": "build:\n  steps:\n    - name: gcr.io/cloud-builders/docker\nimages: [a]\n",
    "no top-level Cloud Build key besides steps": "steps:\n  - name: gcr.io/cloud-builders/docker\n    timeout: 60s\n",
    "a key that only starts like one": "steps:\n  - name: gcr.io/cloud-builders/docker\nimagesToPush: [a]\n",
    "a registry named in a comment only": "steps:\n  - run: make # like name: gcr.io/x\nimages: [a]\n",
  },
);

recognitionByPath(
  "cloud-build",
  ["cloudbuild.yaml", "cloudbuild.yml", "deploy/prod.cloudbuild.yaml", "release-cloudbuild.yml", "cloudbuild_test.yaml", "cloudbuild-staging.yaml"],
  ["cloudbuild.yaml.bak", "mycloudbuild.yaml", "docs/cloudbuild.md", "cloudbuilder.yaml"],
);

describe("platform cloud-build: where `$$NAME` can stand", () => {
  it("a secret pasted as a substitution gets no edit (Cloud Build expands no `$$NAME` there); in a step's args it becomes `$$NAME`", async () => {
    const secret = new FakeSecrets(66).chars(32);
    const text = `steps:\n  - name: gcr.io/cloud-builders/gcloud\n    entrypoint: bash\n    args: ["-c", "./deploy.sh --token ${secret}x"]\nsubstitutions:\n  _DEPLOY_TOKEN: ${secret}\n`;
    const findings = (await lintFiles([{ path: "cloudbuild.yaml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(findings.length, 2);
    assert.match(findings[0].fixes[0].edits[0].text, /^\$\$[A-Z_]+$/);
    assert.deepEqual(findings[1].fixes, []);
  });
});
