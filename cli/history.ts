// `nhilint history`: every secret ever committed in the reachable history, each reported once, with
// where it came in, whether HEAD still holds it and where it went out. What a team adopting nhilint
// must rotate: the hook stops new secrets, but a secret deleted from HEAD is still in every clone.
//
// Built for speed: one `git log --raw` lists every blob each commit added or changed (oldest first,
// so the first sighting is the commit that introduced it); each distinct blob is read once by one
// `git cat-file --batch`; the same detectors as hardcoded-secret judge it. Nothing in the repository
// (refs, index, working tree) is written.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import ignore from "ignore";
import { redact, redactSecrets, secretFinder } from "../linter-core/redact.js";
import { deriveSecretIdentity, fingerprint, PUBLIC_SALT } from "../linter-core/fingerprint.js";
import { CONFIG_PATH, lint, parseConfig, plural } from "../linter-core/index.js";
import { revocationFor } from "../linter-core/secrets/revocation.js";
import { RULES } from "../rules/index.js";
import { addHistoryToBaseline, BASELINE_PATH, newBaseline, parseBaseline, secretFingerprintsFor, type Baseline, BaselineError } from "./baseline.js";
import { sha256Hex } from "./crypto.js";
import { HistoryJudge, unpackBatch, WORKER_READY, type JudgedBatch, type JudgedBlob, type RawBlob } from "./history-judge.js";
import { bareRepository, fetchObjects, GitError, gitLines, gitOutput, gitSays, isCommit, missingObjects, promisorRemote, readObjects, repositoryRoot, stashEntries, streamObjects, taggedObjects, textFromGit, treeBlobs, type TaggedObject } from "./git.js";
import { isDependencyPath, optionFileError, UsageError } from "./files.js";
import { blobText, utf16Text } from "./read.js";
import { formatHistory, SHALLOW_NOTE, type HistoryFormat, type HistoryReport } from "./formatters/history.js";
import { plain, plainPath } from "./formatters/stylish.js";
import { writeOrFail } from "./scan.js";

export interface HistoryOptions {
  cwd: string;
  /** Revisions to walk, as `git log` takes them (`HEAD`, `--all`, `A..B`). */
  revisions: string[];
  format: HistoryFormat;
  /** Write the report here, not to stdout. */
  output?: string;
  /** Colour the stylish report (the run decided: NO_COLOR, FORCE_COLOR, --no-color, the terminal). */
  color?: boolean;
  /** The configuration file (default: .nhilint.yaml at the root): its `ignore` globs are not read. */
  config?: string;
  /** The baseline (default: .nhilint-baseline.json at the root). */
  baseline?: string;
  /** Accept every secret found in the baseline's `history` list, and exit 0. */
  updateBaseline?: boolean;
  /** The version the SARIF log names. */
  version?: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  progress: boolean;
  /** Read blobs in dependency folders too. */
  includeDependencies?: boolean;
  /** The process's tuning for a long run (main.ts): called once the worker threads have started. */
  beforeLongRun?: () => void;
}

/** Blobs larger than this are skipped (and counted): lockfiles, bundles, data. */
const MAX_BLOB_BYTES = 2 * 1024 * 1024;

interface Change {
  commit: string;
  parent: string | undefined;
  author: string;
  date: string;
  path: string;
  oldBlob: string;
  newBlob: string;
  status: string;
  /** A blob no commit brought in, read because this ref names it or its tree (`--all`). */
  ref?: string;
}

/** Every change of every commit in `revisions` (to `paths`, when given), oldest commit first, parents before children. */
function changes(root: string, revisions: string[], paths: string[] = []): Change[] {
  // --date-order: parents before children, whatever the dates say. git's default order follows commit
  // dates, and a commit dated before its parent (a wrong clock, an import) would come first, taking
  // the first sighting of what its parent brought in.
  // What a user's git configuration would change is set on the command line: `--root` (with
  // `log.showRoot=false` the first commit's files were missing, each secret put in a later commit),
  // `--encoding` (with `i18n.logOutputEncoding=latin1` authors came out as `Jos\xE9`), `--no-follow`
  // (`log.follow` made one path's log follow renames, whose two-path entries the reading below does
  // not expect), `--no-show-signature` (`log.showSignature` adds gpg's lines to the output).
  const out = gitOutput(root, ["log", "--reverse", "--date-order", "--root", "--encoding=UTF-8", "--no-follow", "--no-show-signature", "--no-renames", "--raw", "--no-abbrev", "-z", "--diff-merges=first-parent", "--format=%x01%H %P%x00%aN <%aE>%x00%aI", ...revisions, "--", ...paths]);
  const result: Change[] = [];
  for (const chunk of textFromGit(out).split("\x01")) {
    if (!chunk) continue;
    const fields = chunk.split("\0");
    const [ids, author, date] = fields;
    const [commit, parent] = ids.split(" ");
    for (let i = 3; i + 1 < fields.length; i += 2) {
      const raw = fields[i].replace(/^\n/, "");
      if (!raw.startsWith(":")) break;
      // ":<old mode> <new mode> <old blob> <new blob> <status>"
      const [, newMode, oldBlob, newBlob, status] = raw.slice(1).split(" ");
      if (newMode === "160000") continue; // a submodule's commit, not a blob
      result.push({ commit, parent, author, date: date.slice(0, 10), path: fields[i + 1], oldBlob, newBlob, status });
    }
  }
  return result;
}

