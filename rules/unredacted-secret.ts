import type { Rule } from "../linter-core/rule.js";
import { describeScope } from "./shared.js";

/**
 * Values derived from a secret that the platform does not mask: GitHub registers each secret's exact
 * value for redaction, so the fields `fromJSON(secrets.X)` parses out of a JSON secret (or the value
 * re-serialised) are printed in clear wherever they reach a log.
 */
const FROM_JSON_SECRET = /\bfromJSON\s*\(\s*secrets\.([A-Za-z_][\w-]*)\s*\)/i;

export const unredactedSecret: Rule = {
  meta: {
    id: "unredacted-secret",
    description: "A value derived from a secret that the platform does not mask (`fromJSON(secrets.X).field`).",
    defaultSeverity: "error",
    owasp: ["NHI2"],
    nist: ["PR.DS-01"],
    hasFixes: false,
  },

  checkFile(context) {
    for (const expression of context.file.expressions) {
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
