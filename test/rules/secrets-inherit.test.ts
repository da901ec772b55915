import { secretsInherit } from "../../rules/secrets-inherit.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const inherit = wf("  call:\n    uses: acme/shared/.github/workflows/release.yml@v1\n    secrets: inherit\n");
ruleTester(secretsInherit, {
  valid: [{ name: "secrets passed by name", code: wf("  call:\n    uses: acme/shared/.github/workflows/release.yml@v1\n    secrets:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n") }],
  invalid: [{ name: "secrets: inherit", code: inherit, errors: [{ ...at(inherit, "inherit"), message: /passes every secret to acme\/shared/ }] }],
});
