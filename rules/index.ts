// The registry: every rule nhilint runs. Adding a rule = a file here, its docs page, its tests.
import type { Rule } from "../linter-core/rule.js";
import { hardcodedSecret } from "./hardcoded-secret.js";
import { unownedConnector } from "./unowned-connector.js";

export const RULES: readonly Rule[] = [hardcodedSecret, unownedConnector];
