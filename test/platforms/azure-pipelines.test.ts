import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, recognitionByContent, recognitionByPath, validYaml } from "./suite.js";

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

recognitionByContent(
  "azure-pipelines",
  "ci/build.yml",
  // Each file carries one Azure signal only.
  {
    "a task at the top level of a steps template": "steps:\n- task: Docker@2\n  inputs:\n    command: build\n",
    "an indented task": "jobs:\n  - job: a\n    steps:\n      - task: UseNode@1\n        inputs:\n          version: 20\n",
    "a hosted image": "pool:\n  vmImage: ubuntu-latest\n",
    "a pwsh step": "steps:\n  - pwsh: Write-Host hi\n",
    "a powershell step at the top level": "steps:\n- powershell: Write-Host hi\n",
    "a parameters expression": "steps:\n  - script: echo ${{ parameters.name }}\n",
    "an each expression": "steps:\n- ${{ each step in parameters.steps }}:\n  - ${{ step }}\n",
    "a trigger and a script step": "trigger:\n- main\nsteps:\n- script: make\n",
    "a spaced trigger key": "trigger :\n- main\nsteps:\n- script: make\n",
    "a top-level key that only starts with on": "onboarding: docs\ntrigger:\n- main\nsteps:\n- script: make\n",
    "stages and an indented job": "stages:\n  - stage: build\n    jobs:\n      - job:  compile\n",
  },
  {
    "a task named in a sentence": "notes:\n  text: run task: Docker@2 first\n",
    "a task without a version": "steps:\n  - task: lint\n",
    "a key that only starts with vmImage": "pool:\n  vmImageName: ubuntu-latest\n",
    "a GitHub workflow with a hosted image input": "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: x/y@v1\n        with:\n          vmImage: ubuntu-latest\n",
    "a GitHub workflow whose on: has a space": "on : push\njobs:\n  a:\n    steps:\n      - task: Docker@2\n",
    "a GitHub workflow's on: beside Azure steps": "on: push\nsteps:\n  - task: Docker@2\n",
    "a trigger-like key not at the top level": "build:\n  pr: 1\nsteps:\n- script: make\n",
    "a trigger without Azure steps": "trigger:\n  branch: main\nscript:\n  - make\n",
    "Azure-looking steps without a trigger, stages, pr, extends or resources": "steps:\n  - script: make\n",
    "a powershell key that is not a step": "tools:\n  powershell: 7\n",
  },
);

recognitionByPath(
  "azure-pipelines",
  ["azure-pipelines.yml", "ci/azure-pipelines-release.yaml", ".azure-pipelines/build.yml", ".azurepipelines/x.yml", "sub/.pipelines/nightly.yaml"],
  ["azure-pipelines.yml.bak", "docs/azure-pipelines.md", ".pipelines/README.md", "my-azure-pipelines.yml", "x.pipelines/build.yml", ".azure-pipelines/ci.yml.bak"],
);

describe("platform azure-pipelines: only YAML", () => {
  it("Azure-looking content in a file that is not YAML is not a pipeline", () => {
    for (const path of ["ci/steps.txt", "ci/steps.json"]) assert.notEqual(platformFor(path, "trigger:\n- main\nsteps:\n- task: Docker@2\n").id, "azure-pipelines", path);
  });
});

