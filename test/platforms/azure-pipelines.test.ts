import assert from "node:assert/strict";
import { FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, validYaml } from "./suite.js";

const key = new FakeSecrets(32).chars(32);
const pipeline = (env: string) => `trigger: [main]\npool:\n  vmImage: ubuntu-latest\nvariables:\n  - group: prod-keyvault\n  - name: buildConfiguration\n    value: Release\nsteps:\n  - task: AzureCLI@2\n    inputs:\n      azureSubscription: prod-arm-connection\n      scriptType: bash\n      inlineScript: az deployment group create\n  - script: ./deploy.sh $(buildConfiguration)\n    env:\n${env}`;

platformSuite({
  platform: "azure-pipelines",
  claims: [
    { path: "azure-pipelines.yml", text: "" },
    { path: ".pipelines/templates/build.yml", text: "" },
    { path: "eng/steps.yml", text: "parameters:\n  - name: x\nsteps:\n  - ${{ if eq(parameters.x, true) }}:\n    - pwsh: ./x.ps1\n" },
  ],
  leaves: [
    { path: ".github/workflows/ci.yml", text: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n" },
    { path: ".gitlab-ci.yml", text: "trigger_job:\n  trigger: other\n  script: [x]\n" },
  ],
  connectors: {
    path: "azure-pipelines.yml",
    text: pipeline(`      NUGET_API_KEY: $(NuGetApiKey)\n      CONFIG: $(buildConfiguration)\n      BUILD: $(Build.BuildId)\n`),
    expected: ["prod-keyvault:secret", "prod-arm-connection:service-connection", "NuGetApiKey:secret"],
  },
  secret: { path: "azure-pipelines.yml", text: pipeline(`      NUGET_API_KEY: ${key}\n`), value: key, fixed: pipeline(`      NUGET_API_KEY: $(NUGET_API_KEY)\n`) },
  clean: [{ path: "azure-pipelines.yml", text: pipeline(`      NUGET_API_KEY: $(NuGetApiKey)\n      SYSTEM_ACCESSTOKEN: $(System.AccessToken)\n`) }],
  validate: validYaml,
});

describe("platform azure-pipelines: variables, groups, Key Vault and jobs in every shape", () => {
  const pipeline = `variables:\n  - name: Region\n    value: westeurope\n  - group: shared-secrets\nstages:\n  - stage: build\n    jobs:\n      - job: build\n        variables:\n          BuildToken: local\n        steps:\n          - checkout: self\n            persistCredentials: true\n          - task: AzureKeyVault@2\n            inputs:\n              azureSubscription: prod-arm\n              KeyVaultName: acme-prod-kv\n              SecretsFilter: '*'\n          - script: ./build.sh $(Region) $(BuildToken) $(NpmToken) $(System.AccessToken)\n      - deployment: web\n        environment:\n          name: production\n        strategy:\n          runOnce:\n            deploy:\n              steps:\n                - checkout: self\n                  persistCredentials: true\n                - script: ./deploy.sh $(DeployToken)\n`;
  const findings = async () => (await lintFiles([{ path: "azure-pipelines.yml", text: pipeline }])).findings;

  it("connectors: a group, a service connection, a Key Vault, and the secret macros the file does not define (`- name:` list or map)", async () => {
    const unowned = (await findings()).filter((f) => f.ruleId === "unowned-connector").map((f) => f.message.replace(/ has no record.*$/, ""));
    assert.deepEqual(unowned, ["secret `shared-secrets`", "service-connection `prod-arm` in job `build`", "secret `acme-prod-kv` in job `build`", "secret `NpmToken` in job `build`", "secret `DeployToken` in job `web`"]);
  });

  it("a group linked for the whole pipeline reaches every job; a checkout is named by its job, a deployment's too", async () => {
    const all = await findings();
    assert.deepEqual(all.filter((f) => f.ruleId === "broad-secret-scope").map((f) => f.message), ["`shared-secrets` is linked for the whole pipeline: all 2 jobs get it."]);
    assert.deepEqual(
      all.filter((f) => f.ruleId === "persisted-checkout-credential").map((f) => /^checkout in (job `\w+`, step `[^`]+`)/.exec(f.message)?.[1]),
      ["job `build`, step `checkout: self (step 1)`", "job `web`, step `checkout: self (step 1)`"],
    );
    // The deployment job runs in its environment (the gate): no ungated finding for DeployToken.
    assert.deepEqual(all.filter((f) => f.ruleId === "ungated-privileged-job").map((f) => f.message), []);
  });
});
