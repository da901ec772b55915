// A stable, documented shape (docs/output.md). Positions are 1-based; offsets are UTF-16 code units.
import { docsUrl } from "../../linter-core/index.js";
import type { FormatOptions, Report } from "./types.js";

export function formatJson(report: Report, options: FormatOptions): string {
  const errors = report.findings.filter((f) => f.severity === "error").length;
  const output = {
    version: 1,
    tool: { name: "nhilint", version: options.version },
    summary: {
      files: report.filesLinted,
      errors,
      warnings: report.findings.length - errors,
      baselined: report.baselined,
      staleBaselineEntries: report.staleBaselineEntries,
    },
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      confidence: f.confidence,
      message: f.message,
      path: f.path,
      line: f.start.line,
      column: f.start.column,
      endLine: f.end.line,
      endColumn: f.end.column,
      fingerprint: f.fingerprint,
      help: f.help ?? null,
      docsUrl: docsUrl(f.ruleId),
      fixes: f.fixes.map((fix) => ({
        title: fix.title,
        safe: fix.safe,
        edits: fix.edits.map((e) => ({ path: e.path, start: e.start, end: e.end, text: e.text, createFile: e.createFile ?? false })),
        followUp: fix.followUp ?? [],
      })),
    })),
    notices: report.notices,
  };
  return JSON.stringify(output, null, 2) + "\n";
}
