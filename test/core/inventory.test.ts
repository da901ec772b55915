import assert from "node:assert/strict";
import { addRecordsEdit, findRecord, loadInventory } from "../../linter-core/inventory.js";
import { applyEdits, lintFiles } from "../helpers.js";

const load = (text: string) => loadInventory({ path: "nhi-inventory.yaml", text });

describe("inventory", () => {
  it("loads every field of the SPEC's example", () => {
    const inventory = load(`version: 1
connectors:
  - name: DEPLOY_TOKEN
    kind: secret
    owner: "@acme/platform"
    business-owner: ops@acme.example
    backup-owner: "@acme/sre"
    purpose: Deploy the web app to production
    expires: 2027-06-30
    rotate-every: 90d
    last-rotated: 2026-10-01
    used-by:
      - .github/workflows/deploy.yml
    revocation: https://wiki.acme.example/runbooks/revoke-deploy-token
`);
    assert.deepEqual(inventory.problems, []);
    const record = inventory.records[0];
    assert.equal(record.owner, "@acme/platform");
    assert.equal(record.backupOwner, "@acme/sre");
    assert.equal(record.expires, "2027-06-30");
    assert.equal(record.rotateEvery, "90d");
    assert.deepEqual(record.usedBy, [".github/workflows/deploy.yml"]);
    assert.ok(findRecord(inventory, "deploy_token", true));
    assert.equal(findRecord(inventory, "deploy_token", false), undefined);
  });

  it("reports schema problems where they are, never throws", () => {
    const text = `version: 2\nconnectors:\n  - name: A\n    kind: robot\n    expires: next year\n    rotate-every: often\n    colour: blue\n  - owner: "@x"\n  - name: A\n`;
    const inventory = load(text);
    const messages = inventory.problems.map((p) => `${text.slice(0, p.span.start).split("\n").length}: ${p.message}`);
    assert.deepEqual(messages, [
      "1: `version: 1` is required",
      "7: unknown field `colour` (expected one of: name, kind, owner, business-owner, backup-owner, purpose, expires, rotate-every, last-rotated, used-by, revocation)",
      "4: unknown kind `robot` (expected one of: secret, service-connection, cloud-role, service-account, oauth-app, webhook, ssh-key, n8n-credential, connection-reference)",
      "5: `expires` must be a date written YYYY-MM-DD",
      "6: `rotate-every` must be a number and a unit: 90d, 12w, 6m, 1y",
      "8: a connector record needs a `name`: the secret, connection, role or credential name workflows use",
      "9: `A` is recorded twice",
    ]);
  });

  it("a malformed inventory is a finding on the inventory file (invalid-inventory), not a crash", async () => {
    const text = "version: 1\nconnectors: [\n";
    const result = await lintFiles([{ path: "nhi-inventory.yaml", text }], { inventory: { path: "nhi-inventory.yaml", text } });
    assert.deepEqual(result.internalErrors, []);
    const finding = result.findings.find((f) => f.ruleId === "invalid-inventory");
    assert.ok(finding, "expected an invalid-inventory finding");
    assert.equal(finding.path, "nhi-inventory.yaml");
    assert.equal(finding.severity, "error");
  });

  it("adds records to `connectors: []` and to a file without connectors", () => {
    for (const text of ["version: 1\nconnectors: []\n", "version: 1\n", "version: 1\nconnectors:\n"]) {
      const edit = addRecordsEdit(load(text), [{ name: "X_TOKEN", kind: "secret", owner: "@a/b", usedBy: ["w.yml"] }]);
      const inventory = load(applyEdits(text, [edit]));
      assert.deepEqual(inventory.problems, [], text);
      assert.deepEqual(inventory.records.map((r) => r.name), ["X_TOKEN"], text);
    }
  });
});
