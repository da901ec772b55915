import { debugLoggingWithSecrets } from "../../rules/debug-logging-with-secrets.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const step = (env: string, run: string) => `  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n${env}        run: |\n${run}`;
const xtrace = wf(step("          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n", "          set -ex\n          ./deploy.sh --token \"$TOKEN\"\n"));
const inline = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          set -o xtrace\n          curl -u bot:${{ secrets.API_TOKEN }} https://x\n");
const bashX = wf(step("          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n", "          bash -x ./deploy.sh \"${TOKEN}\"\n"));
const stepDebug = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n", "permissions:\n  contents: read\nenv:\n  ACTIONS_STEP_DEBUG: true\n");
const gitlab = "variables:\n  CI_DEBUG_TRACE: \"true\"\ndeploy:\n  script:\n    - ./deploy.sh --token \"$DEPLOY_TOKEN\"\n";
const azure = "variables:\n  system.debug: true\nsteps:\n  - script: ./deploy.sh\n    env:\n      TOKEN: $(DEPLOY_TOKEN)\n";

ruleTester(debugLoggingWithSecrets, {
  valid: [
    { name: "set -x with no secret in the step's environment", code: wf(step("          REGION: eu\n", "          set -x\n          make\n")) },
    { name: "set -x in another step than the secret's", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./use.sh\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n      - run: |\n          set -x\n          make\n") },
    { name: "set -x where the secret is only in the environment, never expanded by the script (duckdb's diagnostics step)", code: wf(step("          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n", "          set -x\n          echo \"PATH=$PATH\"\n          ./deploy.sh\n")) },
    { name: "set -e alone, and +x turning tracing off", code: wf(step("          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n", "          set -euo pipefail\n          set +x\n          ./deploy.sh\n")) },
    { name: "the debug switch off", code: stepDebug.replace("ACTIONS_STEP_DEBUG: true", "ACTIONS_STEP_DEBUG: false") },
    { name: "the debug switch in a workflow with no secret", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n", "permissions:\n  contents: read\nenv:\n  ACTIONS_STEP_DEBUG: true\n") },
    { name: "GITHUB_TOKEN alone is not a secret in reach here", code: wf(step("          GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n", "          set -x\n          gh pr list\n")) },
  ],
  invalid: [
    { name: "GitLab: set -x in a job script that expands a secret variable", path: ".gitlab-ci.yml", code: "deploy:\n  script:\n    - set -x\n    - ./deploy.sh --token $DEPLOY_TOKEN\n", errors: [{ ...at("deploy:\n  script:\n    - set -x\n    - ./deploy.sh --token $DEPLOY_TOKEN\n", "set -x"), message: /^`set -x` prints each command with its arguments expanded in job `deploy`, and the script expands DEPLOY_TOKEN/ }] },
    { name: "set -ex in a step whose script expands a secret from its env", code: xtrace, errors: [{ ...at(xtrace, "set -ex"), message: /^`set -ex` prints each command with its arguments expanded in job `a`, step `[^`]+`, and the script expands DEPLOY_TOKEN: the secret lands in the log wherever it is passed on a command line\.$/ }] },
    { name: "set -o xtrace with a secret written into the script", code: inline, errors: [{ ...at(inline, "set -o xtrace"), message: /and the script expands API_TOKEN:/ }] },
    { name: "bash -x running a script with the secret in env", code: bashX, errors: [{ ...at(bashX, "bash -x"), message: /^`bash -x` prints each command/ }] },
    { name: "GitHub: ACTIONS_STEP_DEBUG turned on in the workflow", code: stepDebug, errors: [{ ...at(stepDebug, "true"), message: /^`ACTIONS_STEP_DEBUG: true` turns on debug tracing while DEPLOY_TOKEN is in reach/ }] },
    { name: "GitLab: CI_DEBUG_TRACE", path: ".gitlab-ci.yml", code: gitlab, errors: [{ ...at(gitlab, '"true"'), message: /`CI_DEBUG_TRACE: true` turns on debug tracing while DEPLOY_TOKEN is in reach/ }] },
    { name: "Azure Pipelines: system.debug", path: "azure-pipelines.yml", code: azure, errors: [{ ...at(azure, "true"), message: /`system\.debug: true` turns on debug tracing while DEPLOY_TOKEN is in reach/ }] },
  ],
});
