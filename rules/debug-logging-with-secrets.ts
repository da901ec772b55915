import type { Rule } from "../linter-core/rule.js";
import { describeScope, SECRET_EXPRESSION, secretsVisibleToScript, shellVariableUse } from "./shared.js";
import { scriptsListedFrom } from "./model-index.js";

/** Shell tracing: `set -x`, `set -ex`, `set -o xtrace`, `bash -x script.sh`; the command is group 1. */
// (Blanks, not `\s*`, after a line's start: each line would read on through the blank lines after it; and
// the letters before the `x` are not `x`, so a run of them is split one way only. Both were quadratic.)
const XTRACE = /(?:^|[;&|(]|\bthen|\bdo)[ \t]*(set\s+-[a-wyzA-Z]*x[a-zA-Z]*\b|set\s+-o\s+xtrace\b|(?:ba|z|k)?sh\s+-[a-wyzA-Z]*x[a-zA-Z]*(?=\s))/m;
/** A debug switch turned on: true, 1, yes (a string or a boolean). */
const ON = /^\s*["']?(true|1|yes|on)["']?\s*$/i;

export const debugLoggingWithSecrets: Rule = {
  meta: {
    id: "debug-logging-with-secrets",
    description: "Debug tracing that prints every variable (ACTIONS_STEP_DEBUG, CI_DEBUG_TRACE, system.debug, set -x) where secrets are in scope.",
    defaultSeverity: "warning",
    owasp: ["NHI2"],
    nist: ["PR.DS-01"],
    hasFixes: false,
  },

  checkFile(context) {
    const { file, platform } = context;
    const secrets = [...new Set(file.connectorRefs.filter((ref) => !ref.issuedByPlatform).map((ref) => ref.name))];
    if (secrets.length === 0) return;
    const named = `${secrets.slice(0, 3).join(", ")}${secrets.length > 3 ? "…" : ""}`;
    // The platform's own switch, set in the file: every step's variables and expressions go to the log.
    for (const literal of file.literals) {
      if (!platform.debugSwitches?.test(literal.key) || !ON.test(literal.value)) continue;
      context.report({
        span: literal.span,
        message: `\`${literal.key}: ${literal.value.trim()}\` turns on debug tracing${describeScope(literal.scope)} while ${named} ${secrets.length === 1 ? "is" : "are"} in reach: the log then shows every variable and expression, and a secret transformed in any way is not masked.`,
        // Stryker disable next-line StringLiteral: the separator only keeps a path's keys apart in the fingerprint's input.
        identity: `${literal.key}:${literal.path.join(".")}`,
        help: `Remove \`${literal.key}\` from the file; to debug one run, set it as a repository variable for that run only, or re-run with debug logging from the UI.`,
      });
    }
    // Shell tracing in a script that sees a secret: each command is printed with its expanded arguments.
    for (const literal of file.literals) {
      if (literal.role !== "script") continue;
      const trace = XTRACE.exec(literal.value);
      if (!trace) continue;
      // Only secrets the script expands: those are what xtrace prints (one merely in the environment is not).
      // A script written as a list (GitLab `script:`, CodeBuild `commands:`) is one shell: `- set -x`
      // traces the items after it.
      const listed = typeof literal.path.at(-1) === "number";
      const script = listed
        ? scriptsListedFrom(file, literal)
        : [literal];
      const expanded = script.flatMap((part) => secretsVisibleToScript(file, part).filter((ref) => shellVariableUse(ref.binding!.name).test(part.value)));
      const inline = SECRET_EXPRESSION.exec(literal.value)?.[1];
      const seen = [...new Set([...expanded.map((ref) => ref.name), ...(inline ? [inline] : [])])];
      if (seen.length === 0) continue;
      const text = file.text.slice(literal.span.start, literal.span.end);
      const command = trace[1];
      const at = text.indexOf(command);
      const start = literal.span.start + Math.max(at, 0);
      context.report({
        span: { start, end: at >= 0 ? start + command.length : literal.span.end },
        message: `\`${command}\` prints each command with its arguments expanded${describeScope(literal.scope)}, and the script expands ${seen.slice(0, 3).join(", ")}${seen.length > 3 ? "…" : ""}: the secret lands in the log wherever it is passed on a command line.`,
        // Stryker disable next-line StringLiteral: the separator only keeps a path's keys apart in the fingerprint's input.
        identity: `xtrace:${literal.path.join(".")}`,
        connector: seen[0],
        help: "Drop `-x` (or turn it off with `set +x` around the lines that use secrets); pass secrets to tools through env or stdin, not as arguments.",
      });
    }
  },
};
