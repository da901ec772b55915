// Keeps every file the CLI would lint in each workspace folder (from disk, or from the editor when
// open) and lints them together, so cross-file rules (scope, stale, inventory) stay current; a
// per-file cache means a keystroke re-checks only the file typed in.
import * as vscode from "vscode";
import {
  buildReport,
  CODEOWNERS_PATHS,
  CONFIG_PATH,
  ConfigError,
  DEFAULT_CONFIG,
  INVENTORY_PATHS,
  createLintCache,
  lint,
  plural,
  parseConfig,
  type LintCache,
  type Config,
  type ConnectorReport,
  type LintResult,
  type SourceFile,
} from "../../linter-core/index.js";
import { applyBaseline, BASELINE_PATH, BaselineError, parseBaseline, secretFingerprintsFor, type Baseline } from "../../cli/baseline.js";
import { discover, sizeOrSkip } from "../../cli/files.js";
import { pathOnDisk, repositoryRoot } from "../../cli/git.js";
import { decode } from "../../cli/read.js";
import { RULES } from "../../rules/index.js";

/** Open documents of these languages are linted even before they exist on disk (a new, unsaved file). */
export const LINTED_LANGUAGES = new Set(["yaml", "json", "jsonc", "github-actions-workflow", "typescript", "javascript", "typescriptreact", "javascriptreact", "dockercompose", "azure-pipelines"]);
/** Folders the editor never reads outside a local folder (the CLI's selection covers local ones). */
const REMOTE_EXCLUDE = "{**/node_modules/**,**/bower_components/**,**/.git/**}";

export interface FolderState {
  folder: vscode.WorkspaceFolder;
  result?: LintResult;
  /** The repository's `.nhilint-baseline.json`, when it has one: its findings are accepted, as in the CLI. */
  baseline?: Baseline;
  report?: ConnectorReport;
  configError?: string;
}

export class WorkspaceLinter implements vscode.Disposable {
  private readonly files = new Map<string, Map<string, string>>();
  readonly states = new Map<string, FolderState>();
  private readonly onDidLintEmitter = new vscode.EventEmitter<FolderState>();
  private readonly authors = new Map<string, string | undefined>();
  /** Per folder: each file's own pass, so a keystroke re-checks one file, not the workspace. */
  private readonly caches = new Map<string, LintCache>();
  readonly onDidLint = this.onDidLintEmitter.event;

  constructor(private readonly log: vscode.OutputChannel) {}

  dispose(): void {
    this.onDidLintEmitter.dispose();
  }

