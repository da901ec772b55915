// The one place that decides how much of a secret may be shown: a short prefix and the length.
// Every message, hover, log, JSON or SARIF output goes through here.
import { characterClasses } from "./secrets/values.js";

/** `ghp_… (40 chars)`; at most 4 characters and never more than a quarter of the value. */
export function redact(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}… (${secret.length} chars)`;
}

/**
 * Text that may quote the source (a parser's error message): every credential-shaped run in it — 8 or
 * more characters mixing letters with digits or symbols, or long and random — shown redacted.
 */
export function redactQuoted(text: string): string {
  return text.replace(/[^\s"'`,;()[\]{}]{8,}/g, (run) => {
    const classes = characterClasses(run);
    const wordLike = /^[A-Za-z][a-z]*[.:]?$/.test(run) || /^[a-z]+(?:[-_][a-z]+)*[.:]?$/i.test(run);
    return !wordLike && (classes >= 3 || (classes >= 2 && run.length >= 16)) ? `${redact(run)}` : run;
  });
}
