import { expiredConnector } from "../../rules/expired-connector.js";
import { at, INVENTORY_PATH, ruleTester } from "../helpers.js";
import { deployWorkflow, record } from "./inventory-fixtures.js";

// NOW is 2026-11-23.
ruleTester(expiredConnector, {
  valid: [
    { name: "expires well after the warning window", path: INVENTORY_PATH, code: record({ expires: "2027-06-30" }), files: [deployWorkflow] },
    { name: "20 days out with a 10-day expiry-warning-days window: not yet", path: INVENTORY_PATH, code: record({ expires: "2026-12-13" }), config: { expiryWarningDays: 10 } },
    { name: "the workflow of a connector that is only expiring is not flagged", code: deployWorkflow.text, path: deployWorkflow.path, inventory: record({ expires: "2026-12-01" }) },
  ],
  invalid: [
    { name: "past its date: an error on the record, naming the owner", path: INVENTORY_PATH, code: record({ expires: "2026-11-01" }), severity: "error", errors: [{ ...at(record({ expires: "2026-11-01" }), "2026-11-01"), message: /expired 22 days ago \(2026-11-01\); owner @acme\/platform/ }] },
    { name: "inside the 30-day window: a warning", path: INVENTORY_PATH, code: record({ expires: "2026-12-13" }), severity: "warning", errors: [{ ...at(record({ expires: "2026-12-13" }), "2026-12-13"), message: /expires in 20 days/ }] },
    { name: "45 days out inside a 60-day expiry-warning-days window: a warning", path: INVENTORY_PATH, code: record({ expires: "2027-01-07" }), config: { expiryWarningDays: 60 }, severity: "warning", errors: [{ ...at(record({ expires: "2027-01-07" }), "2027-01-07"), message: /expires in 45 days/ }] },
    { name: "an expired connector is also reported where a workflow uses it", code: deployWorkflow.text, path: deployWorkflow.path, inventory: record({ expires: "2026-01-01" }), severity: "error", errors: [{ ...at(deployWorkflow.text, "DEPLOY_TOKEN"), message: /expired on 2026-01-01 \(owner @acme\/platform\)/ }] },
  ],
});
