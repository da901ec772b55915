// The linter core's public face: text in, findings and text edits out. No fs, no child_process, no vscode.
export { lint, createLintCache, CORE_DIAGNOSTICS, type LintCache, type LintOptions, type LintResult } from "./engine.js";
export { parseConfig, ConfigError, DEFAULT_CONFIG, CONFIG_PATH, type Config } from "./config.js";
export { loadInventory, addRecordsEdit, INVENTORY_PATHS, DEFAULT_INVENTORY_PATH, type Inventory, type InventoryRecord } from "./inventory.js";
export { CODEOWNERS_PATHS } from "./codeowners.js";
export { relativeDays } from "./dates.js";
export { redact } from "./redact.js";
export { markdownCode, markdownLiteral, plural } from "./text.js";
export { buildReport, CONNECTOR_STATUSES, leakToShow, unrecordedConnectors, urgency, type ConnectorReport, type ConnectorReportRow, type ConnectorStatus, type HistoryLeak, type ReportFinding } from "./report.js";
export { docsUrl, type Rule, type RuleMeta } from "./rule.js";
export { KDF_ALGORITHM, KDF_ITERATIONS, PUBLIC_SALT, type DeriveKey, type SecretFingerprints, type Sha256, type SlowDerivation } from "./fingerprint.js";
export { PLATFORMS, platformFor } from "./platforms/index.js";
export type * from "./model.js";
export { directiveCommentPrefix } from "./suppressions.js";