/**
 * Whether any committed version of `path` in HEAD's ancestry holds `value`: the editor's
 * rotate-if-committed check, on the same machinery as the history scan (each version's blob read once,
 * in-process: the value never goes on a command line). False outside git or before the first commit.
 */
export function committedWithValue(cwd: string, path: string, value: string): boolean {
  if (!value) return false;
  let versions: string[];
  try {
    // Stryker disable next-line MethodExpression,ArrayDeclaration,Regex: equivalent: git log reads HEAD when given no revision, a deletion's new blob is the null id (read as missing), and without -M a status is one letter
    versions = [...new Set(changes(cwd, ["HEAD"], [path]).filter((change) => /^[AMT]/.test(change.status)).map((change) => change.newBlob))];
  } catch {
    return false;
  }
  // A UTF-16 version (a PowerShell script) holds it in its own encoding.
  for (const bytes of readObjects(cwd, versions).values()) if (bytes.includes(value) || utf16Text(bytes)?.includes(value)) return true;
  return false;
}

export interface HistorySecret {
  title: string;
  /** A short prefix and the length: never the value. */
  redacted: string;
  firstCommit: string;
  author: string;
  date: string;
  path: string;
  /** Its line (from 1) in the version that brought it in, at `path`. */
  line?: number;
  inHead: boolean;
  /** The commit that removed its last copy (its parent was the last to hold it); undefined while HEAD holds it. */
  removedIn?: string;
  lastCommit?: string;
  /**
   * Held by no commit, only by this ref, which names a blob or a tree (`--all`: a tag of a key file).
   * `firstCommit` is then the object the ref names (the blob or tree, or the annotated tag), and
   * `author` and `date` the annotated tag's tagger and day (empty for a lightweight tag).
   */
  ref?: string;
  /** Every path it was ever committed at. */
  paths: string[];
  /** The names it was committed under (`DEPLOY_TOKEN: <value>`): a connector of that name may hold it. */
  names: string[];
  /**
   * Accepted, by the baseline or by a comment: shown, not to rotate again. The baseline accepts it at a
   * path HEAD holds it at (or where it last was); a comment where every copy HEAD holds has one.
   */
  accepted?: boolean;
  /**
   * The `nhilint-disable-next-line hardcoded-secret -- reason` comment that accepts it: in every copy
   * HEAD holds, or (removed) in the last version that held it. One of them, with its reason.
   */
  suppression?: { path: string; line: number; reason: string };
  /** Where a credential of its kind is revoked, when nhilint knows the provider's page (revocation.ts). */
  revoke?: string;
}

export interface ScanHistoryOptions {
  progress?: (done: number, total: number) => void;
  baseline?: Baseline;
  /** Read blobs in dependency folders too (vendored code, node_modules): skipped by default. */
  includeDependencies?: boolean;
  /** Globs (gitignore syntax, the configuration's `ignore`): a blob only ever at such paths is not read. */
  ignore?: string[];
  /** Fingerprint, in the baseline's `history` terms, each secret it does not accept (`--update-baseline`). */
  fingerprintUnaccepted?: boolean;
  /** Told how many secret values are about to go through the slow derivation (progress on a terminal). */
  deriving?: (count: number) => void;
  /**
   * Worker threads to judge with; 0 judges in this thread. Default: one per core but one, from 1 500
   * blobs on (below that, starting one costs more than it saves).
   */
  workers?: number;
  /** Node options for the worker threads (default: this process's, as Node passes them on). */
  workerExecArgv?: string[];
  /** Told when a partial clone lacks objects to read: how many (of what: `blob`, `commit tree`) are fetched, and from which remote, in one request. */
  fetching?: (count: number, remote: string, noun: string) => void;
  /**
   * Called once the worker threads have started or stopped (at once without any): the executable
   * then tunes V8 for a long run, which a thread's start-up would pay for (v8-flags.ts).
   */
  beforeLongRun?: () => void;
}

export interface HistoryScan {
  secrets: HistorySecret[];
  blobs: number;
  skipped: HistoryReport["skipped"];
  /** Versions of TS/JS files too large to parse, read by the text-wide detectors only (history-judge.ts). */
  readAsText: number;
  /** With `fingerprintUnaccepted`: each secret the baseline does not accept, and its `history` fingerprint. */
  unaccepted: Map<HistorySecret, string>;
}

