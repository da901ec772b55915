// Shapes from ../shared/corpus/buildkite (buildkite/agent-stack-k8s: step `secrets:` maps;
// JuliaGPU/CUDA.jl: cryptic `SECRET_*` ciphertext), cut down.
import { FakeSecrets } from "../helpers.js";
import { platformSuite, validYaml } from "./suite.js";

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
