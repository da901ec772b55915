// `nhilint history`: every secret ever committed in the reachable history, each reported once, with
// where it came in, whether HEAD still holds it and where it went out. What a team adopting nhilint
// must rotate: the hook stops new secrets, but a secret deleted from HEAD is still in every clone.
//
// Built for speed: one `git log --raw` lists every blob each commit added or changed (oldest first,
// so the first sighting is the commit that introduced it); each distinct blob is read once by one
// `git cat-file --batch`; the same detectors as hardcoded-secret judge it. Nothing in the repository
// (refs, index, working tree) is written.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { redact } from "../linter-core/redact.js";
import { PUBLIC_SALT } from "../linter-core/fingerprint.js";
import { lint } from "../linter-core/index.js";
import { RULES } from "../rules/index.js";
import { BASELINE_PATH, parseBaseline, secretFingerprintsFor, type Baseline, BaselineError } from "./baseline.js";
import { blobJob, judgeJob, KeptVersions, type BlobDetection, type BlobJob } from "./history-judge.js";
import { mergeIncremental, type IncrementalPlan } from "../linter-core/secrets/incremental.js";
import { isBinary } from "./read.js";
import { GitError, gitOutput, readObjects, repositoryRoot, streamObjects } from "./git.js";
import { isDependencyPath, UsageError } from "./files.js";

export interface HistoryOptions {
  cwd: string;
  /** Revisions to walk, as `git log` takes them (`HEAD`, `--all`, `A..B`). */
  revisions: string[];
  format: "stylish" | "json" | "sarif";
  /** The version the SARIF log names. */
  version?: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  progress: boolean;
  /** Read blobs in dependency folders too. */
  includeDependencies?: boolean;
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
}

/** Every change of every commit in `revisions` (to `paths`, when given), oldest commit first. */
function changes(root: string, revisions: string[], paths: string[] = []): Change[] {
  const out = gitOutput(root, ["log", "--reverse", "--no-renames", "--raw", "--no-abbrev", "-z", "--diff-merges=first-parent", "--format=%x01%H %P%x00%an <%ae>%x00%aI", ...revisions, "--", ...paths]);
  const result: Change[] = [];
  for (const chunk of out.toString("utf8").split("\x01")) {
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
    versions = [...new Set(changes(cwd, ["HEAD"], [path]).filter((change) => /^[AMT]/.test(change.status)).map((change) => change.newBlob))];
  } catch {
    return false;
  }
  for (const bytes of readObjects(cwd, versions).values()) if (bytes.includes(value)) return true;
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
  inHead: boolean;
  /** The commit that removed its last copy (its parent was the last to hold it); undefined while HEAD holds it. */
  removedIn?: string;
  lastCommit?: string;
  /** Every path it was ever committed at. */
  paths: string[];
  /** The names it was committed under (`DEPLOY_TOKEN: <value>`): a connector of that name may hold it. */
  names: string[];
  /** The baseline accepts it (at the path HEAD holds it at, or where it last was): shown, not to rotate again. */
  accepted?: boolean;
}

export interface ScanHistoryOptions {
  progress?: (done: number, total: number) => void;
  baseline?: Baseline;
  /** Read blobs in dependency folders too (vendored code, node_modules): skipped by default. */
  includeDependencies?: boolean;
}

