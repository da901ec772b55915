import { untrustedTriggerWithSecrets } from "../../rules/untrusted-trigger-with-secrets.js";
import { at, ruleTester } from "../helpers.js";

const prt = (ref: string, extra = "        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n") =>
  `name: pr\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${ref}\n      - run: npm ci && npm test\n${extra}`;
const bad = prt("${{ github.event.pull_request.head.sha }}");
const workflowRun = prt("${{ github.event.workflow_run.head_sha }}").replace("on: pull_request_target", "on:\n  workflow_run:\n    workflows: [ci]\n    types: [completed]");
const writeToken = prt("${{ github.event.pull_request.head.sha }}", "").replace("    runs-on: ubuntu-latest\n", "    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n");
const many = prt("${{ github.event.pull_request.head.sha }}", "        env:\n          A_TOKEN: ${{ secrets.A_TOKEN }}\n          B_TOKEN: ${{ secrets.B_TOKEN }}\n          C_TOKEN: ${{ secrets.C_TOKEN }}\n          D_TOKEN: ${{ secrets.D_TOKEN }}\n");
const three = prt("${{ github.event.pull_request.head.sha }}", "        env:\n          A_TOKEN: ${{ secrets.A_TOKEN }}\n          B_TOKEN: ${{ secrets.B_TOKEN }}\n          C_TOKEN: ${{ secrets.C_TOKEN }}\n");
const two = prt("${{ github.event.pull_request.head.sha }}", "        env:\n          A_TOKEN: ${{ secrets.A_TOKEN }}\n          B_TOKEN: ${{ secrets.B_TOKEN }}\n");
// A secret bound at the workflow's level reaches every job; one bound in another job does not.
const workflowLevel = prt("${{ github.event.pull_request.head.sha }}", "").replace("permissions:\n  contents: read\n", "permissions:\n  contents: read\nenv:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n");
const otherJob = `${prt("${{ github.event.pull_request.head.sha }}", "")}  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n`;
// No permissions: anywhere: the token is the repository default, which may write (zizmor's pwn-request fixtures).
const noPermissions = prt("${{ github.event.pull_request.head.sha }}", "").replace("permissions:\n  contents: read\n", "");
const workflowWriteAll = prt("${{ github.event.pull_request.head.sha }}", "").replace("permissions:\n  contents: read\n", "permissions: write-all\n");
const jobReadOverWorkflowWrite = prt("${{ github.event.pull_request.head.sha }}", "").replace("permissions:\n  contents: read\n", "permissions: write-all\n").replace("    runs-on: ubuntu-latest\n", "    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n");
const writeAll = prt("${{ github.event.pull_request.head.sha }}", "").replace("    runs-on: ubuntu-latest\n", "    runs-on: ubuntu-latest\n    permissions: write-all\n");
// Steps anchored in job lint and run again in job test through aliases: both jobs run them.
const aliasedSteps = `name: pr\non: pull_request_target\npermissions:\n  contents: read\njobs:\n  lint:\n    if: false\n    runs-on: ubuntu-latest\n    steps:\n      - &head\n        uses: actions/checkout@v4\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - &install\n        run: npm ci && npm test\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - *head\n      - *install\n`;
ruleTester(untrustedTriggerWithSecrets, {
  valid: [
    { name: "pull_request_target checking out the base", code: prt("${{ github.sha }}") },
    { name: "untrusted checkout but no secrets and no write token", code: prt("${{ github.event.pull_request.head.sha }}", "") },
    { name: "plain pull_request", code: bad.replace("pull_request_target", "pull_request") },
    { name: "plain pull_request in a list of triggers", code: bad.replace("on: pull_request_target", "on: [push, pull_request]") },
    { name: "the secret is in another job than the head checkout", code: otherJob },
    { name: "the job's read-only permissions override the workflow's write-all", code: jobReadOverWorkflowWrite },
    { name: "a ref that is not the head (a branch of the base)", code: prt("main") },
    { name: "not actions/checkout (a fork of it)", code: bad.replace("uses: actions/checkout@v4", "uses: someone/actions/checkout@v4") },
    { name: "GITHUB_TOKEN bound for the whole workflow is governed by permissions: too", code: prt("${{ github.event.pull_request.head.sha }}", "").replace("permissions:\n  contents: read\n", "permissions:\n  contents: read\nenv:\n  GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n") },
    { name: "GITHUB_TOKEN alone is governed by permissions:, not a secret in reach", code: prt("${{ github.event.pull_request.head.sha }}", "        env:\n          GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n") },
  ],
  invalid: [
    { name: "the head checkout and the secret reached through aliased steps (zizmor's anchors fixtures)", code: aliasedSteps, errors: [at(aliasedSteps, "${{ github.event.pull_request.head.sha }}", /job `lint` checks out/), at(aliasedSteps, "${{ github.event.pull_request.head.sha }}", /job `test` checks out the untrusted head while NPM_TOKEN is in reach/)] },
    {
      name: "the triggers as a list (`on: [push, pull_request_target]`)",
      code: bad.replace("on: pull_request_target", "on: [push, pull_request_target]"),
      errors: [{ ...at(bad.replace("on: pull_request_target", "on: [push, pull_request_target]"), "${{ github.event.pull_request.head.sha }}"), message: /^`pull_request_target` runs with the base repository's secrets/ }],
    },
    { name: "exactly three secrets: all named, no ellipsis", code: three, errors: [{ ...at(three, "${{ github.event.pull_request.head.sha }}"), message: /while A_TOKEN, B_TOKEN, C_TOKEN are in reach: the pull request's code can steal them\.$/ }] },
    { name: "head checkout with a secret in reach", code: bad, errors: [{ ...at(bad, "${{ github.event.pull_request.head.sha }}"), message: /`pull_request_target` .* job `test` checks out the untrusted head while NPM_TOKEN is in reach/ }] },
    {
      name: "workflow_run checking out the triggering run's head with a secret",
      code: workflowRun,
      errors: [{ ...at(workflowRun, "${{ github.event.workflow_run.head_sha }}"), message: /`workflow_run` .* job `test` checks out the untrusted head while NPM_TOKEN is in reach/ }],
    },
    { name: "one secret: `is` in reach", code: bad, errors: [{ ...at(bad, "${{ github.event.pull_request.head.sha }}"), message: /^`pull_request_target` runs with the base repository's secrets, and job `test` checks out the untrusted head while NPM_TOKEN is in reach: the pull request's code can steal them\.$/ }] },
    { name: "two secrets: both named, `are` in reach", code: two, errors: [{ ...at(two, "${{ github.event.pull_request.head.sha }}"), message: /while A_TOKEN, B_TOKEN are in reach: / }] },
    { name: "more than three: the first three and an ellipsis", code: many, errors: [{ ...at(many, "${{ github.event.pull_request.head.sha }}"), message: /while A_TOKEN, B_TOKEN, C_TOKEN… are in reach: / }] },
    { name: "a secret bound at the workflow's level reaches the job", code: workflowLevel, errors: [{ ...at(workflowLevel, "${{ github.event.pull_request.head.sha }}"), message: /while NPM_TOKEN is in reach/ }] },
    { name: "no permissions: anywhere: the repository's default token, which may write", code: noPermissions, errors: [{ ...at(noPermissions, "${{ github.event.pull_request.head.sha }}"), message: /with the repository's default token \(no `permissions:`, so it may write\): / }] },
    { name: "write-all at the workflow's level reaches the job", code: workflowWriteAll, errors: [{ ...at(workflowWriteAll, "${{ github.event.pull_request.head.sha }}"), message: /with a write token: / }] },
    { name: "permissions: write-all on the job", code: writeAll, errors: [{ ...at(writeAll, "${{ github.event.pull_request.head.sha }}"), message: /with a write token: / }] },
    {
      name: "no secret, but a job token that can write",
      code: writeToken,
      errors: [{ ...at(writeToken, "${{ github.event.pull_request.head.sha }}"), message: /checks out the untrusted head with a write token/ }],
    },
  ],
});
