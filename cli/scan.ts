// `nhilint [PATH...]` and `nhilint --staged`: find the files, read them (from the working tree or
// from the index), lint, apply the baseline, print, and turn the result into an exit code.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import {
  CODEOWNERS_PATHS,
  CONFIG_PATH,
  ConfigError,
  INVENTORY_PATHS,
  KDF_ITERATIONS,
  lint,
  PUBLIC_SALT,
  parseConfig,
  plural,
  type Config,
  type Finding,
  type SecretFingerprints,
  type LintFile,
  type SlowDerivation,
} from "../linter-core/index.js";
import { groovyParserMissing } from "../linter-core/documents/groovy.js";
import { typescriptParserMissing } from "../linter-core/platforms/typescript.js";
import { RULES } from "../rules/index.js";
import { sha256Hex } from "./crypto.js";
import { applyBaseline, BASELINE_PATH, baselineText, newSalt, parseBaseline, secretFingerprintsFor, type Baseline } from "./baseline.js";
import { formatStylish, plain, plainPath } from "./formatters/stylish.js";
import type { Report } from "./formatters/types.js";
import { pathOnDisk, readObjects, repositoryRoot, stagedBlobs } from "./git.js";
import { discover, isWholeRepository, missingPathError, optionFileError, projectRoots, sizeOrSkip, UsageError } from "./files.js";
import { decode, type Notice } from "./read.js";

export { UsageError };

export interface ScanOptions {
  cwd: string;
  paths: string[];
  staged: boolean;
  format: "stylish" | "json" | "sarif" | "github" | "gitlab";
  output?: string;
  color: boolean;
  maxWarnings?: number;
  config?: string;
  inventory?: string;
  baseline?: string;
  updateBaseline: boolean;
  /** Stylish lists accepted (suppressed) findings too. */
  showSuppressed?: boolean;
  now?: Date;
  version: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  progress: boolean;
  /** Called before linting when the run lints SHORT_RUN_BYTES or fewer (the executable's tuning: main.ts). */
  beforeShortRun?: () => void;
  /** Called once a run is known to lint more than SHORT_RUN_BYTES (the executable limits the heap's growth then). */
  beforeLongRun?: () => void;
}

const toPosix = (path: string) => path.split(sep).join("/");

/** Where the run reads its files from: the working tree, or the index for --staged. */
interface Source {
  root: string;
  read(path: string): Buffer | undefined;
}

