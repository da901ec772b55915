// A stable, documented shape (docs/output.md). Positions are 1-based; offsets are UTF-16 code units.
import { docsUrl } from "../../linter-core/index.js";
import type { Finding } from "../../linter-core/index.js";
import type { FormatOptions, Report } from "./types.js";

function findingJson(f: Finding) {
  return {
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
    connector: f.connector ?? null,
    help: f.help ?? null,
    docsUrl: docsUrl(f.ruleId),
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      safe: fix.safe,
      edits: fix.edits.map((e) => ({ path: e.path, start: e.start, end: e.end, text: e.text, createFile: e.createFile ?? false })),
      followUp: fix.followUp ?? [],
    })),
  };
}

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
      suppressed: report.suppressed.length,
      staleBaselineEntries: report.staleBaselineEntries,
    },
    findings: report.findings.map(findingJson),
    // Accepted, not fixed: by a nhilint-disable-next-line comment ("inSource") or the baseline ("external").
    suppressed: report.suppressed.map((f) => ({ ...findingJson(f), suppression: f.suppression })),
    notices: report.notices,
  };
  return JSON.stringify(output, null, 2) + "\n";
}
