// The shared vocabulary of the core. Everything here is plain data: no I/O, no editor types.

export type Severity = "error" | "warning";
export type SeveritySetting = Severity | "off";
export type Confidence = "high" | "medium" | "low";

/** A file handed to the linter: a repository-relative POSIX path and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/**
 * A file to lint. Its text may be a getter that reads it when the linter reaches it (a whole repository
 * is never in memory at once); undefined then means it turned out not to be text (binary), and it is
 * not linted.
 */
export interface LintFile {
  path: string;
  readonly text: string | undefined;
}

/** 1-based line and column (UTF-16 code units, as SARIF and editors count them). */
export interface Position {
  line: number;
  column: number;
}

/** A half-open [start, end) range of UTF-16 offsets into a file's text. */
export interface Span {
  start: number;
  end: number;
}

/** A plain text edit; the faces turn it into an editor edit or a file write. */
export interface TextEdit {
  path: string;
  start: number;
  end: number;
  text: string;
  /** The edit creates `path`, which does not exist yet (start = end = 0). */
  createFile?: boolean;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * Replacing a secret changes what a workflow does: such fixes are offered, never applied
   * silently (a `--fix` would only apply `safe` ones).
   */
  safe: boolean;
  /** Steps the user still has to take by hand after the edit (store the value, rotate it...). */
  followUp?: string[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  confidence: Confidence;
  /** Never holds a whole secret: see redact.ts. */
  message: string;
  path: string;
  span: Span;
  start: Position;
  end: Position;
  /**
   * Stable across line moves; never contains the secret (a hash; a secret value goes through a salted
   * slow derivation first). Empty for a secret value when the caller asked for none (`secretFingerprints: "skip"`).
   */
  fingerprint: string;
  fixes: Fix[];
  /** The connector the finding is about (its name as used or recorded), when it is about one. */
  connector?: string;
  /** A short, secret-free hint on how to fix it. */
  help?: string;
  /**
   * Set when the finding is accepted rather than fixed: `inSource` by a `nhilint-disable-next-line`
   * comment (its reason is the justification), `external` by the baseline. Suppressed findings are
   * reported as such (SARIF `suppressions`), never dropped.
   */
  suppression?: { kind: "inSource" | "external"; justification: string };
}

/** Where in a workflow something sits, for messages and for scope rules. */
export interface Scope {
  job?: string;
  step?: string;
}

/** A literal scalar value in a definition, with the key it is bound to. */
export interface LiteralValue {
  /** The mapping key the value sits under (`API_TOKEN`, `password`, `run`). */
  key: string;
  /** Keys from the document root, e.g. ["jobs", "build", "steps", 2, "env", "API_TOKEN"]. */
  path: (string | number)[];
  value: string;
  /** The whole scalar node in the source, quotes included: what a fix replaces. */
  span: Span;
  /** The key's place (for fixes that rewrite the binding, e.g. `value:` → `valueFrom:`). */
  keySpan?: Span;
  /** In a YAML flow map (`{ KEY: value }`): a fix writing `{`, `}`, `[`, `]` or `,` there must quote them. */
  inFlow?: true;
  /** `assignment`: a key-value binding (env, with, variables); `script`: shell code (run:). */
  role: "assignment" | "script";
  /**
   * Program source held in a field (an n8n Code node's JavaScript or Python, a Logic Apps inline
   * JavaScript action, actions/github-script's `script:`): read as a program file is, so its quoted
   * keys bind their values (`headers: { 'x-api-key': '…' }`).
   */
  program?: true;
  /**
   * The pieces of text a value holds when it is an expression that also reads something (an n8n
   * `={{ $json.key || 'abc' }}`): each is judged as a value under the key. The value stays as written.
   */
  texts?: string[];
  /**
   * The platform knows this field always holds a credential (a registry password in
   * `container.credentials`, a Kubernetes Secret's `stringData`): any literal is reported, weak or not.
   */
  alwaysCredential?: boolean;
  /** The platform knows the value is encoded (a Kubernetes Secret's `data`): detectors judge the decoded text. */
  encoding?: "base64";
  /**
   * Credential variables the pipeline's own language substitutes into this script before the shell
   * runs it (Groovy `"${PASS}"` in a Jenkins `sh`): the value is on the command line.
   */
  interpolated?: { name: string; span: Span }[];
  /**
   * Variables holding a credential in this script's environment, bound outside the script (Jenkins
   * `withCredentials` and `environment {}` credentials), each with the connector it holds.
   */
  secretVariables?: { name: string; connector: string }[];
  scope: Scope;
}

/** A reference to a connector by name: `${{ secrets.DEPLOY_TOKEN }}`, `$(ARM_SECRET)`, ... */
export interface ConnectorRef {
  name: string;
  kind: ConnectorKind;
  span: Span;
  scope: Scope;
  /** Issued per run by the platform (GITHUB_TOKEN, CI_JOB_TOKEN): governed by permissions, not the inventory. */
  issuedByPlatform?: boolean;
  /** When the reference is bound to an environment variable: at which level, and its name. */
  binding?: { level: "workflow" | "job" | "step"; name: string; keySpan: Span };
  /**
   * Its owner can require approvals and checks on the resource itself, outside the file (Azure
   * service connections and variable groups): a gate in the file is not the only one there is.
   */
  ownChecks?: boolean;
}

export type ConnectorKind =
  | "secret"
  | "service-connection"
  | "cloud-role"
  | "service-account"
  | "oauth-app"
  | "webhook"
  | "ssh-key"
  | "n8n-credential"
  | "connection-reference";

export const CONNECTOR_KINDS: readonly ConnectorKind[] = [
  "secret",
  "service-connection",
  "cloud-role",
  "service-account",
  "oauth-app",
  "webhook",
  "ssh-key",
  "n8n-credential",
  "connection-reference",
];

export interface ScalarField {
  value: string;
  span: Span;
}

export interface Step {
  id: string;
  uses?: ScalarField;
  span: Span;
  /** `with:` inputs. */
  inputs: Record<string, ScalarField>;
  /**
   * Where a new input goes: `${before}name: value${after}` inserted at `offset` (a line of its own in a
   * block `with:`, `, name: value` in a flow one, a new `with:` where there is none). Undefined where no
   * edit is safe (`with:` is an alias another step shares). With `end`, the text from `offset` to it is
   * replaced (an empty `with: ~` becomes `with: { name: value }`).
   */
  inputInsertion?: { offset: number; end?: number; before: string; after: string };
}

/** `permissions:` at workflow or job level: a shorthand (`write-all`) or scopes. */
export interface Permissions {
  span: Span;
  shorthand?: ScalarField;
  scopes: Record<string, ScalarField>;
}

/** The job id of an action's own steps (GitHub composite actions' `runs.steps`), which no workflow names. */
export const COMPOSITE_JOB_ID = "runs";

export interface Job {
  id: string;
  span: Span;
  /** `uses:` of a reusable-workflow call. */
  uses?: string;
  secretsInherit?: Span;
  steps: Step[];
  permissions?: Permissions;
  /** `environment:` (name), the approval gate. */
  environment?: string;
  /**
   * Files the job keeps as downloadable artifacts after its script (GitLab `artifacts: paths:` and the
   * `reports: dotenv:` file), one path or glob each. GitHub uploads by steps (`actions/upload-artifact`) instead.
   */
  artifactPaths?: string[];
  /** A person approves before the job runs, by a step of the file itself (a Buildkite `block` step before it, a Jenkins `input`). */
  approvalGate?: boolean;
  /** Settings come from a definition outside this file (GitLab `extends:` of an included template): its environment is unknown. */
  inheritsUnseen?: boolean;
  /** Never runs itself: a template other jobs extend (GitLab `.hidden` jobs). */
  template?: boolean;
  /**
   * A composite action's steps (GitHub `runs.steps`): they run inside whichever job calls the action,
   * with that job's token, permissions and environment, so job-level settings do not apply here.
   */
  composite?: boolean;
  /**
   * What the job's platform-issued token may do, resolved once as the platform does (GitHub: the job's
   * `permissions:`, else the workflow's, else the repository default, which may write). Unset where the
   * platform issues no such token to the job.
   */
  token?: { from: "job" | "workflow" | "default" | "caller"; canWrite: boolean };
  /** The job can mint a short-lived OIDC token (GitHub `id-token: write` in force, GitLab `id_tokens:`): trusted publishing is possible. */
  mintsOidc?: boolean;
}

/** A source checkout step, which can leave its token in .git/config for every later step. */
export interface Checkout {
  scope: Scope;
  /** The setting that keeps the token when it is written, else the checkout itself. */
  span: Span;
  /** The token stays for later steps (the platform's default applies when nothing is written). */
  persistsCredentials: boolean;
  /** The platform's edit that stops it (set the option to false, or add it); undefined when it does not persist. */
  fix?: { title: string; span: Span; text: string; followUp?: string[] };
}

/** What a platform module extracts from one file; every rule reads this, never raw YAML keys. */
export interface FileModel {
  platform: string;
  path: string;
  text: string;
  literals: LiteralValue[];
  connectorRefs: ConnectorRef[];
  jobs: Job[];
  /** Events that start it (`push`, `pull_request_target`...), with where they are written. */
  triggers: ScalarField[];
  /** Workflow-level permissions; undefined when absent. */
  permissions?: Permissions;
  /** Source checkouts (GitHub `actions/checkout`, Azure `checkout:`). */
  checkouts: Checkout[];
  /** Template expressions (`${{ ... }}`) with their scope, for rules about what they expose. */
  expressions: { text: string; span: Span; scope: Scope }[];
  /** Where a workflow-level key could be inserted (before `jobs:`), for fixes that add one. */
  workflowInsertion?: number;
  /** Problems reading the file (YAML syntax errors...), reported as `parse-error` findings. */
  parseErrors: { message: string; span: Span }[];
}
