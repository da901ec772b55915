// Hover on a secret reference or connector: owner, purpose, expiry, rotation, where it is used,
// the revocation link; for an unowned one, what to do.
import * as vscode from "vscode";
import { markdownCode as code, markdownLiteral as literal, relativeDays } from "../../linter-core/index.js";
import type { WorkspaceLinter } from "./workspace-linter.js";

export class Hovers implements vscode.HoverProvider {
  constructor(private readonly linter: WorkspaceLinter) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const where = this.linter.relativePath(document.uri);
    const state = where && this.linter.states.get(where.folder.uri.toString());
    const model = state?.result?.models.find((m) => m.model.path === where!.path)?.model;
    if (!state?.report || !model) return undefined;
    const offset = document.offsetAt(position);
    const text = document.getText();
    // The whole reference is hoverable: `${{ secrets.X }}`, `$(X)`, `{{ $env.X }}`, not only the name.
    const around = (r: { span: { start: number; end: number } }) => enclosingReference(text, r.span);
    const ref = model.connectorRefs.find((r) => r.span.start <= offset && offset <= r.span.end) ?? model.connectorRefs.find((r) => around(r).start <= offset && offset <= around(r).end);
    if (!ref) return undefined;
    const whole = around(ref);
    const range = new vscode.Range(document.positionAt(whole.start), document.positionAt(whole.end));
    const markdown = new vscode.MarkdownString(undefined, true);
    if (ref.issuedByPlatform) {
      markdown.appendMarkdown(`**${literal(ref.name)}** is issued per run by the platform: its reach is set by the workflow's \`permissions:\`, not the inventory.`);
      return new vscode.Hover(markdown, range);
    }
    const row = state.report.connectors.find((c) => c.name.toUpperCase() === ref.name.toUpperCase());
    if (!row?.recorded || !row.owner) {
      const acceptedWhy = row && row.findings.length > 0 && row.findings.every((f) => f.accepted) ? row.findings[0].accepted : null;
      if (acceptedWhy) {
        markdown.appendMarkdown(`**${literal(ref.name)}** (${ref.kind}) — no owner, **accepted**: ${literal(acceptedWhy)}`);
        return new vscode.Hover(markdown, range);
      }
      markdown.appendMarkdown(`**${literal(ref.name)}** (${ref.kind}) — **no owner**\n\n`);
      markdown.appendMarkdown(`Nobody is recorded as accountable for this ${ref.kind}. Use the quick fix **Register ${code(ref.name)}** to add it to ${code(state.report.inventory)} with an owner, a purpose and an expiry.`);
      return new vscode.Hover(markdown, range);
    }
    // The same truth as the diagnostics: uses a connector-scope finding forbids are marked as such.
    const outOfScope = new Set(row.findings.filter((f) => f.ruleId === "connector-scope" && !f.accepted).map((f) => f.path));
    const accepted = row.findings.length > 0 && row.findings.every((f) => f.accepted) ? ` (accepted: ${literal(row.findings[0].accepted!)})` : "";
    const lines = [`**${literal(row.name)}** (${row.kind}) — ${row.status}${accepted}`, ""];
    lines.push(`- **Owner:** ${literal(row.owner)}${row.backupOwner ? ` (backup ${literal(row.backupOwner)})` : ""}`);
    if (row.purpose) lines.push(`- **Purpose:** ${literal(row.purpose)}`);
    if (row.expires) lines.push(`- **Expires:** ${literal(row.expires)}${row.daysLeft === null ? "" : row.daysLeft < 0 ? ` — **${relativeDays(row.daysLeft)}**` : ` — ${relativeDays(row.daysLeft)}`}`);
    if (row.rotateEvery) lines.push(`- **Rotation:** every ${literal(row.rotateEvery)}${row.rotationDue ? `, next due ${literal(row.rotationDue)}` : ", never recorded"}`);
    lines.push(`- **Used by:** ${row.usedBy.map((u) => `${code(u.path)}${outOfScope.has(u.path) ? " — **not in its `used-by`** (connector-scope)" : ""}`).join(", ") || "nothing"}`);
    if (row.revocation) lines.push(`- **Revoke:** ${revocationLink(row.revocation)}`);
    markdown.appendMarkdown(lines.join("\n"));
    return new vscode.Hover(markdown, range);
  }
}

/**
 * The record's revocation runbook as a link when it is a web address (its brackets, parentheses and
 * backslashes percent-encoded so the link cannot end early), else the text as typed.
 */
function revocationLink(revocation: string): string {
  if (!/^https?:\/\/\S+$/i.test(revocation.trim())) return literal(revocation);
  const target = revocation.trim().replace(/[()<>[\]\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return `[runbook](${target})`;
}

/** The reference syntax around a name: `${{ … }}`, `{{ … }}`, `$( … )` or `${ … }` on its line; else the name itself. */
function enclosingReference(text: string, span: { start: number; end: number }): { start: number; end: number } {
  const lineStart = text.lastIndexOf("\n", span.start - 1) + 1;
  const lineEnd = text.indexOf("\n", span.end) < 0 ? text.length : text.indexOf("\n", span.end);
  for (const [open, close] of [["${{", "}}"], ["{{", "}}"], ["$(", ")"], ["${", "}"]]) {
    const start = text.lastIndexOf(open, span.start);
    if (start < lineStart) continue;
    const end = text.indexOf(close, span.end);
    // Only when nothing closes the bracket between its opening and the name.
    if (end >= 0 && end + close.length <= lineEnd && !text.slice(start + open.length, span.start).includes(close)) return { start, end: end + close.length };
  }
  return span;
}
