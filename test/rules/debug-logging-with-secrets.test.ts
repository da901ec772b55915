import assert from "node:assert/strict";
import { debugLoggingWithSecrets } from "../../rules/debug-logging-with-secrets.js";
import { at, ruleTester, WORKFLOW_PATH as WORKFLOW } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const step = (env: string, run: string) => `  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n${env}        run: |\n${run}`;
const xtrace = wf(step("          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n", "          set -ex\n          ./deploy.sh --token \"$TOKEN\"\n"));
const inline = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          set -o xtrace\n          curl -u bot:${{ secrets.API_TOKEN }} https://x\n");
const bashX = wf(step("          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n", "          bash -x ./deploy.sh \"${TOKEN}\"\n"));
const stepDebug = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n", "permissions:\n  contents: read\nenv:\n  ACTIONS_STEP_DEBUG: true\n");
const gitlab = "variables:\n  CI_DEBUG_TRACE: \"true\"\ndeploy:\n  script:\n    - ./deploy.sh --token \"$DEPLOY_TOKEN\"\n";
const fourSecrets = wf(step("          A: ${{ secrets.A_TOKEN }}\n          B: ${{ secrets.B_TOKEN }}\n          C: ${{ secrets.C_TOKEN }}\n          D: ${{ secrets.D_TOKEN }}\n", "          make && set -x\n          ./deploy.sh \"$A\" \"$B\" \"$C\" \"$D\"\n"));
const twoSecrets = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n          A: ${{ secrets.A_TOKEN }}\n          B: ${{ secrets.B_TOKEN }}\n", "permissions:\n  contents: read\nenv:\n  ACTIONS_STEP_DEBUG: \" on \"\n");
const manySwitch = twoSecrets.replace("          B: ${{ secrets.B_TOKEN }}\n", "          B: ${{ secrets.B_TOKEN }}\n          C: ${{ secrets.C_TOKEN }}\n          D: ${{ secrets.D_TOKEN }}\n          E: ${{ secrets.A_TOKEN }}\n");
const thenX = "deploy:\n  script:\n    - if [ -n \"$DEBUG\" ]; then set -x; fi\n    - ./deploy.sh --token $DEPLOY_TOKEN\n";
// Jenkins: the credential reaches `sh` through its withCredentials variable; Jenkins masks only the exact value.
const jenkins = (script: string) => `node {\n  withCredentials([string(credentialsId: 'deploy-token', variable: 'TOKEN')]) {\n    sh '''\n      ${script}\n    '''\n  }\n}\n`;
const jenkinsTrace = jenkins('set -x\n      ./deploy.sh --token "$TOKEN"');
const azure = "variables:\n  system.debug: true\nsteps:\n  - script: ./deploy.sh\n    env:\n      TOKEN: $(DEPLOY_TOKEN)\n";

