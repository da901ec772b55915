// Every git call the CLI makes. One process per question, never one per file.
import { isUtf8 } from "node:buffer";
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";

export class GitError extends Error {}

function git(cwd: string, args: string[], input?: Buffer): Buffer {
  const result = spawnSync("git", args, { cwd, input, maxBuffer: 1 << 30 });
  if (result.error) throw new GitError(`git ${args[0]}: ${result.error.message}`);
  if (result.status !== 0) throw new GitError(`git ${args.join(" ")}: ${result.stderr.toString().trim()}`);
  return result.stdout;
}

/** A git command's whole output (history reads: `log`, `ls-tree`, `cat-file --batch-check`). */
export function gitOutput(cwd: string, args: string[], input?: Buffer): Buffer {
  return git(cwd, args, input);
}

/** A git command's output lines, empty ones dropped. */
export function gitLines(cwd: string, args: string[], input?: Buffer): string[] {
  return git(cwd, args, input).toString("utf8").split("\n").filter(Boolean);
}

/** The repository's top folder, or undefined outside a repository. */
export function repositoryRoot(cwd: string): string | undefined {
  try {
    return git(cwd, ["rev-parse", "--show-toplevel"]).toString().trim();
  } catch {
    return undefined;
  }
}

/** A bare repository's folder (a `git clone --mirror`, what a security team scans), else undefined. */
export function bareRepository(cwd: string): string | undefined {
  return gitSays(cwd, "--is-bare-repository") ? git(cwd, ["rev-parse", "--absolute-git-dir"]).toString().trim() : undefined;
}

/** Whether git answers "true" to a yes/no `rev-parse` question (`--is-shallow-repository`); false on error. */
export function gitSays(cwd: string, question: string): boolean {
  try {
    return git(cwd, ["rev-parse", question]).toString().trim() === "true";
  } catch {
    return false;
  }
}

/**
 * git log's option for commits made after `day` (YYYY-MM-DD): `--since-as-filter` where git has it
 * (2.37: every commit of the range is looked at), else `--since` (it stops at the first older commit it
 * meets: a commit dated wrong, before its parent, can hide the ones behind it).
 */
export function sinceDateOption(cwd: string, day: string): string {
  const [major, minor] = (/^git version (\d+)\.(\d+)/.exec(git(cwd, ["version"]).toString()) ?? []).slice(1).map(Number);
  return major > 2 || (major === 2 && minor >= 37) ? `--since-as-filter=${day}` : `--since=${day}`;
}

