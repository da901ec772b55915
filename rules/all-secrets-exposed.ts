import type { Rule } from "../linter-core/rule.js";
import { describeScope } from "./shared.js";

/** `toJSON(secrets)`, or the whole `secrets` context used as a value. */
const ALL_SECRETS = /\btoJSON\s*\(\s*secrets\s*\)|^secrets$|\b(?:fromJSON|format|join)\s*\([^)]*\bsecrets\s*[,)]/;

export const allSecretsExposed: Rule = {
  meta: {
    id: "all-secrets-exposed",
    description: "`toJSON(secrets)` or another dump of the whole secrets context.",
    defaultSeverity: "error",
    owasp: ["NHI2", "NHI5"],
    nist: ["PR.DS-01", "PR.AA-05"],
    hasFixes: false,
  },

  checkFile(context) {
    for (const expression of context.file.expressions) {
      if (!ALL_SECRETS.test(expression.text)) continue;
      context.report({
        span: expression.span,
        message: `every secret of the repository is exposed here${describeScope(expression.scope)}: one step (or one log line) gets all of them.`,
        identity: expression.text,
        help: "Pass only the secrets this step needs, each by name: `${{ secrets.NAME }}`.",
      });
    }
  },
};
