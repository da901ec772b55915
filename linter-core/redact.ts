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
    // Words, hyphenated or snake_case, in any case, with a trailing `.` or `:`.
    const wordLike = /^[a-z]+(?:[-_][a-z]+)*[.:]?$/i.test(run);
    return !wordLike && (classes >= 3 || (classes >= 2 && run.length >= 16)) ? `${redact(run)}` : run;
  });
}

/** Upper-case letters and digits: what a secret name made from a text keeps of it (`TOKEN_GHP_AS8EXD_…`). */
function fold(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** A run of name characters: a key, a variable, a secret name made from them. */
const NAME_RUN = /[A-Za-z0-9_-]+/g;

/** At least this many characters of a secret (or of it folded) are looked for. */
const MIN = 8;

/**
 * Values indexed by their first MIN characters: a text is checked in one pass, not once per value.
 * `starts` marks the characters a value begins with: most places of a text begin none, and are passed
 * over without a slice to look up (a file of 100 000 keys has as many findings to check).
 */
interface Index {
  heads: Map<string, string[]>;
  starts: Uint8Array;
}

function indexed(values: Iterable<string>): Index {
  const index = new Map<string, string[]>();
  const starts = new Uint8Array(65536);
  for (const value of values) {
    // Stryker disable next-line ConditionalExpression: a shorter value's head is never asked for (every question is 8 characters).
    if (value.length < MIN) continue;
    const head = value.slice(0, MIN);
    // Stryker disable next-line ArrayDeclaration: a list's first entry that no text starts with finds nothing.
    const same = index.get(head) ?? [];
    // Stryker disable next-line ConditionalExpression: a value listed twice is found the same; once keeps the lists short.
    if (!same.includes(value)) same.push(value);
    index.set(head, same);
    starts[value.charCodeAt(0)] = 1;
  }
  return { heads: index, starts };
}

function firstIn(text: string, { heads, starts }: Index): string | undefined {
  // Stryker disable next-line ArithmeticOperator: past the end the slices are shorter than every head, and find nothing.
  for (let i = 0; i + MIN <= text.length; i++) {
    // Stryker disable next-line ConditionalExpression: a shortcut; the lookup finds nothing there either.
    if (starts[text.charCodeAt(i)] === 0) continue;
    const candidates = heads.get(text.slice(i, i + MIN));
    const found = candidates?.find((value) => text.startsWith(value, i));
    if (found) return found;
  }
  return undefined;
}

/**
 * What of a text must not be shown, given these secrets (at least 8 characters): a secret it holds, or
 * else a run of name characters that spells one once upper-cased without separators (a secret name made
 * from a key that held a token: `token_ghp_…` → `TOKEN_GHP_…`); undefined when nothing. The secrets are
 * indexed by their first 8 characters, on the first question: a text is checked in one pass, not once
 * per secret (a dump of 100,000 keys would make that quadratic).
 */
export function secretFinder(secrets: Iterable<string>): (text: string) => string | undefined {
  const values = [...secrets];
  // Indexed on the first question: many finders are never asked (a file without findings, a detection
  // whose name comes from no key).
  let index: { exact: Index; folded: Index } | undefined;
  return (text) => {
    index ??= { exact: indexed(values), folded: indexed(values.map(fold)) };
    const { exact, folded } = index;
    // Stryker disable next-line ConditionalExpression: a shortcut; an empty index finds nothing either.
    if (exact.heads.size === 0) return undefined;
    const found = firstIn(text, exact);
    // Stryker disable next-line ConditionalExpression: a shortcut; an empty index finds nothing either.
    if (found || folded.heads.size === 0) return found;
    // Stryker disable next-line ConditionalExpression: a shortcut; a run shorter than every indexed value spells none.
    for (const [run] of text.matchAll(NAME_RUN)) if (run.length >= MIN && firstIn(fold(run), folded)) return run;
    return undefined;
  };
}

/** The text with what `secretIn` finds in it (secretFinder) shown redacted. */
export function redactSecrets(text: string, secretIn: (text: string) => string | undefined): string {
  for (let found = secretIn(text); found; found = secretIn(text)) text = text.split(found).join(redact(found));
  return text;
}
