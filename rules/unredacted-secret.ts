import type { Rule } from "../linter-core/rule.js";
import { boundSecretsVisibleTo, describeScope } from "./shared.js";

/**
 * Values derived from a secret that the platform does not mask: GitHub registers each secret's exact
 * value for redaction, so the fields `fromJSON(secrets.X)` parses out of a JSON secret (or the value
 * re-serialised) are printed in clear wherever they reach a log.
 */
const FROM_JSON_SECRET = /\bfromJSON\s*\(\s*secrets\.([A-Za-z_][\w-]*)\s*\)/i;

/** A script line that writes a step output: `echo "name=value" >> "$GITHUB_OUTPUT"`. */
const WRITES_OUTPUT = /\$\{?GITHUB_OUTPUT\b/;
/** A secret's value in the line: a `${{ secrets.X }}` expression. */
const SECRET_EXPRESSION = /\$\{\{\s*secrets\.([A-Za-z_][\w-]*)\s*\}\}/;

export const unredactedSecret: Rule = {
  meta: {
    id: "unredacted-secret",
    description: "A value derived from a secret that the platform does not mask (`fromJSON(secrets.X).field`), or a secret made a step output.",
    defaultSeverity: "error",
    owasp: ["NHI2"],
    nist: ["PR.DS-01"],
    hasFixes: false,
  },

  checkFile(context) {
    const { file } = context;
    // A secret written to GITHUB_OUTPUT: GitHub drops it from job outputs (so it seems to work), but the
    // value is stored with the run's step outputs, read by any later step or action as plain data, and
    // masking no longer follows it once a step transforms it.
    if (file.platform === "github-actions") {
      for (const literal of file.literals) {
        if (literal.role !== "script") continue;
        const source = file.text.slice(literal.span.start, literal.span.end);
        const bound = boundSecretsVisibleTo(file, literal);
        let offset = literal.span.start;
        for (const line of source.split("\n")) {
          const start = offset;
          offset += line.length + 1;
          if (!WRITES_OUTPUT.test(line)) continue;
          const secret =
            SECRET_EXPRESSION.exec(line)?.[1] ??
            bound.find((ref) => new RegExp(`\\$\\{?${ref.binding!.name.replace(/[^\w]/g, "\\$&")}\\b`).test(line))?.name;
          if (!secret) continue;
          const indent = line.length - line.trimStart().length;
          context.report({
            span: { start: start + indent, end: start + line.trimEnd().length },
            message: `secret \`${secret}\` is written to GITHUB_OUTPUT${describeScope(literal.scope)}: a step output is plain data for every later step and action, and GitHub will not pass it on as a job output anyway.`,
            identity: `${literal.scope.job ?? ""}/${literal.scope.step ?? ""}/output:${secret}`,
            connector: secret,
            help: "Pass the secret to the steps that need it through their own `env:` (`${{ secrets.NAME }}`) instead of as a step output.",
          });
        }
      }
    }
    for (const expression of file.expressions) {
      const match = FROM_JSON_SECRET.exec(expression.text);
      if (!match) continue;
      context.report({
        span: expression.span,
        message: `\`fromJSON(secrets.${match[1]})\` derives values GitHub does not mask: the fields parsed out of the secret are not registered for redaction${describeScope(expression.scope)}, so they reach the logs in clear.`,
        identity: expression.text,
        connector: match[1],
        help: "Store each value the job needs as its own secret (`secrets.DB_PASSWORD`, not a field of a JSON secret), or register it with `::add-mask::` before any step can print it.",
      });
    }
  },
};
