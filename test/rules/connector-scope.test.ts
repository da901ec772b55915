import { connectorScope } from "../../rules/connector-scope.js";
import { at, ruleTester } from "../helpers.js";
import { deployWorkflow, record } from "./inventory-fixtures.js";

const scoped = record({ "used-by": "\n      - .github/workflows/deploy.yml" });
const other = { path: ".github/workflows/nightly.yml", text: deployWorkflow.text.replace("deploy.sh", "nightly.sh") };

ruleTester(connectorScope, {
  valid: [
    { name: "used by the file it is granted to", path: deployWorkflow.path, code: deployWorkflow.text, inventory: scoped },
    { name: "no used-by: any file may use it", path: other.path, code: other.text, inventory: record() },
    { name: "globs match", path: other.path, code: other.text, inventory: record({ "used-by": "\n      - .github/workflows/*.yml" }) },
  ],
  invalid: [
    { name: "a credential shared with an unrelated workflow", path: other.path, code: other.text, inventory: scoped, errors: [{ ...at(other.text, "DEPLOY_TOKEN"), message: /granted to \.github\/workflows\/deploy\.yml only, not to this file \(owner @acme\/platform\)/ }] },
  ],
});