describe("platform azure-pipelines: what the file defines is not a connector", () => {
  const refs = async (text: string) =>
    (await lintFiles([{ path: "azure-pipelines.yml", text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.message.replace(/ has no record.*$/, ""));

  it("a map of variables, a `- name:` list at any level, and predefined variables are not secrets to record", async () => {
    const text = "trigger: none\nvariables:\n  ApiToken: from-pipeline\nstages:\n  - stage: s\n    variables:\n      - name: StageToken\n        value: x\n    jobs:\n      - job: j\n        variables:\n          JobToken: y\n        steps:\n          - script: ./a.sh $(ApiToken) $(StageToken) $(JobToken) $(System.AccessToken) $(Build.SourceVersion) $(OtherToken)\n";
    assert.deepEqual(await refs(text), ["secret `OtherToken` in job `j`"]);
  });

  it("a `name:` that is not a variable's does not define one; a group outside the pipeline's variables reaches its job only", async () => {
    const text = "trigger: none\nparameters:\n  - name: DeployToken\n    default: x\njobs:\n  - job: j\n    variables:\n      - group: job-secrets\n    steps:\n      - script: ./a.sh $(DeployToken)\n  - job: k\n    steps:\n      - script: make\n";
    const result = await lintFiles([{ path: "azure-pipelines.yml", text }]);
    const unowned = result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.message.replace(/ has no record.*$/, ""));
    assert.deepEqual(unowned, ["secret `job-secrets` in job `j`", "secret `DeployToken` in job `j`"]);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "broad-secret-scope"), []);
  });

  it("what names no variable: a task input's key, a variable's value, a `group:` outside `variables:`; a dotted name that only contains a predefined prefix is no predefined variable", async () => {
    const text = "trigger: none\nvariables:\n  - name: Region\n    value: DeployToken\njobs:\n  - job: j\n    steps:\n      - task: Custom@1\n        inputs:\n          apiToken: x\n          group: not-a-group\n      - script: ./a.sh $(apiToken) $(DeployToken) $(Deploy.Build.Token) $(Build.Token)\n";
    assert.deepEqual(await refs(text), ["secret `apiToken` in job `j`", "secret `DeployToken` in job `j`", "secret `Deploy.Build.Token` in job `j`"]);
  });

  it("a service connection given by a macro or a template expression is no name; a lowercase keyVaultName is one", async () => {
    const text = "trigger: none\nsteps:\n  - task: AzureCLI@2\n    inputs:\n      azureSubscription: $(ArmConnection)\n      scriptType: bash\n      inlineScript: az version\n  - task: AzureCLI@2\n    inputs:\n      azureSubscription: ${{ parameters.arm }}\n      scriptType: bash\n      inlineScript: az version\n  - task: AzureKeyVault@2\n    inputs:\n      connectedServiceName: kv-connection\n      keyVaultName: team-kv\n";
    assert.deepEqual(await refs(text), ["service-connection `kv-connection`", "secret `team-kv`"]);
  });

  it("a pipeline's own checkout is the pipeline's, numbered by its step", async () => {
    const text = "trigger: none\nsteps:\n  - script: make\n  - checkout: self\n    persistCredentials: true\n";
    const findings = (await lintFiles([{ path: "azure-pipelines.yml", text }])).findings.filter((f) => f.ruleId === "persisted-checkout-credential");
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /^checkout in job `pipeline`, step `checkout: self \(step 2\)`/);
    assert.equal(findings[0].fixes[0].edits[0].text, "false");
  });
});

describe("platform azure-pipelines: jobs and their environments", () => {
  it("each job and deployment is a job of the model, with its environment by name or by `name:`; a `job:` key outside a list is none", async () => {
    const text = "stages:\n  - stage: release\n    jobs:\n      - job: build\n        steps:\n          - script: make\n      - deployment: web\n        environment: production\n        strategy:\n          runOnce:\n            deploy:\n              steps:\n                - script: ./deploy.sh\n      - deployment: api\n        environment:\n          name: staging\n          resourceType: VirtualMachine\n        strategy:\n          runOnce:\n            deploy:\n              steps:\n                - script: ./deploy-api.sh\nvariables:\n  job: not-a-job\n";
    const result = await lintFiles([{ path: "azure-pipelines.yml", text }]);
    assert.deepEqual(result.models[0].model.jobs.map((job) => [job.id, job.environment]), [["build", undefined], ["web", "production"], ["api", "staging"]]);
  });
});

