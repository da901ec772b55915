// Quick fixes, all from the core's text edits: replace with a secret reference (then a guided
// flow to store the value), register the connector, suppress with a reason, fix all that is safe.
import * as vscode from "vscode";
import { directiveCommentPrefix, type Finding, type Fix, type TextEdit } from "../../linter-core/index.js";
import { Diagnostics, toRange } from "./diagnostics.js";
import type { WorkspaceLinter } from "./workspace-linter.js";

export const SECRET_MOVED = "nhilint.secretMoved";
export const PLACE_CURSOR = "nhilint.placeCursor";
/** Internal: accept one finding in `.nhilint-baseline.json` (files with no comment syntax, such as JSON). */
export const ACCEPT_IN_BASELINE = "nhilint.acceptInBaseline";
/** Internal: the secret guide for a name whose value nhilint does not hold (nothing to copy). */
export const SHOW_SECRET_STEPS = "nhilint.showSecretSteps";

/** The core's edits as a WorkspaceEdit (offsets resolved against each file's current text). */
export async function toWorkspaceEdit(folder: vscode.WorkspaceFolder, edits: TextEdit[]): Promise<vscode.WorkspaceEdit> {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of edits) {
    const uri = vscode.Uri.joinPath(folder.uri, edit.path);
    if (edit.createFile) {
      workspaceEdit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(edit.text) });
      continue;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    workspaceEdit.replace(uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text);
  }
  return workspaceEdit;
}

