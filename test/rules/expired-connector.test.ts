import assert from "node:assert/strict";
import { expiredConnector } from "../../rules/expired-connector.js";
import { at, INVENTORY_PATH, ruleTester } from "../helpers.js";
import { deployWorkflow, record } from "./inventory-fixtures.js";

// NOW is 2026-11-23.
ruleTester(expiredConnector, {
  valid: [
    { name: "expires well after the warning window", path: INVENTORY_PATH, code: record({ expires: "2027-06-30" }), files: [deployWorkflow] },
    { name: "20 days out with a 10-day expiry-warning-days window: not yet", path: INVENTORY_PATH, code: record({ expires: "2026-12-13" }), config: { expiryWarningDays: 10 } },
    { name: "31 days out, one past the 30-day window", path: INVENTORY_PATH, code: record({ expires: "2026-12-24" }) },
    { name: "the workflow of a connector that is only expiring is not flagged", code: deployWorkflow.text, path: deployWorkflow.path, inventory: record({ expires: "2026-12-01" }) },
  ],
  invalid: [
    { name: "past its date: an error on the record, naming the owner", path: INVENTORY_PATH, code: record({ expires: "2026-11-01" }), severity: "error", errors: [{ ...at(record({ expires: "2026-11-01" }), "2026-11-01"), message: /expired 22 days ago \(2026-11-01\); owner @acme\/platform/ }] },
    { name: "inside the 30-day window: a warning", path: INVENTORY_PATH, code: record({ expires: "2026-12-13" }), severity: "warning", errors: [{ ...at(record({ expires: "2026-12-13" }), "2026-12-13"), message: /expires in 20 days/ }] },
    { name: "45 days out inside a 60-day expiry-warning-days window: a warning", path: INVENTORY_PATH, code: record({ expires: "2027-01-07" }), config: { expiryWarningDays: 60 }, severity: "warning", errors: [{ ...at(record({ expires: "2027-01-07" }), "2027-01-07"), message: /expires in 45 days/ }] },
    { name: "exactly 30 days out: the window's last day warns", path: INVENTORY_PATH, code: record({ expires: "2026-12-23" }), severity: "warning", errors: [{ ...at(record({ expires: "2026-12-23" }), "2026-12-23"), message: /^`DEPLOY_TOKEN` expires in 30 days \(2026-12-23\); owner @acme\/platform: re-approve it with a new date, or revoke it\.$/ }] },
    { name: "expiring today: still a warning, said as today", path: INVENTORY_PATH, code: record({ expires: "2026-11-23" }), severity: "warning", errors: [{ ...at(record({ expires: "2026-11-23" }), "2026-11-23"), message: /`DEPLOY_TOKEN` expires today;/ }] },
    { name: "tomorrow: one day, singular", path: INVENTORY_PATH, code: record({ expires: "2026-11-24" }), severity: "warning", errors: [{ ...at(record({ expires: "2026-11-24" }), "2026-11-24"), message: /expires in 1 day \(2026-11-24\)/ }] },
    { name: "yesterday: an error, one day ago", path: INVENTORY_PATH, code: record({ expires: "2026-11-22" }), severity: "error", errors: [{ ...at(record({ expires: "2026-11-22" }), "2026-11-22"), message: /expired 1 day ago \(2026-11-22\)/ }] },
    { name: "an expired connector is also reported where a workflow uses it", code: deployWorkflow.text, path: deployWorkflow.path, inventory: record({ expires: "2026-01-01" }), severity: "error", errors: [{ ...at(deployWorkflow.text, "DEPLOY_TOKEN"), message: /expired on 2026-01-01 \(owner @acme\/platform\)/ }] },
  ],
});

describe("expired-connector: how to act", () => {
  it("points to the revocation runbook when the record has one, otherwise says what to do; the workflow side names who to ask", async () => {
    const { lintFiles } = await import("../helpers.js");
    const help = async (fields: Record<string, string | undefined>, path = INVENTORY_PATH) => {
      const text = record({ expires: "2026-01-01", ...fields });
      const result = await lintFiles(path === INVENTORY_PATH ? [{ path, text }] : [deployWorkflow], { inventory: { path: INVENTORY_PATH, text } });
      return result.findings.find((f) => f.ruleId === "expired-connector" && f.path === path)!.help;
    };
    assert.equal(await help({ revocation: "https://wiki.example/revoke" }), "Revocation runbook: https://wiki.example/revoke");
    assert.equal(await help({}), "Re-approve and set a new `expires`, or revoke the credential and delete the record.");
    assert.match((await help({}, deployWorkflow.path)) ?? "", /^Ask @acme\/platform to re-approve `DEPLOY_TOKEN`/);
    assert.match((await help({ owner: undefined }, deployWorkflow.path)) ?? "", /^Ask the owner to re-approve/);
  });
});