/** Whether `revision` names a commit (false for an unborn HEAD: a repository with no commits yet). */
export function isCommit(cwd: string, revision: string): boolean {
  try {
    git(cwd, ["rev-parse", "--verify", "--quiet", `${revision}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every stash entry's commit, newest first (none without a stash). `--all` reads the refs' tips, and
 * refs/stash is one ref whose older entries live only in its reflog: `stash@{1}` and on were not read.
 */
export function stashEntries(cwd: string): string[] {
  try {
    return gitLines(cwd, ["log", "--walk-reflogs", "--no-show-signature", "--format=%H", "refs/stash", "--"]);
  } catch {
    return [];
  }
}

/** A ref that names a blob or a tree, not a commit: what `git log --all` cannot walk. */
export interface TaggedObject {
  ref: string;
  /** The object the ref names: the blob or tree itself, or the annotated tag that names it. */
  named: string;
  /** The blob or tree, through any annotated tags. */
  id: string;
  type: "blob" | "tree";
  /** An annotated tag's tagger (`Name <email>`) and day (YYYY-MM-DD). */
  tagger?: string;
  date?: string;
}

/**
 * Every ref that names a blob or a tree, directly or through annotated tags (git's own repository tags
 * its maintainer's public key so; the Linux kernel tags trees).
 */
export function taggedObjects(cwd: string): TaggedObject[] {
  const refs = textFromGit(gitOutput(cwd, ["for-each-ref", "--format=%(objectname)%00%(objecttype)%00%(refname)%00%(taggername) %(taggeremail)%00%(taggerdate:short)"]))
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [named, type, ref, tagger, date] = line.split("\0");
      return { named, type, ref, tagger: tagger.trim(), date };
    })
    .filter(({ type }) => type !== "commit");
  if (refs.length === 0) return [];
  // An annotated tag is read through (a tag of a tag too) to what it names.
  const peeled = gitLines(cwd, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], Buffer.from(refs.map((r) => `${r.named}^{}`).join("\n") + "\n"));
  const tagged: TaggedObject[] = [];
  refs.forEach(({ named, type, ref, tagger, date }, i) => {
    const [id, peeledType] = (peeled[i] ?? "").split(" ");
    if (peeledType !== "blob" && peeledType !== "tree") return;
    tagged.push({ ref, named, id, type: peeledType, ...(type === "tag" && tagger && { tagger }), ...(type === "tag" && date && { date }) });
  });
  return tagged;
}

/** Every blob of a tree, with its path (submodules' commits left out). */
export function treeBlobs(cwd: string, tree: string): { blob: string; path: string }[] {
  const blobs: { blob: string; path: string }[] = [];
  for (const line of textFromGit(gitOutput(cwd, ["ls-tree", "-r", "-z", tree])).split("\0")) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const [, type, blob] = line.slice(0, tab).split(" ");
    if (type === "blob") blobs.push({ blob, path: line.slice(tab + 1) });
  }
  return blobs;
}

/**
 * A path as git gives it (raw bytes: git stores names as the file system had them), as text. A name
 * that is not valid UTF-8 (a Latin-1 `caf\xe9.txt`) keeps each invalid byte as `\xHH`, so two such
 * names never read the same; its bytes are remembered, for the working tree's file to be opened by them.
 */
export function pathFromGit(raw: Buffer): string {
  if (isUtf8(raw)) return raw.toString("utf8");
  const text = withBytesEscaped(raw);
  rawPaths.set(text, raw);
  return text;
}

/** git's output as text, each byte that is not part of valid UTF-8 kept as `\xHH` (paths, author names). */
export function textFromGit(raw: Buffer): string {
  return isUtf8(raw) ? raw.toString("utf8") : withBytesEscaped(raw);
}

/** Bytes that are not all valid UTF-8, as text: the valid sequences decoded, every other byte as `\xHH`. */
function withBytesEscaped(raw: Buffer): string {
  let text = "";
  for (let at = 0; at < raw.length; ) {
    const length = utf8SequenceAt(raw, at);
    text += length > 0 ? raw.toString("utf8", at, at + length) : `\\x${raw[at].toString(16).toUpperCase().padStart(2, "0")}`;
    at += length || 1;
  }
  return text;
}

/** The bytes of each path read from git that is not valid UTF-8, by the text it is shown as. */
const rawPaths = new Map<string, Buffer>();

const NO_SEQUENCE = [0, 0, 0];

/** The length of the valid UTF-8 sequence at raw[at], or 0 when the byte there starts none. */
function utf8SequenceAt(raw: Buffer, at: number): number {
  const lead = raw[at];
  if (lead < 0x80) return 1;
  // The second byte's range for each lead byte (no overlong forms, no surrogates, nothing past U+10FFFF).
  const [length, low, high] = lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf] : lead === 0xe0 ? [3, 0xa0, 0xbf] : lead === 0xed ? [3, 0x80, 0x9f] : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf] : lead === 0xf0 ? [4, 0x90, 0xbf] : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf] : lead === 0xf4 ? [4, 0x80, 0x8f] : NO_SEQUENCE;
  if (length === 0 || at + length > raw.length || raw[at + 1] < low || raw[at + 1] > high) return 0;
  for (let next = at + 2; next < at + length; next++) if (raw[next] < 0x80 || raw[next] > 0xbf) return 0;
  return length;
}

/** Where a repository path is on disk: by its own bytes when its name is not valid UTF-8 (Node would encode the text otherwise). */
export function pathOnDisk(root: string, path: string): string | Buffer {
  const raw = rawPaths.get(path);
  return raw ? Buffer.concat([Buffer.from(join(root, "/")), raw]) : join(root, path);
}

/** NUL-separated paths (`-z` output), each as pathFromGit reads it. */
function splitZ(output: Buffer): string[] {
  const fields: string[] = [];
  for (let start = 0; start < output.length; ) {
    const end = output.indexOf(0, start);
    const stop = end === -1 ? output.length : end;
    if (stop > start) fields.push(pathFromGit(output.subarray(start, stop)));
    start = stop + 1;
  }
  return fields;
}

/** Tracked and untracked-but-not-ignored files under `paths` (repository-relative), as git sees .gitignore. */
export function listFiles(root: string, paths: string[] = []): string[] {
  return splitZ(git(root, ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate", "--", ...paths]));
}

/**
 * What is staged for commit (added, copied, modified, renamed; not submodules): each path with the
 * id of its staged blob, from one `git diff --cached --raw`.
 */
export function stagedBlobs(root: string): { path: string; id: string }[] {
  const fields = splitZ(git(root, ["diff", "--cached", "--raw", "--no-abbrev", "-z", "--diff-filter=ACMR", "--no-renames"]));
  const staged: { path: string; id: string }[] = [];
  // -z raw records: ":<old mode> <new mode> <old id> <new id> <status>" NUL <path> NUL
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, newMode, , newId] = fields[i].slice(1).split(" ");
    if (newMode !== "160000") staged.push({ path: fields[i + 1], id: newId });
  }
  return staged;
}

/**
 * Objects' content in one `git cat-file --batch`: blob ids, or `:path` for the index's version of
 * a path. Blobs only; names git does not have are absent from the result. Nothing changes in the
 * index or the working tree.
 */
export function readObjects(root: string, names: string[]): Map<string, Buffer> {
  const result = new Map<string, Buffer>();
  const asked = askable(names);
  if (asked.length === 0) return result;
  for (const { name, bytes } of new BatchReader(asked).push(git(root, ["cat-file", "--batch"], Buffer.from(asked.join("\n") + "\n")))) {
    if (bytes) result.set(name, bytes);
  }
  return result;
}

/** The batch protocol is one name per line: a path holding a newline cannot be asked for. */
function askable(names: string[]): string[] {
  return names.filter((name) => !name.includes("\n"));
}

/** A `cat-file --batch` header, "<id> <type> <size>": undefined for "<name> missing" or "<name> ambiguous" (no content follows). */
function batchHeader(line: string): { size: number; blob: boolean } | undefined {
  const fields = line.split(" ");
  if (fields.length !== 3 || !/^\d+$/.test(fields[2])) return undefined;
  return { size: Number(fields[2]), blob: fields[1] === "blob" };
}

/** An object asked of `git cat-file --batch`: its bytes when it is a blob git has, within the size allowed. */
export interface BatchObject {
  name: string;
  bytes?: Buffer;
  tooLarge?: boolean;
}

/**
 * `git cat-file --batch`'s output read as it arrives, in chunks split anywhere (a header, a blob, the
 * newline after it): each object asked for, in order, as soon as it is whole. A blob over `maxBytes`
 * comes without content, marked `tooLarge`, its bytes dropped as they arrive, never held whole.
 */
export class BatchReader {
  /** What has arrived and is not yet taken. */
  private chunks: Buffer[] = [];
  private length = 0;
  private index = 0;
  /** The object whose content is awaited: its size, and whether it is a blob. */
  private body: { size: number; blob: boolean } | undefined;
  /** Bytes of a blob over `maxBytes` still to arrive. */
  private discard = 0;

  constructor(
    private readonly asked: readonly string[],
    private readonly maxBytes = Infinity,
  ) {}

  /** Whether every object asked for has been read. */
  get done(): boolean {
    return this.index >= this.asked.length;
  }

  /** The objects this chunk completes. */
  *push(chunk: Buffer): Generator<BatchObject> {
    this.chunks.push(chunk);
    this.length += chunk.length;
    while (!this.done) {
      if (this.discard > 0) {
        const dropped = Math.min(this.discard, this.length);
        this.take(dropped);
        this.discard -= dropped;
        if (this.discard > 0) return;
      }
      if (!this.body) {
        // A header cut across chunks: join them until its newline is in the first.
        if (this.chunks.length > 1 && this.chunks[0].indexOf(10) < 0) this.chunks = [Buffer.concat(this.chunks, this.length)];
        const newline = this.chunks.length > 0 ? this.chunks[0].indexOf(10) : -1;
        if (newline < 0) return;
        this.body = batchHeader(this.take(newline + 1).toString("utf8", 0, newline));
        if (!this.body) {
          yield { name: this.asked[this.index++] };
          continue;
        }
        if (this.body.size > this.maxBytes) {
          // The content and the newline after it.
          this.discard = this.body.size + 1;
          this.body = undefined;
          yield { name: this.asked[this.index++], tooLarge: true };
          continue;
        }
      }
      // The content and the newline after it.
      if (this.length < this.body.size + 1) return;
      const bytes = this.take(this.body.size + 1).subarray(0, this.body.size);
      const name = this.asked[this.index++];
      yield this.body.blob ? { name, bytes } : { name };
      this.body = undefined;
    }
  }

  private take(count: number): Buffer {
    // From the first chunk alone when it holds enough: most objects are small.
    if (this.chunks.length > 0 && count <= this.chunks[0].length) {
      const first = this.chunks[0];
      if (count === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(count);
      this.length -= count;
      return first.subarray(0, count);
    }
    const all = Buffer.concat(this.chunks, this.length);
    const rest = all.subarray(count);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return all.subarray(0, count);
  }
}

/**
 * Objects' content streamed from one `git cat-file --batch`, in the order asked: each name with its
 * blob's bytes (none for a name git does not have, or that is not a blob; none, and `tooLarge`, for a
 * blob over `maxBytes`, whose content is dropped as it arrives). Read as the consumer pulls:
 * a consumer slower than git keeps only the pipe's worth in memory. Nothing in the repository changes.
 */
export async function* streamObjects(root: string, names: string[], options: { maxBytes?: number } = {}): AsyncGenerator<BatchObject> {
  const asked = askable(names);
  if (asked.length === 0) return;
  const child = spawn("git", ["cat-file", "--batch"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", (error) => reject(new GitError(`git cat-file: ${error.message}`)));
    child.on("close", resolve);
  });
  // git may exit before it has read every name (an error): its closed stdin is not ours to report.
  child.stdin.on("error", () => {});
  child.stdin.end(asked.join("\n") + "\n");
  const reader = new BatchReader(asked, options.maxBytes);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      yield* reader.push(chunk);
    }
  } finally {
    // The consumer stopped early, or git did: git need not write the rest.
    if (!reader.done) child.kill();
  }
  const status = await exited;
  if (!reader.done && status !== 0) throw new GitError(`git cat-file --batch: ${stderr.trim()}`);
}

/**
 * The remote a partial clone (`git clone --filter=blob:none`: a blobless CI checkout) fetches the
 * objects it lacks from, or undefined in a full clone.
 */
export function promisorRemote(root: string): string | undefined {
  try {
    return promisorIn(gitLines(root, ["config", "--get-regexp", "^(extensions\\.partialclone|remote\\..*\\.promisor)$"]));
  } catch {
    return undefined; // none set (git exits 1)
  }
}

/**
 * The promisor remote in `git config --get-regexp` lines ("key value"): the one
 * `extensions.partialClone` names, else the first `remote.<name>.promisor true` (a name may hold dots).
 */
export function promisorIn(lines: string[]): string | undefined {
  const settings = lines.map((line) => [line.slice(0, line.indexOf(" ")), line.slice(line.indexOf(" ") + 1)]);
  const named = settings.find(([key]) => key === "extensions.partialclone");
  if (named) return named[1];
  const promisor = settings.find(([key, value]) => /^remote\..+\.promisor$/.test(key) && value === "true");
  return promisor?.[0].slice("remote.".length, -".promisor".length);
}

/** Of `names`, those the object store lacks (a partial clone's): found without fetching any. */
export function missingObjects(root: string, names: string[]): string[] {
  const present = new Set(gitLines(root, ["cat-file", "--batch-check=%(objectname)", "--batch-all-objects", "--unordered"]));
  return names.filter((name) => !present.has(name));
}

/**
 * Fetches these objects from a partial clone's remote in one request, as git's own lazy fetch does
 * for one object at a time (a round trip per blob: hours on a long history). Only objects are added;
 * refs, index and working tree stay as they are.
 */
export function fetchObjects(root: string, remote: string, names: string[]): void {
  const args = ["-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--recurse-submodules=no", "--filter=blob:none", "--stdin", remote];
  const result = spawnSync("git", args, { cwd: root, input: names.join("\n") + "\n", maxBuffer: 1 << 30 });
  if (result.error) throw new GitError(`git fetch: ${result.error.message}`);
  if (result.status !== 0) {
    const lines = result.stderr.toString().split("\n").filter((line) => line.trim());
    const errors = lines.filter((line) => /^(fatal|error):/.test(line));
    throw new GitError((errors.length > 0 ? errors : lines.slice(-1)).map((line) => line.replace(/^(fatal|error):\s*/, "")).join("; ") || `git fetch exited with ${result.status}`);
  }
}

export function gitPath(root: string, name: string): string {
  return git(root, ["rev-parse", "--git-path", name]).toString().trim();
}

export function gitConfig(root: string, key: string): string | undefined {
  try {
    return git(root, ["config", "--get", key]).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a report names as its source: the origin remote (credentials in its URL dropped: a remote
 * like https://user:token@host/x would otherwise print a token) or the folder's name, the commit,
 * and whether the working tree differs from it.
 */
export function describeRepository(root: string, folderName: string): { name: string; commit: string | null; uncommittedChanges: boolean } {
  const remote = gitConfig(root, "remote.origin.url");
  const name = remote ? remote.replace(/([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/gi, "$1").replace(/\.git$/, "") : folderName;
  let commit: string | null = null;
  try {
    commit = git(root, ["rev-parse", "--short=12", "HEAD"]).toString().trim();
  } catch {
    // A repository with no commit yet.
  }
  let uncommittedChanges = false;
  try {
    uncommittedChanges = git(root, ["status", "--porcelain", "--untracked-files=no"]).length > 0;
  } catch {
    // Not knowing is not a reason to fail a report.
  }
  return { name, commit, uncommittedChanges };
}
