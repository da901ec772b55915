import { redact, secretFinder } from "../linter-core/redact.js";
import type { Fix, LiteralValue } from "../linter-core/model.js";
import { findRecord } from "../linter-core/inventory.js";
import type { FileContext, Rule } from "../linter-core/rule.js";
import { isCredentialKey, toSecretName } from "../linter-core/secrets/values.js";
import { baseName, referenceEdit } from "../linter-core/platforms/common.js";
import { withRevocationPage } from "../linter-core/platforms/platform.js";
import { revocationFor } from "../linter-core/secrets/revocation.js";
import { describeScope } from "./shared.js";

/**
 * Name the stored secret after the key it was bound to, when it was bound to one. Generic keys (an
 * Authorization header, a `value:`) name nothing, nor does a key that holds a secret itself (a token
 * pasted as a key: upper-cased, it would still spell the token): then the detector's name.
 */
/** Keys naming a URL or connection string, whose credential is part of what they name. */
const CONNECTION_KEY = /(?:ur[li]|dsn|endpoint|conn(?:ection)?(?:[_-]?str(?:ing)?)?|host)$/i;

function secretNameFor(literal: LiteralValue | undefined, secret: string, fallback: string, secretIn: (text: string) => string | undefined): string {
  if (literal?.role !== "assignment" || /^(value|default|run|script|args?|authorization(_token)?|auth(_token)?|headers?)$/i.test(literal.key) || secretIn(literal.key)) return fallback;
  // A key names the secret when it names a credential, a URL or connection string that carries one
  // (`DB_URL: postgres://app:…@db`), or holds nothing else; `cmd = "curl … Bearer …"` names a
  // command, not the token inside it: the detector's name does.
  const named = isCredentialKey(literal.key) || CONNECTION_KEY.test(literal.key) || literal.value.trim() === secret;
  return named ? toSecretName(literal.key) : fallback;
}

/** The variable whose default (`${NAME:-…}`, `${NAME-…}`, `${NAME:=…}`) is the text at `span`, and where the default's operator starts. */
function defaultOf(text: string, span: { start: number; end: number }): { variable: string; start: number } | undefined {
  if (text[span.end] !== "}") return undefined;
  const before = text.slice(Math.max(0, span.start - 110), span.start);
  const match = /\$\{([A-Za-z_]\w{0,100})(:?[-=])$/.exec(before);
  return match ? { variable: match[1], start: span.start - match[2].length } : undefined;
}

/**
 * A name for the new secret that does not already mean something else: when the inventory records
 * the name for other files, storing the pasted value under it would overwrite their credential (and
 * share one across workflows), so the file's own name is put in front (`NIGHTLY_GH_TOKEN`).
 */
async function distinctName(wanted: string, context: FileContext): Promise<string> {
  // Every name tried is one the platform accepts (GitHub's `GITHUB_` and Azure's `secret…` are its own).
  const accepted = context.platform.secretName ?? ((candidate: string) => candidate);
  const name = accepted(wanted);
  const caseless = context.platform.caseInsensitiveNames ?? false;
  const taken = (candidate: string) => findRecord(context.inventory, candidate, caseless);
  const record = taken(name);
  if (!record) return name;
  if (record.usedBy) {
    const { default: picomatch } = await import("picomatch");
    // Recorded for this very file: the same credential, keep its name.
    if (picomatch(record.usedBy, { dot: true })(context.file.path)) return name;
  }
  const stem = toSecretName(baseName(context.file.path).replace(/\.[^.]*$/, ""));
  let candidate = accepted(`${stem}_${name}`);
  for (let n = 2; taken(candidate); n++) candidate = accepted(`${stem}_${name}_${n}`);
  return candidate;
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
    const detections = await context.detectSecrets();
    const secretIn = secretFinder(detections.map((detection) => detection.value));
    for (const detection of detections) {
      const fixes: Fix[] = [];
      const name = await distinctName(secretNameFor(detection.literal, detection.value, detection.secretName, secretIn), context);
      const reference = platform.secretReference?.(name, detection.literal);
      // Where a credential of its kind is revoked, when nhilint knows the provider's page: the rotate step says so.
      const revoke = revocationFor(detection.title);
      const steps = platform.storeSecretSteps && withRevocationPage(platform.storeSecretSteps(name, detection.literal), revoke);
      const rotate = revoke ? `rotate it at ${revoke} if it was ever committed` : "rotate it if it was ever committed";
      let edits: { span: { start: number; end: number }; text: string }[] | undefined;
      if (reference && detection.literal) {
        const literal = detection.literal;
        if (platform.secretFix) {
          edits = platform.secretFix(literal, detection.span, name, file.text);
        } else {
          edits = [referenceEdit(literal, detection.span, reference, file.text, detection.value)];
        }
      }
      // A variable's default that the reference itself reads (`${DB_PASSWORD:-…}` where the platform
      // reads `${DB_PASSWORD}`): the fix removes the default, not nests the reference in it.
      const around = defaultOf(file.text, detection.span);
      if (around && reference === `\${${around.variable}}`) edits = [{ span: { start: around.start, end: detection.span.end }, text: "" }];
      // A platform can write another reference by place (Drone's `{ from_secret: … }` in `environment:`,
      // Kubernetes' `$(NAME)` in args): the title and the help name that one. (One that holds the usual
      // reference, quoted for JSON or a flow map, is named by the reference.)
      const other = edits?.[0]?.text;
      const written = other && reference && !other.includes(reference) && edits!.every((edit) => edit.text === other) ? other : reference;
      if (reference && edits) {
        // A fix that only deletes (GitLab's `variables:` entry): the platform already passes the stored secret on.
        // Stryker disable next-line MethodExpression: no platform's fix mixes a deletion with a replacement.
        const removes = edits.every((edit) => edit.text === "");
        fixes.push({
          title: around && removes ? `Remove the default: ${reference} is read from the environment` : removes ? `Remove the literal: jobs read the stored variable ${reference}` : `Replace with ${written}`,
          edits: edits.map((edit) => ({ path: file.path, start: edit.span.start, end: edit.span.end, text: edit.text })),
          safe: false,
          followUp: steps,
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
            ? `Store it as a secret named ${name} and reference it as ${written}; ${rotate}.`
            : (steps?.join(" ") ?? `Move it to a secrets manager and read it from there; ${rotate}.`),
      });
    }
  },
};
