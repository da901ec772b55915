import type { Rule } from "../linter-core/rule.js";
import { escapeRegExp } from "../linter-core/text.js";
import { describeScope, SECRET_EXPRESSION, secretsVisibleToScript, shellVariableUse } from "./shared.js";
import { jobById, stepIndex } from "./model-index.js";

/**
 * Values derived from a secret that the platform does not mask: GitHub registers each secret's exact
 * value for redaction, so the fields `fromJSON(secrets.X)` parses out of a JSON secret (or the value
 * re-serialised) are printed in clear wherever they reach a log.
 */
const FROM_JSON_SECRET = /\bfromJSON\s*\(\s*secrets\.([A-Za-z_][\w-]*)\s*\)/i;

/** A script line that writes a step output (`>> "$GITHUB_OUTPUT"`) or the job's environment (`>> $GITHUB_ENV`). */
const WRITES_OUTPUT = /\$\{?GITHUB_OUTPUT\b/;
const WRITES_ENV = /\$\{?GITHUB_ENV\b/;
/** A file the line writes (`> f`, `>> f`, `tee [-a] f`), not a stream, /dev/null or GitHub's own files. */
// (The blanks after `tee` are read by one run: `tee\s+` then `\s*` split a long run every way, quadratic.)
const WRITES_FILE = /(?:(?<![<&\d])>>?\s*|\btee\s+(?:-a\s+)?)["']?((?!\$|&|\/dev\/)[\w.~\/-]+)/;
/** Commands that encode a value (so the encoded text is not masked). */
const ENCODERS = /\|\s*(?:base64|xxd|od|hexdump|rev|openssl\s+(?:base64|enc))\b|\bbase64\s+<<</;
const ARTIFACT_UPLOAD = /^actions\/upload-artifact@/;

/** The path without the slashes it ends with (`/\/+$/` reads a run of them from each of its slashes). */
function trimSlashes(path: string): string {
  let end = path.length;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: before the first character, undefined is no slash.
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(0, end);
}

/** Whether an artifact's `path:` (one per line, globs allowed) takes `file`. */
function uploads(paths: string, file: string): boolean {
  const normal = (p: string) => p.trim().replace(/^\.\//, "");
  return paths.split("\n").map(normal).filter((p) => p && !p.startsWith("!")).some((p) => {
    // The folder above the first glob's segment (a regex for it was cubic on a run of `*`).
    const glob = p.search(/[*?[]/);
    const folder = trimSlashes(glob < 0 ? p : p.slice(0, Math.max(p.lastIndexOf("/", glob), 0)));
    return p === normal(file) || p === "." || folder === "" || normal(file).startsWith(`${folder}/`);
  });
}

export const unredactedSecret: Rule = {
  meta: {
    id: "unredacted-secret",
    description: "A value derived from a secret that the platform does not mask (`fromJSON(secrets.X).field`), a secret made a step output, or a secret written into an artifact.",
    defaultSeverity: "error",
    owasp: ["NHI2"],
    nist: ["PR.DS-01"],
    hasFixes: false,
  },

  checkFile(context) {
    const { file } = context;
    // Where a script moves a secret out of masking's reach: a step output (GitHub drops it from job
    // outputs, so it seems to work, but every later step and action reads it as data), a transformed
    // value put in GITHUB_ENV (masking knows the exact value only), a file uploaded as an artifact.
    // Elsewhere (GitLab), a secret the script writes into a file the job keeps as an artifact.
    const github = file.platform === "github-actions";
    for (const literal of file.literals) {
      if (literal.role !== "script") continue;
      const job = jobById(file, literal.scope.job);
      // What the job keeps as artifacts: on GitHub the `path:` of each later upload step of the job, elsewhere the job's own paths.
      // Stryker disable next-line ArrayDeclaration: a stray path takes no file a script writes.
      let artifactPaths: string[] = [];
      if (github && job) {
        const uploadsAfter = job.steps.slice(stepIndex(job, literal.scope.step) + 1).filter((step) => step.uses && ARTIFACT_UPLOAD.test(step.uses.value));
        // Stryker disable next-line StringLiteral: an upload with no path takes nothing, as a path no file has.
        artifactPaths = uploadsAfter.map((step) => step.inputs.path?.value ?? "");
      } else if (!github && job?.artifactPaths) artifactPaths = job.artifactPaths;
      // Elsewhere only artifacts are judged: GitHub's files mean nothing there.
      if (!github && artifactPaths.length === 0) continue;
      const source = file.text.slice(literal.span.start, literal.span.end);
      const bound = secretsVisibleToScript(file, literal);
      let offset = literal.span.start;
      for (const line of source.split("\n")) {
        const start = offset;
        offset += line.length + 1;
        const variable = bound.find((ref) => shellVariableUse(ref.binding!.name).test(line));
        const secret = (github ? SECRET_EXPRESSION.exec(line)?.[1] : undefined) ?? variable?.name;
        if (!secret) continue;
        // Derived in the shell: a substring or pattern edit (`${TOKEN:0:8}`, `${TOKEN#*:}`), or an encoding.
        // Stryker disable next-line OptionalChaining: a variable visible to the script is always bound.
        const name = variable?.binding?.name;
        const derived = (name !== undefined && new RegExp(`\\$\\{${escapeRegExp(name)}(?::|#|%|/|\\^|,)`).test(line)) || ENCODERS.test(line);
        const written = WRITES_FILE.exec(line)?.[1];
        let problem: string | undefined;
        if (WRITES_OUTPUT.test(line)) problem = "is written to GITHUB_OUTPUT: a step output is plain data for every later step and action, and GitHub will not pass it on as a job output anyway";
        else if (derived && WRITES_ENV.test(line)) problem = "is transformed (a substring or an encoding) and written to GITHUB_ENV: the new value is not masked in any later step's log";
        else if (written && artifactPaths.some((paths) => uploads(paths, written))) problem = `is written to \`${written}\`, which ${github ? "a later step uploads" : "the job keeps"} as an artifact: anyone who can read the run can download it`;
        if (!problem) continue;
        const indent = line.length - line.trimStart().length;
        context.report({
          span: { start: start + indent, end: start + line.trimEnd().length },
          message: `secret \`${secret}\`${describeScope(literal.scope)} ${problem}.`,
          // Stryker disable next-line StringLiteral,MethodExpression: any one spelling for no step, and any stable part of the problem, identify the same.
          identity: `${literal.scope.job ?? ""}/${literal.scope.step ?? ""}/${secret}:${problem.slice(3, 20)}`,
          connector: secret,
          help: github
            ? "Give the secret to the steps that need it through their own `env:` (`${{ secrets.NAME }}`); a value derived from it must be registered with `::add-mask::` first, and never written where others read it."
            : "Write the secret outside the paths the job keeps as artifacts (or pass it to the next job as a masked CI/CD variable, not through a file); rotate it if an artifact already holds it.",
        });
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