  relativePath(uri: vscode.Uri): { folder: vscode.WorkspaceFolder; path: string } | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    // Relative to its own folder (without the folder's name, also in multi-root workspaces).
    return { folder, path: vscode.workspace.asRelativePath(uri, false).replace(/\\/g, "/") };
  }

  /**
   * Read every file the CLI would lint in this folder: the CLI's own selection (git's view of the
   * tree, .gitignore honoured, dependency folders left out, large and binary files skipped). In
   * Restricted Mode git is not run (a repository's config can run programs): the selection is then
   * the CLI's outside-git one, a glob with .gitignore. Files already read and unchanged are kept.
   */
  async loadFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const map = new Map<string, string>();
    const started = Date.now();
    if (folder.uri.scheme === "file") {
      const root = folder.uri.fsPath;
      const inGit = vscode.workspace.isTrusted && repositoryRoot(root) !== undefined;
      let paths: string[] = [];
      try {
        paths = await discover(root, inGit);
      } catch (error) {
        this.log.appendLine(`could not list the files of ${folder.name}: ${(error as Error).message}`);
      }
      const { readFile } = await import("node:fs/promises");
      for (const path of paths) {
        try {
          const skipped = sizeOrSkip(root, path);
          if (typeof skipped !== "number") {
            this.log.appendLine(`${path}: ${skipped.message}`);
            continue;
          }
          const read = decode(path, await readFile(pathOnDisk(root, path)));
          if (read.notice) this.log.appendLine(`${path}: ${read.notice.message}`);
          if ("file" in read) map.set(path, read.file.text);
        } catch (error) {
          this.log.appendLine(`could not read ${path}: ${(error as Error).message}`);
        }
      }
    } else {
      // A virtual or remote folder: no node:fs there, the workspace API lists and reads.
      for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, "**/*"), REMOTE_EXCLUDE, 20_000)) {
        try {
          const text = await this.readText(uri);
          if (text !== undefined) map.set(this.relativePath(uri)!.path, text);
        } catch (error) {
          this.log.appendLine(`could not read ${uri.toString()}: ${(error as Error).message}`);
        }
      }
    }
    this.files.set(key, map);
    this.log.appendLine(`read ${plural(map.size, "file")} of ${folder.name} in ${Date.now() - started} ms`);
  }

  /**
   * A file's text through the workspace API, read as the CLI reads it (cli/read.ts): undefined when it
   * is not text (binary); UTF-16 by its mark.
   */
  async readText(uri: vscode.Uri): Promise<string | undefined> {
    const read = decode(this.relativePath(uri)?.path ?? uri.path, Buffer.from(await vscode.workspace.fs.readFile(uri)));
    return "file" in read ? read.file.text : undefined;
  }

  /** Is this file one the folder lints (read at start, or since)? */
  knows(uri: vscode.Uri): boolean {
    const where = this.relativePath(uri);
    return Boolean(where && this.files.get(where.folder.uri.toString())?.has(where.path));
  }

  /** The paths of a folder read for linting (the CLI's selection), for tests and the walkthrough. */
  paths(folder: vscode.WorkspaceFolder): string[] {
    return [...(this.files.get(folder.uri.toString())?.keys() ?? [])];
  }

  /** Forget a folder's results (nhilint turned off for it). */
  clear(folder: vscode.WorkspaceFolder): void {
    this.states.delete(folder.uri.toString());
    this.caches.delete(folder.uri.toString());
  }

  setText(uri: vscode.Uri, text: string | undefined): FolderState | undefined {
    const where = this.relativePath(uri);
    if (!where) return undefined;
    const map = this.files.get(where.folder.uri.toString()) ?? new Map<string, string>();
    if (text === undefined) map.delete(where.path);
    else map.set(where.path, text);
    this.files.set(where.folder.uri.toString(), map);
    return this.states.get(where.folder.uri.toString()) ?? { folder: where.folder };
  }

  private config(folder: vscode.WorkspaceFolder, files: Map<string, string>): { config: Config; error?: string } {
    const settings = vscode.workspace.getConfiguration("nhilint", folder.uri);
    let config: Config = { ...DEFAULT_CONFIG, rules: {}, ignore: [] };
    let error: string | undefined;
    const text = files.get(CONFIG_PATH);
    if (text !== undefined) {
      try {
        config = parseConfig({ path: CONFIG_PATH, text }, RULES.map((rule) => rule.meta.id));
      } catch (e) {
        error = e instanceof ConfigError ? e.message : String(e);
      }
    }
    const rules = settings.get<Record<string, "error" | "warning" | "off">>("rules", {});
    const inventory = settings.get<string>("inventoryPath", "");
    return {
      config: { ...config, rules: { ...config.rules, ...rules }, inventory: inventory || config.inventory, expiryWarningDays: settings.get<number>("expiryWarningDays", config.expiryWarningDays) },
      error,
    };
  }

  /**
   * The folder's `git config user.email`: the owner a new inventory record suggests when CODEOWNERS
   * names nobody. Trusted folders only, as git reads the folder's own config.
   */
  private async author(folder: vscode.WorkspaceFolder): Promise<string | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    const key = folder.uri.toString();
    if (!this.authors.has(key)) {
      const { execFile } = await import("node:child_process");
      const email = await new Promise<string | undefined>((resolve) =>
        execFile("git", ["config", "--get", "user.email"], { cwd: folder.uri.fsPath, timeout: 5000 }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined)),
      );
      this.authors.set(key, email);
    }
    return this.authors.get(key);
  }

  async lintFolder(folder: vscode.WorkspaceFolder): Promise<FolderState> {
    const key = folder.uri.toString();
    const files = new Map(this.files.get(key) ?? []);
    // Open, possibly unsaved, documents win over the disk.
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme !== "file" && document.uri.scheme !== "vscode-remote") continue;
      const where = this.relativePath(document.uri);
      if (where?.folder.uri.toString() === key && (LINTED_LANGUAGES.has(document.languageId) || files.has(where.path))) files.set(where.path, document.getText());
    }
    const { config, error } = this.config(folder, files);
    const inventoryPath = config.inventory ?? INVENTORY_PATHS.find((path) => files.has(path)) ?? INVENTORY_PATHS[0];
    const sources: SourceFile[] = [...files].filter(([path]) => path !== CONFIG_PATH && path !== BASELINE_PATH && !CODEOWNERS_PATHS.includes(path)).map(([path, text]) => ({ path, text }));
    let baseline: Baseline | undefined;
    let baselineError: string | undefined;
    try {
      const text = files.get(BASELINE_PATH);
      baseline = text === undefined ? undefined : parseBaseline(BASELINE_PATH, text);
    } catch (e) {
      baselineError = e instanceof BaselineError ? e.message : String(e);
    }
    const started = Date.now();
    const result = await lint(sources, {
      rules: RULES,
      config,
      inventory: files.has(inventoryPath) ? { path: inventoryPath, text: files.get(inventoryPath)! } : { path: inventoryPath, text: "" },
      codeowners: CODEOWNERS_PATHS.map((path) => files.get(path)).find((text) => text !== undefined),
      author: await this.author(folder),
      wholeWorkspace: true,
      cache: this.caches.get(key) ?? this.caches.set(key, createLintCache()).get(key),
      // Fingerprints only with a baseline to match them against (its salt; 0.1 s per distinct secret, once).
      secretFingerprints: baseline ? secretFingerprintsFor(baseline, "") : "skip",
    });
    if (baseline) {
      // As the CLI does: accepted by the baseline is accepted, listed with the suppressed findings.
      const { kept, accepted } = applyBaseline(result.findings, baseline);
      result.findings = kept;
      result.suppressed = [...result.suppressed, ...accepted];
    }
    if (baselineError) this.log.appendLine(baselineError);
    if (!files.has(inventoryPath)) result.inventory.exists = false;
    for (const internal of result.internalErrors) this.log.appendLine(`${internal.path}: ${internal.message}`);
    // Accepted (suppressed) findings too, as the CLI's report has them: a connector accepted with a reason is shown as such.
    const report = buildReport({ models: result.models, inventory: result.inventory, findings: [...result.findings, ...result.suppressed], now: new Date(), expiryWarningDays: config.expiryWarningDays, redact: result.redact });
    this.log.appendLine(`linted ${plural(result.files.length, "file")} in ${folder.name} in ${Date.now() - started} ms: ${plural(result.findings.length, "finding")}`);
    const state: FolderState = { folder, result, report, configError: error, baseline };
    this.states.set(key, state);
    this.onDidLintEmitter.fire(state);
    return state;
  }
}
