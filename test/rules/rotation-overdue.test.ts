import { rotationOverdue } from "../../rules/rotation-overdue.js";
import { at, INVENTORY_PATH, ruleTester } from "../helpers.js";
import { record } from "./inventory-fixtures.js";

ruleTester(rotationOverdue, {
  valid: [
    { name: "rotated within its cadence", path: INVENTORY_PATH, code: record({ "rotate-every": "90d", "last-rotated": "2026-10-01" }) },
    { name: "no cadence set", path: INVENTORY_PATH, code: record({ "last-rotated": "2020-01-01" }) },
    { name: "due today: not overdue yet", path: INVENTORY_PATH, code: record({ "rotate-every": "30d", "last-rotated": "2026-10-24" }) },
    { name: "a cadence nhilint cannot read is not guessed at (incomplete-connector-record's business)", path: INVENTORY_PATH, code: record({ "rotate-every": "fortnightly", "last-rotated": "2020-01-01" }) },
  ],
  invalid: [
    { name: "last rotation plus cadence is past", path: INVENTORY_PATH, code: record({ "rotate-every": "3m", "last-rotated": "2026-05-01" }), errors: [{ ...at(record({ "rotate-every": "3m", "last-rotated": "2026-05-01" }), "2026-05-01"), message: /due for rotation 114 days ago .*owner @acme\/platform/ }] },
    { name: "one day overdue: singular, the whole sentence", path: INVENTORY_PATH, code: record({ "rotate-every": "30d", "last-rotated": "2026-10-23" }), errors: [{ ...at(record({ "rotate-every": "30d", "last-rotated": "2026-10-23" }), "2026-10-23"), message: /^`DEPLOY_TOKEN` was due for rotation 1 day ago \(last rotated 2026-10-23, every 30d; owner @acme\/platform\)\.$/ }] },
    { name: "a cadence with no rotation recorded", path: INVENTORY_PATH, code: record({ "rotate-every": "1y" }), errors: [{ ...at(record({ "rotate-every": "1y" }), "1y"), message: /no rotation is recorded/ }] },
    // (The inventory says the date is malformed; this rule does not take what it cannot read for a rotation.)
    { name: "a last rotation that is no date counts as none recorded", path: INVENTORY_PATH, code: record({ "rotate-every": "90d", "last-rotated": "last spring" }), errors: [{ ...at(record({ "rotate-every": "90d", "last-rotated": "last spring" }), "90d"), message: /no rotation is recorded/ }] },
  ],
});
