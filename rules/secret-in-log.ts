import type { Rule } from "../linter-core/rule.js";
import { describeScope } from "./hardcoded-secret.js";

/** Commands that print, and writes to the job summary or log files. */
const PRINTS = /\b(echo|printf|print|cat|Write-Host|Write-Output|console\.log|tee)\b|GITHUB_STEP_SUMMARY|>>?\s*\S*\.log\b/;

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
    // Env variables bound to secrets, by scope: a script may print them by name.
    const bound = file.connectorRefs.filter((ref) => ref.binding && !ref.issuedByPlatform);
    for (const literal of file.literals) {
      if (literal.role !== "script") continue;
      const visible = bound.filter((ref) => ref.binding!.level === "workflow" || (ref.scope.job === literal.scope.job && (ref.binding!.level === "job" || ref.scope.step === literal.scope.step)));
      let offset = literal.span.start;
      for (const line of file.text.slice(literal.span.start, literal.span.end).split("\n")) {
        const lineStart = offset;
        offset += line.length + 1;
        if (!PRINTS.test(line) || /--password-stdin|\|\s*(docker|helm|gh|npm|az|gcloud|kubectl)\b/.test(line)) continue;
        const direct = /\$\{\{\s*secrets\.([A-Za-z_][\w-]*)\s*\}\}/.exec(line);
        const viaEnv = visible.find((ref) => new RegExp(`\\$\\{?${ref.binding!.name}\\b|\\$env:${ref.binding!.name}\\b`).test(line));
        const name = direct?.[1] ?? viaEnv?.name;
        if (!name || name.toUpperCase() === "GITHUB_TOKEN") continue;
        const column = direct ? direct.index : line.search(new RegExp(`\\$\\{?${viaEnv!.binding!.name}\\b|\\$env:${viaEnv!.binding!.name}\\b`));
        context.report({
          span: { start: lineStart + column, end: lineStart + line.trimEnd().length },
          message: `secret \`${name}\` is printed${describeScope(literal.scope)}: masking misses it once it is encoded, split or transformed, and logs are kept and shared.`,
          identity: `${name}:${line.trim()}`,
          help: "Never print secrets; pass them to tools through env or stdin (`--password-stdin`).",
        });
      }
    }
  },
};
