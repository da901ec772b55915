import assert from "node:assert/strict";
import { connectorScope } from "../../rules/connector-scope.js";
import { at, ruleTester } from "../helpers.js";
import { deployWorkflow, record } from "./inventory-fixtures.js";

const scoped = record({ "used-by": "\n      - .github/workflows/deploy.yml" });
const other = { path: ".github/workflows/nightly.yml", text: deployWorkflow.text.replace("deploy.sh", "nightly.sh") };

ruleTester(connectorScope, {
  valid: [
    { name: "used by the file it is granted to", path: deployWorkflow.path, code: deployWorkflow.text, inventory: scoped },
    { name: "no used-by: any file may use it", path: other.path, code: other.text, inventory: record() },
    { name: "an empty used-by list: any file may use it", path: other.path, code: other.text, inventory: record({ "used-by": " []" }) },
    { name: "a glob across folders reaches into dot-folders (.github)", path: other.path, code: other.text, inventory: record({ "used-by": "\n      - \"**/*.yml\"" }) },
    { name: "globs match", path: other.path, code: other.text, inventory: record({ "used-by": "\n      - .github/workflows/*.yml" }) },
  ],
  invalid: [
    { name: "a credential shared with an unrelated workflow", path: other.path, code: other.text, inventory: scoped, errors: [{ ...at(other.text, "DEPLOY_TOKEN"), message: /granted to \.github\/workflows\/deploy\.yml only, not to this file \(owner @acme\/platform\)/ }] },
    {
      name: "every used-by glob listed in the message, comma-separated",
      path: other.path,
      code: other.text,
      inventory: record({ "used-by": "\n      - .github/workflows/deploy.yml\n      - .github/workflows/release.yml" }),
      errors: [{ ...at(other.text, "DEPLOY_TOKEN"), message: /granted to \.github\/workflows\/deploy\.yml, \.github\/workflows\/release\.yml only/ }],
    },
    {
      // Once per file and connector, however often the file uses it; but each other file gets its own.
      name: "one finding per file and connector, in each file",
      path: other.path,
      code: other.text.replace("TOKEN: ${{ secrets.DEPLOY_TOKEN }}", "TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n          AGAIN: ${{ secrets.DEPLOY_TOKEN }}"),
      files: [{ path: ".github/workflows/weekly.yml", text: other.text.replace("nightly.sh", "weekly.sh") }],
      inventory: scoped,
      errors: [at(other.text, "DEPLOY_TOKEN")],
      otherFiles: { ".github/workflows/weekly.yml": 1 },
    },
  ],
});

describe("connector-scope: what the finding tells the user", () => {
  it("says why it matters in its help", async () => {
    const { lintFiles } = await import("../helpers.js");
    const result = await lintFiles([other], { inventory: { path: "nhi-inventory.yaml", text: scoped } });
    const finding = result.findings.find((f) => f.ruleId === "connector-scope")!;
    assert.match(finding.help ?? "", /One credential per workflow limits what one leak can reach/);
  });
});
