// What a user notices, through the real VS Code API: diagnostics, quick fixes, hovers, the
// connectors view and the inventory's own diagnostics. The workspace is made by the runner
// (test/vscode/workspace.ts): a workflow with a pasted token, one with an owned secret, an inventory.
import assert from "node:assert/strict";
import * as vscode from "vscode";
import type { NhilintApi } from "../../src/extension.js";

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const file = (path: string) => vscode.Uri.joinPath(folder(), path);

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const nhilint = (uri: vscode.Uri, rule?: string) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === "nhilint" && (!rule || (d.code as { value: string }).value === rule));

describe("nhilint in VS Code", () => {
  let api: NhilintApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<NhilintApi>("nhilint.nhilint");
    assert.ok(extension, "extension nhilint.nhilint is installed");
    api = await extension.activate();
    await api.ready;
  });

  it("reads unopened workflows at start: a secret used only by a closed file is not called stale", async () => {
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith("release.yml")), "release.yml must not be open yet");
    const stale = await waitFor("inventory diagnostics", () => {
      const all = nhilint(file("nhi-inventory.yaml"));
      return all.length > 0 ? all.filter((d) => (d.code as { value: string }).value === "stale-connector") : undefined;
    });
    assert.deepEqual(stale.map((d) => d.message.split("`")[1]), ["OLD_DEPLOY_KEY"]);
  });

  it("shows a pasted token as an error on its exact range, with the rule's docs link", async () => {
    const uri = file(".github/workflows/deploy.yml");
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await waitFor("hardcoded-secret", () => nhilint(uri, "hardcoded-secret").length ? nhilint(uri, "hardcoded-secret") : undefined);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(diagnostic.range), document.getText().match(/API_KEY: "([^"]+)"/)![1]);
    assert.match(String((diagnostic.code as { target: vscode.Uri }).target), /docs\/rules\/hardcoded-secret\.md$/);
    assert.ok(!diagnostic.message.includes(document.getText(diagnostic.range)), "the message holds the secret");
  });

  it("replaces it with ${{ secrets.API_KEY }} through the quick fix, and the problem goes", async () => {
    const uri = file(".github/workflows/deploy.yml");
    const document = await vscode.workspace.openTextDocument(uri);
    // Quick fixes are computed from the latest lint: ask until they are there (a relint may be in flight).
    const actions = await waitFor("the quick fixes", async () => {
      const [diagnostic] = nhilint(uri, "hardcoded-secret");
      if (!diagnostic) return undefined;
      const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      return offered.some((a) => a.title === "Replace with ${{ secrets.API_KEY }}") ? offered : undefined;
    });
    const replace = actions.find((a) => a.title === "Replace with ${{ secrets.API_KEY }}");
    assert.ok(replace?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(" | ")}`);
    assert.ok(actions.some((a) => a.title.startsWith("Suppress hardcoded-secret")));
    assert.ok(await vscode.workspace.applyEdit(replace.edit));
    assert.match(document.getText(), /API_KEY: \$\{\{ secrets\.API_KEY \}\}/);
    await waitFor("the finding to go", () => nhilint(uri, "hardcoded-secret").length === 0 || undefined);
  });

  it("shows every step from a pasted secret to a stored one, numbered, beside the editor", async () => {
    const followUp = ["Create an n8n credential for the service.", "Or keep it in a secrets manager: {{ $secrets.<store>.API_TOKEN }}.", "If the value was ever shared or exported, rotate it at the provider."];
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>("nhilint.showSecretSteps", { name: "API_TOKEN", followUp });
    const text = editor.document.getText();
    assert.equal(editor.document.languageId, "markdown");
    assert.match(text, /^# Store API_TOKEN outside the file\n\n1\. Create an n8n credential.*\n2\. Or keep it in a secrets manager.*\n3\. If the value was ever shared/m);
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  });

  it("hovers a secret reference with its owner, purpose and expiry", async () => {
    const uri = file(".github/workflows/release.yml");
    const document = await vscode.workspace.openTextDocument(uri);
    const at = document.positionAt(document.getText().indexOf("NPM_TOKEN }}") + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : (c as vscode.MarkdownString).value))).join("\n");
    assert.match(text, /\*\*Owner:\*\* @acme\/release-eng/);
    assert.match(text, /\*\*Purpose:\*\* Publish packages/);
    assert.match(text, /\*\*Expires:\*\* 2099-03-31/);
  });

  it("registers an unowned connector in the inventory from the quick fix", async () => {
    const uri = file(".github/workflows/deploy.yml");
    const deployToken = () => nhilint(uri, "unowned-connector").find((d) => d.message.includes("DEPLOY_TOKEN"));
    const actions = await waitFor("the register fix", async () => {
      const diagnostic = deployToken();
      if (!diagnostic) return undefined;
      const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      return offered.some((a) => a.title.startsWith("Register `DEPLOY_TOKEN`")) ? offered : undefined;
    });
    const register = actions.find((a) => a.title.startsWith("Register `DEPLOY_TOKEN`"));
    assert.ok(register?.edit, actions.map((a) => a.title).join(" | "));
    assert.ok(await vscode.workspace.applyEdit(register.edit));
    const inventory = await vscode.workspace.openTextDocument(file("nhi-inventory.yaml"));
    assert.match(inventory.getText(), /- name: DEPLOY_TOKEN\n\s+kind: secret\n\s+owner: "@acme\/platform"/);
    await inventory.save();
    await waitFor("the unowned finding to go", () => !deployToken() || undefined);
  });

  it("suggests you (git's user.email) as the owner of a connector CODEOWNERS does not cover", async () => {
    const uri = file(".gitlab-ci.yml");
    await vscode.window.showTextDocument(uri);
    const actions = await waitFor("the register fix for REGISTRY_PASSWORD", async () => {
      const diagnostic = nhilint(uri, "unowned-connector").find((d) => d.message.includes("REGISTRY_PASSWORD"));
      if (!diagnostic) return undefined;
      const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      return offered.some((a) => a.title.startsWith("Register `REGISTRY_PASSWORD`")) ? offered : undefined;
    });
    const register = actions.find((a) => a.title.startsWith("Register `REGISTRY_PASSWORD`"))!;
    assert.match(register.title, /owner dev@acme\.example: you, until you hand it over/);
  });

  it("gives the inventory its own diagnostics (an expired record)", async () => {
    const diagnostics = await waitFor("expired-connector on the inventory", () => nhilint(file("nhi-inventory.yaml"), "expired-connector").length ? nhilint(file("nhi-inventory.yaml"), "expired-connector") : undefined);
    assert.match(diagnostics[0].message, /OLD_DEPLOY_KEY.*expired/);
  });

  it("lists connectors by status in the Connectors view", async () => {
    const groups = api.connectors.groups();
    const byStatus = Object.fromEntries(groups.map((g) => [g.status, g.rows.map((r) => r.row.name)]));
    assert.ok(byStatus.expired?.includes("OLD_DEPLOY_KEY"), JSON.stringify(byStatus));
    // NPM_TOKEN's record is complete, but a long-lived-credential finding says it should be trusted
    // publishing: not healthy, at risk (the report's status, one truth with the diagnostics).
    assert.ok(byStatus["at-risk"]?.includes("NPM_TOKEN"), JSON.stringify(byStatus));
    assert.ok(!byStatus.healthy?.includes("NPM_TOKEN"), JSON.stringify(byStatus));
  });
});
