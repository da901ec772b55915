// The guided flow after a secret was replaced by a reference: one panel that stays open beside the
// editor, with each step — store the value, copy it once, rotate it, record the connector — doable in
// any order and shown as done. It replaces a notification that hid after seconds and an unsaved
// Untitled document. The value is held in memory only until it is copied or the panel is closed,
// and never written to the page, a log or storage.
import * as vscode from "vscode";
import { PLACE_CURSOR, toWorkspaceEdit } from "./code-actions.js";
import { revocationPageIn } from "../../linter-core/platforms/platform.js";
import type { WorkspaceLinter } from "./workspace-linter.js";

export interface SecretMoved {
  /** The secret's name in the store (the reference the fix wrote). */
  name: string;
  value: string;
  /** The platform's steps to store it (secret-free), the first being the main one. */
  followUp: string[];
  path: string;
  /** The workspace folder's URI. */
  folder: string;
}

export type StepId = "store" | "copy" | "rotate" | "record";

export interface GuideState {
  name: string;
  path: string;
  done: Record<StepId, boolean>;
  /** What the git history says: the value was committed, was not, or could not be checked (and why). */
  history: "committed" | "not-committed" | "no-history" | "untrusted";
  /** The value is still held (not yet copied or forgotten). */
  holdsValue: boolean;
  /** Where a credential of its kind is revoked, when the rule knew the provider's page (its rotate step names it). */
  revokeAt?: string;
}

type Message = { type: "copy" | "forget" | "terminal" | "record" | "toggle"; step?: StepId };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
/** `code` spans of the steps' text, escaped first. */
const inlineCode = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");