export class CodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.SourceFixAll.append("nhilint")];

  constructor(
    private readonly linter: WorkspaceLinter,
    private readonly diagnostics: Diagnostics,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const where = this.linter.relativePath(document.uri);
    if (!where) return [];
    const actions: vscode.CodeAction[] = [];
    if (context.only && vscode.CodeActionKind.SourceFixAll.contains(context.only)) {
      const action = await this.fixAll(document, where.folder, CodeActions.kinds[1]);
      return action ? [action] : [];
    }
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== "nhilint") continue;
      const ruleId = typeof diagnostic.code === "object" ? String(diagnostic.code.value) : String(diagnostic.code);
      const finding = this.diagnostics.findings.get(Diagnostics.key(document.uri, diagnostic.range, ruleId));
      if (!finding) continue;
      for (const [i, fix] of finding.fixes.entries()) actions.push(await this.fixAction(document, where.folder, finding, fix, diagnostic, i === 0));
      const suppress = this.suppressAction(document, finding, diagnostic) ?? this.acceptAction(where.folder, finding, diagnostic);
      actions.push(suppress);
    }
    const all = actions.length > 0 ? await this.fixAll(document, where.folder, vscode.CodeActionKind.QuickFix) : undefined;
    if (all) actions.push(all);
    return actions;
  }

  private async fixAction(document: vscode.TextDocument, folder: vscode.WorkspaceFolder, finding: Finding, fix: Fix, diagnostic: vscode.Diagnostic, preferred: boolean): Promise<vscode.CodeAction> {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = preferred;
    action.edit = await toWorkspaceEdit(folder, fix.edits);
    if (finding.ruleId === "hardcoded-secret") {
      // The value is read now, before the edit removes it; it only ever goes to the clipboard.
      const value = document.getText(toRange(finding));
      const name = /secrets\.(\w+)|\$\(([\w.]+)\)|\$env\.(\w+)|parameters\('(\w+)'\)|process\.env\.(\w+)|\$\{?(\w+)\}?/.exec(fix.title)?.slice(1).find(Boolean) ?? "SECRET";
      action.command = { command: SECRET_MOVED, title: "Store the secret", arguments: [{ name, value, followUp: fix.followUp ?? [], path: finding.path, folder: folder.uri.toString() }] };
    } else if (finding.ruleId === "unowned-connector") {
      const inventory = fix.edits[0];
      // The record's first empty field: the owner when none could be suggested (Restricted Mode, no CODEOWNERS).
      const empty = inventory.text.includes('owner: ""') ? 'owner: ""' : 'purpose: ""';
      action.command = { command: PLACE_CURSOR, title: "Fill in the record", arguments: [vscode.Uri.joinPath(folder.uri, inventory.path).toString(), empty] };
    }
    return action;
  }

  private suppressAction(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    // The syntax the core reads directives in (by the file's path): `#`, `//`, or none (JSON, prose).
    const prefix = directiveCommentPrefix(finding.path);
    if (!prefix) return undefined;
    const line = document.lineAt(finding.start.line - 1);
    const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
    const text = `${indent}${prefix} nhilint-disable-next-line ${finding.ruleId} -- `;
    const action = new vscode.CodeAction(`Suppress ${finding.ruleId} on this line (with a reason)…`, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.edit = new vscode.WorkspaceEdit();
    action.edit.insert(document.uri, new vscode.Position(line.lineNumber, 0), `${text}\n`);
    action.command = { command: PLACE_CURSOR, title: "Write the reason", arguments: [document.uri.toString(), text.trimStart(), line.lineNumber] };
    return action;
  }

  /** Where no comment can be written (JSON, an n8n export, prose): accept the finding in the baseline instead. */
  private acceptAction(folder: vscode.WorkspaceFolder, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const why = /\.json$/i.test(finding.path) ? "JSON has no comments" : "a comment here would be prose";
    const action = new vscode.CodeAction(`Accept ${finding.ruleId} here in .nhilint-baseline.json (${why})…`, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.command = { command: ACCEPT_IN_BASELINE, title: "Accept in the baseline", arguments: [folder.uri.toString(), finding.path, finding.ruleId, finding.span.start] };
    return action;
  }

  /**
   * Every safe fix of the file in one edit (today: registering each unowned connector). Offered twice:
   * as `source.fixAll.nhilint` for `editor.codeActionsOnSave` and "Source Action…", and as a quick fix,
   * because the Ctrl+. menu drops source actions.
   */
  private async fixAll(document: vscode.TextDocument, folder: vscode.WorkspaceFolder, kind: vscode.CodeActionKind): Promise<vscode.CodeAction | undefined> {
    const where = this.linter.relativePath(document.uri);
    const findings = this.linter.states.get(folder.uri.toString())?.result?.findings.filter((f) => f.path === where?.path) ?? [];
    // One fix per finding, and one per inventory record (several findings may register the same connector).
    const seen = new Set<string>();
    const fixes = findings.flatMap((f) => f.fixes.filter((fix) => fix.safe).slice(0, 1)).filter((fix) => !seen.has(fix.title) && seen.add(fix.title));
    if (fixes.length === 0) return undefined;
    // Records inserted at one place become one insert first; then edits that still overlap keep the first.
    const kept: TextEdit[] = [];
    for (const edit of mergeInserts(fixes.flatMap((fix) => fix.edits))) {
      if (!kept.some((k) => k.path === edit.path && ((k.start < edit.end && edit.start < k.end) || k.start === edit.start))) kept.push(edit);
    }
    const title = fixes.length === 1 ? `Fix all safe nhilint problems in this file (${fixes[0].title})` : `Fix all safe nhilint problems in this file (${fixes.length} fixes)`;
    const action = new vscode.CodeAction(title, kind);
    action.edit = await toWorkspaceEdit(folder, kept);
    return action;
  }
}

/** Several records inserted at one place (or one file created) become one edit. */
function mergeInserts(edits: TextEdit[]): TextEdit[] {
  const result: TextEdit[] = [];
  for (const edit of edits) {
    const same = result.find((r) => r.path === edit.path && r.start === edit.start && r.end === edit.end);
    if (same && (same.createFile || same.start === same.end)) same.text += edit.createFile ? edit.text.replace(/^[\s\S]*?connectors:\n/, "") : edit.text;
    else result.push({ ...edit });
  }
  return result;
}
