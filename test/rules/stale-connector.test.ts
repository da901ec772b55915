import { staleConnector } from "../../rules/stale-connector.js";
import { at, INVENTORY_PATH, ruleTester } from "../helpers.js";
import { deployWorkflow, record } from "./inventory-fixtures.js";

ruleTester(staleConnector, {
  valid: [
    { name: "a record a workflow uses", path: INVENTORY_PATH, code: record(), files: [deployWorkflow], wholeWorkspace: true },
    { name: "a partial run (--staged, named paths) cannot tell", path: INVENTORY_PATH, code: record({ name: "OLD_TOKEN" }), files: [deployWorkflow], wholeWorkspace: false },
  ],
  invalid: [
    { name: "a record nothing uses: revoke it", path: INVENTORY_PATH, code: record({ name: "OLD_TOKEN" }), files: [deployWorkflow], wholeWorkspace: true, errors: [{ ...at(record({ name: "OLD_TOKEN" }), "OLD_TOKEN"), message: /not used by any workflow any more \(owner @acme\/platform\): revoke/ }] },
  ],
});