export async function scanHistory(root: string, revisions: string[], options: ScanHistoryOptions = {}): Promise<{ secrets: HistorySecret[]; blobs: number; skipped: { large: number; binary: number; dependencies: number } }> {
  const { progress, baseline } = options;
  const all = changes(root, revisions);
  // The first commit to bring each blob in, and the path it came at.
  const firstSeen = new Map<string, Change>();
  // Every path each blob was committed at (a file copied or moved keeps its blob: read once, named at each).
  const pathsOf = new Map<string, string[]>();
  for (const change of all) {
    if (!/^[AMT]/.test(change.status)) continue;
    const seen = firstSeen.get(change.newBlob);
    // Brought in at several paths by one commit: named after one outside dependency folders, if any.
    if (!seen || (seen.commit === change.commit && isDependencyPath(seen.path) && !isDependencyPath(change.path))) firstSeen.set(change.newBlob, change);
    const paths = pathsOf.get(change.newBlob) ?? [];
    if (!paths.includes(change.path)) pathsOf.set(change.newBlob, [...paths, change.path]);
  }
  const ids = [...firstSeen.keys()];
  const skipped = { large: 0, binary: 0, dependencies: 0 };
  // A blob only ever committed in dependency folders (vendored code) is not read, unless asked.
  const wanted = options.includeDependencies ? ids : ids.filter((id) => !pathsOf.get(id)!.every(isDependencyPath));
  skipped.dependencies = ids.length - wanted.length;

  // Each distinct secret (by a hash of its value, kept in memory only) and the blobs holding it.
  const secrets = new Map<string, { secret: HistorySecret; blobs: Set<string>; holder?: { path: string; blob: string } }>();
  /** The values, by the same key, for the baseline's fingerprints: in memory only, never written out. */
  const values = new Map<string, string>();
  // The blobs stream from one `git cat-file --batch`, in commit order, and are judged by a pool of
  // worker threads (one per core) on a long history, in chunks handed to whichever thread is free; the
  // results are then taken in commit order, so the first blob to hold a value names its commit.
  // A new version of a plain-text file is judged from its old version: only the parts near what changed
  // (linter-core/secrets/incremental.ts), its other detections carried from the old version's.
  const versions = new KeptVersions();
  const plans = new Map<string, { base: string; plan: IncrementalPlan }>();
  async function* jobs(): AsyncGenerator<BlobJob> {
    // Blobs over 2 MiB are dropped as they stream (lockfiles, bundles, data): skipped and counted.
    for await (const { name: id, bytes, tooLarge } of streamObjects(root, wanted, { maxBytes: MAX_BLOB_BYTES })) {
      if (tooLarge) skipped.large++;
      if (!bytes) continue;
      if (isBinary(bytes)) {
        skipped.binary++;
        continue;
      }
      const { path, status, oldBlob } = firstSeen.get(id)!;
      const text = bytes.toString("utf8");
      const { job, plan } = blobJob(id, path, text, status.startsWith("M") ? versions.textOf(path, oldBlob) : undefined);
      versions.keep(path, id, text);
      if (plan) plans.set(id, { base: oldBlob, plan });
      yield job;
    }
  }
  let judged = 0;
  // Progress counts the large and binary blobs skipped too: it ends at the number of blobs asked for.
  const results = await judgeAll(jobs(), wanted.length >= WORKERS_FROM, (count) => progress?.((judged += count) + skipped.large + skipped.binary, wanted.length));
  progress?.(wanted.length, wanted.length);
  // Each blob's detections, whole: a new version's are its windows' and those carried from its old version.
  const found = new Map<string, BlobDetection[]>();
  results.forEach((chunk) =>
    chunk.forEach(({ id, detections: judged }) => {
      const incremental = plans.get(id);
      const detections = incremental ? mergeIncremental(incremental.plan, found.get(incremental.base) ?? [], judged) : judged;
      found.set(id, detections);
      const change = firstSeen.get(id)!;
      for (const detection of detections) {
        const key = createHash("sha256").update(detection.value).digest("hex");
        const known = secrets.get(key);
        const name = detection.name;
        if (known) {
          known.blobs.add(id);
          if (name && !known.secret.names.includes(name)) known.secret.names.push(name);
          for (const path of pathsOf.get(id)!) if (!known.secret.paths.includes(path)) known.secret.paths.push(path);
          continue;
        }
        if (baseline) values.set(key, detection.value);
        secrets.set(key, {
          blobs: new Set([id]),
          secret: { title: detection.title, redacted: redact(detection.value), firstCommit: change.commit, author: change.author, date: change.date, path: change.path, inHead: false, paths: [...pathsOf.get(id)!], names: name ? [name] : [] },
        });
      }
    }),
  );

  // Which secrets HEAD still holds, and for the others the commit that took the last copy out.
  const head = new Set<string>();
  /** HEAD's path of each blob (one of them, for the baseline's fingerprint). */
  const headPath = new Map<string, string>();
  try {
    for (const line of gitOutput(root, ["ls-tree", "-r", "-z", "HEAD"]).toString("utf8").split("\0")) {
      const [meta, path] = line.split("\t");
      const id = meta?.split(/\s+/)[2];
      if (!id || path === undefined) continue;
      head.add(id);
      if (!headPath.has(id)) headPath.set(id, path);
    }
  } catch {
    // no HEAD (an empty repository): nothing is still there
  }
  for (const entry of secrets.values()) {
    const { secret, blobs } = entry;
    const inHead = [...blobs].find((id) => head.has(id));
    secret.inHead = inHead !== undefined;
    if (inHead) {
      entry.holder = { path: headPath.get(inHead)!, blob: inHead };
      continue;
    }
    const removal = all.filter((change) => blobs.has(change.oldBlob) && !blobs.has(change.newBlob)).at(-1);
    if (removal) {
      secret.removedIn = removal.commit;
      secret.lastCommit = removal.parent;
      entry.holder = { path: removal.path, blob: removal.oldBlob };
    }
  }
  if (baseline) await markAccepted(root, baseline, secrets, values);
  // Most exposed first: still in HEAD, then the oldest.
  const ordered = [...secrets.values()].map((s) => s.secret).sort((a, b) => Number(b.inHead) - Number(a.inHead) || a.date.localeCompare(b.date));
  return { secrets: ordered, blobs: wanted.length - skipped.large, skipped };
}

