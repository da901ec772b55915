import { excessivePermissions } from "../../rules/excessive-permissions.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const job = "  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
const none = wf(job, "");
const writeAll = wf(job, "permissions: write-all\n");
const broad = wf(job, "permissions:\n  contents: write\n  id-token: write\n");
ruleTester(excessivePermissions, {
  valid: [
    { name: "read at the top", code: wf(job) },
    { name: "job-level permissions for every job", code: wf("  build:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - run: make\n", "") },
    { name: "id-token: write at workflow level (OIDC) is not a broad write", code: wf(job, "permissions:\n  id-token: write\n  contents: read\n") },
  ],
  invalid: [
    { name: "no permissions at all: the fix adds contents: read", code: none, errors: [{ ...at(none, "build"), message: /no `permissions:` for the workflow or job `build`/ }], output: none.replace("jobs:\n", "permissions:\n  contents: read\n\njobs:\n") },
    { name: "write-all", code: writeAll, errors: [at(writeAll, "write-all", /write-all/)] },
    { name: "a write scope at workflow level", code: broad, errors: [at(broad, "write", /`contents: write` at workflow level/)] },
  ],
});