function workingTree(root: string): Source {
  return {
    root,
    read(path) {
      const absolute = pathOnDisk(root, path);
      try {
        return statSync(absolute).isFile() ? readFileSync(absolute) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** A listed file's bytes (none if it went away since it was listed). */
function readListed(root: string, path: string): Buffer {
  try {
    return readFileSync(pathOnDisk(root, path));
  } catch {
    return Buffer.alloc(0);
  }
}

/**
 * The most bytes a run lints for it to count as short: its `beforeShortRun` is called (the executable
 * turns V8's optimising compiler off then: code-cache.ts says why, and where this was measured).
 */
const SHORT_RUN_BYTES = 256 * 1024;

/** The files a run reads besides the ones it lints. */
const SUPPORT_PATHS = [CONFIG_PATH, ...INVENTORY_PATHS, ...CODEOWNERS_PATHS, BASELINE_PATH];

/**
 * The index, for --staged. The staged files and every support file are read in one
 * `git cat-file --batch` (staged blobs by id, support files as `:path`): a hook must not spawn git per file.
 */
function index(root: string, staged: { path: string; id: string }[]): Source {
  const objects = readObjects(root, [...staged.map((file) => file.id), ...SUPPORT_PATHS.map((path) => `:${path}`)]);
  // Absent files are remembered as absent, so asking again costs nothing.
  const cache = new Map<string, Buffer | undefined>(SUPPORT_PATHS.map((path) => [path, objects.get(`:${path}`)]));
  for (const file of staged) cache.set(file.path, objects.get(file.id));
  return {
    root,
    read(path) {
      if (!cache.has(path)) cache.set(path, readObjects(root, [`:${path}`]).get(`:${path}`));
      return cache.get(path);
    },
  };
}

function readText(source: Source, path: string): string | undefined {
  return source.read(path)?.toString("utf8");
}

function loadConfig(options: Pick<ScanOptions, "cwd" | "config">, source: Source): { config?: Config; path?: string } {
  const path = options.config ? toPosix(relative(source.root, resolve(options.cwd, options.config))) : CONFIG_PATH;
  const text = options.config ? readFileOrFail(resolve(options.cwd, options.config), "--config") : readText(source, path);
  if (text === undefined) return {};
  return { config: parseConfig({ path, text }, RULES.map((rule) => rule.meta.id)), path };
}

function readFileOrFail(path: string, flag: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw optionFileError(flag, path);
  }
}

/** Write a report or baseline, or say what is wrong with where (a folder, a missing directory). */
export function writeOrFail(path: string, text: string, flag: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "EISDIR" ? "is a folder" : code === "ENOENT" ? "is in a folder that does not exist" : code === "EACCES" ? "cannot be written (permission denied)" : `cannot be written (${code ?? (error as Error).message})`;
    throw new UsageError(`${flag} ${path} ${why}`);
  }
}

/**
 * The folder paths are reported against: the repository of the first target (or of the current
 * folder); outside git, the current folder or, for targets outside it, their common ancestor.
 */
function findRoot(cwd: string, paths: string[]): { root: string; inGit: boolean } {
  const targets = paths.map((path) => resolve(cwd, path));
  for (const target of targets) if (!existsSync(target)) throw missingPathError(relative(cwd, target) || target);
  const anchor = targets[0] ?? cwd;
  const gitRoot = repositoryRoot(statSync(anchor).isDirectory() ? anchor : dirname(anchor));
  if (gitRoot) return { root: gitRoot, inGit: true };
  const inside = (folder: string, target: string) => !relative(folder, target).startsWith("..");
  let root = resolve(cwd);
  while (!targets.every((target) => inside(root, target)) && dirname(root) !== root) root = dirname(root);
  return { root, inGit: false };
}

export interface RepositoryRun {
  root: string;
  inGit: boolean;
  source: Source;
  config?: Config;
  inventoryPath: string;
  inventoryText?: string;
  result: Awaited<ReturnType<typeof lint>>;
  notices: Notice[];
}

/** Find, read and lint the files of a run: shared by `nhilint`, `nhilint inventory` and `inventory init`. */
export async function lintRepository(
  options: Pick<ScanOptions, "cwd" | "paths" | "staged" | "config" | "inventory" | "now" | "progress" | "stderr" | "beforeShortRun" | "beforeLongRun"> & {
    /** How secret values are fingerprinted, decided once the run's source (tree or index) is known. */
    secretFingerprints?: (source: Source, root: string) => SecretFingerprints;
  },
): Promise<RepositoryRun> {
  const found = findRoot(options.cwd, options.paths);
  const gitRoot = found.inGit ? found.root : undefined;
  if (options.staged && !gitRoot) throw new UsageError("--staged needs a git repository (no .git found from here)");
  if (options.staged && options.paths.length > 0) throw new UsageError("--staged lints what is staged: give no paths with it");
  const root = found.root;
  const staged = options.staged ? stagedBlobs(root) : undefined;
  const stagedList = staged?.map((file) => file.path);
  const source = staged ? index(root, staged) : workingTree(root);

  const { config, path: configPath } = loadConfig(options, source);
  const inventoryPath = options.inventory
    ? toPosix(relative(root, resolve(options.cwd, options.inventory)))
    : (config?.inventory ?? INVENTORY_PATHS.find((path) => source.read(path) !== undefined) ?? INVENTORY_PATHS[0]);
  const inventoryText = options.inventory ? readFileOrFail(resolve(options.cwd, options.inventory), "--inventory") : readText(source, inventoryPath);
  // A configured inventory that is not there would make every connector "unowned" without saying why.
  if (!options.inventory && config?.inventory && inventoryText === undefined) {
    const folder = !staged && existsSync(join(root, inventoryPath)) && statSync(join(root, inventoryPath)).isDirectory();
    throw new ConfigError(`${config.inventoryAt}: inventory ${inventoryPath} ${folder ? "is a folder, not a file" : staged ? "is not in the index (stage it, or fix the path)" : "does not exist"}`);
  }
  const codeowners = CODEOWNERS_PATHS.map((path) => readText(source, path)).find((text) => text !== undefined);

  const paths = stagedList ?? (await discover(root, Boolean(gitRoot), options.paths, options.cwd));
  const notices: Notice[] = [];
  const files: LintFile[] = [];
  let bytes = 0;
  for (const path of paths) {
    if (!stagedList) {
      const size = sizeOrSkip(root, path);
      if (typeof size !== "number") {
        notices.push(size);
        continue;
      }
      bytes += size;
      // Read when the linter reaches the file, not all up front: the texts of a whole repository are
      // never in memory at once (the engine reads `text` once and keeps only compact facts).
      files.push({
        path,
        get text() {
          // sizeOrSkip() has just found a regular file there: read it without a second stat.
          const read = decode(path, readListed(root, path));
          if (read.notice) notices.push(read.notice);
          // Not text (binary): not linted, and said.
          return "file" in read ? read.file.text : undefined;
        },
      });
      continue;
    }
    const staged = source.read(path);
    if (!staged) continue;
    bytes += staged.length;
    const read = decode(path, staged);
    if (read.notice) notices.push(read.notice);
    if ("file" in read) files.push(read.file);
  }
  // Most commits, and most runs on named files (the pre-commit framework's), are a few small files.
  if (bytes <= SHORT_RUN_BYTES) options.beforeShortRun?.();
  else options.beforeLongRun?.();

  const progress = options.progress && files.length >= 200;
  let lastDraw = 0;
  const result = await lint(files, {
    rules: RULES,
    config,
    inventory: inventoryText === undefined ? undefined : { path: inventoryPath, text: inventoryText },
    codeowners,
    now: options.now,
    wholeWorkspace: !options.staged && isWholeRepository(root, options.cwd, options.paths),
    projectRoots: projectRoots(root, options.cwd, options.paths),
    // The same digest as the core's Web Crypto default, without its ~7 ms of start-up in every hook run.
    sha256: sha256Hex,
    compactModels: true,
    secretFingerprints: options.secretFingerprints?.(source, root) ?? "skip",
    onProgress: progress
      ? (done, total) => {
          const now = Date.now();
          if (now - lastDraw < 100 && done < total) return;
          lastDraw = now;
          options.stderr(`\rnhilint: ${done}/${total} files`);
          if (done === total) options.stderr("\r\x1b[K");
        }
      : undefined,
  });
  for (const error of result.internalErrors) notices.push({ path: error.path, message: `internal error: ${error.message}` });
  // Paths named on the command line whose every file the configuration ignores: "no problems in 0
  // files" alone would read as clean (ESLint says the same of an ignored file it is given).
  if (options.paths.length > 0 && files.length > 0 && result.ignoredByConfig === files.length) {
    notices.push({ path: options.paths.join(", "), message: `not linted: every file there is ignored by the \`ignore\` globs of ${configPath} (name another configuration with --config)` });
  }
  const groovyMissing = result.files.some((file) => file.platform === "jenkins") ? groovyParserMissing() : undefined;
  if (groovyMissing) notices.push({ path: "Jenkins/Groovy files", message: `read as plain text: ${groovyMissing}, so only the text-wide secret scan ran on them` });
  if (typescriptParserMissing()) {
    notices.push({
      path: "TypeScript/JavaScript files",
      message: "read as plain text: the optional typescript package is not installed, so only the text-wide secret scan ran on them (install it to read them fully)",
    });
  }
  return { root, inGit: Boolean(gitRoot), source, config, inventoryPath, inventoryText, result, notices };
}

export async function scan(options: ScanOptions): Promise<number> {
  // The baseline is read before linting: its salt is what secret values are fingerprinted with.
  let baseline: Baseline | undefined;
  let baselinePath = "";
  let update: SlowDerivation | undefined;
  const secretFingerprints = (source: Source, root: string): SecretFingerprints => {
    baselinePath = options.baseline ? resolve(options.cwd, options.baseline) : join(root, BASELINE_PATH);
    const text = options.updateBaseline
      ? existsSync(baselinePath) && statSync(baselinePath).isFile() ? readFileSync(baselinePath, "utf8") : undefined
      : options.baseline ? readFileOrFail(baselinePath, "--baseline") : readText(source, BASELINE_PATH);
    if (text !== undefined) baseline = parseBaseline(toPosix(relative(options.cwd, baselinePath)) || baselinePath, text);
    if (options.updateBaseline) {
      // Keep the team's salt; a first baseline, or a version 1 one being migrated, gets a new one.
      update = baseline?.version === 2 ? { salt: baseline.salt, iterations: baseline.kdf.iterations } : { salt: newSalt(), iterations: KDF_ITERATIONS };
      return update;
    }
    // Only what shows or matches fingerprints pays for the slow derivation (about 0.1 s per secret).
    const shown = options.format === "json" || options.format === "sarif" || options.format === "gitlab";
    return baseline || shown ? secretFingerprintsFor(baseline, PUBLIC_SALT) : "skip";
  };
  const { root, result, notices } = await lintRepository({ ...options, secretFingerprints });
  const shownPath = toPosix(relative(options.cwd, baselinePath)) || baselinePath;

  if (update) {
    // The history's accepted secrets (`nhilint history --update-baseline`) are not the scan's to drop.
    const history = baseline?.version === 2 ? baseline.history : undefined;
    writeOrFail(baselinePath, baselineText(result.findings, update.salt, update.iterations, history), "--update-baseline");
    options.stderr(`nhilint: wrote ${plural(result.findings.length, "finding")} to ${shownPath}\n`);
    if (baseline?.version === 1) {
      options.stderr(`nhilint: migrated ${shownPath} to version 2: secret values are now fingerprinted with a salt (kept in the file) and a slow derivation, so a fingerprint cannot confirm a guessed secret\n`);
    }
    // Accepting a secret does not make it secret again: say so, per secret.
    for (const f of result.findings.filter((f) => f.ruleId === "hardcoded-secret")) {
      options.stderr(`nhilint: accepted ${plain(`${plainPath(result.redact(f.path))}:${f.start.line}: ${f.message.replace(/: anyone who can read.*$/, "")}`)} — still a leaked credential: rotate it at the provider\n`);
    }
    return 0;
  }
  if (baseline?.version === 1) {
    notices.push({ path: shownPath, message: "a version 1 baseline fingerprints secret values with a plain hash (a guessed secret can be checked against it): run nhilint --update-baseline to migrate it to salted, slow fingerprints" });
  }
  const applied = applyBaseline(result.findings, baseline, toPosix(relative(root, baselinePath)) || BASELINE_PATH);
  // Only a whole-repository run can tell that a baseline entry matches nothing any more.
  const wholeRun = !options.staged && isWholeRepository(root, options.cwd, options.paths);

  // Paths are printed too: one that spells a secret the run found (a key file named after its token)
  // shows it redacted, in every format, and so does a fix's edit of that file (JSON lists them).
  // Fingerprints and the baseline were made with the real path.
  const withShownPath = <T extends { path: string; fixes?: Finding["fixes"] }>(item: T): T => {
    const fixes = item.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, path: result.redact(edit.path) })) }));
    return { ...item, path: result.redact(item.path), ...(fixes && { fixes }) };
  };
  const report: Report = {
    findings: applied.kept.map(withShownPath),
    notices: notices.map(withShownPath),
    filesLinted: result.files.length,
    baselined: applied.accepted.length,
    baselineInUse: baseline !== undefined,
    suppressed: [...result.suppressed, ...applied.accepted].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.span.start - b.span.start)).map(withShownPath),
    showSuppressed: options.showSuppressed,
    staleBaselineEntries: wholeRun ? applied.stale : 0,
  };
  const formatOptions = { color: options.color, version: options.version, now: options.now };
  const text =
    options.format === "json"
      ? (await import("./formatters/json.js")).formatJson(report, formatOptions)
      : options.format === "sarif"
        ? (await import("./formatters/sarif.js")).formatSarif(report, formatOptions)
        : options.format === "github"
          ? (await import("./formatters/github.js")).formatGithub(report, formatOptions)
          : options.format === "gitlab"
            ? (await import("./formatters/gitlab.js")).formatGitlab(report, formatOptions)
            : formatStylish(report, { ...formatOptions, color: options.color && !options.output });
  if (options.output) writeOrFail(resolve(options.cwd, options.output), text, "--output");
  else options.stdout(text);

  if (result.internalErrors.length > 0) return 2;
  const errors = report.findings.filter((f) => f.severity === "error").length;
  const warnings = report.findings.length - errors;
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    options.stderr(`nhilint: ${warnings} warnings is more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
