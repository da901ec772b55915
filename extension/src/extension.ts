// nhilint for VS Code: a thin face over the same core the CLI uses. No rule logic here.
import * as vscode from "vscode";
import { formatReportHtml } from "../../cli/formatters/report.js";
import { filledHints, INVENTORY_HEADER } from "../../linter-core/inventory.js";
import { INVENTORY_PATHS, plural } from "../../linter-core/index.js";
import { registerGroovyWasm } from "../../linter-core/documents/groovy.js";
import { addToBaseline, BASELINE_PATH, baselineText, newSalt } from "../../cli/baseline.js";
import { ACCEPT_IN_BASELINE, CodeActions, PLACE_CURSOR, SECRET_MOVED, SHOW_SECRET_STEPS } from "./code-actions.js";
import { ConnectorsView } from "./connectors-view.js";
import { Diagnostics } from "./diagnostics.js";
import { Hovers } from "./hovers.js";
import { SecretGuide, typeInTerminal, type SecretMoved } from "./secret-guide.js";
import { LINTED_LANGUAGES, WorkspaceLinter, type FolderState } from "./workspace-linter.js";

export interface NhilintApi {
  linter: WorkspaceLinter;
  diagnostics: Diagnostics;
  connectors: ConnectorsView;
  /** Resolves when every folder has been linted once. */
  ready: Promise<void>;
  /** The open secret guides (the panel after a secret was moved). */
  guides: typeof SecretGuide.open;
}

