import { FakeSecrets } from "../helpers.js";
import { platformSuite, validYaml } from "./suite.js";

const key = new FakeSecrets(31).chars(32);
const pipeline = (deploy: string) => `stages: [test, deploy]\nvariables:\n  APP_TOKEN_NAME: web\ndeploy:\n  stage: deploy\n  image: alpine\n  id_tokens:\n    VAULT_ID_TOKEN:\n      aud: https://vault.example.com\n  secrets:\n    DATABASE_PASSWORD:\n      vault: production/db/password@ops\n  script:\n${deploy}`;

platformSuite({
  platform: "gitlab-ci",
  claims: [
    { path: ".gitlab-ci.yml", text: "" },
    { path: "ci/templates/deploy.gitlab-ci.yml", text: "" },
    { path: "pipelines/ci.yml", text: "stages: [build]\nbuild:\n  script:\n    - make\n" },
  ],
  leaves: [
    { path: ".github/workflows/ci.yml", text: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n" },
    { path: "config.yml", text: "name: x\nvalues:\n  a: 1\n" },
  ],
  connectors: {
    path: ".gitlab-ci.yml",
    text: pipeline(`    - 'curl -H "PRIVATE-TOKEN: $DEPLOY_TOKEN" "$CI_API_V4_URL/projects"'\n    - echo $APP_TOKEN_NAME in $PWD\n`),
    expected: ["DATABASE_PASSWORD:secret", "DEPLOY_TOKEN:secret"],
  },
  secret: {
    path: ".gitlab-ci.yml",
    text: pipeline(`    - 'curl -H "Authorization: Bearer ${key}" https://api.example.com'\n`),
    value: key,
    fixed: pipeline(`    - 'curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com'\n`),
  },
  clean: [{ path: ".gitlab-ci.yml", text: pipeline(`    - docker login -u "$CI_REGISTRY_USER" -p "$CI_REGISTRY_PASSWORD" "$CI_REGISTRY"\n    - !reference [.setup, script]\n`) }],
  validate: validYaml,
});