export async function scanHistory(root: string, asked: string[], options: ScanHistoryOptions = {}): Promise<HistoryScan> {
  const { progress, baseline } = options;
  // Every ref is every stash entry too, not only the newest (the one refs/stash points at).
  const revisions = asked.includes("--all") ? [...asked, ...stashEntries(root)] : asked;
  // Worker threads start while git lists the history (their start-up is most of a short run); stopped
  // unused when it proves short.
  let workers = startWorkers(options.workers ?? defaultWorkers(), options.workerExecArgv);
  // (Each thread loads Node's modules as it starts: from Node's code cache only under V8's default flags.)
  void Promise.all(workers.map((worker) => workerStates.get(worker)!.ready)).then(() => options.beforeLongRun?.());
  // A partial clone (a blobless or treeless CI checkout) lacks objects git would fetch one at a time
  // as they are read, a round trip apiece: hours on a long history. They are fetched in one request
  // each: the commits' trees (a treeless clone's; their subtrees come with them), then the blobs.
  const remote = promisorRemote(root);
  let all: Change[];
  /** The blobs of refs that name a blob or a tree (`--all` only: every ref), each with its path and its ref. */
  let tagged: { blob: string; path: string; by: TaggedObject }[] = [];
  try {
    if (remote !== undefined) fetchLacking(root, remote, gitLines(root, ["log", "--no-show-signature", "--format=%T", ...revisions]), "commit tree", options.fetching);
    all = changes(root, revisions);
    if (revisions.includes("--all")) tagged = taggedObjects(root).flatMap((by) => (by.type === "blob" ? [{ blob: by.id, path: by.ref }] : treeBlobs(root, by.id)).map((entry) => ({ ...entry, by })));
  } catch (error) {
    void stopWorkers(workers);
    throw error;
  }
  const skipped = { large: 0, binary: 0, dependencies: 0, ignored: 0 };
  // A blob only ever committed in dependency folders (vendored code) is not read, unless asked; nor one
  // only ever at paths the configuration ignores.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: an empty list of globs ignores nothing either
  const ignored = options.ignore && options.ignore.length > 0 ? ignore().add(options.ignore) : undefined;
  const isIgnored = (path: string) => ignored?.ignores(path) === true;
  const isRead = (path: string) => (options.includeDependencies || !isDependencyPath(path)) && !isIgnored(path);
  // The first commit to bring each blob in at a path that is read, and that path: a blob first
  // committed in a dependency folder or at an ignored path is named after where it was read.
  const firstSeen = new Map<string, Change>();
  // Every path each blob was committed at (a file copied or moved keeps its blob: read once, named at each).
  const pathsOf = new Map<string, Set<string>>();
  for (const change of all) {
    if (!/^[AMT]/.test(change.status)) continue;
    // A set: one blob (an empty `__init__.py`) can be at tens of thousands of paths.
    const paths = pathsOf.get(change.newBlob);
    if (paths) paths.add(change.path);
    else pathsOf.set(change.newBlob, new Set([change.path]));
    if (!isRead(change.path)) continue;
    const seen = firstSeen.get(change.newBlob);
    // Brought in at several paths by one commit (--include-dependencies): named after one outside dependency folders, if any.
    if (!seen || (seen.commit === change.commit && isDependencyPath(seen.path) && !isDependencyPath(change.path))) firstSeen.set(change.newBlob, change);
  }
  // The blobs of refs that name a blob or a tree, which no commit brought in: last, so a blob a commit
  // also holds is named after the commit.
  for (const { blob, path, by } of tagged) {
    const paths = pathsOf.get(blob);
    if (paths) paths.add(path);
    else pathsOf.set(blob, new Set([path]));
    if (isRead(path) && !firstSeen.has(blob)) firstSeen.set(blob, { commit: by.named, parent: undefined, author: by.tagger ?? "", date: by.date ?? "", path, oldBlob: "", newBlob: blob, status: "A", ref: by.ref });
  }
  const wanted = [...firstSeen.keys()];
  for (const [id, paths] of pathsOf) {
    if (firstSeen.has(id)) continue;
    if ([...paths].every(isIgnored)) skipped.ignored++;
    else skipped.dependencies++;
  }

  if (remote !== undefined) {
    try {
      fetchLacking(root, remote, wanted, "blob", options.fetching);
    } catch (error) {
      void stopWorkers(workers);
      throw error;
    }
  }

  // Each distinct secret, by its value (in memory only, never written out: the baseline's fingerprints
  // need it), and the blobs holding it. Not by a hash of it: the versions of a file repeat what they
  // carry, and hashing each detection was the largest cost of a long key file's history.
  const secrets = new Map<string, SecretEntry>();
  /** Blobs holding a secret and a `nhilint-disable-next-line` comment: only these can accept one by comment. */
  const withDirectives = new Set<string>();
  // The blobs stream from one `git cat-file --batch`, in commit order, to the judges (history-judge.ts):
  // worker threads on a long history, every version of a path to the same one; the results are then
  // taken in commit order, so the first blob to hold a value names its commit.
  async function* blobs(): AsyncGenerator<RawBlob> {
    // Blobs over 2 MiB are dropped as they stream (lockfiles, bundles, data): skipped and counted.
    for await (const { name: id, bytes, tooLarge } of streamObjects(root, wanted, { maxBytes: MAX_BLOB_BYTES })) {
      if (tooLarge) skipped.large++;
      if (!bytes) continue;
      const { path, status, oldBlob } = firstSeen.get(id)!;
      // Stryker disable next-line ConditionalExpression,MethodExpression,LogicalOperator,ObjectLiteral,StringLiteral: the same findings either way (a version judged from its old one is judged exactly, one whose base is no blob is judged whole): only the time differs
      yield { id, path, bytes, ...(status.startsWith("M") && { base: oldBlob }) };
    }
  }
  /** One blob's results, taken in commit order (as they come, while later blobs are judged). */
  let readAsText = 0;
  const take = ({ id, detections, lines, binary, textOnly, directives }: JudgedBlob) => {
    if (binary) {
      skipped.binary++;
      return;
    }
    if (textOnly) readAsText++;
    if (directives) withDirectives.add(id);
    const change = firstSeen.get(id)!;
    for (let k = 0; k < detections.length; k++) {
      const detection = detections[k];
      const known = secrets.get(detection.value);
      const name = detection.name;
      if (known) {
        known.blobs.add(id);
        if (name && !known.secret.names.includes(name)) known.secret.names.push(name);
        for (const path of pathsOf.get(id)!) {
          if (known.paths.has(path)) continue;
          known.paths.add(path);
          known.secret.paths.push(path);
        }
        continue;
      }
      secrets.set(detection.value, {
        blobs: new Set([id]),
        paths: new Set(pathsOf.get(id)),
        secret: { title: detection.title, redacted: redact(detection.value), firstCommit: change.commit, author: change.author, date: change.date, path: change.path, ...(lines && { line: lines[k] }), inHead: false, ...(change.ref && { ref: change.ref }), paths: [...pathsOf.get(id)!], names: name ? [name] : [] },
      });
    }
  };
  let done = 0;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: how many threads judge never changes what is found (tested with 0 to 3 workers)
  if (options.workers === undefined && wanted.length < WORKERS_FROM) {
    void stopWorkers(workers);
    workers = [];
  }
  // Progress counts the large and binary blobs skipped too: it ends at the number of blobs asked for.
  await judgeAll(blobs(), workers, take, (count) => progress?.((done += count) + skipped.large, wanted.length));
  progress?.(wanted.length, wanted.length);

  // Never print a secret: a key that holds one itself (a token pasted as a key) is no name, and a title
  // that quotes such a key shows it redacted.
  const secretIn = secretFinder(secrets.keys());
  for (const { secret } of secrets.values()) {
    secret.names = secret.names.filter((name) => !secretIn(name));
    // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut: a title without a quoted key has nothing to redact
    if (secret.title.includes("`")) secret.title = redactSecrets(secret.title, secretIn);
    const revoke = revocationFor(secret.title);
    // Stryker disable next-line ConditionalExpression: an undefined `revoke` is no field in JSON, and the formatters test it as absent
    if (revoke) secret.revoke = revoke;
  }

  // Which secrets HEAD still holds, and for the others the commit that took the last copy out.
  const head = new Set<string>();
  /** HEAD's path of each blob (one of them, for the baseline's fingerprint). */
  const headPath = new Map<string, string>();
  try {
    for (const { blob, path } of treeBlobs(root, "HEAD")) {
      head.add(blob);
      if (!headPath.has(blob)) headPath.set(blob, path);
    }
  } catch {
    // no HEAD (an empty repository): nothing is still there
  }
  /** Where in `all` each blob was replaced or deleted. */
  const changesFrom = new Map<string, number[]>();
  all.forEach((change, at) => {
    const list = changesFrom.get(change.oldBlob);
    // Stryker disable next-line ConditionalExpression: equivalent: keeping only a blob's last change keeps the last removal too (a later change to a holder is removed later still, or in HEAD)
    if (list) list.push(at);
    else changesFrom.set(change.oldBlob, [at]);
  });
  for (const entry of secrets.values()) {
    const { secret, blobs } = entry;
    const inHead = [...blobs].filter((id) => head.has(id));
    secret.inHead = inHead.length > 0;
    if (secret.inHead) {
      entry.holders = inHead.map((blob) => ({ path: headPath.get(blob)!, blob }));
      continue;
    }
    // The last change that took a blob holding it away for one that does not.
    // Stryker disable next-line UnaryOperator: a holder is brought in before it is removed, so no removal is the first change listed
    let last = -1;
    // Stryker disable next-line ArrayDeclaration,EqualityOperator: equivalent: a non-index compares false, and each change is listed once
    for (const blob of blobs) for (const at of changesFrom.get(blob) ?? []) if (at > last && !blobs.has(all[at].newBlob)) last = at;
    const removal = all[last];
    if (removal) {
      secret.removedIn = removal.commit;
      secret.lastCommit = removal.parent;
      entry.holders = [{ path: removal.path, blob: removal.oldBlob }];
    } else if (secret.ref) {
      // Held by a ref alone: accepted (or not) where the ref holds it.
      const [blob] = blobs;
      entry.holders = [{ path: secret.path, blob }];
    }
  }
  const unaccepted = new Map<HistorySecret, string>();
  await markAccepted(root, baseline, secrets, withDirectives);
  // A comment's reason is printed: never a secret the history holds, whichever file it came from.
  // A path is printed too: one that spells a secret of the history (a key file named after its token) shows it redacted.
  // So is the author: a token pasted as a name in git's config is in every commit it made.
  for (const { secret } of secrets.values()) {
    secret.author = redactSecrets(secret.author, secretIn);
    if (secret.suppression) secret.suppression = { ...secret.suppression, path: redactSecrets(secret.suppression.path, secretIn), reason: redactSecrets(secret.suppression.reason, secretIn) };
    secret.path = redactSecrets(secret.path, secretIn);
    // (A tag named after the token it holds: `git tag ghp_… <blob>`.)
    if (secret.ref) secret.ref = redactSecrets(secret.ref, secretIn);
    secret.paths = secret.paths.map((path) => redactSecrets(path, secretIn));
  }
  if (baseline) {
    // The history's own list (`nhilint history --update-baseline`): by value, wherever it was committed.
    if (baseline.version === 2 && (baseline.history?.length || options.fingerprintUnaccepted)) {
      const listed = new Set(baseline.history);
      const unknown = [...secrets].filter(([, { secret }]) => !secret.accepted);
      if (unknown.length > 0) options.deriving?.(unknown.length);
      await Promise.all(
        unknown.map(async ([value, { secret }]) => {
          const print = await historyFingerprint(value, baseline);
          if (listed.has(print)) secret.accepted = true;
          else if (options.fingerprintUnaccepted) unaccepted.set(secret, print);
        }),
      );
    }
  }
  // Most exposed first: still in HEAD, then the oldest.
  const ordered = [...secrets.values()].map((s) => s.secret).sort((a, b) => Number(b.inHead) - Number(a.inHead) || a.date.localeCompare(b.date));
  return { secrets: ordered, blobs: wanted.length - skipped.large, skipped, readAsText, unaccepted };
}

