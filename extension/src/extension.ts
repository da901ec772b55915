// nhilint for VS Code: a thin face over the same core the CLI uses. No rule logic here.
import * as vscode from "vscode";
import { formatReportHtml } from "../../cli/formatters/report.js";
import { INVENTORY_HEADER } from "../../linter-core/inventory.js";
import { INVENTORY_PATHS } from "../../linter-core/index.js";
import { CodeActions, PLACE_CURSOR, SECRET_MOVED, SHOW_SECRET_STEPS } from "./code-actions.js";
import { ConnectorsView } from "./connectors-view.js";
import { Diagnostics } from "./diagnostics.js";
import { Hovers } from "./hovers.js";
import { LINTED_LANGUAGES, WorkspaceLinter, type FolderState } from "./workspace-linter.js";

export interface NhilintApi {
  linter: WorkspaceLinter;
  diagnostics: Diagnostics;
  connectors: ConnectorsView;
  /** Resolves when every folder has been linted once. */
  ready: Promise<void>;
}

export function activate(context: vscode.ExtensionContext): NhilintApi {
  const log = vscode.window.createOutputChannel("nhilint");
  const linter = new WorkspaceLinter(log);
  const diagnostics = new Diagnostics();
  const connectors = new ConnectorsView(linter);
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.command = "workbench.actions.view.problems";
  context.subscriptions.push(log, linter, diagnostics, status);

  const enabled = (uri?: vscode.Uri) => vscode.workspace.getConfiguration("nhilint", uri).get<boolean>("enable", true);
  const render = (state: FolderState) => {
    if (state.configError) log.appendLine(`.nhilint.yaml: ${state.configError}`);
    diagnostics.publish(state);
    const errors = diagnostics.errorCount();
    status.text = errors > 0 ? `$(shield) nhilint: ${errors}` : "$(shield) nhilint";
    status.tooltip = errors > 0 ? `${errors} blocking problem(s): hardcoded secrets, unowned or expired connectors...` : "nhilint: no blocking problems";
    status.backgroundColor = errors > 0 ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    status.show();
  };
  context.subscriptions.push(linter.onDidLint(render));

  const lintFolder = async (folder: vscode.WorkspaceFolder) => {
    if (!enabled(folder.uri)) return;
    try {
      await linter.lintFolder(folder);
    } catch (error) {
      // A failure inside nhilint is named in the log and the status bar, never thrown at the user.
      log.appendLine(`lint failed in ${folder.name}: ${(error as Error).message}`);
      status.text = "$(warning) nhilint: error (see output)";
    }
  };
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const schedule = (document: vscode.TextDocument, immediate = false) => {
    if (!LINTED_LANGUAGES.has(document.languageId) && !/(^|\/)(CODEOWNERS|\.nhilint\.yaml)$/.test(document.uri.path)) return;
    const state = linter.setText(document.uri, document.getText());
    if (!state) return;
    const key = state.folder.uri.toString();
    clearTimeout(timers.get(key));
    const delay = immediate ? 0 : vscode.workspace.getConfiguration("nhilint", document.uri).get<number>("debounceMs", 300);
    timers.set(key, setTimeout(() => void lintFolder(state.folder), delay));
  };

  const ready = (async () => {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      await linter.loadFolder(folder);
      for (const document of vscode.workspace.textDocuments) if (vscode.workspace.getWorkspaceFolder(document.uri) === folder) linter.setText(document.uri, document.getText());
      await lintFolder(folder);
    }
  })();

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((document) => schedule(document, true)),
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
    vscode.workspace.onDidSaveTextDocument((document) => schedule(document, true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("nhilint")) for (const folder of vscode.workspace.workspaceFolders ?? []) void lintFolder(folder);
    }),
    vscode.languages.registerCodeActionsProvider([{ scheme: "file" }, { scheme: "vscode-remote" }], new CodeActions(linter, diagnostics), { providedCodeActionKinds: CodeActions.kinds }),
    vscode.languages.registerHoverProvider([{ scheme: "file" }, { scheme: "vscode-remote" }], new Hovers(linter)),
    vscode.window.registerTreeDataProvider("nhilint.connectors", connectors),
  );
  // The inventory, config and CODEOWNERS change what every file's findings are: watch them on disk too.
  const watcher = vscode.workspace.createFileSystemWatcher("**/{nhi-inventory.yaml,.nhilint.yaml,CODEOWNERS,.github/workflows/*.yml}");
  const reload = async (uri: vscode.Uri) => {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    try {
      linter.setText(uri, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      linter.setText(uri, undefined);
    }
    await lintFolder(folder);
  };
  context.subscriptions.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));

  context.subscriptions.push(
    vscode.commands.registerCommand("nhilint.lintWorkspace", async () => {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        await linter.loadFolder(folder);
        await lintFolder(folder);
      }
    }),
    vscode.commands.registerCommand("nhilint.refreshConnectors", () => connectors.refresh()),
    vscode.commands.registerCommand("nhilint.openInventory", async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) return;
      const state = linter.states.get(folder.uri.toString());
      const path = state?.result?.inventory.path ?? INVENTORY_PATHS[0];
      const uri = vscode.Uri.joinPath(folder.uri, path);
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(INVENTORY_HEADER.replace(/connectors:\n$/, "connectors: []\n")));
      }
      await vscode.window.showTextDocument(uri);
    }),
    vscode.commands.registerCommand("nhilint.setupHook", () => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage("nhilint: setting up the git hook runs commands in this folder; trust the folder first (Restricted Mode keeps it off).");
        return;
      }
      // The project's own nhilint, never a package fetched by name (`npx --yes` would run whatever is
      // published under it): typed, not run, so the user sees it first.
      const folder = vscode.workspace.workspaceFolders?.[0];
      const terminal = vscode.window.createTerminal({ name: "nhilint init", cwd: folder?.uri });
      terminal.show();
      terminal.sendText("npx --no-install nhilint init", false);
      if (folder) {
        void vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, "node_modules", ".bin", "nhilint")).then(undefined, () =>
          vscode.window.showInformationMessage("nhilint is not installed in this repository yet: add it as a dev dependency (see the README's install section), then run the command in the terminal."),
        );
      }
    }),
    vscode.commands.registerCommand("nhilint.showReport", () => {
      const state = [...linter.states.values()][0];
      if (!state?.report) return;
      const panel = vscode.window.createWebviewPanel("nhilint.report", "Connector inventory", vscode.ViewColumn.Active, { enableScripts: true });
      panel.webview.html = formatReportHtml(state.report);
    }),
    vscode.commands.registerCommand("nhilint.revealConnector", async (uri: string, name: string) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const editor = await vscode.window.showTextDocument(document);
      const at = document.getText().indexOf(name);
      if (at >= 0) editor.selection = new vscode.Selection(document.positionAt(at), document.positionAt(at + name.length));
      editor.revealRange(editor.selection);
    }),
    vscode.commands.registerCommand(PLACE_CURSOR, async (uri: string, after: string, line?: number) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const editor = await vscode.window.showTextDocument(document);
      const text = document.getText();
      const from = line === undefined ? text.lastIndexOf(after) : document.offsetAt(new vscode.Position(line, 0));
      const at = text.indexOf(after, from);
      if (at < 0) return;
      const position = document.positionAt(at + after.length - (after.endsWith('""') ? 1 : 0));
      editor.selection = new vscode.Selection(position, position);
    }),
    vscode.commands.registerCommand(SECRET_MOVED, async (args: { name: string; value: string; followUp: string[]; path: string; folder: string }) => {
      await guideSecretStorage(args, log);
    }),
    vscode.commands.registerCommand(SHOW_SECRET_STEPS, async (args: { name: string; followUp: string[]; rotate?: string }) => {
      const content = [`# Store ${args.name} outside the file`, "", ...args.followUp.map((step, i) => `${i + 1}. ${step}`), ...(args.rotate ? ["", args.rotate.trim()] : []), ""].join("\n");
      const document = await vscode.workspace.openTextDocument({ language: "markdown", content });
      return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
  );
  return { linter, diagnostics, connectors, ready };
}

