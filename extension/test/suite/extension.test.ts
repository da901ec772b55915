// What a user notices, through the real VS Code API: diagnostics, quick fixes, hovers, the
// connectors view and the inventory's own diagnostics. The workspace is made by the runner
// (test/vscode/workspace.ts): a workflow with a pasted token, one with an owned secret, an inventory.
import assert from "node:assert/strict";
import * as vscode from "vscode";
import type { NhilintApi } from "../../src/extension.js";
import { file, nhilint, quickFixes, waitFor } from "./helpers.js";

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

  it("reads a Jenkinsfile with the Groovy parser: the pasted token's fix writes credentials('GITLAB_TOKEN')", async () => {
    const uri = file("Jenkinsfile");
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const actions = await quickFixes(uri, () => nhilint(uri, "hardcoded-secret")[0], (t) => t === "Replace with credentials('GITLAB_TOKEN')");
    assert.ok(actions.some((a) => a.title === "Replace with credentials('GITLAB_TOKEN')"), `quick fixes offered: ${actions.map((a) => a.title).join(" | ")}`);
  });

  it("replaces it with ${{ secrets.API_KEY }} through the quick fix, and the problem goes", async () => {
    const uri = file(".github/workflows/deploy.yml");
    const document = await vscode.workspace.openTextDocument(uri);
    // Quick fixes are computed from the latest lint: ask until they are there (a relint may be in flight).
    const actions = await quickFixes(uri, () => nhilint(uri, "hardcoded-secret")[0], (t) => t === "Replace with ${{ secrets.API_KEY }}");
    const replace = actions.find((a) => a.title === "Replace with ${{ secrets.API_KEY }}");
    assert.ok(replace?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(" | ")}`);
    assert.ok(actions.some((a) => a.title.startsWith("Suppress hardcoded-secret")));
    assert.ok(await vscode.workspace.applyEdit(replace.edit));
    assert.match(document.getText(), /API_KEY: \$\{\{ secrets\.API_KEY \}\}/);
    await waitFor("the finding to go", () => nhilint(uri, "hardcoded-secret").length === 0 || undefined);
    // What the editor runs after applying the fix: the guide opens beside it.
    await vscode.commands.executeCommand(replace.command!.command, ...(replace.command!.arguments ?? []));
  });

  it("lints every file the CLI would, unopened: an n8n export no CI path names", async () => {
    const uri = file("automations/notify.json");
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), "notify.json must not be open");
    assert.ok(api.linter.paths(vscode.workspace.workspaceFolders![0]).includes("automations/notify.json"));
    const [diagnostic] = await waitFor("hardcoded-secret in the n8n export", () => (nhilint(uri, "hardcoded-secret").length ? nhilint(uri, "hardcoded-secret") : undefined));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });

  it("lints a file created on disk after start, and forgets it when deleted", async () => {
    const uri = file("automations/created-later.json");
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file("automations/notify.json")));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await waitFor("hardcoded-secret in the new file", () => nhilint(uri, "hardcoded-secret").length > 0 || undefined);
    await vscode.workspace.fs.delete(uri);
    await waitFor("its diagnostics to go", () => nhilint(uri).length === 0 || undefined);
  });

  it("reads a UTF-16 script (Windows PowerShell's Out-File) created on disk, and again when it changes there", async () => {
    const uri = file("scripts/deploy.ps1");
    // A token of the workspace's own, in UTF-16 with its byte-order mark.
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file("automations/notify.json")));
    const token = /ghp_\w{36}/.exec(text)![0];
    const wide = (script: string) => new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(script, "utf16le"))]);
    await vscode.workspace.fs.writeFile(uri, wide(`$env:GH_PAT = "${token}"\r\n`));
    await waitFor("hardcoded-secret in the UTF-16 file", () => nhilint(uri, "hardcoded-secret").some((d) => d.range.start.line === 0) || undefined);
    // Changed on disk, not in an editor: read again the same way (the token now on the second line).
    await vscode.workspace.fs.writeFile(uri, wide(`# deploy\r\n$env:GH_PAT = "${token}"\r\n`));
    await waitFor("the finding to follow the token to line 2", () => nhilint(uri, "hardcoded-secret").some((d) => d.range.start.line === 1) || undefined);
    await vscode.workspace.fs.delete(uri);
    await waitFor("its diagnostics to go", () => nhilint(uri).length === 0 || undefined);
  });

  it("in JSON, where no comment can be written, a finding is accepted in the baseline (which the editor then honours)", async () => {
    const uri = file("automations/notify.json");
    await vscode.window.showTextDocument(uri);
    const actions = await quickFixes(uri, () => nhilint(uri, "hardcoded-secret")[0], (t) => t.startsWith("Accept hardcoded-secret here in .nhilint-baseline.json"));
    const accept = actions.find((a) => a.title.startsWith("Accept hardcoded-secret here"))!;
    assert.ok(!actions.some((a) => a.title.startsWith("Suppress")), "no comment-based suppression offered in JSON");
    const fingerprint = await vscode.commands.executeCommand<string>(accept.command!.command, ...(accept.command!.arguments ?? []));
    const baseline = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file(".nhilint-baseline.json"))));
    assert.equal(baseline.version, 2);
    assert.deepEqual(baseline.fingerprints, [fingerprint]);
    assert.ok(baseline.salt.length >= 16 && baseline.kdf.iterations >= 600_000);
    await waitFor("the accepted finding to go", () => nhilint(uri, "hardcoded-secret").length === 0 || undefined);
    const token = /token (ghp_\w+)/.exec(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)))![1];
    assert.ok(!JSON.stringify(baseline).includes(token.slice(4, 14)), "the baseline holds no part of the secret");
  });

  it("the secret guide: one panel, four steps in any order; the value copied once; no rotation when never committed", async () => {
    const guide = api.guides.find((g) => g.state.name === "API_KEY");
    assert.ok(guide, "replacing API_KEY opened its guide");
    assert.deepEqual(Object.keys(guide.state.done), ["store", "copy", "rotate", "record"]);
    assert.equal(guide.state.history, "not-committed");
    assert.equal(guide.state.done.rotate, true, "a value never committed needs no rotation step");
    assert.equal(guide.state.revokeAt, undefined, "a value of no known kind links no provider page");
    await guide.handle({ type: "toggle", step: "store" });
    assert.equal(guide.state.done.store, true);
    await guide.handle({ type: "copy" });
    assert.equal((await vscode.env.clipboard.readText()).length, 32, "the removed value went to the clipboard");
    assert.equal(guide.state.holdsValue, false);
    await vscode.env.clipboard.writeText("something else");
    await guide.handle({ type: "copy" });
    assert.equal(await vscode.env.clipboard.readText(), "something else", "copied once only: nhilint no longer holds it");
  });

  it("a fix never takes a name the inventory records for another workflow; the guide says to rotate a committed value and records the connector", async () => {
    const uri = file(".github/workflows/nightly.yml");
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const token = /GH_TOKEN: (\S+)/.exec(document.getText())![1];
    const actions = await quickFixes(uri, () => nhilint(uri, "hardcoded-secret")[0], (t) => t.startsWith("Replace with"));
    const replace = actions.find((a) => a.title.startsWith("Replace with"))!;
    assert.equal(replace.title, "Replace with ${{ secrets.NIGHTLY_GH_TOKEN }}", "GH_TOKEN belongs to release.yml in the inventory");
    assert.ok(await vscode.workspace.applyEdit(replace.edit!));
    assert.match(document.getText(), /GH_TOKEN: \$\{\{ secrets\.NIGHTLY_GH_TOKEN \}\}/);
    const guide = await vscode.commands.executeCommand<(typeof api.guides)[number]>(replace.command!.command, ...(replace.command!.arguments ?? []));
    assert.equal(guide.state.name, "NIGHTLY_GH_TOKEN");
    assert.equal(guide.state.history, "committed", "the token is in nightly.yml's git history");
    assert.equal(guide.state.done.rotate, false);
    assert.equal(guide.state.revokeAt, "https://github.com/settings/tokens", "the rotate step links the page a GitHub token is revoked at");
    await guide.handle({ type: "copy" });
    assert.equal(await vscode.env.clipboard.readText(), token);
    await vscode.env.clipboard.writeText("");
    await guide.handle({ type: "record" });
    await waitFor("the record step to show as done", () => guide.state.done.record || undefined);
    const inventory = await vscode.workspace.openTextDocument(file("nhi-inventory.yaml"));
    assert.match(inventory.getText(), /- name: NIGHTLY_GH_TOKEN\n\s+kind: secret\n\s+owner: "@acme\/platform"/);
    await inventory.save();
    await document.save();
    guide.dispose();
  });

  it("fix-all is in the quick-fix menu and registers every unowned connector of the file at once", async () => {
    const uri = file(".github/workflows/sync.yml");
    await vscode.window.showTextDocument(uri);
    const actions = await quickFixes(uri, () => nhilint(uri, "unowned-connector")[0], (t) => t.startsWith("Fix all safe nhilint problems"));
    const all = actions.find((a) => a.title.startsWith("Fix all safe nhilint problems"))!;
    assert.equal(all.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(await vscode.workspace.applyEdit(all.edit!));
    const inventory = await vscode.workspace.openTextDocument(file("nhi-inventory.yaml"));
    assert.match(inventory.getText(), /- name: ALPHA_TOKEN\n/);
    assert.match(inventory.getText(), /- name: BETA_TOKEN\n/);
    await inventory.save();
    await waitFor("both unowned findings to go", () => nhilint(uri, "unowned-connector").length === 0 || undefined);
    // The same action for editor.codeActionsOnSave / "Source Action…".
    const source = await waitFor("the source action", async () => await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", file(".github/workflows/deploy.yml"), new vscode.Range(0, 0, 0, 0), "source.fixAll.nhilint"));
    assert.ok(source.every((a) => a.kind?.value === "source.fixAll.nhilint"));
  });

  it("a filled-in record loses its TODO hint on save; the others keep theirs", async () => {
    const inventory = await vscode.workspace.openTextDocument(file("nhi-inventory.yaml"));
    const editor = await vscode.window.showTextDocument(inventory);
    const alpha = inventory.getText().indexOf("- name: ALPHA_TOKEN");
    const purpose = inventory.getText().indexOf('purpose: ""', alpha);
    await editor.edit((edit) => edit.replace(new vscode.Range(inventory.positionAt(purpose + 9), inventory.positionAt(purpose + 11)), "Mirror repositories"));
    await inventory.save();
    const text = inventory.getText();
    const record = (name: string) => text.slice(text.indexOf(`- name: ${name}`), text.indexOf("used-by:", text.indexOf(`- name: ${name}`)));
    assert.match(record("ALPHA_TOKEN"), /purpose: Mirror repositories\n/, "the hint went with the value filled in");
    assert.match(record("ALPHA_TOKEN"), /expires: "" +# TODO/, "an empty field keeps its hint");
    assert.match(record("BETA_TOKEN"), /purpose: "" +# TODO/);
  });

  it("a workflow named after the token it holds: the Connectors view shows its path redacted, and going to the use opens the file", async () => {
    // A token of the workspace's own (no literal token in this repository's sources).
    const token = /ghp_\w{36}/.exec(new TextDecoder().decode(await vscode.workspace.fs.readFile(file("automations/notify.json"))))![0];
    const uri = file(`.github/workflows/${token}.yml`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ./x\n        env:\n          PAT: ${token}\n          NAMED: \${{ secrets.NAMED_FILE_TOKEN }}\n`));
    try {
      const connector = await waitFor("NAMED_FILE_TOKEN in the view", () => api.connectors.groups().flatMap((g) => g.rows).find((r) => r.row.name === "NAMED_FILE_TOKEN"));
      const [use] = api.connectors.getChildren({ type: "connector", ...connector });
      const item = api.connectors.getTreeItem(use);
      assert.equal(item.label, ".github/workflows/ghp_… (40 chars).yml");
      assert.equal(item.resourceUri?.toString(), uri.toString(), "the use opens the real file");
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it("lists a connector accepted with a reason apart, with the reason, not as unowned", async () => {
    const rows = await waitFor("LEGACY_TOKEN in the view", () => api.connectors.groups().find((g) => g.rows.some((r) => r.row.name === "LEGACY_TOKEN")));
    assert.equal(rows.status, "accepted");
    const item = api.connectors.getTreeItem({ type: "connector", ...rows.rows.find((r) => r.row.name === "LEGACY_TOKEN")! });
    assert.match(String(item.description), /accepted: removed with the old sync this sprint/);
  });

  it("going to a use selects the reference, not the env key of the same name", async () => {
    const uri = file(".github/workflows/sync.yml");
    await vscode.commands.executeCommand("nhilint.revealConnector", uri.toString(), "ALPHA_TOKEN");
    const editor = vscode.window.activeTextEditor!;
    const line = editor.document.lineAt(editor.selection.start.line).text;
    assert.equal(editor.document.getText(editor.selection), "ALPHA_TOKEN");
    assert.ok(editor.selection.start.character > line.indexOf("secrets."), line);
  });

  it("hovers the whole ${{ secrets.X }} and marks a use its record does not allow, as the diagnostic does", async () => {
    const uri = file(".github/workflows/release.yml");
    const document = await vscode.workspace.openTextDocument(uri);
    const at = document.getText().indexOf("${{ secrets.GH_TOKEN }}");
    const hovers = await waitFor("the hover on ${{", async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, document.positionAt(at + 1));
      return found.length > 0 ? found : undefined;
    });
    assert.equal(document.getText(hovers[0].range!), "${{ secrets.GH_TOKEN }}");
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : (c as vscode.MarkdownString).value))).join("\n");
    assert.match(text, /`\.github\/workflows\/sync\.yml` — \*\*not in its `used-by`\*\*/);
    assert.ok(!/release\.yml` — \*\*not in/.test(text));
    assert.ok(nhilint(file(".github/workflows/sync.yml"), "connector-scope").some((d) => d.message.includes("GH_TOKEN")));
  });

  it("hovers a secret reference with its owner, purpose and expiry", async () => {
    const uri = file(".github/workflows/release.yml");
    const document = await vscode.workspace.openTextDocument(uri);
    const at = document.positionAt(document.getText().indexOf("NPM_TOKEN }}") + 2);
    const hovers = await waitFor("the hover", async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, at);
      return found.length > 0 ? found : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : (c as vscode.MarkdownString).value))).join("\n");
    // What the reader sees: the hover's Markdown rendered by VS Code's own renderer (the Markdown
    // extension's), as text. The inventory's purpose shows as typed, its <registry> not taken for a tag.
    const html = await vscode.commands.executeCommand<string>("markdown.api.render", text);
    const shown = html.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
    assert.match(shown, /Owner: @acme\/release-eng/);
    assert.ok(shown.includes("Purpose: Publish packages to npm <registry> *only*, see [docs](x) & $(zap) _now_"), shown);
    assert.match(shown, /Expires: 2099-03-31/);
    assert.ok(html.includes('<a href="https://runbooks.example.com/npm_%28publish%29"'), html);
  });

  it("registers an unowned connector in the inventory from the quick fix", async () => {
    const uri = file(".github/workflows/deploy.yml");
    const deployToken = () => nhilint(uri, "unowned-connector").find((d) => d.message.includes("DEPLOY_TOKEN"));
    const actions = await quickFixes(uri, deployToken, (t) => t.startsWith("Register `DEPLOY_TOKEN`"));
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
    const actions = await quickFixes(uri, () => nhilint(uri, "unowned-connector").find((d) => d.message.includes("REGISTRY_PASSWORD")), (t) => t.startsWith("Register `REGISTRY_PASSWORD`"));
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

  // Last: it turns nhilint off and on again for the whole workspace.
  it("turning nhilint.enable off clears every diagnostic and the Connectors view; on brings them back", async () => {
    const deploy = file(".github/workflows/deploy.yml");
    await waitFor("diagnostics before", () => nhilint(deploy).length > 0 || undefined);
    await vscode.workspace.getConfiguration("nhilint").update("enable", false, vscode.ConfigurationTarget.Workspace);
    await waitFor("every nhilint diagnostic to go", () => vscode.languages.getDiagnostics().every(([, list]) => list.every((d) => d.source !== "nhilint")) || undefined);
    assert.deepEqual(api.connectors.groups(), []);
    assert.equal(api.linter.states.size, 0, "no results kept while off");
    await vscode.workspace.getConfiguration("nhilint").update("enable", true, vscode.ConfigurationTarget.Workspace);
    await waitFor("diagnostics to come back", () => nhilint(deploy).length > 0 || undefined);
    await waitFor("the connectors to come back", () => api.connectors.groups().length > 0 || undefined);
  });
});
