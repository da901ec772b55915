import { untrustedTriggerWithSecrets } from "../../rules/untrusted-trigger-with-secrets.js";
import { at, ruleTester } from "../helpers.js";

const prt = (ref: string, extra = "        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n") =>
  `name: pr\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${ref}\n      - run: npm ci && npm test\n${extra}`;
const bad = prt("${{ github.event.pull_request.head.sha }}");
const workflowRun = prt("${{ github.event.workflow_run.head_sha }}").replace("on: pull_request_target", "on:\n  workflow_run:\n    workflows: [ci]\n    types: [completed]");
const writeToken = prt("${{ github.event.pull_request.head.sha }}", "").replace("    runs-on: ubuntu-latest\n", "    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n");
ruleTester(untrustedTriggerWithSecrets, {
  valid: [
    { name: "pull_request_target checking out the base", code: prt("${{ github.sha }}") },
    { name: "untrusted checkout but no secrets and no write token", code: prt("${{ github.event.pull_request.head.sha }}", "") },
    { name: "plain pull_request", code: bad.replace("pull_request_target", "pull_request") },
  ],
  invalid: [
    { name: "head checkout with a secret in reach", code: bad, errors: [{ ...at(bad, "${{ github.event.pull_request.head.sha }}"), message: /`pull_request_target` .* job `test` checks out the untrusted head while NPM_TOKEN is in reach/ }] },
    {
      name: "workflow_run checking out the triggering run's head with a secret",
      code: workflowRun,
      errors: [{ ...at(workflowRun, "${{ github.event.workflow_run.head_sha }}"), message: /`workflow_run` .* job `test` checks out the untrusted head while NPM_TOKEN is in reach/ }],
    },
    {
      name: "no secret, but a job token that can write",
      code: writeToken,
      errors: [{ ...at(writeToken, "${{ github.event.pull_request.head.sha }}"), message: /checks out the untrusted head with a write token/ }],
    },
  ],
});
