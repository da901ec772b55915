// Shapes from ../shared/corpus/cloud-build (GoogleCloudPlatform/cloud-builders-community examples:
// availableSecrets + secretEnv, KMS `secrets:`), cut down.
import { FakeSecrets } from "../helpers.js";
import { platformSuite, validYaml } from "./suite.js";

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