/**
 * The secrets the baseline accepts. Each is linted as the scan lints it, in the file that holds it (at
 * HEAD, or the last version before its removal), with the baseline's salt: a finding whose fingerprint
 * the baseline lists is that secret, accepted. The same fingerprints as `nhilint --update-baseline`
 * wrote, so one baseline serves both commands.
 */
async function markAccepted(root: string, baseline: Baseline, secrets: Map<string, { secret: HistorySecret; holder?: { path: string; blob: string } }>, values: Map<string, string>): Promise<void> {
  const holders = new Map<string, { path: string; blob: string }>();
  for (const { holder } of secrets.values()) if (holder) holders.set(`${holder.blob}\0${holder.path}`, holder);
  if (holders.size === 0) return;
  const contents = readObjects(root, [...new Set([...holders.values()].map((h) => h.blob))]);
  const files = [...holders.values()].flatMap((h) => {
    const bytes = contents.get(h.blob);
    return bytes ? [{ path: h.path, text: bytes.toString("utf8") }] : [];
  });
  const listed = new Set(baseline.fingerprints);
  const keyOf = new Map([...values].map(([key, value]) => [value, key]));
  const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");
  // One file at a time: the same path can hold the secret in two versions (HEAD's and a removed one).
  for (const file of files) {
    const result = await lint([file], { rules: RULES.filter((rule) => rule.meta.id === "hardcoded-secret"), secretFingerprints: secretFingerprintsFor(baseline, PUBLIC_SALT), sha256 });
    for (const finding of result.findings) {
      const key = keyOf.get(file.text.slice(finding.span.start, finding.span.end));
      const entry = key === undefined ? undefined : secrets.get(key);
      if (entry && listed.has(finding.fingerprint)) entry.secret.accepted = true;
    }
  }
}

/** A chunk handed to a judging thread: this much text, or this many blobs (a chunk's messages cost too). */
const CHUNK_CHARS = 256 * 1024;
const CHUNK_JOBS = 200;
/** Below this many blobs, worker threads cost more to start than they save. */
const WORKERS_FROM = 1500;

type Judged = { id: string; detections: BlobDetection[] }[];

/**
 * Each chunk's detections, per blob, in order. A long history is judged by one worker thread per core
 * (each loads the detectors once), a chunk to whichever is free, while the next chunk is read; a short
 * one, or where workers cannot start, in this thread.
 */
