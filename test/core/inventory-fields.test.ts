// Inventory fields at their edges (linter-core/inventory.ts): environments in both shapes, dates that
// only look like dates, and what a new record writes.
import assert from "node:assert/strict";
import { parseDocument } from "yaml";
import { loadInventory, recordText } from "../../linter-core/inventory.js";

const record = (fields: string) => loadInventory({ path: "nhi-inventory.yaml", text: `version: 1\nconnectors:\n  - name: DEPLOY_TOKEN\n    kind: secret\n    owner: "@acme/ops"\n    purpose: Deploy\n${fields}` });

describe("inventory fields at their edges", () => {
  it("environments: a list (blank entries are not environments) or one name, trimmed", () => {
    assert.deepEqual(record("    expires: 2027-01-01\n    environments: [' production ', staging]\n").records[0].environments, ["production", "staging"]);
    assert.deepEqual(record("    expires: 2027-01-01\n    environments: ' production '\n").records[0].environments, ["production"]);
    assert.equal(record("    expires: 2027-01-01\n    environments: ['production', '  ']\n").records[0].environments, undefined);
    assert.equal(record("    expires: 2027-01-01\n    environments: '  '\n").records[0].environments, undefined);
  });

  it("a date must be YYYY-MM-DD and a real day", () => {
    for (const bad of ["2027-13-01", "2027-1-1", "01/02/2027", "2027-02-30x"]) {
      const inventory = record(`    expires: "${bad}"\n`);
      assert.ok(inventory.problems.some((p) => /expires/.test(p.message)), `${bad}: ${JSON.stringify(inventory.problems)}`);
    }
    assert.deepEqual(record("    expires: 2027-02-28\n").problems, []);
  });

  it("a new record quotes what YAML would misread (., .., spaces, a leading dash) and writes its note as one comment line", () => {
    const text = recordText({ name: "deploy token", kind: "secret", usedBy: [".", "..", ".github/workflows/ci.yml", "-x", "a b/c.yml"], note: "leaked in\nhistory" }, "  ");
    assert.match(text, /^ {2}# leaked in history\n/);
    const parsed = parseDocument(`connectors:\n${text}`).toJS() as { connectors: { name: string; "used-by": string[] }[] };
    assert.equal(parsed.connectors[0].name, "deploy token");
    assert.deepEqual(parsed.connectors[0]["used-by"], [".", "..", ".github/workflows/ci.yml", "-x", "a b/c.yml"]);
    assert.match(text, /\.github\/workflows\/ci\.yml(?!")/, "a plain path stays unquoted");
  });
});
