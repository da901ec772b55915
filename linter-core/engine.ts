// lint(files, options) → findings. Each file is parsed once into a model; every rule reads it.
// A failure in one file or one rule becomes a message naming it; the run goes on.
import ignore from "ignore";
import { parseCodeOwners } from "./codeowners.js";
import { DEFAULT_CONFIG, type Config } from "./config.js";
import { deriveSecretIdentity, fingerprint, POOLED_ABOVE, webCryptoSha256, type SecretFingerprints, type Sha256, type SlowDerivation } from "./fingerprint.js";
import { loadInventory, type Inventory } from "./inventory.js";
import type { FileModel, Finding, LintFile, Severity, SourceFile } from "./model.js";
import { buildModel, platformFor, type Platform } from "./platforms/index.js";
import type { FileContext, ReportDescriptor, Rule, WorkspaceContext } from "./rule.js";
import { detectSecrets, type SecretDetection } from "./secrets/detect.js";
import { plainText } from "./platforms/generic.js";
import { redactQuoted, redactSecrets, secretFinder } from "./redact.js";
import { findSuppressions, type Suppression } from "./suppressions.js";
import { LineIndex } from "./text.js";

export interface LintOptions {
  rules: readonly Rule[];
  /** The inventory file's text (from the working tree, the index or the editor), if there is one. */
  inventory?: SourceFile;
  /** CODEOWNERS text, to suggest owners. */
  codeowners?: string;
  /**
   * Who is writing the files (the editor passes `git config user.email`): suggested as the owner of a
   * new inventory record when CODEOWNERS names nobody for the file.
   */
  author?: string;
  config?: Config;
  /** Injectable clock: expiry and rotation are judged against it. */
  now?: Date;
  /** The files are the whole workspace (so a record nothing uses is really unused). */
  wholeWorkspace?: boolean;
  /**
   * Folders (repository paths) read as a project's root too, for where a platform keeps its files: a
   * folder named on the command line, as zizmor reads one. GitHub runs workflows from a root's
   * `.github/workflows/` only, so `vendor/acme/.github/workflows/ci.yml` is plain YAML in a scan of the
   * repository and a workflow in a scan of `vendor/acme`.
   */
  projectRoots?: readonly string[];
  /** Called after each file, for progress on long runs. */
  onProgress?: (done: number, total: number) => void;
  /** The hash behind fingerprints; Web Crypto's by default. */
  sha256?: Sha256;
  /**
   * How findings whose identity is a secret value get their fingerprint: a salted slow derivation
   * (about 0.1 s per distinct value), or `skip` (the default: empty fingerprints, for faces that show
   * none). The CLI passes the baseline's salt whenever its output or baseline needs fingerprints.
   */
  secretFingerprints?: SecretFingerprints;
  /**
   * Keep per file only what the workspace rules and the report read (connector uses, jobs,
   * permissions), not whole models and texts: memory then stays flat however large the repository.
   * The CLI sets it; the editor keeps full models for its hovers. Each file's text is read once, so a
   * SourceFile whose `text` is a getter (read from disk on access) is never held.
   */
  compactModels?: boolean;
  /**
   * Keep each file's own pass (its model, findings, suppressions) between runs: the editor relints a
   * workspace on every keystroke, and only the file that changed is parsed and checked again. A
   * pass is reused while the file's text and everything a file rule reads (inventory, CODEOWNERS,
   * config, author, the day) are unchanged; the workspace rules always run again.
   */
  cache?: LintCache;
}

/** Per-file passes kept between runs: `createLintCache()`, then pass it to every `lint` of one workspace. */
export interface LintCache {
  context?: string;
  files: Map<string, { text: string; pass: FilePass }>;
  /** Each finding's fingerprint in the last run, by what it hashes. */
  fingerprints?: Map<string, string>;
}

export function createLintCache(): LintCache {
  return { files: new Map() };
}

