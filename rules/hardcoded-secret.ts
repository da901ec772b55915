import { redact } from "../linter-core/redact.js";
import type { Fix, LiteralValue } from "../linter-core/model.js";
import type { Rule } from "../linter-core/rule.js";
import { toSecretName } from "../linter-core/secrets/detect.js";
import { describeScope } from "./shared.js";

/** Name the stored secret after the key it was bound to, when it was bound to one. */
function secretNameFor(literal: LiteralValue | undefined, fallback: string): string {
  // Generic keys (an Authorization header, a `value:`) name nothing: use the detector's name.
  if (literal?.role === "assignment" && !/^(value|default|run|script|args?|authorization(_token)?|auth(_token)?|headers?)$/i.test(literal.key)) return toSecretName(literal.key);
  return fallback;
}

export const hardcodedSecret: Rule = {
  meta: {
    id: "hardcoded-secret",
    description: "A literal credential in a workflow, pipeline, automation export or automation code.",
    defaultSeverity: "error",
    owasp: ["NHI2"],
    nist: ["PR.AA-01", "PR.DS-01"],
    hasFixes: true,
  },

  async checkFile(context) {
    const { file, platform } = context;
    for (const detection of await context.detectSecrets()) {
      const fixes: Fix[] = [];
      const name = secretNameFor(detection.literal, detection.secretName);
      const reference = platform.secretReference?.(name);
      let edits: { span: { start: number; end: number }; text: string }[] | undefined;
      if (reference && detection.literal) {
        const literal = detection.literal;
        if (platform.secretFix) {
          edits = platform.secretFix(literal, detection.span, name, file.text);
        } else {
          // The whole value is the secret: replace the scalar, quotes and all. Otherwise only the secret.
          const wholeValue = literal.role === "assignment" && detection.value === literal.value.trim();
          edits = [{ span: wholeValue ? literal.span : detection.span, text: reference }];
        }
      }
      if (reference && edits) {
        fixes.push({
          title: `Replace with ${reference}`,
          edits: edits.map((edit) => ({ path: file.path, start: edit.span.start, end: edit.span.end, text: edit.text })),
          safe: false,
          followUp: platform.storeSecretSteps?.(name),
        });
      }
      context.report({
        span: detection.span,
        message: `Hardcoded ${detection.title} (${redact(detection.value)})${describeScope(detection.literal?.scope)}: anyone who can read this file can use it.`,
        identity: detection.value,
        identityIsSecret: true,
        confidence: detection.confidence,
        fixes,
        help:
          reference && edits
            ? `Store it as a secret named ${name} and reference it as ${reference}; rotate it if it was ever committed.`
            : (platform.storeSecretSteps?.(name).join(" ") ?? "Move it to a secrets manager and read it from there; rotate it if it was ever committed."),
      });
    }
  },
};
