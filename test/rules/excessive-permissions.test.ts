import assert from "node:assert/strict";
import { excessivePermissions } from "../../rules/excessive-permissions.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const job = "  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
const none = wf(job, "");
const writeAll = wf(job, "permissions: write-all\n");
const broad = wf(job, "permissions:\n  contents: write\n  id-token: write\n");
const twoJobs = wf(`${job}  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n`, "");
const jobWriteAll = wf("  build:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps:\n      - run: make\n");
const reusableOnly = wf("  call:\n    uses: acme/ci/.github/workflows/build.yml@v1\n", "");
// A workflow only ever called: the caller's token applies, except to a job calling a reusable workflow in turn (its permissions are that callee's ceiling; zizmor's issue 472).
const calledOnly = wf("  build:\n    runs-on: x\n    steps:\n      - run: make\n  release:\n    uses: acme/workflows/.github/workflows/release.yml@v1\n", "").replace("on: push", "on:\n  workflow_call:");
const jobReadAll = wf("  a:\n    runs-on: x\n    permissions: read-all\n    steps:\n      - run: make\n", "permissions: {}\n");
ruleTester(excessivePermissions, {
  valid: [
    { name: "a composite action has no permissions of its own (its caller's apply)", path: "action.yml", code: "name: a\ndescription: d\nruns:\n  using: composite\n  steps:\n    - run: make\n      shell: bash\n" },
    { name: "a composite action's `permissions:` key does nothing (GitHub ignores it in action.yml)", path: "action.yml", code: "name: a\ndescription: d\npermissions: write-all\nruns:\n  using: composite\n  steps:\n    - run: make\n      shell: bash\n" },
    { name: "a job calling a reusable workflow with permissions of its own (no workflow-level ones)", code: wf("  call:\n    permissions:\n      contents: read\n    uses: acme/ci/.github/workflows/build.yml@v1\n", "") },
    { name: "read at the top", code: wf(job) },
    { name: "a reusable workflow (on: workflow_call only) runs with its caller's token", code: "name: build\non:\n  workflow_call:\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
    { name: "not a GitHub workflow (a GitLab pipeline with `permissions` words)", path: ".gitlab-ci.yml", code: "build:\n  script:\n    - echo permissions: write-all\n" },
    { name: "a workflow with no jobs yet", code: "name: ci\non: push\njobs: {}\n" },
    { name: "job-level permissions for every job", code: wf("  build:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - run: make\n", "") },
    { name: "id-token: write on the job that signs in", code: wf("  deploy:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n      contents: read\n    steps:\n      - run: make\n") },
  ],
  invalid: [
    { name: "a called-only workflow's job that calls a reusable workflow without permissions", code: calledOnly, errors: [{ ...at(calledOnly, "release"), message: /no `permissions:` for the workflow or job `release`/ }], output: calledOnly.replace("jobs:", "permissions:\n  contents: read\n\njobs:") },
    { name: "a job with permissions: read-all", code: jobReadAll, errors: [at(jobReadAll, "read-all", /job `a` has `permissions: read-all`/)] },
    { name: "no permissions at all: the fix adds contents: read", code: none, errors: [{ ...at(none, "build"), message: /no `permissions:` for the workflow or job `build`/ }], output: none.replace("jobs:\n", "permissions:\n  contents: read\n\njobs:\n") },
    { name: "write-all", code: writeAll, errors: [at(writeAll, "write-all", /^`permissions: write-all` gives every job's GITHUB_TOKEN write access to everything\.$/)] },
    { name: "no permissions for two jobs: both named, plural", code: twoJobs, errors: [{ ...at(twoJobs, "build"), message: /^no `permissions:` for the workflow or jobs `build`, `test`: GITHUB_TOKEN gets the repository's default, which may be write to everything\.$/ }] },
    { name: "a job calling a reusable workflow with no permissions: the callee gets the repository default", code: reusableOnly, errors: [{ ...at(reusableOnly, "call"), message: /no `permissions:` for the workflow or job `call`/ }] },
    { name: "read-all at workflow level", code: wf(job, "permissions: read-all\n"), errors: [at(wf(job, "permissions: read-all\n"), "read-all", /^`permissions: read-all` lets every job's GITHUB_TOKEN read every scope/)] },
    { name: "id-token: write at workflow level: every job can mint an OIDC token", code: wf(job, "permissions:\n  id-token: write\n  contents: read\n"), errors: [at(wf(job, "permissions:\n  id-token: write\n  contents: read\n"), "write", /^`id-token: write` at workflow level lets every job, third-party actions included, mint an OIDC token/)] },
    { name: "write-all on one job", code: jobWriteAll, errors: [at(jobWriteAll, "write-all", /^job `build` has `permissions: write-all`\.$/)] },
    { name: "a write scope at workflow level (and id-token: write there too)", code: broad, errors: [at(broad, "write", /^`contents: write` at workflow level is granted to every job; grant it to the job that needs it\.$/), { line: 5, column: 13, message: /^`id-token: write` at workflow level/ }] },
  ],
});

describe("excessive-permissions: the fix", () => {
  it("is not offered for a workflow written as one flow map, where a block key would break it", async () => {
    const { lintFiles, WORKFLOW_PATH } = await import("../helpers.js");
    const flow = '{"on": "push", "jobs": {"build": {"runs-on": "ubuntu-latest", "steps": [{"run": "make"}]}}}\n';
    const finding = (await lintFiles([{ path: WORKFLOW_PATH, text: flow }])).findings.find((f) => f.ruleId === "excessive-permissions")!;
    assert.match(finding.message, /no `permissions:` for the workflow or job `build`/);
    assert.deepEqual(finding.fixes, []);
  });

  it("is a suggestion (it can break a job that writes) and says what is left to do", async () => {
    const { lintFiles, WORKFLOW_PATH } = await import("../helpers.js");
    const finding = (await lintFiles([{ path: WORKFLOW_PATH, text: none }])).findings.find((f) => f.ruleId === "excessive-permissions")!;
    assert.equal(finding.fixes[0].safe, false);
    assert.equal(finding.fixes[0].title, "Add `permissions: contents: read` for the workflow");
    assert.deepEqual(finding.fixes[0].followUp, ["Grant each job the write scopes it needs in its own `permissions:`."]);
  });
});