export interface LintResult {
  findings: Finding[];
  /** Each linted file and the platform it was recognised as. */
  files: { path: string; platform: string }[];
  /** Files or rules that failed inside nhilint: named, never thrown. */
  internalErrors: { path: string; message: string }[];
  /** The model of every linted file, for reports built on the same parse. */
  models: { model: FileModel; platform: Platform }[];
  /** The inventory as loaded. */
  inventory: Inventory;
  /** Findings a `nhilint-disable-next-line` comment accepts, with its reason: reported as suppressed. */
  suppressed: Finding[];
  /**
   * The text with every secret the run detected (in any file, or in the inventory) shown redacted: for
   * output made from the run's inputs rather than its findings (the inventory report's fields).
   */
  redact: (text: string) => string;
  /**
   * How many distinct connector names were a detected secret themselves (a key pasted where a
   * secret's name belongs): no connector to the run, so only counted, never named.
   */
  connectorsNamedBySecret: number;
  /** How many of the files given were skipped by the config's `ignore` globs (not linted, not counted in `files`). */
  ignoredByConfig: number;
}

/** Core diagnostics that are not rules of their own: a file that does not parse, a bad suppression, a broken inventory. */
export const CORE_DIAGNOSTICS = {
  "parse-error": "warning",
  "invalid-inventory": "error",
  "invalid-suppression": "warning",
} as const satisfies Record<string, Severity>;

interface LintedFile {
  /** Set where a finding may land: files with findings or connector uses, and the inventory. */
  lines: LineIndex | undefined;
  suppressions: Suppression[];
}

/**
 * A model reduced to what workspace rules and the report read: connector uses, jobs, permissions.
 * Not copied yet: the caller copies it with the file's other kept values in one structuredClone.
 */
function workspaceFacts(model: FileModel): FileModel {
  return {
    platform: model.platform,
    path: model.path,
    text: "",
    // (No workspace rule nor the report reads these.)
    // Stryker disable ArrayDeclaration
    literals: [],
    triggers: [],
    checkouts: [],
    expressions: [],
    parseErrors: [],
    // Stryker restore ArrayDeclaration
    connectorRefs: model.connectorRefs,
    jobs: model.jobs.map((job) => ({ ...job, steps: [] })),
    permissions: model.permissions,
  };
}

/** Slow derivations of secret values, started as each file is linted and awaited at the end. */
interface Derivations {
  /** `path ␀ value` → the identity that is hashed. */
  done: Map<string, string>;
  pending: Promise<void>[];
}

/**
 * Start deriving one file's secret values. They run on the thread pool while the main thread lints
 * the next files, so on two cores most of their cost is hidden. A file with more distinct values than
 * POOLED_ABOVE (a dump of keys) is derived once as a whole, so a hostile file cannot cost hours: each
 * value's identity then also needs every other value in it.
 */
function startDerivations(path: string, values: Set<string>, options: SlowDerivation, sha256: Sha256 | undefined, derivations: Derivations): void {
  const { done } = derivations;
  // Awaited only at the end: a handler now keeps a failure from counting as unhandled before then.
  const pending = { push: (job: Promise<void>) => (job.catch(() => {}), derivations.pending.push(job)) };
  if (values.size <= POOLED_ABOVE) {
    for (const value of values) pending.push(deriveSecretIdentity(value, options).then((digest) => void done.set(`${path}\u0000${value}`, digest)));
    return;
  }
  // Stryker disable next-line StringLiteral: a separator only keeps `ab`+`c` and `a`+`bc` apart, which no two sets of secrets of a file are
  const pool = [...values].sort().join("\u0000");
  pending.push(
    deriveSecretIdentity(pool, options).then(async (digest) => {
      for (const value of values) done.set(`${path}\u0000${value}`, `pooled:${digest}:${await (sha256 ?? webCryptoSha256)(value)}`);
    }),
  );
}

interface PendingFinding extends ReportDescriptor {
  ruleId: string;
  path: string;
  severity: Severity;
}

/** What one file contributes to a run: all the workspace pass and `finish` need of it. */
interface FilePass {
  findings: PendingFinding[];
  entry?: { model: FileModel; platform: Platform };
  internalErrors: { path: string; message: string }[];
  /** The secret values detected in it, for redaction at the boundary. */
  secretValues: string[];
  /** Connector names that were secrets (upper-cased), dropped from the model: counted by the run. */
  connectorsNamedBySecret: string[];
  linted: LintedFile;
}