describe("platform azure-pipelines: a credential as a template parameter's default", () => {
  it("is judged under the parameter's name, and replaced by the variable's reference", async () => {
    const text = `parameters:\n- name: apiToken\n  type: string\n  default: '${key}'\n- name: region\n  default: westeurope\nsteps:\n- script: ./deploy.sh\n`;
    const findings = (await lintFiles([{ path: "azure-pipelines.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(findings.map((f) => /under `([^`]+)`/.exec(f.message)?.[1]), ["apiToken"]);
    assert.equal(findings[0].fixes[0].edits[0].text, "$(API_TOKEN)");
  });
});

describe("platform azure-pipelines: the fix for a secret under `variables:`", () => {
  // A `variables:` entry outranks the pipeline's secret variable of that name: `KEY: $(KEY)` would name
  // itself. The entry goes; the stored secret variable reaches the pipeline.
  const secret = new FakeSecrets(55).chars(32);
  const fixesOf = async (text: string) => (await lintFiles([{ path: "azure-pipelines.yml", text }])).findings.find((f) => f.ruleId === "hardcoded-secret")!.fixes;
  const pipeline = (variables: string) => `trigger: none\nvariables:\n${variables}steps:\n  - script: ./deploy.sh\n`;
  it("a map entry goes, with `variables:` when it was the only one", async () => {
    const one = pipeline(`  API_KEY: ${secret}\n`);
    assert.equal(applyEdits(one, (await fixesOf(one))[0].edits), "trigger: none\nsteps:\n  - script: ./deploy.sh\n");
    const two = pipeline(`  REGION: eu\n  API_KEY: ${secret}\n`);
    assert.equal(applyEdits(two, (await fixesOf(two))[0].edits), pipeline("  REGION: eu\n"));
  });
  it("the list form, and a secret inside a longer value, have no edit in place; a step's env mapping gets `$(NAME)`", async () => {
    assert.deepEqual(await fixesOf(pipeline(`  - name: API_KEY\n    value: ${secret}\n`)), []);
    assert.deepEqual(await fixesOf(pipeline(`  DB_URL: postgres://app:${secret}@db.internal.example.com/app\n`)), []);
    const env = `steps:\n  - script: ./deploy.sh\n    env:\n      API_KEY: ${secret}\n`;
    assert.equal(applyEdits(env, (await fixesOf(env))[0].edits), "steps:\n  - script: ./deploy.sh\n    env:\n      API_KEY: $(API_KEY)\n");
  });

  it("an entry under a conditional is the pipeline's too, in a map or a list: not made to name itself, and not removed (the conditional would be left empty)", async () => {
    assert.deepEqual(await fixesOf(pipeline(`  \${{ if eq(variables['Build.SourceBranchName'], 'main') }}:\n    API_KEY: ${secret}\n`)), []);
    assert.deepEqual(await fixesOf(pipeline(`  - \${{ each env in parameters.envs }}:\n    - name: API_KEY\n      value: ${secret}\n`)), []);
    const nested = `steps:\n  - script: ./deploy.sh\n    env:\n      \${{ if true }}:\n        API_KEY: ${secret}\n`;
    assert.equal(applyEdits(nested, (await fixesOf(nested))[0].edits), nested.replace(secret, "$(API_KEY)"), "a step's env under a conditional gets `$(NAME)`");
  });
});

describe("platform azure-pipelines: the text a template expression holds", () => {
  // Expanded before the run, `${{ … }}` sends its strings as written: a fallback (`coalesce`), a
  // format's argument, a constant. The fix writes `$(NAME)` in the string, which the run's macro
  // expansion then reads; a constant that is the whole value is replaced whole.
  const secret = new FakeSecrets(57).chars(24);
  const steps = (env: string) => `trigger: none\nsteps:\n  - script: ./deploy.sh\n    env:\n${env}`;
  const cases = [
    { line: `      DB_PASSWORD: \${{ coalesce(parameters.dbPassword, '${secret}') }}\n`, fixed: "      DB_PASSWORD: ${{ coalesce(parameters.dbPassword, '$(DB_PASSWORD)') }}\n" },
    { line: `      AUTH_HEADER: "\${{ format('Bearer {0}', '${secret}') }}"\n`, fixed: "      AUTH_HEADER: \"${{ format('Bearer {0}', '$(API_TOKEN)') }}\"\n" },
    { line: `      SIGNING_KEY: \${{ '${secret}' }}\n`, fixed: "      SIGNING_KEY: $(SIGNING_KEY)\n" },
    { line: `      API_TOKEN: '\${{ coalesce(parameters.t, ''${secret}'') }}'\n`, fixed: "      API_TOKEN: '${{ coalesce(parameters.t, ''$(API_TOKEN)'') }}'\n" },
  ];
  for (const { line, fixed } of cases) {
    it(`${line.trim().replace(secret, "<secret>")}: found where it is written, fixed in its string`, async () => {
      const text = steps(line);
      const found = (await lintFiles([{ path: "azure-pipelines.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.equal(found.length, 1, found.map((f) => f.message).join("\n"));
      assert.equal(text.slice(found[0].span.start, found[0].span.end), secret);
      assert.equal(applyEdits(text, found[0].fixes[0].edits), steps(fixed));
    });
  }

  it("not: what an expression reads or compares, a property's name, a script (judged as a script)", async () => {
    const text = steps(
      [
        "      API_TOKEN: ${{ parameters.apiToken }}",
        `      DEPLOY_KEY: \${{ coalesce(variables['${secret}'], parameters.key) }}`,
        "      IS_PR: ${{ eq(variables['Build.Reason'], 'PullRequest') }}",
        `      OUT_TOKEN: \${{ dependencies.build.outputs['${secret}.value'] }}`,
      ].join("\n") + "\n",
    );
    assert.deepEqual((await lintFiles([{ path: "azure-pipelines.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.message), []);
    const script = `trigger: none\nsteps:\n  - script: echo \${{ 'abc' }}\n`;
    const literal = (await platformFor("azure-pipelines.yml", script).buildModel("azure-pipelines.yml", script)).literals.find((l) => l.key === "script")!;
    assert.equal(literal.value, "echo ${{ 'abc' }}");
  });
});

describe("platform azure-pipelines: the text a runtime expression holds", () => {
  // `$[ … ]`, a variable's whole value, is evaluated when the job runs: its strings are sent as
  // written. No macro is expanded inside it, so no `$(NAME)` is written there: the steps say what to do.
  const secret = new FakeSecrets(58).chars(24);
  const variables = (entries: string) => `trigger: none\nvariables:\n${entries}steps:\n  - script: ./deploy.sh\n`;
  for (const line of [`  API_TOKEN: $[ coalesce(variables.fromGroup, '${secret}') ]\n`, `  AUTH_HEADER: "$[format('Bearer {0}', '${secret}')]"\n`, `  - name: DB_PASSWORD\n    value: $[ '${secret}' ]\n`, `  SIGNING_KEY: >-\n    $[ coalesce(variables.k, '${secret}') ]\n`, `  API_KEY: "  $[ coalesce(variables.k, '${secret}') ] "\n`]) {
    it(`${line.trim().replace(secret, "<secret>")}: found where it is written, with no fix that would send a macro as text`, async () => {
      const text = variables(line);
      const found = (await lintFiles([{ path: "azure-pipelines.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.equal(found.length, 1, found.map((f) => f.message).join("\n"));
      assert.equal(text.slice(found[0].span.start, found[0].span.end), secret);
      assert.deepEqual(found[0].fixes, []);
    });
  }
  it("not: what it reads or compares, a property's name, a value that only opens or closes like one", async () => {
    const text = variables(
      [
        "  API_TOKEN: $[ variables.fromGroup ]",
        `  DEPLOY_KEY: $[ coalesce(variables['${secret}'], variables.key) ]`,
        "  IS_MAIN: $[ eq(variables['Build.SourceBranch'], 'refs/heads/main') ]",
        `  OTHER_TOKEN: $[ '${secret}'`,
        `  SOME_TOKEN: $[ '${secret}' ]x`,
        `  LIST_TOKEN: "list ['${secret}']"`,
        `  NOTE_TOKEN: "note '${secret}' ]"`,
        // A format string sends only its text between placeholders (PowerShell's pipelines: a counter's key).
        "  branchCounterKey: $[format('{0:yyyyMMdd}-{1}', pipeline.startTime, variables['Build.SourceBranch'])]",
      ].join("\n") + "\n",
    );
    const found = (await lintFiles([{ path: "azure-pipelines.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(found.map((f) => f.start.line), [], found.map((f) => f.message).join("\n"));
  });
});

describe("platform azure-pipelines: variables defined, groups and macros, construct by construct", () => {
  it("`$(NAME)` of a variable the file defines (a map entry, a list `name:`, at any level) is no connector; an undefined one is; groups are, pipeline-wide only at the root", async () => {
    const text =
      "trigger: [main]\nvariables:\n  - name: LISTED_TOKEN\n    value: x\n  - group: release-secrets\nstages:\n  - stage: deploy\n    variables:\n      STAGE_TOKEN: y\n    jobs:\n      - job: a\n        variables:\n          - group: job-secrets\n        pool:\n          vmImage: ubuntu-latest\n        steps:\n          - script: ./deploy.sh $(LISTED_TOKEN) $(STAGE_TOKEN) $(UNDEFINED_TOKEN) $(System.AccessToken)\n          - task: AzureCLI@2\n            inputs:\n              azureSubscription: prod-connection\n              scriptType: bash\n              inlineScript: echo $(Build.BuildId)\n";
    const { models } = await lintFiles([{ path: "azure-pipelines.yml", text }]);
    const refs = models[0].model.connectorRefs.map((r) => `${r.kind} ${r.name}${r.scope.job ? ` in ${r.scope.job}` : ""}${r.binding ? ` (${r.binding.level})` : ""}${r.issuedByPlatform ? " issued" : ""}`);
    assert.deepEqual(refs, ["secret release-secrets (workflow)", "secret job-secrets in a", "secret UNDEFINED_TOKEN in a", "secret System.AccessToken in a issued", "service-connection prod-connection in a"]);
  });

  it("under a conditional or a loop (`${{ if … }}:`, `${{ each … }}:`): a variable is defined all the same, a group linked at the root is pipeline-wide; a group named by a template expression is no name", async () => {
    const text =
      "trigger: [main]\nvariables:\n  ${{ if eq(variables['Build.SourceBranchName'], 'main') }}:\n    MAP_TOKEN: x\n  ${{ else }}:\n    OTHER_TOKEN: y\n" +
      "stages:\n  - stage: deploy\n    variables:\n      - ${{ each env in parameters.envs }}:\n        - name: LOOP_TOKEN\n          value: z\n      - ${{ if true }}:\n        - group: stage-secrets\n      - ${{ each v in parameters.variables }}:\n        - group: ${{ v.group }}\n" +
      "    jobs:\n      - job: a\n        variables:\n          ${{ if true }}:\n            JOB_TOKEN: w\n        steps:\n          - script: ./deploy.sh $(MAP_TOKEN) $(OTHER_TOKEN) $(LOOP_TOKEN) $(JOB_TOKEN) $(UNDEFINED_TOKEN)\n";
    const { models } = await lintFiles([{ path: "azure-pipelines.yml", text }]);
    const refs = models[0].model.connectorRefs.map((r) => `${r.kind} ${r.name}${r.binding ? ` (${r.binding.level})` : ""}`);
    assert.deepEqual(refs, ["secret stage-secrets", "secret UNDEFINED_TOKEN"]);
    const root = text.replace("  ${{ else }}:\n    OTHER_TOKEN: y\n", "  - ${{ if true }}:\n    - group: root-secrets\n").replace("  ${{ if eq(variables['Build.SourceBranchName'], 'main') }}:\n    MAP_TOKEN: x\n", "");
    const rootRefs = (await lintFiles([{ path: "azure-pipelines.yml", text: root }])).models[0].model.connectorRefs.map((r) => `${r.name}${r.binding ? ` (${r.binding.level})` : ""}`);
    assert.deepEqual(rootRefs, ["root-secrets (workflow)", "stage-secrets", "MAP_TOKEN", "OTHER_TOKEN", "UNDEFINED_TOKEN"]);
  });

  it("a `variables:` entry whose name Azure keeps for itself (`SECRET_KEY`) is not removed: it reads the stored variable under an accepted name", async () => {
    const value = new FakeSecrets(404).chars(40);
    const text = `trigger: [main]\nvariables:\n  SECRET_KEY: ${value}\nsteps:\n  - script: ./deploy.sh\n`;
    const [finding] = (await lintFiles([{ path: "azure-pipelines.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(applyEdits(text, finding.fixes[0].edits), text.replace(value, "$(PIPELINE_SECRET_KEY)"));
  });
});