/**
 * A committed secret's fingerprint for the baseline's `history` list: of its value alone (through the
 * same salted, slow derivation as every secret fingerprint), not of a path, since the file that held
 * it is mostly gone; a value accepted once is accepted wherever the history holds it.
 */
function historyFingerprint(value: string, baseline: Extract<Baseline, { version: 2 }>): Promise<string> {
  return deriveSecretIdentity(value, { salt: baseline.salt, iterations: baseline.kdf.iterations }).then((identity) => fingerprint("hardcoded-secret", "(history)", identity, sha256Hex));
}

/** What a partial clone lacks of `names` (objects its history needs), fetched from `remote` in one request. */
function fetchLacking(root: string, remote: string, names: string[], noun: string, fetching: ScanHistoryOptions["fetching"]): void {
  const missing = missingObjects(root, names);
  if (missing.length === 0) return;
  fetching?.(missing.length, remote, noun);
  try {
    fetchObjects(root, remote, missing);
  } catch (error) {
    const why = error instanceof GitError ? error.message : String(error);
    throw new GitError(`this is a partial clone, and the ${plural(missing.length, noun)} of its history it lacks could not be fetched from \`${remote}\`: ${why} (scan where the remote can be reached, or in a full clone)`);
  }
}

/** A secret found, with the blobs and paths holding it, and where it is now (HEAD's copies, or the last one). */
interface SecretEntry {
  secret: HistorySecret;
  blobs: Set<string>;
  paths: Set<string>;
  /** Every blob of HEAD holding it (each at one of its paths), or the last version to hold it. */
  holders?: { path: string; blob: string }[];
}