export function activate(context: vscode.ExtensionContext): NhilintApi {
  // Jenkinsfiles: the Groovy parser's WebAssembly ships beside the bundle, loaded on the first one.
  const wasm = (name: string) => async () => new Uint8Array(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, "dist", name)));
  registerGroovyWasm({ runtime: wasm("web-tree-sitter.wasm"), grammar: wasm("tree-sitter-groovy.wasm") });
  const log = vscode.window.createOutputChannel("nhilint");
  const linter = new WorkspaceLinter(log);
  const diagnostics = new Diagnostics();
  const connectors = new ConnectorsView(linter);
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.command = "workbench.actions.view.problems";
  context.subscriptions.push(log, linter, diagnostics, status);

  const enabled = (uri?: vscode.Uri) => vscode.workspace.getConfiguration("nhilint", uri).get<boolean>("enable", true);
  const showStatus = () => {
    if (!(vscode.workspace.workspaceFolders ?? []).some((folder) => enabled(folder.uri))) {
      status.hide();
      return;
    }
    const errors = diagnostics.errorCount();
    status.text = errors > 0 ? `$(shield) nhilint: ${errors}` : "$(shield) nhilint";
    status.tooltip = errors > 0 ? `${plural(errors, "blocking problem")}: hardcoded secrets, unowned or expired connectors...` : "nhilint: no blocking problems";
    status.backgroundColor = errors > 0 ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    status.show();
  };
  const render = (state: FolderState) => {
    if (state.configError) log.appendLine(`.nhilint.yaml: ${state.configError}`);
    // A lint that finishes after nhilint was turned off for the folder publishes nothing.
    if (!enabled(state.folder.uri)) return;
    diagnostics.publish(state);
    showStatus();
  };
  context.subscriptions.push(linter.onDidLint(render));
  /** nhilint turned off for a folder: its diagnostics, status count and connectors go at once. */
  const turnOff = (folder: vscode.WorkspaceFolder) => {
    clearTimeout(timers.get(folder.uri.toString()));
    linter.clear(folder);
    diagnostics.clear(folder);
    connectors.refresh();
    showStatus();
  };

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
    if (document.uri.scheme !== "file" && document.uri.scheme !== "vscode-remote") return;
    if (!enabled(document.uri)) return;
    // Every file the folder lints (the CLI's selection), and new files of the languages nhilint reads.
    if (!linter.knows(document.uri) && !LINTED_LANGUAGES.has(document.languageId) && !/(^|\/)(CODEOWNERS|\.nhilint\.yaml)$/.test(document.uri.path)) return;
    const state = linter.setText(document.uri, document.getText());
    if (!state) return;
    const key = state.folder.uri.toString();
    clearTimeout(timers.get(key));
    const delay = immediate ? 0 : vscode.workspace.getConfiguration("nhilint", document.uri).get<number>("debounceMs", 300);
    timers.set(key, setTimeout(() => void lintFolder(state.folder), delay));
  };

  const loadAndLint = async (folder: vscode.WorkspaceFolder) => {
    if (!enabled(folder.uri)) return;
    await linter.loadFolder(folder);
    await lintFolder(folder);
  };
  // Open, possibly unsaved, documents are laid over the disk by every lint (WorkspaceLinter.lintFolder).
  const ready = (async () => {
    for (const folder of vscode.workspace.workspaceFolders ?? []) await loadAndLint(folder);
  })();

  context.subscriptions.push(
    // The inventory's "# TODO" hints go once their field is filled in, when the file is saved.
    vscode.workspace.onWillSaveTextDocument((event) => {
      const where = linter.relativePath(event.document.uri);
      const state = where && linter.states.get(where.folder.uri.toString());
      if (!where || where.path !== (state?.result?.inventory.path ?? INVENTORY_PATHS[0])) return;
      const spans = filledHints(event.document.getText());
      if (spans.length > 0) event.waitUntil(Promise.resolve(spans.map((span) => vscode.TextEdit.delete(new vscode.Range(event.document.positionAt(span.start), event.document.positionAt(span.end))))));
    }),
    vscode.workspace.onDidOpenTextDocument((document) => schedule(document, true)),
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
    vscode.workspace.onDidSaveTextDocument((document) => schedule(document, true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        if (!event.affectsConfiguration("nhilint", folder.uri)) continue;
        if (!enabled(folder.uri)) turnOff(folder);
        else if (event.affectsConfiguration("nhilint.enable", folder.uri)) void loadAndLint(folder);
        else void lintFolder(folder);
      }
    }),
    vscode.languages.registerCodeActionsProvider([{ scheme: "file" }, { scheme: "vscode-remote" }], new CodeActions(linter, diagnostics), { providedCodeActionKinds: CodeActions.kinds }),
    vscode.languages.registerHoverProvider([{ scheme: "file" }, { scheme: "vscode-remote" }], new Hovers(linter)),
    vscode.window.registerTreeDataProvider("nhilint.connectors", connectors),
  );
  // Files changed on disk (not open in an editor: those are followed as typed) are read again; a file
  // created or deleted changes the selection, which is listed again (debounced: a checkout touches many).
  const watcher = vscode.workspace.createFileSystemWatcher("**/*");
  const reloads = new Map<string, ReturnType<typeof setTimeout>>();
  const outsideSelection = (uri: vscode.Uri) => /\/(\.git|node_modules|bower_components)\//.test(uri.path);
  const reread = async (uri: vscode.Uri) => {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || !enabled(folder.uri) || outsideSelection(uri) || !linter.knows(uri)) return;
    if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString())) return;
    try {
      // Read as the first listing read it: a binary file is not linted, UTF-16 is text.
      linter.setText(uri, await linter.readText(uri));
    } catch {
      linter.setText(uri, undefined);
    }
    await lintFolder(folder);
  };
  const relist = (uri: vscode.Uri) => {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || !enabled(folder.uri) || outsideSelection(uri)) return;
    const key = folder.uri.toString();
    clearTimeout(reloads.get(key));
    reloads.set(key, setTimeout(() => void loadAndLint(folder), 500));
  };
  context.subscriptions.push(watcher, watcher.onDidChange(reread), watcher.onDidCreate(relist), watcher.onDidDelete(relist));

  context.subscriptions.push(
    vscode.commands.registerCommand("nhilint.lintWorkspace", async () => {
      // Feedback while it runs and when it is done: a whole repository can take seconds.
      const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => enabled(folder.uri));
      if (folders.length === 0) {
        void vscode.window.showInformationMessage("nhilint is turned off for this workspace (setting nhilint.enable).");
        return;
      }
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "nhilint: linting the workspace…" }, async () => {
        for (const folder of folders) await loadAndLint(folder);
      });
      const states = folders.map((folder) => linter.states.get(folder.uri.toString())).filter((state) => state !== undefined);
      const files = states.reduce((n, state) => n + (state.result?.files.length ?? 0), 0);
      const findings = states.flatMap((state) => state.result?.findings ?? []);
      const errors = findings.filter((f) => f.severity === "error").length;
      const summary = `nhilint: linted ${files} file${files === 1 ? "" : "s"}: ${errors} error${errors === 1 ? "" : "s"}, ${findings.length - errors} warning${findings.length - errors === 1 ? "" : "s"}.`;
      // Not awaited: the command is done when linting is, not when the notification is dismissed.
      void vscode.window.showInformationMessage(summary, ...(findings.length > 0 ? ["Open Problems"] : [])).then((choice) => {
        if (choice === "Open Problems") void vscode.commands.executeCommand("workbench.actions.view.problems");
      });
      return summary;
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
    vscode.commands.registerCommand("nhilint.setupHook", async () => {
      if (!vscode.workspace.isTrusted) {
        // Said, not hidden: the command stays in the palette and explains why it does nothing yet.
        void vscode.window
          .showWarningMessage("nhilint: setting up the pre-commit hook runs commands in this folder, so Restricted Mode keeps it off. Trust the folder first, then run this command again.", "Manage Workspace Trust")
          .then((choice) => choice && vscode.commands.executeCommand("workbench.trust.manage"));
        return "untrusted";
      }
      // The project's own nhilint, never a package fetched by name (`npx --yes` would run whatever is
      // published under it): typed, not run, so the user sees it first.
      const folder = vscode.workspace.workspaceFolders?.[0];
      await typeInTerminal("nhilint init", folder?.uri, "npx --no-install nhilint init");
      if (folder) {
        void vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, "node_modules", ".bin", "nhilint")).then(undefined, () =>
          vscode.window.showInformationMessage("nhilint is not installed in this repository yet: add it as a dev dependency (see the README's install section), then run the command in the terminal."),
        );
      }
      return "typed";
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
      // The reference itself (`secrets.NAME`), as the model found it — not the first text that matches,
      // which is often the env key it is bound to.
      const where = linter.relativePath(document.uri);
      const model = where && linter.states.get(where.folder.uri.toString())?.result?.models.find((m) => m.model.path === where.path)?.model;
      const ref = model?.connectorRefs.find((r) => r.name.toUpperCase() === name.toUpperCase());
      const start = ref?.span.start ?? document.getText().indexOf(name);
      const end = ref?.span.end ?? start + name.length;
      if (start >= 0) editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(end));
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
    vscode.commands.registerCommand(ACCEPT_IN_BASELINE, async (folderUri: string, path: string, ruleId: string, start: number) => {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(folderUri));
      if (!folder) return undefined;
      const uri = vscode.Uri.joinPath(folder.uri, BASELINE_PATH);
      const write = async (text: string) => {
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
        linter.setText(uri, text);
        return linter.lintFolder(folder);
      };
      let state = linter.states.get(folder.uri.toString());
      if (state?.baseline?.version === 1) {
        void vscode.window.showWarningMessage(`nhilint: ${BASELINE_PATH} is version 1; run \`nhilint --update-baseline\` once to migrate it, then accept findings here.`);
        return undefined;
      }
      // No baseline yet: one with a fresh salt first, so the finding's fingerprint is derived with it.
      if (!state?.baseline) state = await write(baselineText([], newSalt()));
      const finding = state.result?.findings.find((f) => f.path === path && f.ruleId === ruleId && f.span.start === start);
      if (!finding?.fingerprint || state.baseline?.version !== 2) return undefined;
      await write(addToBaseline(state.baseline, finding.fingerprint));
      void vscode.window.showInformationMessage(
        `nhilint: accepted in ${BASELINE_PATH}. Commit it and say why in the commit message.${ruleId === "hardcoded-secret" ? " An accepted secret is still exposed: rotate it if it was ever shared or committed." : ""}`,
      );
      return finding.fingerprint;
    }),
    vscode.commands.registerCommand(SECRET_MOVED, (args: SecretMoved) => SecretGuide.show(args, linter)),
    // The same guide for a name whose value nhilint does not hold (nothing to copy).
    vscode.commands.registerCommand(SHOW_SECRET_STEPS, (args: { name: string; followUp: string[]; path?: string }) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? "";
      return SecretGuide.show({ name: args.name, followUp: args.followUp, value: "", path: args.path ?? "", folder }, linter);
    }),
  );
  return { linter, diagnostics, connectors, ready, guides: SecretGuide.open };
}

export function deactivate(): void {}