async function judgeAll(jobs: AsyncIterable<BlobJob>, long: boolean, done: (count: number) => void): Promise<Judged[]> {
  const results: Judged[] = [];
  const workerFile = new URL("./history-worker.js", import.meta.url);
  const count = long && existsSync(workerFile) ? Math.min(availableParallelism(), 8) : 0;
  // A worker's default young generation is small: the detectors' short-lived strings would keep its
  // collector busy (a third slower, measured on gitleaks's history).
  const workers = count > 1 ? Array.from({ length: count }, () => new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 32 } })) : [];
  const judges: ((jobs: BlobJob[]) => Promise<BlobDetection[][]>)[] =
    workers.length > 0
      ? workers.map(
          (worker) => (chunk) =>
            new Promise<BlobDetection[][]>((resolve, reject) => {
              const fail = (error: Error) => reject(error);
              worker.once("error", fail);
              worker.once("message", (value: BlobDetection[][]) => {
                worker.off("error", fail);
                resolve(value);
              });
              worker.postMessage(chunk);
            }),
        )
      : [
          async (chunk) => {
            const out: BlobDetection[][] = [];
            for (const job of chunk) out.push(await judgeJob(job));
            return out;
          },
        ];
  const free = [...judges];
  const waiting: (() => void)[] = [];
  const running = new Set<Promise<void>>();
  let failure: unknown;
  const send = async (chunk: BlobJob[]) => {
    while (free.length === 0) await new Promise<void>((resolve) => waiting.push(resolve));
    const judge = free.pop()!;
    const index = results.length;
    results.push([]);
    const run = judge(chunk)
      .then((detections) => {
        results[index] = chunk.map((job, j) => ({ id: job.id, detections: detections[j] }));
        done(chunk.length);
      })
      .catch((error: unknown) => void (failure ??= error))
      .finally(() => {
        running.delete(run);
        free.push(judge);
        waiting.shift()?.();
      });
    running.add(run);
  };
  try {
    let chunk: BlobJob[] = [];
    let chars = 0;
    for await (const job of jobs) {
      chunk.push(job);
      chars += job.text?.length ?? job.windows!.reduce((sum, w) => sum + w.text.length, 0);
      if (chars >= CHUNK_CHARS || chunk.length >= CHUNK_JOBS) {
        await send(chunk);
        chunk = [];
        chars = 0;
      }
      if (failure) break;
    }
    if (chunk.length > 0 && !failure) await send(chunk);
    await Promise.all(running);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  if (failure) throw failure;
  return results;
}

/** `; also at a, b, c and 9 more`: where else it was committed, short. */
function also(paths: string[]): string {
  if (paths.length === 0) return "";
  return `; also at ${paths.slice(0, 3).join(", ")}${paths.length > 3 ? ` and ${paths.length - 3} more` : ""}`;
}

