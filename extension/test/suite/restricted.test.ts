// Restricted Mode (an untrusted folder), through the real VS Code API: diagnostics still show for
// every file, but nothing runs in the folder — no git, no terminal — and what is off says so.
import assert from "node:assert/strict";
import * as vscode from "vscode";
import type { NhilintApi } from "../../src/extension.js";
import { file, nhilint, quickFixes, waitFor } from "./helpers.js";

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
    const actions = await quickFixes(uri, () => nhilint(uri, "hardcoded-secret")[0], (t) => t.startsWith("Replace with"));
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
    const actions = await quickFixes(uri, () => nhilint(uri, "unowned-connector").find((d) => d.message.includes("REGISTRY_PASSWORD")), (t) => t.startsWith("Register `REGISTRY_PASSWORD`"));
    const register = actions.find((a) => a.title.startsWith("Register `REGISTRY_PASSWORD`"))!;
    assert.ok(await vscode.workspace.applyEdit(register.edit!));
    await vscode.commands.executeCommand(register.command!.command, ...(register.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /^\s+owner: ""/);
  });
});
