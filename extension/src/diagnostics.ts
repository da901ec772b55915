// Findings → diagnostics: source `nhilint`, code = rule id linking to its docs, exact ranges.
import * as vscode from "vscode";
import { docsUrl, type Finding } from "../../linter-core/index.js";
import type { FolderState } from "./workspace-linter.js";

export function toRange(finding: Pick<Finding, "start" | "end">): vscode.Range {
  return new vscode.Range(finding.start.line - 1, finding.start.column - 1, finding.end.line - 1, finding.end.column - 1);
}

export class Diagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection("nhilint");
  /** Each diagnostic's finding, for code actions. */
  readonly findings = new Map<string, Finding>();
  private readonly published = new Map<string, vscode.Uri[]>();

  static key(uri: vscode.Uri, range: vscode.Range, ruleId: string): string {
    return `${uri.toString()}|${range.start.line}:${range.start.character}|${ruleId}`;
  }

  publish(state: FolderState): void {
    const folderKey = state.folder.uri.toString();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const finding of state.result?.findings ?? []) {
      const uri = vscode.Uri.joinPath(state.folder.uri, finding.path);
      const range = toRange(finding);
      const diagnostic = new vscode.Diagnostic(range, finding.message, finding.severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      diagnostic.source = "nhilint";
      diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(docsUrl(finding.ruleId)) };
      this.findings.set(Diagnostics.key(uri, range, finding.ruleId), finding);
      byFile.set(uri.toString(), [...(byFile.get(uri.toString()) ?? []), diagnostic]);
    }
    // Replace per file, and clear only files that have none now: clearing everything first would
    // leave a moment with no diagnostics, when a code-action request could find nothing.
    for (const uri of this.published.get(folderKey) ?? []) if (!byFile.has(uri.toString())) this.collection.delete(uri);
    const uris: vscode.Uri[] = [];
    for (const [uri, diagnostics] of byFile) {
      const parsed = vscode.Uri.parse(uri);
      this.collection.set(parsed, diagnostics);
      uris.push(parsed);
    }
    this.published.set(folderKey, uris);
  }

  /** Remove a folder's diagnostics (nhilint turned off for it). */
  clear(folder: vscode.WorkspaceFolder): void {
    for (const uri of this.published.get(folder.uri.toString()) ?? []) this.collection.delete(uri);
    this.published.delete(folder.uri.toString());
  }

  errorCount(): number {
    let count = 0;
    this.collection.forEach((_, diagnostics) => (count += diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length));
    return count;
  }

  dispose(): void {
    this.collection.dispose();
  }
}