export async function lint(files: readonly LintFile[], options: LintOptions): Promise<LintResult> {
  const config = options.config ?? DEFAULT_CONFIG;
  const now = options.now ?? new Date();
  const ignored = ignore().add(config.ignore);
  const inventory: Inventory = loadInventory(options.inventory);
  const codeowners = parseCodeOwners(options.codeowners);
  // (findings, suppressed and redact are replaced at the end.)
  // Stryker disable next-line ArrayDeclaration,ArrowFunction
  const result: LintResult = { findings: [], files: [], internalErrors: [], models: [], inventory, suppressed: [], redact: (text) => text, connectorsNamedBySecret: 0, ignoredByConfig: 0 };
  // Stryker disable next-line ArrayDeclaration: a stray entry names no linted file: it is dropped
  const pending: PendingFinding[] = [];

  const severityOf = (ruleId: string, fallback: Severity): Severity | undefined => {
    const setting = config.rules[ruleId];
    return setting === "off" ? undefined : (setting ?? fallback);
  };
  const activeRules = options.rules.filter((rule) => severityOf(rule.meta.id, rule.meta.defaultSeverity));

  const reporter = (rule: Rule, defaultPath: string, sink = pending) => (descriptor: ReportDescriptor) => {
    const configured = config.rules[rule.meta.id];
    // Stryker disable next-line ConditionalExpression,StringLiteral: a rule turned off never reports (it is not active)
    const severity = configured && configured !== "off" ? configured : (descriptor.severity ?? rule.meta.defaultSeverity);
    sink.push({ ...descriptor, ruleId: rule.meta.id, path: descriptor.path ?? defaultPath, severity });
  };
  const coreReport = (ruleId: keyof typeof CORE_DIAGNOSTICS, path: string, descriptor: Omit<ReportDescriptor, "identity"> & { identity?: string }, sink = pending) => {
    const severity = severityOf(ruleId, CORE_DIAGNOSTICS[ruleId]);
    if (severity) sink.push({ identity: descriptor.message, ...descriptor, ruleId, path, severity });
  };

  /** What a rule sees of one file; secrets are detected once, for whichever rule asks first. */
  const contextFor = (model: FileModel, platform: Platform, found: { detections?: Promise<SecretDetection[]> }): Omit<FileContext, "report"> => ({
    file: model,
    platform,
    inventory,
    codeowners,
    author: options.author,
    config,
    now,
    detectSecrets: () => (found.detections ??= detectSecrets(model)),
  });

  // The longest root holding the file wins (a project inside a project is its own).
  // Stryker disable next-line all: an empty root or `.` prefixes no path (paths are relative, without `./`)
  const roots = [...(options.projectRoots ?? [])].filter((root) => root !== "" && root !== ".").sort((a, b) => b.length - a.length);
  const pathInProject = (path: string) => {
    const root = roots.find((folder) => path.startsWith(`${folder}/`));
    return root === undefined ? path : path.slice(root.length + 1);
  };

  /** One file's own pass: parse, file rules, redaction; nothing of it depends on other files. */
  const lintOneFile = async (path: string, text: string): Promise<FilePass> => {
    const findings: PendingFinding[] = [];
    const internalErrors: FilePass["internalErrors"] = [];
    const found: { detections?: Promise<SecretDetection[]> } = {};
    let entry: FilePass["entry"];
    try {
      const platform = platformFor(pathInProject(path), text);
      entry = { model: await buildModel(platform, path, text), platform };
      // The first syntax error is the one to fix; the rest usually follow from it.
      for (const error of entry.model.parseErrors.slice(0, 1)) {
        // Parsers quote the source in their messages (`…extra characters: |Zq8v…`): never a secret.
        // Stryker disable next-line Regex: parsers end a message with one period at most
        coreReport("parse-error", path, { span: error.span, message: `${platform.title} could not be parsed: ${redactQuoted(error.message).replace(/\.+$/, "")}. Its secrets were looked for as in plain text; its connectors could not be read.` }, findings);
      }
      // One context per file, its `report` set for each rule in turn: a copy per rule per file (60 000
      // on the corpus) was a fiftieth of a full scan. Safe because each rule is awaited before the next.
      const context: FileContext = { ...contextFor(entry.model, platform, found), report: () => {} };
      for (const rule of activeRules) {
        if (!rule.checkFile) continue;
        try {
          // Most rules are synchronous: an await per rule per file (60 000 on the corpus) is not free.
          context.report = reporter(rule, path, findings);
          const pending = rule.checkFile(context);
          // Stryker disable next-line ConditionalExpression: a shortcut; awaiting undefined is a tick, not a change.
          if (pending) await pending;
        } catch (error) {
          internalErrors.push({ path, message: `rule ${rule.meta.id} failed: ${describe(error)}` });
        }
      }
      // Every output is redacted with the secrets found: looked for even when no rule asked
      // (hardcoded-secret turned off), or a token pasted as a connector's name would be printed.
      await context.detectSecrets();
    } catch (error) {
      internalErrors.push({ path, message: `could not be linted: ${describe(error)}` });
      // Still look for secrets in the text (a token inside JSON nested 5 000 deep is still a token):
      // the secret rule itself, over the file read as plain text, its detections its own (those that
      // failed on the model, kept, failed the whole run when awaited below).
      found.detections = undefined;
      const secrets = activeRules.find((rule) => rule.meta.id === "hardcoded-secret");
      try {
        const plain = await plainText.buildModel(path, text);
        const context = contextFor(plain, plainText, found);
        if (secrets?.checkFile) await secrets.checkFile({ ...context, report: reporter(secrets, path, findings) });
        else await context.detectSecrets();
      } catch {
        // The text scan is the last resort; the internal error above already names the file.
        found.detections = undefined;
      }
    }
    // (Every pass asks for its secrets, above: the detections are there.)
    // Stryker disable next-line ArrayDeclaration
    let secretValues: string[] = [];
    let connectorsNamedBySecret: string[] = [];
    // Stryker disable next-line ConditionalExpression
    if (found.detections) {
      // Stryker disable next-line all: the values other messages are redacted of; a short one is too common a word to redact, and messages never hold the secrets (a prefix at most)
      secretValues = (await found.detections).map((d) => d.value).filter((value) => value.length >= 8);
      const finder = secretFinder(secretValues);
      redactAtTheBoundary(findings, finder);
      // A connector "name" that is itself a secret (a value pasted where a reference or an id belongs) is
      // no connector: the workspace rules, the inventory report and `inventory init` would print it.
      // Stryker disable next-line OptionalChaining,ArrayDeclaration: a file linted has its model (one read as plain text has none, and no names: see the test below)
      const named = entry?.model.connectorRefs.filter((ref) => finder(ref.name)) ?? [];
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: with none named, the filter keeps every ref.
      if (entry && named.length > 0) {
        entry.model.connectorRefs = entry.model.connectorRefs.filter((ref) => !named.includes(ref));
        // Stryker disable next-line MethodExpression: only their number is reported; a case of its own counts the same.
        connectorsNamedBySecret = named.map((ref) => ref.name.toUpperCase());
      }
    }
    let lines: LineIndex | undefined;
    const linesOf = () => (lines ??= new LineIndex(text));
    // Their reasons are redacted with the run's secrets, once every file is read (below).
    const suppressions = findSuppressions(path, text, linesOf);
    // Workspace rules report on files that use connectors, and on the inventory.
    // (Lines made for a file with nothing to place are only unused: the `true` and `>=` mutants are equivalent.)
    // Stryker disable next-line EqualityOperator,OptionalChaining
    // Stryker disable next-line ConditionalExpression: only spares indexing the lines of a file nothing points into
    if (findings.length > 0 || (entry?.model.connectorRefs.length ?? 0) > 0 || path === inventory.path) linesOf();
    if (options.compactModels) {
      // Strings sliced from the text keep all of it alive: the run keeps its own copies. The secret
      // values are kept for the workspace rules' messages, which quote inventory fields: an owner
      // or purpose holding a token is still a token.
      // One copy of all the file keeps (a structuredClone per value was a hundredth of a full scan),
      // none when it keeps nothing sliced from its text.
      const facts = entry && workspaceFacts(entry.model);
      // (A copy made or not holds the same: it only lets the text be freed, which the bench's memory rows measure.)
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,BooleanLiteral: the same content either way (above)
      const nothingToCopy = findings.length === 0 && secretValues.length === 0 && (!facts || (facts.connectorRefs.length === 0 && facts.jobs.length === 0 && facts.permissions === undefined));
      const kept = nothingToCopy ? { findings, facts, secretValues, connectorsNamedBySecret } : structuredClone({ findings, facts, secretValues, connectorsNamedBySecret });
      return { findings: kept.findings, entry: entry && { ...entry, model: kept.facts! }, internalErrors, secretValues: kept.secretValues, connectorsNamedBySecret: kept.connectorsNamedBySecret, linted: { lines, suppressions } };
    }
    return { findings, entry, internalErrors, secretValues, connectorsNamedBySecret, linted: { lines, suppressions } };
  };

  const cache = options.cache;
  if (cache) {
    // Everything a file rule reads besides its file: when any of it changes, every file is judged again.
    // Stryker disable next-line MethodExpression,ArrowFunction: a context that differs more often only empties the cache more often
    const context = JSON.stringify([options.inventory?.path, options.inventory?.text, options.codeowners, options.author, config, roots, now.toISOString().slice(0, 10), activeRules.map((r) => r.meta.id), options.secretFingerprints]);
    if (cache.context !== context) {
      cache.files.clear();
      cache.fingerprints = undefined;
    }
    cache.context = context;
  }
  const models = result.models;
  // Stryker disable next-line ArrayDeclaration: a stray entry is no derivation anything awaits
  const derivations: Derivations = { done: new Map(), pending: [] };
  // Stryker disable next-line ArrayDeclaration: a stray value redacts only its own words, which no message holds
  const secretValues: string[] = [];
  const namedBySecret = new Set<string>();
  const linted = new Map<string, LintedFile>();
  let seen = 0;
  for (const file of files) {
    seen++;
    const { path } = file;
    // Ignored, or read and found not to be text: not linted, but counted (progress ends at the total).
    // Stryker disable next-line ConditionalExpression: a shortcut; no pattern ignores nothing.
    // Stryker disable next-line EqualityOperator: no patterns ignore nothing
    const ignoredHere = config.ignore.length > 0 && ignored.ignores(path);
    if (ignoredHere) result.ignoredByConfig++;
    const text = ignoredHere ? undefined : file.text;
    if (text === undefined) {
      options.onProgress?.(seen, files.length);
      continue;
    }
    const cached = cache?.files.get(path);
    const pass = cached?.text === text ? cached.pass : await lintOneFile(path, text);
    // Stryker disable next-line ConditionalExpression: setting the same pass again changes nothing.
    if (cache && cached?.pass !== pass) cache.files.set(path, { text, pass });
    if (pass.entry) {
      models.push(pass.entry);
      result.files.push({ path, platform: pass.entry.platform.id });
    }
    result.internalErrors.push(...pass.internalErrors);
    pending.push(...pass.findings);
    secretValues.push(...pass.secretValues);
    for (const name of pass.connectorsNamedBySecret) namedBySecret.add(name);
    // A reused pass's suppressions are judged afresh.
    for (const suppression of pass.linted.suppressions) suppression.used = false;
    linted.set(path, pass.linted);
    const secretFingerprints = options.secretFingerprints;
    if (typeof secretFingerprints === "object") {
      // Stryker disable next-line MethodExpression: only secret identities' derivations are read (finish).
      const values = new Set(pass.findings.filter((f) => f.identityIsSecret).map((f) => f.identity));
      // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; no values start nothing.
      if (values.size > 0) startDerivations(path, values, secretFingerprints, options.sha256, derivations);
    }
    options.onProgress?.(seen, files.length);
  }
  // Files gone from the workspace leave the cache.
  if (cache) for (const path of cache.files.keys()) if (!linted.has(path)) cache.files.delete(path);

  const workspaceStart = pending.length;
  // Stryker disable next-line ConditionalExpression: a shortcut; finish drops findings on files not linted.
  if (linted.has(inventory.path)) {
    for (const problem of inventory.problems) coreReport("invalid-inventory", inventory.path, problem);
  }
  const workspace: Omit<WorkspaceContext, "report"> = { files: models, inventory, codeowners, author: options.author, config, now, wholeWorkspace: options.wholeWorkspace ?? false };
  for (const rule of activeRules) {
    if (!rule.checkWorkspace) continue;
    try {
      await rule.checkWorkspace({ ...workspace, report: reporter(rule, inventory.path) });
    } catch (error) {
      result.internalErrors.push({ path: inventory.path, message: `rule ${rule.meta.id} failed: ${describe(error)}` });
    }
  }

  // The inventory's own secrets (a token pasted as an owner) are known even when it is not among the files.
  if (options.inventory && !linted.has(inventory.path)) {
    for (const detection of await detectSecrets(await plainText.buildModel(options.inventory.path, options.inventory.text))) secretValues.push(detection.value);
  }
  const secretIn = secretFinder(secretValues);
  // Stryker disable next-line MethodExpression: redacting the file rules' findings again changes nothing.
  redactAtTheBoundary(pending.slice(workspaceStart), secretIn);
  result.redact = (text) => redactSecrets(text, secretIn);
  // An error's message may quote what the code was reading (`Cannot read properties of undefined
  // (reading '<a key holding a token>')`): the run's secrets, and any credential-shaped run, redacted.
  result.internalErrors = result.internalErrors.map((error) => ({ ...error, message: redactQuoted(redactSecrets(error.message, secretIn)) }));
  // A suppression's reason is shown with what it accepts, and may quote a secret of any file
  // (`-- same as ghp_…`, `-- unlike the password in db.yml`): redacted with the whole run's secrets.
  for (const { suppressions } of linted.values()) for (const suppression of suppressions) suppression.reason = redactSecrets(suppression.reason, secretIn);
  // What finish reports itself quotes the directives (`unknown rule id <a token pasted there>`): redacted too.
  // Stryker disable next-line StringLiteral: any setting but `plain` derives the secrets' fingerprints the same way
  const finished = await finish(pending, linted, (ruleId, path, d) => coreReport(ruleId, path, { ...d, message: redactSecrets(d.message, secretIn) }), options.rules, options.sha256, options.secretFingerprints ?? "skip", derivations, cache);
  result.findings = finished.filter((f) => !f.suppression);
  result.suppressed = finished.filter((f) => f.suppression);
  result.connectorsNamedBySecret = namedBySecret.size;
  return result;
}

