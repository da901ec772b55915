// The shape every rule has: data (`meta`) plus pure checks over the model. Rules never read files.
import type { CodeOwners } from "./codeowners.js";
import type { Config } from "./config.js";
import type { Inventory } from "./inventory.js";
import type { Confidence, FileModel, Fix, Severity, Span } from "./model.js";
import type { Platform } from "./platforms/platform.js";
import type { SecretDetection } from "./secrets/detect.js";

export interface RuleMeta {
  id: string;
  /** One line: what it flags. */
  description: string;
  defaultSeverity: Severity;
  /** OWASP Non-Human Identities Top 10 (2025) items, e.g. "NHI2". */
  owasp: string[];
  /** NIST CSF 2.0 categories, e.g. "PR.AA-01". */
  nist: string[];
  /** Offers fixes (as suggestions: never applied without a person choosing them). */
  hasFixes: boolean;
}

export interface ReportDescriptor {
  span: Span;
  /** Secret-free: use redact() for any part of a credential. */
  message: string;
  /** What was found, for the fingerprint: the secret's value, the connector's name. Hashed, never shown. */
  identity: string;
  /** The identity is a secret value: fingerprinted through the salted slow derivation, never a plain hash. */
  identityIsSecret?: boolean;
  /** The connector (secret name, service connection, credential...) the finding is about, for the inventory report. */
  connector?: string;
  /** Defaults to the file being checked; set it to report on the inventory. */
  path?: string;
  /** For rules with two levels (expired = error, expiring = warning); config overrides it. */
  severity?: Severity;
  confidence?: Confidence;
  fixes?: Fix[];
  help?: string;
}

interface SharedContext {
  inventory: Inventory;
  codeowners: CodeOwners;
  /** Who is writing the files, when the face knows (the editor's git user): an owner to suggest. */
  author?: string;
  config: Config;
  now: Date;
  report(descriptor: ReportDescriptor): void;
}

export interface FileContext extends SharedContext {
  file: FileModel;
  platform: Platform;
  /** Every secret detector over this file, run once and shared. */
  detectSecrets(): Promise<SecretDetection[]>;
}

export interface WorkspaceContext extends SharedContext {
  files: { model: FileModel; platform: Platform }[];
  /** Every file of the workspace was linted (not just staged or named ones): absence means unused. */
  wholeWorkspace: boolean;
}

export interface Rule {
  meta: RuleMeta;
  checkFile?(context: FileContext): void | Promise<void>;
  /** Cross-file checks (scope, stale, inventory records) over every model at once. */
  checkWorkspace?(context: WorkspaceContext): void | Promise<void>;
}

export function docsUrl(ruleId: string): string {
  return `https://github.com/nhilint/nhilint/blob/main/docs/rules/${ruleId}.md`;
}
