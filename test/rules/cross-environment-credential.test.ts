import { crossEnvironmentCredential } from "../../rules/cross-environment-credential.js";
import { at, INVENTORY_PATH, ruleTester } from "../helpers.js";
import { record } from "./inventory-fixtures.js";

// Two jobs of one file deploying with the same secret, to the environments given.
const github = (a: string, b: string) =>
  `name: deploy\non: push\njobs:\n  staging:\n    runs-on: ubuntu-latest\n    environment: ${a}\n    steps:\n      - run: ./deploy.sh\n        env:\n          TOKEN: \${{ secrets.DEPLOY_TOKEN }}\n  production:\n    runs-on: ubuntu-latest\n    environment: ${b}\n    steps:\n      - run: ./deploy.sh\n        env:\n          TOKEN: \${{ secrets.DEPLOY_TOKEN }}\n`;
// Azure: a variable group is one set of values whatever the environment (environments only gate).
const AZURE = "azure-pipelines.yml";
const azure = (a: string, b: string) =>
  `stages:\n  - stage: deploy\n    jobs:\n      - deployment: web_test\n        environment: ${a}\n        variables:\n          - group: web-deploy\n        strategy:\n          runOnce:\n            deploy:\n              steps:\n                - script: ./deploy.sh\n      - deployment: web_prod\n        environment: ${b}\n        variables:\n          - group: web-deploy\n        strategy:\n          runOnce:\n            deploy:\n              steps:\n                - script: ./deploy.sh\n`;
const both = record({ environments: "[production, staging]" });
const groupRecord = (environments: string) => record({ name: "web-deploy", environments });

ruleTester(crossEnvironmentCredential, {
  valid: [
    { name: "GitHub: one name, environment secrets (a value per environment)", code: github("staging", "production") },
    { name: "Azure: a group used by test jobs only", path: AZURE, code: azure("web-test", "web-qa") },
    { name: "Azure: a group used by two production environments", path: AZURE, code: azure("production", "production-eu") },
    { name: "jobs without an environment say nothing", path: AZURE, code: azure("production", "staging").replace(/        environment: .*\n/g, "") },
    { name: "the record allows both environments used (its own finding is on the inventory)", code: github("staging", "production"), inventory: record({ environments: "[production, staging]" }) },
    { name: "jobs without an environment, and a workflow-level binding, with a record naming environments", code: github("staging", "production").replace(/    environment: .*\n/g, "").replace("jobs:", "env:\n  SHARED: ${{ secrets.DEPLOY_TOKEN }}\njobs:"), inventory: record({ environments: "[production]" }) },
    {
      name: "Azure: the pipeline's own System.AccessToken in production and staging jobs (issued per run, not a stored credential)",
      path: AZURE,
      code: azure("staging", "production").replace(/        variables:\n          - group: web-deploy\n/g, "").replace(/\.\/deploy\.sh/g, "./deploy.sh --token $(System.AccessToken)"),
    },
    { name: "the record allows the environment used", code: github("production", "production"), inventory: record({ environments: "[production]" }) },
    { name: "a record naming environments of one tier", path: INVENTORY_PATH, code: record({ environments: "[staging, qa]" }) },
  ],
  invalid: [
    {
      name: "Azure: one variable group for production and staging",
      path: AZURE,
      code: azure("staging", "production"),
      errors: [{ ...at(azure("staging", "production"), "web-deploy"), message: /^`web-deploy` is used for production \(job `web_prod`, environment `production`\) and for `staging` \(job `web_test`\)/ }],
    },
    { name: "a use outside the record's environments", code: github("staging", "production"), inventory: record({ environments: "[production]" }), errors: [{ ...at(github("staging", "production"), "DEPLOY_TOKEN"), message: /^secret `DEPLOY_TOKEN` is recorded for production, but job `staging` uses it in environment `staging` \(owner @acme\/platform\)/ }] },
    {
      name: "a use outside a record of two environments and no owner: both named, and who is missing",
      code: github("staging", "production"),
      inventory: record({ environments: "[production, production-eu]", owner: undefined }),
      errors: [{ ...at(github("staging", "production"), "DEPLOY_TOKEN"), message: /^secret `DEPLOY_TOKEN` is recorded for production, production-eu, but job `staging` uses it in environment `staging` \(no owner\)\.$/ }],
    },
    { name: "a record serving production and non-production", path: INVENTORY_PATH, code: both, errors: [{ ...at(both, "[production, staging]"), message: /^`DEPLOY_TOKEN` serves production and non-production \(production, staging\)/ }] },
    { name: "Azure: the record's environments decide, not the names' tiers", path: AZURE, code: azure("web-test", "production"), inventory: groupRecord("[production]"), errors: [{ ...at(azure("web-test", "production"), "web-deploy"), message: /recorded for production, but job `web_test` uses it in environment `web-test`/ }] },
  ],
});
