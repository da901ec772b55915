// For GitHub Actions logs: one workflow command per finding (`::error file=…,line=…::message`),
// shown as an annotation on the pull request's diff — for repositories without code scanning.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
import { plural } from "../../linter-core/text.js";
import type { FormatOptions, Report } from "./types.js";

/** Workflow-command escaping: data escapes %, CR, LF; property values also `:` and `,`. */
const data = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
export const property = (text: string) => data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
/** `::name properties::message`, the message escaped (properties are escaped by the caller, with `property`). */
export const command = (name: string, properties: string, message: string) => `::${name} ${properties}::${data(message)}`;

export function formatGithub(report: Report, _options: FormatOptions): string {
  const lines = report.findings.map((f) => {
    const where = `file=${property(f.path)},line=${f.start.line},col=${f.start.column},endLine=${f.end.line},endColumn=${f.end.column},title=${property(`nhilint ${f.ruleId}`)}`;
    return command(f.severity === "error" ? "error" : "warning", where, f.help ? `${f.message} Fix: ${f.help}` : f.message);
  });
  for (const notice of report.notices) lines.push(command("notice", `file=${property(notice.path)},title=nhilint`, notice.message));
  const errors = report.findings.filter((f) => f.severity === "error").length;
  lines.push(`nhilint: ${plural(report.findings.length, "problem")} (${plural(errors, "error")}) in ${plural(report.filesLinted, "file")}`);
  return `${lines.join("\n")}\n`;
}