/**
 * The secrets accepted where they are now. Each is linted as the scan lints it, in the file that holds
 * it (at HEAD, or the last version before its removal):
 * - with the baseline's salt, in one such file: a finding whose fingerprint the baseline lists is that
 *   secret, accepted (the same fingerprints as `nhilint --update-baseline` wrote, so one baseline
 *   serves both commands);
 * - in every such file, when each holds a `nhilint-disable-next-line` comment (the judges said which
 *   do): a secret that a valid comment accepts in all of them, and no copy left bare, is accepted there,
 *   as the scan accepts it. A copy the comment missed, or a comment without a reason, accepts nothing.
 */
async function markAccepted(root: string, baseline: Baseline | undefined, secrets: Map<string, SecretEntry>, withDirectives: Set<string>): Promise<void> {
  const key = (h: { path: string; blob: string }) => `${h.blob}\0${h.path}`;
  const holders = new Map<string, { path: string; blob: string; fingerprints: boolean }>();
  for (const { holders: list = [] } of secrets.values()) {
    // The baseline's check needs one file (the slow derivation runs for each secret in each file linted).
    if (baseline && list[0]) holders.set(key(list[0]), { ...list[0], fingerprints: true });
    if (!list.every((h) => withDirectives.has(h.blob))) continue;
    for (const h of list) if (!holders.has(key(h))) holders.set(key(h), { ...h, fingerprints: false });
  }
  if (holders.size === 0) return;
  const contents = readObjects(root, [...new Set([...holders.values()].map((h) => h.blob))]);
  const listed = new Set(baseline?.fingerprints);
  /** Per secret: the comment accepting it in each holder (by key), or `false` once a holder has it bare. */
  const byComment = new Map<SecretEntry, Map<string, HistorySecret["suppression"]> | false>();
  const rules = RULES.filter((rule) => rule.meta.id === "hardcoded-secret");
  // One file at a time: the same path can hold the secret in two versions (HEAD's and a removed one).
  for (const [where, holder] of holders) {
    const bytes = contents.get(holder.blob);
    const text = bytes && blobText(bytes);
    if (text === undefined) continue;
    const result = await lint([{ path: holder.path, text }], { rules, ...(baseline && holder.fingerprints && { secretFingerprints: secretFingerprintsFor(baseline, PUBLIC_SALT) }), sha256: sha256Hex });
    for (const finding of result.findings) {
      const entry = secrets.get(text.slice(finding.span.start, finding.span.end));
      if (!entry) continue;
      if (holder.fingerprints && listed.has(finding.fingerprint)) entry.secret.accepted = true;
      byComment.set(entry, false);
    }
    for (const finding of result.suppressed) {
      const entry = secrets.get(text.slice(finding.span.start, finding.span.end));
      const accepting = entry && byComment.get(entry);
      if (!entry || accepting === false || finding.suppression?.kind !== "inSource") continue;
      const comment = { path: holder.path, line: finding.start.line - 1, reason: finding.suppression.justification };
      if (accepting) accepting.set(where, accepting.get(where) ?? comment);
      else byComment.set(entry, new Map([[where, comment]]));
    }
  }
  for (const [entry, accepting] of byComment) {
    const { holders: list = [], secret } = entry;
    if (!accepting || secret.accepted || !list.every((h) => accepting.has(key(h)))) continue;
    secret.accepted = true;
    secret.suppression = accepting.get(key(list[0]));
  }
}