/**
 * After a secret was replaced by a reference: where the value must go (for GitHub, `gh secret set`
 * typed into a terminal, not run), copy it to the clipboard once, and — when git history already
 * holds it — say that it must be rotated. The value is never logged.
 */
async function guideSecretStorage(args: { name: string; value: string; followUp: string[]; path: string; folder: string }, log: vscode.OutputChannel): Promise<void> {
  const inHistory = vscode.workspace.isTrusted ? await valueInHistory(vscode.Uri.parse(args.folder), args.path, args.value) : "untrusted";
  const rotate =
    inHistory === true
      ? " This value is already in the git history: rotate it at the provider — moving it does not make it secret again."
      : inHistory === "untrusted"
        ? " (Restricted Mode: git history not checked.) If it was ever committed, rotate it."
        : inHistory === undefined
          ? " (No git history to check.) If it was ever committed or shared, rotate it."
          : "";
  log.appendLine(`moved a secret to ${args.name} in ${args.path}`);
  const steps = args.followUp[0] ?? `Store the value as ${args.name} in your platform's secret store.`;
  const choice = await vscode.window.showInformationMessage(
    `nhilint: ${steps}${rotate}`,
    "Copy value to clipboard",
    ...(steps.includes("gh secret set") ? ["Open terminal with gh secret set"] : []),
    ...(args.followUp.length > 1 ? ["Show every step"] : []),
  );
  if (choice === "Copy value to clipboard") {
    await vscode.env.clipboard.writeText(args.value);
    args.value = "";
  } else if (choice === "Open terminal with gh secret set") {
    const terminal = vscode.window.createTerminal("store secret");
    terminal.show();
    terminal.sendText(`gh secret set ${args.name}`, false);
  } else if (choice === "Show every step") {
    await vscode.commands.executeCommand(SHOW_SECRET_STEPS, { name: args.name, followUp: args.followUp, rotate });
  }
}

/** Does the file's git history (HEAD or earlier) contain the value? Read in-process: the secret never goes on a command line. */
async function valueInHistory(folder: vscode.Uri, path: string, value: string): Promise<boolean | undefined> {
  try {
    const { spawnSync } = await import("node:child_process");
    const result = spawnSync("git", ["log", "-p", "--format=", "--", path], { cwd: folder.fsPath, encoding: "utf8", maxBuffer: 1 << 27 });
    return result.status === 0 ? result.stdout.includes(value) : undefined;
  } catch {
    return undefined;
  }
}

export function deactivate(): void {}