export class SecretGuide implements vscode.Disposable {
  /** The open guides, newest last (for tests and for reusing a guide of the same name). */
  static readonly open: SecretGuide[] = [];
  readonly state: GuideState;
  private value: string | undefined;
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly args: SecretMoved,
    private readonly linter: WorkspaceLinter,
    history: GuideState["history"],
  ) {
    this.value = args.value || undefined;
    const revokeAt = revocationPageIn(args.followUp);
    this.state = { name: args.name, path: args.path, done: { store: false, copy: !this.value, rotate: history === "not-committed", record: false }, history, holdsValue: Boolean(this.value), ...(revokeAt && { revokeAt }) };
    this.panel = vscode.window.createWebviewPanel("nhilint.secretGuide", `Store ${args.name}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, retainContextWhenHidden: true });
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: Message) => void this.handle(message)),
      // The record step is done when the inventory has an owner for the name, however it got there.
      linter.onDidLint(() => this.refreshRecord()),
    );
    this.refreshRecord();
    this.render();
  }

  static async show(args: SecretMoved, linter: WorkspaceLinter): Promise<SecretGuide> {
    const history = vscode.workspace.isTrusted ? await valueInHistory(vscode.Uri.parse(args.folder), args.path, args.value) : "untrusted";
    const guide = new SecretGuide(args, linter, history);
    SecretGuide.open.push(guide);
    return guide;
  }

  /** A step's action, from the page's buttons (and from tests, through the same path). */
  async handle(message: Message): Promise<void> {
    if (message.type === "copy" && this.value !== undefined) {
      await vscode.env.clipboard.writeText(this.value);
      this.forgetValue();
    } else if (message.type === "forget") {
      this.forgetValue();
    } else if (message.type === "terminal" && vscode.workspace.isTrusted) {
      await typeInTerminal(`store ${this.args.name}`, vscode.Uri.parse(this.args.folder), `gh secret set ${this.args.name}`);
    } else if (message.type === "record") {
      await this.record();
    } else if (message.type === "toggle" && message.step) {
      this.state.done[message.step] = !this.state.done[message.step];
    }
    this.render();
  }

  private forgetValue(): void {
    this.value = undefined;
    this.state.holdsValue = false;
    this.state.done.copy = true;
  }

  /** Register the name in the inventory with the unowned-connector fix the linter already offers, then go to its owner. */
  private async record(): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(this.args.folder));
    const unowned = () =>
      this.linter.states.get(this.args.folder)?.result?.findings.find((f) => f.ruleId === "unowned-connector" && f.connector?.toUpperCase() === this.args.name.toUpperCase() && f.fixes.length > 0);
    // Clicked right after the fix, before the debounced relint has seen the new reference: lint now.
    if (!unowned() && folder) await this.linter.lintFolder(folder);
    const finding = unowned();
    if (!folder || !finding) {
      await vscode.commands.executeCommand("nhilint.openInventory");
      return;
    }
    const [first] = finding.fixes[0].edits;
    await vscode.workspace.applyEdit(await toWorkspaceEdit(folder, finding.fixes[0].edits));
    await vscode.commands.executeCommand(PLACE_CURSOR, vscode.Uri.joinPath(folder.uri, first.path).toString(), `name: ${this.args.name}`);
  }

  private refreshRecord(): void {
    const state = this.linter.states.get(this.args.folder);
    const row = state?.report?.connectors.find((c) => c.name.toUpperCase() === this.args.name.toUpperCase());
    const recorded = Boolean(row?.recorded && row.owner);
    if (recorded !== this.state.done.record) {
      this.state.done.record = recorded;
      this.render();
    }
  }

  private render(): void {
    const { name, done, history } = this.state;
    const [main, ...more] = this.args.followUp.length > 0 ? this.args.followUp : [`Store the value as ${name} in your platform's secret store.`];
    // Rotation advice lives in its own step: the platform's generic "rotate it" line is not repeated.
    const extra = more.filter((step) => !/\brotate\b/i.test(step));
    const page = this.state.revokeAt;
    const revokeAt = page ? ` Revoke it at <a href="${escapeHtml(page)}">${escapeHtml(page)}</a>.` : "";
    const trusted = vscode.workspace.isTrusted;
    const gh = main.includes("gh secret set");
    const rotate = `${{
      committed: `<strong>This value is in the git history of <code>${escapeHtml(this.args.path)}</code>.</strong> Moving it does not make it secret again: rotate it at the provider (issue a new one, store that, revoke this one).`,
      "not-committed": "The value is not in this file's git history. If it was shared anywhere else (a chat, a ticket, an export), rotate it too.",
      "no-history": "There is no git history to check here. If the value was ever committed or shared, rotate it at the provider.",
      untrusted: "Restricted Mode: the git history was not checked (it would run git in this folder). If the value was ever committed or shared, rotate it at the provider.",
    }[history]}${revokeAt}`;
    const step = (id: StepId, title: string, body: string) =>
      `<section class="step ${done[id] ? "done" : ""}" data-step="${id}"><h2><label><input type="checkbox" data-toggle="${id}" ${done[id] ? "checked" : ""}> ${title}</label><span class="state">${done[id] ? "done" : "to do"}</span></h2>${body}</section>`;
    const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
    this.panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';">
<style>
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);padding:0 16px 16px;max-width:720px}
h1{font-size:1.3em}h2{font-size:1.05em;display:flex;justify-content:space-between;gap:8px;margin:0 0 6px}
.step{border:1px solid var(--vscode-panel-border);border-radius:4px;padding:10px 12px;margin:10px 0}
.step.done{opacity:.75}.step.done h2 label{text-decoration:line-through}
.state{font-weight:normal;font-size:.9em;color:var(--vscode-descriptionForeground)}
button{background:var(--vscode-button-background);color:var(--vscode-button-foreground);border:0;padding:4px 10px;margin:4px 6px 0 0;cursor:pointer}
button.secondary{background:var(--vscode-button-secondaryBackground);color:var(--vscode-button-secondaryForeground)}
button:disabled{opacity:.5;cursor:default}code{font-family:var(--vscode-editor-font-family)}
ul{padding-left:18px}
</style></head><body>
<h1>Store <code>${escapeHtml(name)}</code> outside the file</h1>
<p>The value was replaced in <code>${escapeHtml(this.args.path)}</code> by a reference to <code>${escapeHtml(name)}</code>. Do each step below, in any order; this panel stays until you close it.</p>
${step("store", "1. Store the value", `<p>${inlineCode(main)}</p>${extra.length ? `<ul>${extra.map((s) => `<li>${inlineCode(s)}</li>`).join("")}</ul>` : ""}${gh ? (trusted ? `<button data-action="terminal">Open a terminal with <code>gh secret set ${escapeHtml(name)}</code></button>` : `<p class="state">Restricted Mode: no terminal is opened in an untrusted folder. Trust the folder, or run <code>gh secret set ${escapeHtml(name)}</code> yourself.</p>`) : ""}`)}
${step("copy", "2. Copy the value once", this.state.holdsValue ? `<p>nhilint holds the removed value in memory only, to copy it once into the store. It is never shown here.</p><button data-action="copy">Copy value to clipboard</button><button class="secondary" data-action="forget">Forget it without copying</button>` : `<p>${done.copy ? "Copied or forgotten: nhilint no longer holds the value." : "nhilint did not keep the value."} Clear your clipboard once it is stored.</p>`)}
${step("rotate", "3. Rotate it if it was exposed", `<p>${rotate}</p>`)}
${step("record", "4. Record the connector", done.record ? `<p><code>${escapeHtml(name)}</code> has an owner in the inventory.</p>` : `<p>Every credential needs a person or team who answers for it, a purpose and an expiry.</p><button data-action="record">Register ${escapeHtml(name)} in the inventory</button>`)}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (button) { button.disabled = true; vscode.postMessage({ type: button.dataset.action }); }
});
document.addEventListener("change", (event) => {
  const box = event.target.closest("input[data-toggle]");
  if (box) vscode.postMessage({ type: "toggle", step: box.dataset.toggle });
});
</script></body></html>`;
  }

  dispose(): void {
    this.value = undefined;
    const at = SecretGuide.open.indexOf(this);
    if (at >= 0) SecretGuide.open.splice(at, 1);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }
}

/** Does the file's git history (HEAD or earlier) contain the value? The history scan's own check (cli/history.ts). */
async function valueInHistory(folder: vscode.Uri, path: string, value: string): Promise<GuideState["history"]> {
  if (!value) return "no-history";
  const { repositoryRoot } = await import("../../cli/git.js");
  if (!repositoryRoot(folder.fsPath)) return "no-history";
  const { committedWithValue } = await import("../../cli/history.js");
  return committedWithValue(folder.fsPath, path, value) ? "committed" : "not-committed";
}

/**
 * A terminal with a command typed (not run) once its shell is ready: typed earlier, the shell echoes
 * it twice. Ready means shell integration is active (VS Code ≥ 1.93), or else the process has started.
 * Never in Restricted Mode: a terminal there would open a shell in the untrusted folder.
 */
export async function typeInTerminal(name: string, cwd: vscode.Uri | undefined, text: string): Promise<vscode.Terminal | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  const terminal = vscode.window.createTerminal({ name, cwd });
  terminal.show();
  const integration = (vscode.window as { onDidChangeTerminalShellIntegration?: vscode.Event<{ terminal: vscode.Terminal }> }).onDidChangeTerminalShellIntegration;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 5000);
    const subscription = integration?.((event) => {
      if (event.terminal !== terminal) return;
      clearTimeout(timer);
      subscription?.dispose();
      resolve();
    });
    if (!integration) void terminal.processId.then(() => setTimeout(resolve, 300));
  });
  terminal.sendText(text, false);
  return terminal;
}
