import type { Rule } from "../linter-core/rule.js";
import { describeScope } from "./shared.js";

/** `toJSON(secrets)`, or the whole `secrets` context as the expression. */
const ALL_SECRETS = /\btoJSON\s*\(\s*secrets\s*\)|^secrets$/;
/** What `fromJSON(`, `format(` or `join(` opens, the whole `secrets` context as an argument, and what closes a call. */
const CALL_TOKENS = /\b(?:fromJSON|format|join)\s*\(|\bsecrets\s*[,)]|\)/g;

/**
 * `fromJSON(…secrets…)`, `format('{0}', secrets)`, `join(secrets, …)`: the whole context passed to
 * one of these calls, with no `)` between the call's `(` and it. One pass (a regex reading from each
 * call to its `)` was quadratic in a generated expression nesting thousands of calls).
 */
export function passesAllSecrets(expression: string): boolean {
  let inCall = false;
  for (const [token] of expression.matchAll(CALL_TOKENS)) {
    if (token === ")") inCall = false;
    else if (token.startsWith("secrets")) {
      if (inCall) return true;
    } else inCall = true;
  }
  return false;
}
/**
 * `secrets[…]` by a name made at run time (`secrets[format('{0}_TOKEN', matrix.env)]`,
 * `secrets[inputs.name]`): GitHub sends the job every secret, since any may be asked for (zizmor's
 * overprovisioned-secrets reads it so too). A quoted name or a number is one secret.
 */
const SECRET_BY_COMPUTED_NAME = /(?<![\w.])secrets\s*\[(?!\s*(?:'[^']*'|"[^"]*"|\d+)\s*\])/;

export const allSecretsExposed: Rule = {
  meta: {
    id: "all-secrets-exposed",
    description: "`toJSON(secrets)` or another dump of the whole secrets context, or a secret chosen by a name made at run time.",
    defaultSeverity: "error",
    owasp: ["NHI2", "NHI5"],
    nist: ["PR.DS-01", "PR.AA-05"],
    hasFixes: false,
  },

  checkFile(context) {
    for (const expression of context.file.expressions) {
      const all = ALL_SECRETS.test(expression.text) || passesAllSecrets(expression.text);
      const computed = !all && SECRET_BY_COMPUTED_NAME.test(expression.text);
      if (!all && !computed) continue;
      context.report({
        span: expression.span,
        message: computed
          ? `a secret is chosen by a name made at run time here${describeScope(expression.scope)}: GitHub then gives the job every secret of the repository, as any may be asked for.`
          : `every secret of the repository is exposed here${describeScope(expression.scope)}: one step (or one log line) gets all of them.`,
        identity: expression.text,
        help: computed
          ? "Name each secret the job may need (`${{ secrets.STAGING_DEPLOY_TOKEN }}`, or one secret of the same name in each GitHub environment: `environment: ${{ matrix.env }}` and `${{ secrets.DEPLOY_TOKEN }}`)."
          : "Pass only the secrets this step needs, each by name: `${{ secrets.NAME }}`.",
      });
    }
  },
};
