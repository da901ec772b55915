// A fix names the secret it moves the value to. Some platforms keep names for themselves: GitHub
// refuses a secret named GITHUB_…, Azure Pipelines hides variables starting with endpoint, input,
// secret, path or securefile from tasks and scripts, Buildkite refuses keys starting with buildkite or
// bk, CodeBuild refuses variables starting with CODEBUILD_. The name written must be one the
// platform accepts, in the edit and in the steps alike; elsewhere the name stays as the key says.
import assert from "node:assert/strict";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";

const value = new FakeSecrets(311).chars(40);

async function fixOf(path: string, text: string, inventory?: string) {
  const { findings } = await lintFiles([{ path, text }], inventory ? { inventory: { path: "nhi-inventory.yaml", text: inventory } } : {});
  const finding = findings.find((f) => f.ruleId === "hardcoded-secret");
  assert.ok(finding, `a hardcoded-secret finding in ${path}`);
  const fix = finding.fixes[0];
  assert.ok(fix, `a fix in ${path}`);
  return { fixed: applyEdits(text, fix.edits), steps: (fix.followUp ?? []).join("\n"), title: fix.title };
}

describe("platforms: a fix's secret name is one the platform accepts", () => {
  const workflow = (key: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n          ${key}: ${value}\n`;
  const azure = (key: string) => `trigger: [main]\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: ./deploy.sh\n    env:\n      ${key}: ${value}\n`;

  it("GitHub: GITHUB_… becomes GH_… (edit and `gh secret set`); other names stay", async () => {
    const fix = await fixOf(".github/workflows/ci.yml", workflow("GITHUB_API_TOKEN"));
    assert.equal(fix.fixed, workflow("GITHUB_API_TOKEN").replace(value, "${{ secrets.GH_API_TOKEN }}"));
    assert.match(fix.steps, /gh secret set GH_API_TOKEN /);
    assert.doesNotMatch(fix.steps, /GITHUB_API_TOKEN/);
    assert.equal((await fixOf(".github/workflows/ci.yml", workflow("MY_GITHUB_TOKEN"))).fixed, workflow("MY_GITHUB_TOKEN").replace(value, "${{ secrets.MY_GITHUB_TOKEN }}"));
  });

  for (const key of ["SECRET_KEY", "secret", "Input_Token", "ENDPOINT_PASSWORD", "Securefile_Password", "PATH_TOKEN"]) {
    it(`Azure Pipelines: \`${key}\` (a reserved prefix, any case) is stored and read as PIPELINE_…`, async () => {
      const fix = await fixOf("azure-pipelines.yml", azure(key));
      const name = `PIPELINE_${key.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`;
      assert.equal(fix.fixed, azure(key).replace(value, `$(${name})`));
      assert.match(fix.steps, new RegExp(`Add ${name} as a secret pipeline variable`));
    });
  }

  it("Azure Pipelines: names that only contain a reserved word keep it (API_SECRET, MY_INPUT_KEY)", async () => {
    for (const key of ["API_SECRET", "MY_INPUT_KEY"]) assert.equal((await fixOf("azure-pipelines.yml", azure(key))).fixed, azure(key).replace(value, `$(${key})`));
  });

  it("Azure Pipelines: the file's name put in front of a taken name is checked too (secrets.yml → PIPELINE_SECRETS_API_KEY)", async () => {
    const inventory = `version: 1\nconnectors:\n  - name: API_KEY\n    kind: secret\n    owner: "@acme/ops"\n    purpose: Other\n    expires: 2027-06-30\n    used-by: [other.yml]\n`;
    const fix = await fixOf("ci/secrets.yml", azure("API_KEY"), inventory);
    assert.equal(fix.fixed, azure("API_KEY").replace(value, "$(PIPELINE_SECRETS_API_KEY)"));
  });

  it("Buildkite: a key starting with bk or buildkite (any case) becomes PIPELINE_…, in the command and the key the steps create", async () => {
    const text = (ref: string) => `steps:\n  - command: BK_TOKEN=${ref} ./deploy.sh\n`;
    const fix = await fixOf(".buildkite/pipeline.yml", text(value));
    assert.equal(fix.fixed, text("$$PIPELINE_BK_TOKEN"));
    assert.match(fix.steps, /key pipeline_bk_token /);
    const other = (ref: string) => `steps:\n  - command: BUILDKITE_API_TOKEN=${ref} ./deploy.sh\n`;
    assert.equal((await fixOf(".buildkite/pipeline.yml", other(value))).fixed, other("$$PIPELINE_BUILDKITE_API_TOKEN"));
  });

  it("CodeBuild: CODEBUILD_… becomes PIPELINE_CODEBUILD_…", async () => {
    const text = (ref: string) => `version: 0.2\nphases:\n  build:\n    commands:\n      - CODEBUILD_API_KEY=${ref} ./deploy.sh\n`;
    const fix = await fixOf("buildspec.yml", text(value));
    assert.equal(fix.fixed, text("$PIPELINE_CODEBUILD_API_KEY"));
    assert.match(fix.steps, /--name PIPELINE_CODEBUILD_API_KEY /);
  });

  it("where the platform reserves nothing of the kind, GITHUB_TOKEN stays GITHUB_TOKEN (GitLab drops its own entry; Jenkins names the credential)", async () => {
    const gitlab = `variables:\n  GITHUB_TOKEN: ${value}\nbuild:\n  script: ./deploy.sh\n`;
    assert.equal((await fixOf(".gitlab-ci.yml", gitlab)).fixed, "build:\n  script: ./deploy.sh\n");
    const jenkins = `pipeline {\n  agent any\n  environment {\n    GITHUB_TOKEN = '${value}'\n  }\n  stages { stage('a') { steps { sh './deploy.sh' } } }\n}\n`;
    assert.match((await fixOf("Jenkinsfile", jenkins)).fixed, /GITHUB_TOKEN = credentials\('GITHUB_TOKEN'\)/);
  });
});
