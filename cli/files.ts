// Which files a run lints: the one selection shared by the CLI and the editor, so both see the same
// files. In git, git's own view (tracked and untracked, .gitignore honoured); elsewhere a glob with
// .gitignore by hand-off to `ignore`. Dependency folders are never linted unless named.
import { existsSync, lstatSync, readFileSync, statSync, type Stats } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import ignore from "ignore";
import { listFiles, pathOnDisk } from "./git.js";
import { MAX_FILE_BYTES, type Notice } from "./read.js";

export class UsageError extends Error {}

/** The error for a file an option names (`--config`, `--baseline`…) that cannot be read, saying why. */
export function optionFileError(flag: string, path: string): UsageError {
  const why = !existsSync(path) ? "no such file" : statSync(path).isDirectory() ? "a folder, not a file" : "cannot be read";
  return new UsageError(`${flag} ${path}: ${why}`);
}

/**
 * The error for a path to lint that does not exist. A bare word is most often a command nhilint does
 * not have (`nhilint scan`, `nhilint lint`, as other tools spell it): the error says how to lint.
 */
export function missingPathError(path: string): UsageError {
  const hint = /^[a-z][a-z-]*$/.test(path) ? ` (there is no "${path}" command: \`nhilint [paths...]\` lints files and folders, \`nhilint\` alone the whole repository; the commands are init, inventory and history)` : "";
  return new UsageError(`${path}: no such file or directory${hint}`);
}

const toPosix = (path: string) => path.split(sep).join("/");

/** No paths, or only paths naming the repository's root (`nhilint .` there): the whole repository. */
export function isWholeRepository(root: string, cwd: string, paths: string[]): boolean {
  return paths.every((path) => resolve(cwd, path) === resolve(root));
}

/**
 * The folders named on the command line, read as projects' roots (zizmor's reading of a folder):
 * `nhilint vendor/acme` lints `vendor/acme/.github/workflows/*.yml` as workflows. Naming the workflows'
 * own folder (`vendor/acme/.github/workflows` or `vendor/acme/.github`) names the same project. Files
 * named one by one (as the pre-commit framework passes them) keep the repository's root.
 */
export function projectRoots(root: string, cwd: string, paths: string[]): string[] {
  return paths
    .map((path) => resolve(cwd, path))
    .filter((absolute) => existsSync(absolute) && statSync(absolute).isDirectory())
    .map((absolute) => toPosix(relative(root, absolute)).replace(/(^|\/)\.github(\/workflows)?\/?$/, ""))
    .filter((folder) => folder !== "" && !folder.startsWith(".."));
}

/**
 * Dependency folders: other people's code as a package manager put it there (npm's and Bower's
 * folders, Go's `vendor/<module path>/` as `go mod vendor` writes it, Bundler's `vendor/bundle/`).
 * Never linted unless a path given names one (ESLint's default for node_modules), and not read by
 * `nhilint history` unless asked (gitleaks's default configuration skips the same folders).
 */
const DEPENDENCY_FOLDER = /(^|\/)(node_modules|bower_components|vendor\/bundle|vendor\/[^/]+\.[^/]+)\//;

/** Whether a repository path lies in a dependency folder. */
export function isDependencyPath(path: string): boolean {
  return DEPENDENCY_FOLDER.test(path);
}

/** Files to lint in the working tree: git's view of .gitignore when in a repository, else .gitignore by hand-off to `ignore`. */
export async function discover(root: string, inGit: boolean, paths: string[] = [], cwd: string = root): Promise<string[]> {
  const targets = paths.map((path) => {
    const absolute = resolve(cwd, path);
    if (!existsSync(absolute)) throw missingPathError(path);
    return { absolute, relative: toPosix(relative(root, absolute)) || "." };
  });
  for (const target of targets) {
    if (target.relative.startsWith("..") || isAbsolute(target.relative)) throw new UsageError(`${target.absolute} is outside the repository at ${root}`);
  }
  // Whatever is no folder is a file named (a FIFO or a device too: reading it then says why it is skipped).
  const isFolder = (target: { absolute: string }) => statSync(target.absolute).isDirectory();
  const files = targets.filter((t) => !isFolder(t)).map((t) => t.relative);
  const folders = paths.length === 0 ? ["."] : targets.filter(isFolder).map((t) => t.relative);
  if (folders.length > 0) {
    // A folder given inside node_modules is named explicitly: lint it; otherwise skip dependencies.
    const keep = (file: string) => !DEPENDENCY_FOLDER.test(file) || folders.some((folder) => folder !== "." && DEPENDENCY_FOLDER.test(`${folder}/`) && file.startsWith(`${folder}/`));
    if (inGit) {
      files.push(...listFiles(root, folders).filter((file) => keep(file) && existsSync(pathOnDisk(root, file))));
    } else {
      // Outside git only: the hook and git repositories never load the globber.
      const { glob } = await import("tinyglobby");
      const gitignore = ignore();
      if (existsSync(join(root, ".gitignore"))) gitignore.add(readFileSync(join(root, ".gitignore"), "utf8"));
      for (const folder of folders) {
        const found = await glob(folder === "." ? "**/*" : `${folder}/**/*`, { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ["**/.git/**"] });
        files.push(...found.filter((file) => keep(file) && !gitignore.ignores(file)));
      }
    }
  }
  // Stryker disable next-line MethodExpression: the engine orders findings by path; this order only makes runs reproducible.
  return [...new Set(files)].sort();
}

/**
 * Why a file found on disk is not read (gone, a link, not a regular file, too large), or its size when
 * it is read. Whether it is text is found when it is read (decode): sniffing its first bytes here
 * opened every file twice.
 */
export function sizeOrSkip(root: string, path: string): number | Notice {
  const absolute = pathOnDisk(root, path);
  let stats: Stats;
  try {
    stats = lstatSync(absolute);
  } catch (error) {
    // Gone since it was listed, or (outside git, where the globber decodes names) named in bytes that
    // are not UTF-8, which Node cannot open by the name it was given.
    const why = path.includes("\uFFFD") ? "its name is not valid UTF-8 (rename it, or scan inside a git repository, which reads such names)" : (error as NodeJS.ErrnoException).code === "ENOENT" ? "it no longer exists" : (error as Error).message;
    return { path, message: `skipped: cannot be read: ${why}` };
  }
  // git lists a symbolic link as a file and commits the link, not what it points to; nhilint does not
  // follow one either (outside git the globber leaves links out): a target in the repository is
  // scanned where it is, one outside it is not the repository's, and a link to a folder could loop.
  if (stats.isSymbolicLink()) return { path, message: "skipped: a symbolic link (not followed, as git does not; its target is scanned where it is)" };
  if (!stats.isFile()) return { path, message: "skipped: not a regular file" };
  const size = stats.size;
  if (size > MAX_FILE_BYTES) return { path, message: `skipped: ${(size / 1048576).toFixed(1)} MiB is over the ${MAX_FILE_BYTES / 1048576} MiB limit for one file` };
  return size;
}
