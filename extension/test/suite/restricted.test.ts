// Restricted Mode (an untrusted folder), through the real VS Code API: diagnostics still show for
// every file, but nothing runs in the folder — no git, no terminal — and what is off says so.
import assert from "node:assert/strict";
import * as vscode from "vscode";
import type { NhilintApi } from "../../src/extension.js";

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const file = (path: string) => vscode.Uri.joinPath(folder(), path);
const nhilint = (uri: vscode.Uri, rule?: string) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === "nhilint" && (!rule || (d.code as { value: string }).value === rule));

/**
 * Ask until the answer is there. A request VS Code cancels (a relint or an edit landed meanwhile:
 * "Canceled") is asked again; any other failure is thrown once the time is up.
 */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    let failure: unknown;
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > until) throw failure ?? new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("nhilint in Restricted Mode", () => {
  let api: NhilintApi;

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, "this suite runs in an untrusted folder");
    const extension = vscode.extensions.getExtension<NhilintApi>("nhilint.nhilint");
    assert.ok(extension);
    api = await extension.activate();
    await api.ready;
  });

  it("still lints every file, found without running git: a workflow and an unopened n8n export", async () => {
    const paths = api.linter.paths(vscode.workspace.workspaceFolders![0]);
    assert.ok(paths.includes("automations/notify.json") && paths.includes(".github/workflows/deploy.yml"), paths.join(", "));
    await waitFor("hardcoded-secret in deploy.yml", () => nhilint(file(".github/workflows/deploy.yml"), "hardcoded-secret").length > 0 || undefined);
    await waitFor("hardcoded-secret in the n8n export", () => nhilint(file("automations/notify.json"), "hardcoded-secret").length > 0 || undefined);
  });

  it("setting up the hook says why it is off, and opens no terminal", async () => {
    const before = vscode.window.terminals.length;
    assert.equal(await vscode.commands.executeCommand("nhilint.setupHook"), "untrusted");
    assert.equal(vscode.window.terminals.length, before);
  });

  it("the secret guide checks no git history, offers no terminal, and opens none when asked", async () => {
    const uri = file(".github/workflows/deploy.yml");
    // Code actions are asked of an open document (VS Code's command needs its model).
    await vscode.window.showTextDocument(uri);
    const [diagnostic] = await waitFor("the secret", () => (nhilint(uri, "hardcoded-secret").length ? nhilint(uri, "hardcoded-secret") : undefined));
    const actions = await waitFor("the replace fix", async () => {
      const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      return offered.some((a) => a.title.startsWith("Replace with")) ? offered : undefined;
    });
    const replace = actions.find((a) => a.title.startsWith("Replace with"))!;
    assert.ok(await vscode.workspace.applyEdit(replace.edit!));
    const guide = await vscode.commands.executeCommand<NhilintApi["guides"][number]>(replace.command!.command, ...(replace.command!.arguments ?? []));
    assert.equal(guide.state.history, "untrusted");
    const terminals = vscode.window.terminals.length;
    await guide.handle({ type: "terminal" });
    assert.equal(vscode.window.terminals.length, terminals, "no shell in an untrusted folder");
    guide.dispose();
  });

  it("registering a connector nobody can be suggested for puts the cursor on the empty owner", async () => {
    const uri = file(".gitlab-ci.yml");
    await vscode.window.showTextDocument(uri);
    const actions = await waitFor("the register fix", async () => {
      const diagnostic = nhilint(uri, "unowned-connector").find((d) => d.message.includes("REGISTRY_PASSWORD"));
      if (!diagnostic) return undefined;
      const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      return offered.some((a) => a.title.startsWith("Register `REGISTRY_PASSWORD`")) ? offered : undefined;
    });
    const register = actions.find((a) => a.title.startsWith("Register `REGISTRY_PASSWORD`"))!;
    assert.ok(await vscode.workspace.applyEdit(register.edit!));
    await vscode.commands.executeCommand(register.command!.command, ...(register.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /^\s+owner: ""/);
  });
});