/** A batch handed to a worker thread: this many bytes, or this many blobs (a message costs too). */
const BATCH_BYTES = 1024 * 1024;
const BATCH_BLOBS = 200;
/** Batches a worker may hold unjudged: enough to keep it busy while git waits with the rest. */
const BATCHES_IN_FLIGHT = 4;
/** Below this many blobs, a worker thread costs more to start than it saves. */
const WORKERS_FROM = 1500;

/** A worker thread and what it was handed: the batch being filled and the answers awaited, in order. */
interface Lane {
  worker: Worker;
  /** Judges here, in this thread, when the worker could not load its code; in order, on `queue`. */
  local?: HistoryJudge;
  queue: Promise<unknown>;
  bytes: number;
  batch: { blob: RawBlob; index: number }[];
  batchBytes: number;
  awaited: { resolve: (judged: JudgedBlob[]) => void; reject: (error: unknown) => void }[];
}

/**
 * One per core but the one this thread needs to read git's output and hand it out, at most 8: on this
 * project's 2-core machine two threads judging were no faster than one (each warms up the detectors,
 * and the two cores slow each other down by half).
 */
function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 8));
}

/** `count` worker threads, or none where their script is absent (the core run from source). */
function startWorkers(count: number, execArgv?: string[]): Worker[] {
  const workerFile = new URL("./history-worker.js", import.meta.url);
  if (count === 0 || !existsSync(workerFile)) return [];
  // A worker's default young generation is small: the detectors' short-lived strings would keep its
  // collector busy (a third slower, measured on gitleaks's history).
  return Array.from({ length: count }, () => {
    const worker = new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 32 }, ...(execArgv && { execArgv }) });
    // Heard from the start, whenever it happens: a thread that fails to start (none left, a Node flag
    // workers refuse) or stops must neither take the process down with an unheard error nor leave
    // what it owed awaited for ever.
    const gone = new Promise<number>((resolve) => worker.once("exit", (code) => resolve((state.exitCode = code))));
    // Its first message says it loaded and can judge (a thread can come online and still fail to load its code).
    const ready = Promise.race([new Promise<boolean>((resolve) => worker.once("message", (message) => resolve((state.loaded = message === WORKER_READY)))), gone.then(() => false)]);
    const state: WorkerState = { gone, ready, loaded: false };
    worker.on("error", (error) => void (state.error ??= error));
    workerStates.set(worker, state);
    return worker;
  });
}

/** What became of a worker thread: its first error, and its exit. */
interface WorkerState {
  error?: unknown;
  exitCode?: number;
  gone: Promise<number>;
  ready: Promise<boolean>;
  /** It said it loaded its code. */
  loaded: boolean;
}
const workerStates = new WeakMap<Worker, WorkerState>();

function stopWorkers(workers: Worker[]): Promise<unknown> {
  return Promise.all(workers.map((worker) => worker.terminate()));
}

/**
 * Judges every blob, by the worker threads or where there are none in this thread, and hands each
 * result to `take` in the order read, as soon as those before it are in. Every version of a path goes
 * to the worker that judged its first (the least loaded then): it keeps the versions the next ones
 * are judged from.
 */
