import { escapeRegExp } from "../linter-core/text.js";
import type { Rule } from "../linter-core/rule.js";
import { boundSecretsVisibleTo, describeScope } from "./shared.js";

/** A command that prints, in command position (not `print` inside an awk program), or a write to a log. */
const PRINTS = /(^|[;&|(]|\bthen|\bdo|\belse)\s*(echo|printf|print|cat|Write-Host|Write-Output|tee)\b|console\.log\(|GITHUB_STEP_SUMMARY|>>?\s*\S*\.log\b/;
/** Commands that only transform what they are given and still print it. */
const STILL_PRINTS = /^\s*(tee|base64|xxd|od|rev|tr|sed|awk|cut|cat|head|tail)\b/;

/** Output piped into a tool that consumes it (`echo "$T" | gpg --import`) is not printed. */
function consumedByTool(line: string): boolean {
  const segments = line.split(/(?<!\|)\|(?!\|)/);
  return segments.length > 1 && segments.slice(1).some((segment) => !STILL_PRINTS.test(segment));
}
/** Output sent to a log-like place: the job summary or a .log file. */
const LOG_TARGET = /GITHUB_STEP_SUMMARY|\.log\b/;
/** A redirect of output into a file (`> file`, `>> "$GITHUB_ENV"`), not into `&2` or a log. */
const REDIRECT = /(^|[^&0-9<>])>>?\s*(?!&)("?[^\s;|]+)/;

/** Lines whose output goes to a file rather than the log: redirected themselves, or inside a `{ ...; } > file` group. */
function redirectedLines(lines: string[]): Set<number> {
  const result = new Set<number>();
  const openGroups: number[] = [];
  lines.forEach((line, i) => {
    const redirect = REDIRECT.exec(line);
    if (redirect && !LOG_TARGET.test(redirect[2])) result.add(i);
    if (/^\s*\{\s*$/.test(line)) openGroups.push(i);
    const close = /^\s*\}\s*(.*)$/.exec(line);
    // Stryker disable next-line EqualityOperator: with no group open, pop() gives undefined and the loop below never runs.
    if (close && openGroups.length > 0) {
      const start = openGroups.pop()!;
      const target = REDIRECT.exec(close[1]);
      // Stryker disable next-line EqualityOperator: the closing `} > file` line prints nothing itself.
      if (target && !LOG_TARGET.test(target[2])) for (let j = start; j <= i; j++) result.add(j);
    }
  });
  return result;
}

/** `$NAME`, `${NAME}` or `$env:NAME` in a line; the name escaped (a key may hold `[` or `.`). */
function envUse(name: string): RegExp {
  const escaped = escapeRegExp(name);
  return new RegExp(`\\$\\{?${escaped}(?![\\w])|\\$env:${escaped}(?![\\w])`);
}

export const secretInLog: Rule = {
  meta: {
    id: "secret-in-log",
    description: "A secret echoed, printed or written to the job summary or a log.",
    defaultSeverity: "error",
    owasp: ["NHI2"],
    nist: ["PR.DS-01", "DE.CM-09"],
    hasFixes: false,
  },

  checkFile(context) {
    const { file } = context;
    for (const literal of file.literals) {
      if (literal.role !== "script") continue;
      // Env variables bound to secrets that this script sees: it may print them by name.
      const visible = boundSecretsVisibleTo(file, literal);
      let offset = literal.span.start;
      const lines = file.text.slice(literal.span.start, literal.span.end).split("\n");
      const toFiles = redirectedLines(lines);
      for (const [index, line] of lines.entries()) {
        const lineStart = offset;
        offset += line.length + 1;
        if (!PRINTS.test(line) || toFiles.has(index) || consumedByTool(line) || line.includes("::add-mask::")) continue;
        const direct = /\$\{\{\s*secrets\.([A-Za-z_][\w-]*)\s*\}\}/.exec(line);
        const viaEnv = visible.find((ref) => envUse(ref.binding!.name).test(line));
        const name = direct?.[1] ?? viaEnv?.name;
        if (!name || name.toUpperCase() === "GITHUB_TOKEN") continue;
        const column = direct ? direct.index : line.search(envUse(viaEnv!.binding!.name));
        context.report({
          span: { start: lineStart + column, end: lineStart + line.trimEnd().length },
          message: `secret \`${name}\` is printed${describeScope(literal.scope)}: masking misses it once it is encoded, split or transformed, and logs are kept and shared.`,
          identity: `${name}:${line.trim()}`,
          connector: name,
          help: "Never print secrets; pass them to tools through env or stdin (`--password-stdin`).",
        });
      }
    }
  },
};