export async function history(options: HistoryOptions): Promise<number> {
  const root = repositoryRoot(options.cwd);
  if (!root) throw new UsageError(`${options.cwd} is not in a git repository: \`nhilint history\` reads its commits`);
  // The working tree's baseline: a secret it accepts is shown as accepted, not hidden, and not to rotate again.
  const baselineFile = join(root, BASELINE_PATH);
  let baseline: Baseline | undefined;
  try {
    if (existsSync(baselineFile)) baseline = parseBaseline(BASELINE_PATH, readFileSync(baselineFile, "utf8"));
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(error.message);
    throw error;
  }
  let result;
  try {
    // A line rewritten at most ten times a second, and once at the end.
    let shown = Date.now();
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
    result = await scanHistory(root, options.revisions, { progress, baseline, includeDependencies: options.includeDependencies });
    if (options.progress) options.stderr("\n");
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`cannot read the history: ${error.message}`);
    throw error;
  }
  const { secrets, blobs, skipped } = result;
  const short = (id: string | undefined) => id?.slice(0, 12) ?? "";
  if (options.format === "json") {
    options.stdout(`${JSON.stringify({ revisions: options.revisions, blobsScanned: blobs, skipped, secrets }, null, 2)}\n`);
  } else if (options.format === "sarif") {
    options.stdout(await historySarif(secrets, options.version ?? "0.0.0"));
  } else {
    for (const s of secrets) {
      options.stdout(`${s.path}\n  ${s.title} (${s.redacted})\n  added in ${short(s.firstCommit)} by ${s.author} on ${s.date}${also(s.paths.slice(1))}\n  ${s.inHead ? "still in HEAD" : s.removedIn ? `removed in ${short(s.removedIn)} (last held by ${short(s.lastCommit)})` : "not in HEAD"}${s.accepted ? `\n  accepted in ${BASELINE_PATH}` : ""}\n\n`);
    }
    const skips = [
      skipped.large + skipped.binary > 0 && `${skipped.large} large and ${skipped.binary} binary`,
      skipped.dependencies > 0 && `${skipped.dependencies} only in dependency folders, which --include-dependencies reads`,
    ].filter(Boolean);
    const skippedText = skips.length > 0 ? ` (skipped ${skips.join("; ")})` : "";
    const acceptedCount = secrets.filter((s) => s.accepted).length;
    const acceptedText = acceptedCount > 0 ? `, ${acceptedCount} of them accepted in ${BASELINE_PATH}` : "";
    options.stdout(`${secrets.length} secret${secrets.length === 1 ? "" : "s"} in the history${acceptedText}: ${blobs} blob${blobs === 1 ? "" : "s"} read${skippedText}.\n`);
    const toRotate = secrets.filter((s) => !s.accepted);
    if (toRotate.length > 0) {
      options.stdout("\nRotate these (most exposed first: still in HEAD, then the oldest):\n");
      toRotate.forEach((s, i) => options.stdout(`  ${i + 1}. ${s.title} (${s.redacted}) at ${s.path}, since ${s.date}${s.inHead ? ", still in HEAD" : ""}\n`));
      options.stdout("\nDeleting a secret from the files does not take it out of clones and forks: rotate it at its provider, then record what you accepted with `nhilint --update-baseline`.\n");
    }
  }
  return secrets.some((s) => !s.accepted) ? 1 : 0;
}

/**
 * SARIF 2.1.0 for code scanning: one `hardcoded-secret` result per secret, at the path it came in, with
 * the commits in its properties. The fingerprint is of where and when it came in (title, path, first
 * commit), never of the value.
 */
async function historySarif(secrets: HistorySecret[], version: string): Promise<string> {
  const { ruleDescriptors, sarifLog } = await import("./formatters/sarif.js");
  const rules = ruleDescriptors();
  const ruleIndex = rules.findIndex((rule) => rule.id === "hardcoded-secret");
  const results = secrets.map((s) => ({
    ruleId: "hardcoded-secret",
    ruleIndex,
    level: "error" as const,
    message: {
      text: `${s.title} (${s.redacted}) was committed in ${s.firstCommit.slice(0, 12)} on ${s.date}${s.inHead ? " and is still in HEAD" : s.removedIn ? ` and removed in ${s.removedIn.slice(0, 12)}` : ""}: every clone and fork holds it. Rotate it at its provider.`,
    },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(s.path), uriBaseId: "%SRCROOT%" } } }],
    partialFingerprints: { "nhilintHistory/v1": createHash("sha256").update(`${s.title}\0${s.path}\0${s.firstCommit}`).digest("hex").slice(0, 32) },
    ...(s.accepted && { suppressions: [{ kind: "external" as const, justification: `accepted in ${BASELINE_PATH}` }] }),
    properties: { firstCommit: s.firstCommit, author: s.author, date: s.date, inHead: s.inHead, ...(s.removedIn && { removedIn: s.removedIn, lastCommit: s.lastCommit }), paths: s.paths },
  }));
  return sarifLog(version, rules, results);
}
