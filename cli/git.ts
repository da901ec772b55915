// Every git call the CLI makes. One process per question, never one per file.
import { spawnSync } from "node:child_process";

export class GitError extends Error {}

function git(cwd: string, args: string[], input?: Buffer): Buffer {
  const result = spawnSync("git", args, { cwd, input, maxBuffer: 1 << 30 });
  if (result.error) throw new GitError(`git ${args[0]}: ${result.error.message}`);
  if (result.status !== 0) throw new GitError(`git ${args.join(" ")}: ${result.stderr.toString().trim()}`);
  return result.stdout;
}

/** The repository's top folder, or undefined outside a repository. */
export function repositoryRoot(cwd: string): string | undefined {
  try {
    return git(cwd, ["rev-parse", "--show-toplevel"]).toString().trim();
  } catch {
    return undefined;
  }
}

function splitZ(output: Buffer): string[] {
  return output.toString("utf8").split("\0").filter(Boolean);
}

/** Tracked and untracked-but-not-ignored files under `paths` (repository-relative), as git sees .gitignore. */
export function listFiles(root: string, paths: string[] = []): string[] {
  return splitZ(git(root, ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate", "--", ...paths]));
}

/** Paths staged for commit (added, copied, modified, renamed), repository-relative. */
export function stagedPaths(root: string): string[] {
  return splitZ(git(root, ["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--no-renames"]));
}

/**
 * The staged content of `paths`, read from the index in one `git cat-file --batch` call.
 * Paths not in the index are absent from the result. Nothing in the index or working tree changes.
 */
export function readIndex(root: string, paths: string[]): Map<string, Buffer> {
  const result = new Map<string, Buffer>();
  if (paths.length === 0) return result;
  const stage = splitZ(git(root, ["ls-files", "-s", "-z", "--", ...paths]));
  const blobs: { path: string; sha: string }[] = [];
  for (const entry of stage) {
    const match = /^(\d+) ([0-9a-f]+) (\d)\t(.*)$/s.exec(entry);
    if (match && match[3] === "0" && match[1] !== "160000") blobs.push({ path: match[4], sha: match[2] });
  }
  if (blobs.length === 0) return result;
  const out = git(root, ["cat-file", "--batch"], Buffer.from(blobs.map((b) => b.sha).join("\n") + "\n"));
  let offset = 0;
  for (const blob of blobs) {
    const headerEnd = out.indexOf(10, offset);
    const header = out.subarray(offset, headerEnd).toString();
    const size = Number(header.split(" ")[2]);
    result.set(blob.path, out.subarray(headerEnd + 1, headerEnd + 1 + size));
    offset = headerEnd + 1 + size + 1;
  }
  return result;
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
