// For people: grouped by file, `line:col  severity  message  rule-id`, then how to fix, then a summary.
import { styleText } from "node:util";
import { plural } from "../../linter-core/text.js";
import type { FormatOptions, Report } from "./types.js";

/**
 * Text from files (paths, job ids, step names in messages) without terminal control characters: a
 * workflow must not be able to move the cursor or hide lines of the report (ESC, CR, BS…).
 */
export const plain = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "�");

/** A path on one line: a name may hold a newline or a tab (git allows both), shown escaped. */
export const plainPath = (path: string) => plain(path.replace(/\n/g, "\\n").replace(/\t/g, "\\t"));

export function formatStylish(report: Report, options: FormatOptions): string {
  // Cleaned before colouring: the colours' own escape sequences stay.
  const clean = <T extends { path: string; message: string; help?: string }>(item: T): T => ({ ...item, path: plainPath(item.path), message: plain(item.message), ...(item.help === undefined ? {} : { help: plain(item.help) }) });
  return formatStylishLines({ ...report, findings: report.findings.map(clean), suppressed: report.suppressed.map(clean), notices: report.notices.map(clean) }, options);
}

function formatStylishLines(report: Report, options: FormatOptions): string {
  // The run has decided (NO_COLOR, FORCE_COLOR, --output, the terminal): styleText must not second-guess it
  // from process.stdout, which is not where the text goes when it is written to a file or a test.
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const lines: string[] = [];
  const byFile = new Map<string, typeof report.findings>();
  for (const finding of report.findings) {
    const same = byFile.get(finding.path);
    if (same) same.push(finding);
    else byFile.set(finding.path, [finding]);
  }
  for (const [path, findings] of byFile) {
    lines.push("", paint("underline", path));
    for (const f of findings) {
      const severity = f.severity === "error" ? paint("red", "error  ") : paint("yellow", "warning");
      lines.push(`  ${`${f.start.line}:${f.start.column}`.padEnd(8)} ${severity}  ${f.message}  ${paint("dim", f.ruleId)}`);
      if (f.help) lines.push(`  ${" ".repeat(8)} ${paint("dim", `fix: ${f.help}`)}`);
    }
  }
  if (report.notices.length > 0) {
    lines.push("", paint("bold", "Notices"));
    for (const notice of report.notices) lines.push(`  ${notice.path}: ${notice.message}`);
  }
  const errors = report.findings.filter((f) => f.severity === "error").length;
  const warnings = report.findings.length - errors;
  lines.push("");
  if (report.findings.length === 0) {
    lines.push(paint("green", `✔ no problems in ${plural(report.filesLinted, "file")}`));
  } else {
    const summary = `✖ ${plural(report.findings.length, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}) in ${plural(report.filesLinted, "file")}`;
    lines.push(paint(errors > 0 ? "red" : "yellow", summary));
  }
  // Accepted secrets are never silent: they are still leaked credentials until rotated.
  const acceptedSecrets = report.suppressed.filter((f) => f.ruleId === "hardcoded-secret");
  if (acceptedSecrets.length > 0) {
    lines.push("", paint("yellow", `Accepted secrets — rotate them (${acceptedSecrets.length}):`));
    for (const f of acceptedSecrets) lines.push(`  ${f.path}:${f.start.line}  ${f.message.replace(/^Hardcoded /, "").replace(/: anyone who can read.*$/, "")}  ${paint("dim", f.suppression?.kind === "external" ? "(baseline)" : `(${f.suppression?.justification})`)}`);
  }
  if (report.showSuppressed && report.suppressed.length > 0) {
    lines.push("", paint("bold", "Suppressed"));
    for (const f of report.suppressed) lines.push(`  ${f.path}:${f.start.line}:${f.start.column}  ${f.message}  ${paint("dim", `${f.ruleId}, ${f.suppression?.kind === "external" ? "baseline" : `comment: ${f.suppression?.justification}`}`)}`);
  } else if (report.suppressed.length > 0) {
    const byComment = report.suppressed.filter((f) => f.suppression?.kind === "inSource").length;
    lines.push(paint("dim", `${plural(report.suppressed.length, "accepted finding")} not shown (${byComment} by nhilint-disable comments, ${report.suppressed.length - byComment} by the baseline): --show-suppressed lists them.`));
  }
  if (report.staleBaselineEntries > 0) {
    lines.push(paint("yellow", `${report.staleBaselineEntries} baseline entr${report.staleBaselineEntries === 1 ? "y matches" : "ies match"} nothing any more: run \`nhilint --update-baseline\` to drop them.`));
  }
  return lines.join("\n").replace(/^\n/, "") + "\n";
}
