// Keeps every nhilint-relevant file of each workspace folder (from disk, or from the editor when
// open) and lints them together, so cross-file rules (scope, stale, inventory) stay current.
import * as vscode from "vscode";
import {
  buildReport,
  CODEOWNERS_PATHS,
  CONFIG_PATH,
  ConfigError,
  DEFAULT_CONFIG,
  INVENTORY_PATHS,
  lint,
  parseConfig,
  type Config,
  type ConnectorReport,
  type LintResult,
  type SourceFile,
} from "../../linter-core/index.js";
import { RULES } from "../../rules/index.js";

/**
 * Files worth reading at start-up: those recognised by path. Others are linted when opened.
 * One flat brace list: VS Code's globs do not nest braces.
 */
export const WORKSPACE_GLOB =
  "{" +
  [
    "**/.github/workflows/*.yml",
    "**/.github/workflows/*.yaml",
    "**/action.yml",
    "**/action.yaml",
    "**/.gitlab-ci.yml",
    "**/*.gitlab-ci.yml",
    "**/azure-pipelines*.yml",
    "**/bitbucket-pipelines.yml",
    "**/.circleci/*.yml",
    "**/docker-compose*.yml",
    "**/docker-compose*.yaml",
    "**/compose*.yml",
    "**/compose*.yaml",
    "**/nhi-inventory.yaml",
    "**/.nhilint.yaml",
    "**/CODEOWNERS",
  ].join(",") +
  "}";
const EXCLUDE = "{**/node_modules/**,**/.git/**}";
export const LINTED_LANGUAGES = new Set(["yaml", "json", "jsonc", "github-actions-workflow", "typescript", "javascript", "typescriptreact", "javascriptreact", "dockercompose", "azure-pipelines"]);

export interface FolderState {
  folder: vscode.WorkspaceFolder;
  result?: LintResult;
  report?: ConnectorReport;
  configError?: string;
}

export class WorkspaceLinter implements vscode.Disposable {
  private readonly files = new Map<string, Map<string, string>>();
  readonly states = new Map<string, FolderState>();
  private readonly onDidLintEmitter = new vscode.EventEmitter<FolderState>();
  private readonly authors = new Map<string, string | undefined>();
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

  /** Read the folder's relevant files from disk (open editors take precedence when linting). */
  async loadFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, WORKSPACE_GLOB), EXCLUDE, 5000);
    const map = new Map<string, string>();
    for (const uri of uris) {
      try {
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.length > 10 * 1024 * 1024) continue;
        map.set(this.relativePath(uri)!.path, new TextDecoder().decode(bytes));
      } catch (error) {
        this.log.appendLine(`could not read ${uri.fsPath}: ${(error as Error).message}`);
      }
    }
    this.files.set(folder.uri.toString(), map);
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
    const sources: SourceFile[] = [...files].filter(([path]) => path !== CONFIG_PATH && !CODEOWNERS_PATHS.includes(path)).map(([path, text]) => ({ path, text }));
    const started = Date.now();
    const result = await lint(sources, {
      rules: RULES,
      config,
      inventory: files.has(inventoryPath) ? { path: inventoryPath, text: files.get(inventoryPath)! } : { path: inventoryPath, text: "" },
      codeowners: CODEOWNERS_PATHS.map((path) => files.get(path)).find((text) => text !== undefined),
      author: await this.author(folder),
      wholeWorkspace: true,
    });
    if (!files.has(inventoryPath)) result.inventory.exists = false;
    for (const internal of result.internalErrors) this.log.appendLine(`${internal.path}: ${internal.message}`);
    const report = buildReport({ models: result.models, inventory: result.inventory, findings: result.findings, now: new Date(), expiryWarningDays: config.expiryWarningDays });
    this.log.appendLine(`linted ${result.files.length} file(s) in ${folder.name} in ${Date.now() - started} ms: ${result.findings.length} finding(s)`);
    const state: FolderState = { folder, result, report, configError: error };
    this.states.set(key, state);
    this.onDidLintEmitter.fire(state);
    return state;
  }
}
