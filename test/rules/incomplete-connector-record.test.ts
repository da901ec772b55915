import { incompleteConnectorRecord } from "../../rules/incomplete-connector-record.js";
import { at, INVENTORY_PATH, ruleTester } from "../helpers.js";
import { deployWorkflow, record } from "./inventory-fixtures.js";

ruleTester(incompleteConnectorRecord, {
  valid: [
    { name: "a complete record", path: INVENTORY_PATH, code: record(), files: [deployWorkflow] },
    { name: "an e-mail owner", path: INVENTORY_PATH, code: record({ owner: "platform@acme.example" }) },
  ],
  invalid: [
    { name: "no purpose and no expiry, reported at the name with the owner", path: INVENTORY_PATH, code: record({ purpose: undefined, expires: undefined }), errors: [{ ...at(record({ purpose: undefined, expires: undefined }), "DEPLOY_TOKEN"), message: /has no purpose and no expires \(owner @acme\/platform\)/ }] },
    { name: "no purpose, and no owner to name", path: INVENTORY_PATH, code: record({ purpose: undefined, owner: undefined }), errors: [{ ...at(record({ purpose: undefined, owner: undefined }), "DEPLOY_TOKEN"), message: /^`DEPLOY_TOKEN` has no purpose: without them nobody can tell when access should end\.$/ }] },
    { name: "an owner that is neither a handle nor an e-mail", path: INVENTORY_PATH, code: record({ owner: "Bob from ops" }), errors: [{ ...at(record({ owner: "Bob from ops" }), "Bob from ops"), message: /not a team handle/ }] },
  ],
});
