// Hover on a secret reference or connector: owner, purpose, expiry, rotation, where it is used,
// the revocation link; for an unowned one, what to do.
import * as vscode from "vscode";
import type { WorkspaceLinter } from "./workspace-linter.js";

export class Hovers implements vscode.HoverProvider {
  constructor(private readonly linter: WorkspaceLinter) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const where = this.linter.relativePath(document.uri);
    const state = where && this.linter.states.get(where.folder.uri.toString());
    const model = state?.result?.models.find((m) => m.model.path === where!.path)?.model;
    if (!state?.report || !model) return undefined;
    const offset = document.offsetAt(position);
    const ref = model.connectorRefs.find((r) => r.span.start <= offset && offset <= r.span.end);
    if (!ref) return undefined;
    const range = new vscode.Range(document.positionAt(ref.span.start), document.positionAt(ref.span.end));
    const markdown = new vscode.MarkdownString(undefined, true);
    if (ref.issuedByPlatform) {
      markdown.appendMarkdown(`**${ref.name}** is issued per run by the platform: its reach is set by the workflow's \`permissions:\`, not the inventory.`);
      return new vscode.Hover(markdown, range);
    }
    const row = state.report.connectors.find((c) => c.name.toUpperCase() === ref.name.toUpperCase());
    if (!row?.recorded || !row.owner) {
      markdown.appendMarkdown(`**${ref.name}** (${ref.kind}) — **no owner**\n\n`);
      markdown.appendMarkdown(`Nobody is recorded as accountable for this ${ref.kind}. Use the quick fix **Register \`${ref.name}\`** to add it to \`${state.report.inventory}\` with an owner, a purpose and an expiry.`);
      return new vscode.Hover(markdown, range);
    }
    const lines = [`**${row.name}** (${row.kind}) — ${row.status}`, ""];
    lines.push(`- **Owner:** ${row.owner}${row.backupOwner ? ` (backup ${row.backupOwner})` : ""}`);
    if (row.purpose) lines.push(`- **Purpose:** ${row.purpose}`);
    if (row.expires) lines.push(`- **Expires:** ${row.expires}${row.daysLeft === null ? "" : row.daysLeft < 0 ? ` — **${-row.daysLeft} days ago**` : ` — in ${row.daysLeft} days`}`);
    if (row.rotateEvery) lines.push(`- **Rotation:** every ${row.rotateEvery}${row.rotationDue ? `, next due ${row.rotationDue}` : ", never recorded"}`);
    lines.push(`- **Used by:** ${row.usedBy.map((u) => `\`${u.path}\``).join(", ") || "nothing"}`);
    if (row.revocation) lines.push(`- **Revoke:** [runbook](${row.revocation})`);
    markdown.appendMarkdown(lines.join("\n"));
    return new vscode.Hover(markdown, range);
  }
}