/**
 * The last line of "never print a secret": no message, help, connector or fix edit leaving the core holds
 * a secret detected in its file, whichever rule wrote it. Messages, help and connectors get the value
 * redacted; a fix whose edit would write a secret back is dropped (it would re-insert a credential).
 */
function redactAtTheBoundary(findings: PendingFinding[], secretIn: (text: string) => string | undefined): void {
  const clean = (text: string) => redactSecrets(text, secretIn);
  for (const finding of findings) {
    finding.message = clean(finding.message);
    if (finding.help) finding.help = clean(finding.help);
    if (finding.connector) finding.connector = clean(finding.connector);
    if (finding.fixes?.some((fix) => fix.edits.some((edit) => secretIn(edit.text)))) {
      finding.fixes = finding.fixes.filter((fix) => !fix.edits.some((edit) => secretIn(edit.text)));
    }
  }
}

/** Positions, suppressions, fingerprints; findings on files that were not linted are dropped. */
async function finish(
  pending: PendingFinding[],
  linted: Map<string, LintedFile>,
  coreReport: (ruleId: "invalid-suppression", path: string, d: { span: { start: number; end: number }; message: string }) => void,
  rules: readonly Rule[],
  sha256: Sha256 | undefined,
  secretFingerprints: SecretFingerprints,
  derivations: Derivations,
  cache?: LintCache,
): Promise<Finding[]> {
  // Stryker disable next-line StringLiteral: only for a path with no lines, which has no findings either
  const noLines = new LineIndex("");
  // Stryker disable next-line OptionalChaining: findings are on linted files
  const indexOf = (path: string) => linted.get(path)?.lines ?? noLines;
  const known = new Set<string>([...rules.map((r) => r.meta.id), ...Object.keys(CORE_DIAGNOSTICS)]);
  // Stryker disable next-line MethodExpression: findings on files not linted are dropped again below (ordered)
  const kept = pending.filter((f) => linted.has(f.path));

  // Findings by file and line, built for a file only when it has a suppression: one pass, not one per suppression.
  const keptByPath = new Map<string, PendingFinding[]>();
  for (const finding of kept) {
    const same = keptByPath.get(finding.path);
    if (same) same.push(finding);
    else keptByPath.set(finding.path, [finding]);
  }
  const byLine = new Map<string, Map<number, PendingFinding[]>>();
  const findingsOnLine = (path: string, line: number): PendingFinding[] => {
    let lines = byLine.get(path);
    // Stryker disable next-line ConditionalExpression: a memo
    if (!lines) {
      byLine.set(path, (lines = new Map()));
      for (const finding of keptByPath.get(path) ?? []) {
        const at = indexOf(path).position(finding.span.start).line;
        const same = lines.get(at);
        if (same) same.push(finding);
        else lines.set(at, [finding]);
      }
    }
    // Stryker disable next-line ArrayDeclaration: a stray entry is no suppression of any rule
    return lines.get(line) ?? [];
  };
  // Suppressions are judged against rule findings, then reported themselves if misused.
  const suppressed = new Map<PendingFinding, string>();
  for (const [path, { suppressions }] of linted) {
    for (const suppression of suppressions) {
      const unknown = suppression.rules.filter((id) => !known.has(id));
      if (suppression.rules.length === 0 || unknown.length > 0) {
        coreReport("invalid-suppression", path, {
          span: suppression.span,
          message: suppression.rules.length === 0 ? "nhilint-disable-next-line needs the rule id it silences" : `unknown rule id ${unknown.join(", ")} in nhilint-disable-next-line`,
        });
        continue;
      }
      if (!suppression.reason) {
        coreReport("invalid-suppression", path, { span: suppression.span, message: "a suppression needs a reason: nhilint-disable-next-line RULE -- why this is acceptable" });
        continue;
      }
      for (const finding of findingsOnLine(path, suppression.line)) {
        if (suppression.rules.includes(finding.ruleId)) {
          suppressed.set(finding, suppression.reason);
          suppression.used = true;
        }
      }
      if (!suppression.used) {
        coreReport("invalid-suppression", path, { span: suppression.span, message: `this suppression of ${suppression.rules.join(", ")} matches no finding on the next line: remove it` });
      }
    }
  }

  const findings: Finding[] = [];
  // The same identity twice in a file (one secret pasted in two places) is two findings: the second
  // and later carry their occurrence in the fingerprint, the first keeps the plain one.
  const occurrences = new Map<string, number>();
  // Stryker disable next-line ConditionalExpression,UnaryOperator: occurrences are counted per file: only the order within one numbers them
  const ordered = pending.filter((f) => linted.has(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.span.start - b.span.start));
  await Promise.all(derivations.pending);
  const derived = derivations.done;
  // With a cache (the editor), digests of the last run are reused: most findings are the same each keystroke.
  const previous = cache?.fingerprints;
  const current = new Map<string, string>();
  const fingerprintOf = async (f: PendingFinding, occurrence: number) => {
    const identity = f.identityIsSecret && secretFingerprints !== "plain" ? derived.get(`${f.path}\u0000${f.identity}`) : f.identity;
    if (identity === undefined) return "";
    // Stryker disable next-line all: the key of the editor's cache of digests only
    const key = `${f.ruleId}\u0000${f.path}\u0000${occurrence === 0 ? identity : `${identity}\u0000#${occurrence + 1}`}`;
    const digest = previous?.get(key) ?? (await fingerprint(f.ruleId, f.path, occurrence === 0 ? identity : `${identity}\u0000#${occurrence + 1}`, sha256));
    // Stryker disable next-line ConditionalExpression: the editor's cache of digests: recomputed, they are the same
    if (cache) current.set(key, digest);
    return digest;
  };
  for (const f of ordered) {
    const index = indexOf(f.path);
    const seen = `${f.ruleId}\u0000${f.path}\u0000${f.identity}`;
    const occurrence = occurrences.get(seen) ?? 0;
    occurrences.set(seen, occurrence + 1);
    const reason = suppressed.get(f);
    findings.push({
      ruleId: f.ruleId,
      severity: f.severity,
      confidence: f.confidence ?? "high",
      message: f.message,
      path: f.path,
      span: f.span,
      start: index.position(f.span.start),
      end: index.position(f.span.end),
      fingerprint: await fingerprintOf(f, occurrence),
      fixes: f.fixes ?? [],
      help: f.help,
      ...(f.connector === undefined ? {} : { connector: f.connector }),
      ...(reason === undefined ? {} : { suppression: { kind: "inSource" as const, justification: reason } }),
    });
  }
  // Stryker disable next-line ConditionalExpression: the editor's cache of digests: recomputed, they are the same
  if (cache) cache.fingerprints = current;
  // Stryker disable next-line ConditionalExpression: the findings come ordered by path and place (`ordered`, above): a sort of an ordered array only compares a later one with an earlier.
  return findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.span.start - b.span.start || (a.ruleId < b.ruleId ? -1 : 1)));
}

function describe(error: unknown): string {
  if (error instanceof RangeError) return "input too deeply nested or too large";
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}
