import { FakeSecrets } from "../helpers.js";
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