ruleTester(debugLoggingWithSecrets, {
  valid: [
    { name: "Jenkins: `set -x` with the credential only in the environment, or outside withCredentials", path: "Jenkinsfile", code: jenkins("set -x\n      ./deploy.sh") + "node {\n  sh '''\n    set -x\n    ./deploy.sh --token \"$TOKEN\"\n  '''\n}\n" },
    { name: "set -x with no secret in the step's environment", code: wf(step("          REGION: eu\n", "          set -x\n          make\n")) },
    { name: "set -x in another step than the secret's", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./use.sh\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n      - run: |\n          set -x\n          make\n") },
    { name: "set -x where the secret is only in the environment, never expanded by the script (duckdb's diagnostics step)", code: wf(step("          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n", "          set -x\n          echo \"PATH=$PATH\"\n          ./deploy.sh\n")) },
    { name: "set -e alone, and +x turning tracing off", code: wf(step("          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n", "          set -euo pipefail\n          set +x\n          ./deploy.sh\n")) },
    { name: "the debug switch off", code: stepDebug.replace("ACTIONS_STEP_DEBUG: true", "ACTIONS_STEP_DEBUG: false") },
    { name: "the debug switch in a workflow with no secret", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n", "permissions:\n  contents: read\nenv:\n  ACTIONS_STEP_DEBUG: true\n") },
    { name: "GitLab: the secret expanded only before `- set -x` (tracing starts after it)", path: ".gitlab-ci.yml", code: "deploy:\n  script:\n    - ./login.sh $DEPLOY_TOKEN\n    - set -x\n    - make\n" },
    { name: "GitLab: `- set -x` in one job, the secret expanded in another job's script", path: ".gitlab-ci.yml", code: "build:\n  script:\n    - set -x\n    - make\ndeploy:\n  script:\n    - ./deploy.sh --token $DEPLOY_TOKEN\n" },
    { name: "GitLab: set -x in before_script, the secret in after_script (another shell)", path: ".gitlab-ci.yml", code: "deploy:\n  before_script:\n    - set -x\n  after_script:\n    - ./notify.sh $DEPLOY_TOKEN\n" },
    { name: "a debug switch that is not on (\"no\", 0)", code: stepDebug.replace("ACTIONS_STEP_DEBUG: true", "ACTIONS_STEP_DEBUG: \"no\"\n  RUNNER_DEBUG: 0") },
    { name: "the debug switch with only GITHUB_TOKEN in reach (issued per run, not a stored secret)", code: wf(step("          GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n", "          gh pr list\n"), "permissions:\n  contents: read\nenv:\n  ACTIONS_STEP_DEBUG: true\n") },
    { name: "`set -x` in an action's input, which no shell runs", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some/notify@v1\n        with:\n          message: \"set -x; deploy with ${{ secrets.DEPLOY_TOKEN }}\"\n") },
    { name: "GitLab: set -x in a `script:` string, the secret in the `after_script:` string (another shell)", path: ".gitlab-ci.yml", code: "deploy:\n  script: |\n    set -x\n    make\n  after_script: ./notify.sh $DEPLOY_TOKEN\n" },
    { name: "GITHUB_TOKEN alone is not a secret in reach here", code: wf(step("          GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n", "          set -x\n          gh pr list\n")) },
  ],
  invalid: [
    { name: "Jenkins: `set -x` in an `sh` expanding a withCredentials variable", path: "Jenkinsfile", code: jenkinsTrace, errors: [{ ...at(jenkinsTrace, "set -x"), endColumn: undefined, message: /`set -x`/ }] },
    { name: "GitLab: set -x in a job script that expands a secret variable", path: ".gitlab-ci.yml", code: "deploy:\n  script:\n    - set -x\n    - ./deploy.sh --token $DEPLOY_TOKEN\n", errors: [{ ...at("deploy:\n  script:\n    - set -x\n    - ./deploy.sh --token $DEPLOY_TOKEN\n", "set -x"), message: /^`set -x` prints each command with its arguments expanded in job `deploy`, and the script expands DEPLOY_TOKEN/ }] },
    { name: "set -ex in a step whose script expands a secret from its env", code: xtrace, errors: [{ ...at(xtrace, "set -ex"), message: /^`set -ex` prints each command with its arguments expanded in job `a`, step `[^`]+`, and the script expands DEPLOY_TOKEN: the secret lands in the log wherever it is passed on a command line\.$/ }] },
    { name: "set -o xtrace with a secret written into the script", code: inline, errors: [{ ...at(inline, "set -o xtrace"), message: /and the script expands API_TOKEN:/ }] },
    { name: "bash -x running a script with the secret in env", code: bashX, errors: [{ ...at(bashX, "bash -x"), message: /^`bash -x` prints each command/ }] },
    { name: "GitHub: ACTIONS_STEP_DEBUG turned on in the workflow", code: stepDebug, errors: [{ ...at(stepDebug, "true"), message: /^`ACTIONS_STEP_DEBUG: true` turns on debug tracing while DEPLOY_TOKEN is in reach/ }] },
    { name: "GitLab: CI_DEBUG_TRACE", path: ".gitlab-ci.yml", code: gitlab, errors: [{ ...at(gitlab, '"true"'), message: /`CI_DEBUG_TRACE: true` turns on debug tracing while DEPLOY_TOKEN is in reach/ }] },
    { name: "more than three secrets expanded: the first three and an ellipsis; reported at the `set -x` after `&&`", code: fourSecrets, errors: [{ ...at(fourSecrets, "set -x"), message: /and the script expands A_TOKEN, B_TOKEN, C_TOKEN…: the secret/ }] },
    { name: "`then set -x`: the command reported is `set -x`", path: ".gitlab-ci.yml", code: thenX, errors: [{ ...at(thenX, "set -x"), message: /^`set -x` prints each command/ }] },
    { name: "two secrets in reach: both named, `are`; a quoted value trimmed in the message", code: twoSecrets, errors: [{ ...at(twoSecrets, '" on "'), message: /^`ACTIONS_STEP_DEBUG: on` turns on debug tracing while A_TOKEN, B_TOKEN are in reach/ }] },
    { name: "more than three secrets in reach, one of them twice: the first three and an ellipsis", code: manySwitch, errors: [{ ...at(manySwitch, '" on "'), message: /while A_TOKEN, B_TOKEN, C_TOKEN… are in reach/ }] },
    { name: "Azure Pipelines: system.debug", path: "azure-pipelines.yml", code: azure, errors: [{ ...at(azure, "true"), message: /`system\.debug: true` turns on debug tracing while DEPLOY_TOKEN is in reach/ }] },
  ],
});

describe("debug-logging-with-secrets: names, places and near misses", () => {
  const findings = async (path: string, text: string) => {
    const { lintFiles } = await import("../helpers.js");
    return (await lintFiles([{ path, text }])).findings.filter((f) => f.ruleId === "debug-logging-with-secrets").map((f) => ({ at: text.slice(f.span.start, f.span.end), message: f.message }));
  };

  it("exactly three secrets are named without an ellipsis, for the switch and for tracing", async () => {
    const three = wf(step("          A: ${{ secrets.A_TOKEN }}\n          B: ${{ secrets.B_TOKEN }}\n          C: ${{ secrets.C_TOKEN }}\n", "          set -x\n          ./deploy.sh \"$A\" \"$B\" \"$C\"\n"), "permissions:\n  contents: read\nenv:\n  ACTIONS_STEP_DEBUG: true\n");
    const found = await findings(WORKFLOW, three);
    assert.equal(found.length, 2);
    for (const f of found) assert.match(f.message, /A_TOKEN, B_TOKEN, C_TOKEN[^…]/);
  });

  it("the finding covers the tracing command itself, at the start of a script, after `do` and in a subshell", async () => {
    for (const [script, command] of [["          set -x\n          ./deploy.sh \"$TOKEN\"\n", "set -x"], ["          for f in a b; do  set -x; ./deploy.sh \"$TOKEN\"; done\n", "set -x"], ["          (set -ex; ./deploy.sh \"$TOKEN\")\n", "set -ex"]] as const) {
      const found = await findings(WORKFLOW, wf(step("          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n", script)));
      assert.deepEqual(found.map((f) => f.at), [command], script);
      assert.match(found[0].message, new RegExp(`^\`${command}\` prints`));
    }
  });

  it("a command written with an escape in a double-quoted scalar, not found as written: the finding covers the scalar", async () => {
    const text = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n        run: \"set\\t-x; ./deploy.sh $TOKEN\"\n");
    assert.deepEqual((await findings(WORKFLOW, text)).map((f) => f.at), ['"set\\t-x; ./deploy.sh $TOKEN"']);
  });

  it("GitLab: `set -x` and the secret in the same script item", async () => {
    const text = "deploy:\n  script:\n    - set -x && ./deploy.sh --token $DEPLOY_TOKEN\n";
    assert.deepEqual((await findings(".gitlab-ci.yml", text)).map((f) => f.at), ["set -x"]);
  });

  it("a variable set to true that is no debug switch turns nothing on", async () => {
    const text = wf(step("          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n          FORCE_COLOR: 1\n", "          ./deploy.sh\n"), "permissions:\n  contents: read\nenv:\n  CI: true\n");
    assert.deepEqual(await findings(WORKFLOW, text), []);
  });
});