async function judgeAll(blobs: AsyncIterable<RawBlob>, started: Worker[], take: (judged: JudgedBlob) => void, done: (count: number) => void): Promise<void> {
  // Threads that already failed or stopped are left out; with none left, this thread judges.
  const workers = started.filter((worker) => {
    const state = workerStates.get(worker)!;
    return state.error === undefined && state.exitCode === undefined;
  });
  if (workers.length === 0) {
    await stopWorkers(started);
    const judge = new HistoryJudge();
    for await (const blob of blobs) {
      take(await judge.judge(blob));
      done(1);
    }
    return;
  }
  /** Results that came in before one read earlier, by their place in the reading order. */
  const waiting = new Map<number, JudgedBlob>();
  let next = 0;
  const lanes: Lane[] = workers.map((worker) => ({ worker, bytes: 0, batch: [], batchBytes: 0, awaited: [], queue: Promise.resolve() }));
  let failure: unknown;
  for (const lane of lanes) {
    lane.worker.on("message", (judged: JudgedBatch | typeof WORKER_READY) => {
      if (judged !== WORKER_READY) lane.awaited.shift()?.resolve(unpackBatch(judged));
    });
    // A thread gone (an error, or killed): what it still owed is not coming.
    const state = workerStates.get(lane.worker)!;
    void state.gone.then(async (code) => {
      const error = state.error ?? new Error(`a history worker thread stopped (exit code ${code}) before it answered`);
      // One that never loaded its code is no failure: what it was sent is judged here.
      if ((await state.ready) && (state.error !== undefined || lane.awaited.length > 0)) failure ??= error;
      for (const waiter of lane.awaited.splice(0)) waiter.reject(error);
    });
  }
  const running = new Set<Promise<void>>();
  /** A lane's batch judged in this thread, after the ones before it (versions build on each other). */
  const judgeHere = (lane: Lane, batch: Lane["batch"]): Promise<JudgedBlob[]> => {
    const judged = lane.queue.then(async () => {
      lane.local ??= new HistoryJudge();
      const results: JudgedBlob[] = [];
      for (const { blob } of batch) results.push(await lane.local.judge(blob));
      return results;
    });
    lane.queue = judged;
    return judged;
  };
  const send = async (lane: Lane) => {
    const batch = lane.batch;
    lane.batch = [];
    lane.batchBytes = 0;
    const state = workerStates.get(lane.worker)!;
    // Gone already, nothing sent to it would be answered: one that had loaded its code fails the run,
    // one that never did leaves its paths to this thread.
    if (state.exitCode !== undefined && state.loaded) {
      failure ??= state.error ?? new Error(`a history worker thread stopped (exit code ${state.exitCode})`);
      return;
    }
    let answer: Promise<JudgedBlob[]>;
    if (lane.local || state.exitCode !== undefined) {
      answer = judgeHere(lane, batch);
    } else {
      // One buffer per batch, handed over to the worker (the blobs' own bytes stay here until answered).
      const buffer = new Uint8Array(batch.reduce((sum, { blob }) => sum + blob.bytes.length, 0));
      let at = 0;
      const message = batch.map(({ blob }) => {
        buffer.set(blob.bytes, at);
        const bytes = buffer.subarray(at, (at += blob.bytes.length));
        return { ...blob, bytes };
      });
      answer = new Promise<JudgedBlob[]>((resolve, reject) => lane.awaited.push({ resolve, reject })).catch(async (error: unknown) => {
        // A thread that never loaded its code: this one judges its paths instead, from then on.
        if (await state.ready) throw error;
        return judgeHere(lane, batch);
      });
      lane.worker.postMessage(message, [buffer.buffer]);
    }
    const run = answer
      .then((judged) => {
        judged.forEach((result, i) => waiting.set(batch[i].index, result));
        for (let result = waiting.get(next); result; result = waiting.get(next)) {
          waiting.delete(next++);
          take(result);
        }
        done(batch.length);
      })
      .catch((error: unknown) => void (failure ??= error))
      .finally(() => running.delete(run));
    running.add(run);
    // Enough handed out: wait for this worker before reading on.
    while (lane.awaited.length > BATCHES_IN_FLIGHT && !failure) await Promise.race(running);
  };
  const laneOf = new Map<string, Lane>();
  try {
    let index = 0;
    for await (const blob of blobs) {
      let lane = laneOf.get(blob.path);
      if (!lane) {
        lane = lanes.reduce((least, l) => (l.bytes < least.bytes ? l : least));
        laneOf.set(blob.path, lane);
      }
      lane.batch.push({ blob, index: index++ });
      lane.batchBytes += blob.bytes.length;
      lane.bytes += blob.bytes.length;
      if (lane.batchBytes >= BATCH_BYTES || lane.batch.length >= BATCH_BLOBS) await send(lane);
      if (failure) break;
    }
    for (const lane of lanes) if (lane.batch.length > 0 && !failure) await send(lane);
    await Promise.all(running);
  } finally {
    await stopWorkers(started);
  }
  if (failure) throw failure;
}

/** A path as the user would type it from where they are (`.nhilint-baseline.json`, `../x.json`). */
function shownPath(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join("/") || path;
}

/** A file as committed at HEAD; undefined when HEAD has none. */
function committedFile(root: string, path: string): string | undefined {
  try {
    return gitOutput(root, ["cat-file", "blob", `HEAD:${path}`]).toString("utf8");
  } catch {
    return undefined;
  }
}

/** A file's text; undefined when there is none, unless a flag named it (then a usage error). */
function readIfFile(path: string, flag: string | undefined): string | undefined {
  if (existsSync(path) && statSync(path).isFile()) return readFileSync(path, "utf8");
  if (flag) throw optionFileError(flag, path);
  return undefined;
}

/**
 * What the team set that the history honours: the baseline (the working tree's, --baseline's, or in a
 * bare repository the one committed at HEAD) and the configuration's `ignore` globs. `inventory
 * --history` reads the same.
 */
export function teamSettings(options: Pick<HistoryOptions, "cwd" | "baseline" | "config" | "updateBaseline">, root: string, bare: boolean): { baseline?: Baseline; baselineFile: string; baselineShown: string; ignore: string[] } {
  const teamFile = (path: string) => (bare ? committedFile(root, path) : readIfFile(join(root, path), undefined));
  // A secret the baseline accepts is shown as accepted, not hidden, and not to rotate again.
  const baselineFile = options.baseline ? resolve(options.cwd, options.baseline) : join(root, BASELINE_PATH);
  const baselineShown = options.baseline || !bare ? shownPath(options.cwd, baselineFile) : BASELINE_PATH;
  let baseline: Baseline | undefined;
  try {
    // A baseline being written may not exist yet.
    const text = options.baseline ? readIfFile(baselineFile, options.updateBaseline ? undefined : "--baseline") : teamFile(BASELINE_PATH);
    if (text !== undefined) baseline = parseBaseline(baselineShown, text);
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(error.message);
    throw error;
  }
  // The `ignore` globs hold in the history too: test fixtures a team ignores in the working tree were
  // ignored in every commit (a ConfigError names the file and line: exit 2).
  const configFile = options.config ? resolve(options.cwd, options.config) : join(root, CONFIG_PATH);
  const configText = options.config ? readIfFile(configFile, "--config") : teamFile(CONFIG_PATH);
  const configShown = options.config || !bare ? shownPath(options.cwd, configFile) : CONFIG_PATH;
  const ignore = configText === undefined ? [] : parseConfig({ path: configShown, text: configText }, RULES.map((rule) => rule.meta.id)).ignore;
  return { baseline, baselineFile, baselineShown, ignore };
}

/** What a partial clone's run says before it fetches the blobs it lacks (stderr). */
export function fetchingNote(count: number, remote: string, noun: string): string {
  return `nhilint: history: this is a partial clone: fetching the ${plural(count, noun)} of its history it lacks from \`${remote}\`, in one request\n`;
}

export async function history(options: HistoryOptions): Promise<number> {
  // A working tree's top folder, or a bare repository (a mirror): its files are then HEAD's.
  const top = repositoryRoot(options.cwd);
  const bareRoot = top ? undefined : bareRepository(options.cwd);
  const root = top ?? bareRoot;
  if (!root) throw new UsageError(`${options.cwd} is not in a git repository: \`nhilint history\` reads its commits`);
  const bare = bareRoot !== undefined;
  const { baseline, baselineFile, baselineShown, ignore } = teamSettings(options, root, bare);
  // --update-baseline: every secret found is accepted in the baseline's `history` list (the file and
  // its salt created when there is none; the scan's own `fingerprints` kept as they are).
  let update: Extract<Baseline, { version: 2 }> | undefined;
  if (options.updateBaseline) {
    if (baseline?.version === 1) throw new UsageError(`${baselineShown} is a version 1 baseline: run \`nhilint --update-baseline\` first (it migrates it to version 2)`);
    if (bare && !options.baseline) throw new UsageError("a bare repository has no working tree to write the baseline to: name one with --baseline FILE");
    update = baseline ?? newBaseline();
  }
  // A shallow clone (CI's default checkout) holds only its last commits: say so, or a clean report
  // would claim more than was read.
  const shallow = gitSays(root, "--is-shallow-repository");
  if (shallow) {
    options.stderr(`nhilint: history: ${SHALLOW_NOTE}\n`);
  }
  // No commit yet: nothing has leaked.
  const unborn = options.revisions.length === 1 && options.revisions[0] === "HEAD" && !isCommit(root, "HEAD");
  if (unborn) options.stderr("nhilint: history: HEAD has no commits yet: nothing to read.\n");
  // A revision that names no commit is told by its name, not by git's command line.
  for (const revision of unborn ? [] : options.revisions.filter((r) => !r.startsWith("-"))) {
    // Stryker disable next-line MethodExpression: equivalent: the options' parsers never give an empty end (`A..`, `..B` are refused)
    for (const end of revision.split(/\.{2,3}/).filter(Boolean)) {
      if (!isCommit(root, end)) throw new UsageError(end === "HEAD" ? "HEAD has no commits yet: there is no history to read" : `no commit named \`${end}\` in this repository (give a branch, a tag or a commit id)`);
    }
  }
  let result;
  try {
    // A line rewritten at most ten times a second, and once at the end.
    let shown = Date.now();
    // Stryker disable next-line StringLiteral: equivalent: the first line drawn is never the empty one nor any other start value
    let line = "";
    const progress = options.progress
      ? (done: number, total: number) => {
          const next = `\rnhilint: history: ${done}/${total} blobs`;
          if (next === line || (done < total && Date.now() - shown < 100)) return;
          shown = Date.now();
          line = next;
          options.stderr(next);
        }
      : undefined;
    // Seconds, on a long history: say why the wait.
    const deriving = options.progress
      ? (count: number) => options.stderr(`\nnhilint: history: fingerprinting ${plural(count, "secret value")} for the baseline (a slow derivation by design, about 0.14 s of CPU each)`)
      : undefined;
    const fetching = (count: number, remote: string, noun: string) => options.stderr(fetchingNote(count, remote, noun));
    result = unborn
      ? { secrets: [], blobs: 0, skipped: { large: 0, binary: 0, dependencies: 0, ignored: 0 }, readAsText: 0, unaccepted: new Map() }
      : await scanHistory(root, options.revisions, { progress, baseline: update ?? baseline, includeDependencies: options.includeDependencies, ignore, fingerprintUnaccepted: Boolean(update), deriving, fetching, beforeLongRun: options.beforeLongRun });
    if (options.progress) options.stderr("\n");
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`cannot read the history: ${error.message}`);
    throw error;
  }
  const { secrets, blobs, skipped, readAsText } = result;
  if (update) {
    const added = [...result.unaccepted];
    writeOrFail(baselineFile, addHistoryToBaseline(update, added.map(([, print]) => print)), "--update-baseline");
    const before = secrets.length - added.length;
    options.stderr(`nhilint: accepted ${plural(added.length, "secret")} of the history in ${baselineShown}${before > 0 ? ` (${before} already accepted)` : ""}\n`);
    // Accepting a secret does not make it secret again: say so, per secret.
    for (const [s] of added) {
      options.stderr(`nhilint: accepted ${plainPath(s.path)}: ${plain(s.title)} (${s.redacted}), committed ${s.date}${s.inHead ? ", still in HEAD" : ""} — rotate it at its provider if that is not done\n`);
    }
    return 0;
  }
  const text = await formatHistory({ revisions: options.revisions, shallow, secrets, blobsScanned: blobs, skipped, readAsText, baselineShown }, options.format, {
    color: options.color === true && !options.output,
    // Stryker disable next-line StringLiteral: the CLI always passes its version (SARIF's is tested); this is for callers in code
    version: options.version ?? "0.0.0",
  });
  if (options.output) writeOrFail(resolve(options.cwd, options.output), text, "--output");
  else options.stdout(text);
  return secrets.some((s) => !s.accepted) ? 1 : 0;
}
