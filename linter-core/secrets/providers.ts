// The credential-format table (formats.ts), compiled: token shapes are found wherever they stand;
// provider-name formats where the provider's name stands before the value, in the text
// (`SENTRY_TOKEN=…`, `--pulumi-token=…`, `X-Doppler: …`, `?doppler=…`) or as the key a value is bound
// to (a Kubernetes `name:`/`value:` pair, an n8n header parameter).
import { hasValidBase62Crc32, hasValidHexCrc32 } from "./checksums.js";
import { CREDENTIAL_FORMATS, type CredentialFormat } from "./formats.js";
import { keywordsFoundIn, mayMatch, registerKeywords } from "./prefilter.js";
import { escapeRegExp, matchesOf } from "../text.js";
import { entropy, isPlaceholder } from "./values.js";

export interface ProviderMatch {
  format: CredentialFormat;
  start: number;
  end: number;
  value: string;
  /** For formats with a checksum: whether it holds. */
  checksumValid?: boolean;
}

/** A format with its keywords; its regexes are built the first time a file holds a keyword. */
interface Compiled {
  format: CredentialFormat;
  /** Its place in the table: formats run in table order. */
  order: number;
  keywords: string[];
  built?: Built;
}

interface Built {
  /** Global: over the text. */
  pattern: RegExp;
  /** Anchored: the whole value bound to a key naming the provider. */
  whole?: RegExp;
  /** Whether a key names the provider. */
  nameIn?: RegExp;
  allow: RegExp[];
  /** The format's own fixed runs (Dropbox's AAAAAAAAAA): not a placeholder's repetition. */
  literalRuns: boolean;
}

/** A name compared without case inside a regex whose value part may be case-sensitive. */
const anyCase = (name: string) => escapeRegExp(name).replace(/[a-z]/gi, (ch) => `[${ch.toLowerCase()}${ch.toUpperCase()}]`);

/** After a backslash, a Unicode property's name (`p{Lu}`): read where the escape is (sticky). */
const UNICODE_PROPERTY = /[pP]\{[^}]*\}/y;

/**
 * A regex source that matches without case, for a regex that cannot take the `i` flag (its names
 * must keep their case): letters outside classes become `[xX]`, letter ranges in classes gain the
 * other case.
 */
export function caseless(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") {
      // A Unicode property (`\p{Lu}`) is a name: kept as written.
      UNICODE_PROPERTY.lastIndex = i + 1;
      // Stryker disable next-line StringLiteral: a regex's source never ends in a lone backslash.
      const property = UNICODE_PROPERTY.exec(source)?.[0] ?? source[i + 1] ?? "";
      out += ch + property;
      i += property.length;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      // Stryker disable next-line StringLiteral: a regex's source never ends inside a class (`[a-`).
      else if (/[a-z]/i.test(ch) && source[i + 1] === "-" && /[a-z]/i.test(source[i + 2] ?? "")) {
        const range = `${ch}-${source[i + 2]}`;
        out += range + (ch === ch.toLowerCase() ? range.toUpperCase() : range.toLowerCase());
        i += 2;
        continue;
      } else if (/[a-z]/i.test(ch)) {
        out += ch.toLowerCase() + ch.toUpperCase();
        continue;
      }
      out += ch;
      continue;
    }
    if (ch === "[") inClass = true;
    out += /[a-z]/i.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch;
  }
  return out;
}

/** A name as lower case, Capitalised or UPPER CASE only. */
const exactCase = (name: string) => `${escapeRegExp(name)}|${escapeRegExp(name[0].toUpperCase() + name.slice(1))}|${escapeRegExp(name.toUpperCase())}`;

// gitleaks's operator set between a name and its value (=, :, :=, =>, ?=, ||, a comma), and the
// characters that may end a value (quotes, whitespace, ; , & ) } ] < | \, the end).
const OPERATOR = String.raw`[\w.-]{0,20}?[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}`;
// A backslash ends a value too: it opens an escape (`\n`, `\"`) when the text is a JSON string.
const END = String.raw`(?=[\x60'"\s;,&)}\]<|\\]|$)`;

function build(format: CredentialFormat): Built {
  let pattern: RegExp;
  let whole: RegExp | undefined;
  let nameIn: RegExp | undefined;
  if (format.token) {
    pattern = new RegExp(format.token, `${format.flags ?? ""}g`);
  } else {
    let source = format.value!;
    let flags = format.flags ?? "";
    if (format.namesExact && flags.includes("i")) {
      source = caseless(source);
      flags = flags.replace("i", "");
    }
    const names = format.names!.map(format.namesExact ? exactCase : anyCase).join("|");
    pattern = new RegExp(`(?:${names})${OPERATOR}(${source})${END}`, `${flags}g`);
    whole = new RegExp(`^(?:${source})$`, flags);
    nameIn = new RegExp(names);
  }
  // Stryker disable next-line ArrayDeclaration: no format's value can hold the text Stryker puts in.
  const allow = (format.allow ?? []).map((a) => new RegExp(a));
  return { pattern, whole, nameIn, allow, literalRuns: hasLiteralRuns(format) };
}

/**
 * The format itself spells a run (Dropbox's AAAAAAAAAA, Twitter's A{22}): that is not a placeholder's.
 * A class repeated (`[a-z]{5}`, `\w{82}`) spells none.
 */
export function hasLiteralRuns(format: CredentialFormat): boolean {
  return /(\w)\1{4}|(?<!\\)\w\{\d+\}/.test(format.token ?? format.value!);
}

const built = (c: Compiled): Built => (c.built ??= build(c.format));

// Keywords are registered when this module loads; regexes are built on first need (the hook's
// files need few of the formats).
const compiled: Compiled[] = CREDENTIAL_FORMATS.map((format, order) => ({ format, order, keywords: [...(format.names ?? []), ...(format.keywords ?? [])] }));
registerKeywords(compiled.flatMap((c) => c.keywords));
/** Keyword → the formats it gates; and the formats with no keyword, which always run. */
const byKeyword = new Map<string, Compiled[]>();
for (const c of compiled) for (const keyword of c.keywords) byKeyword.set(keyword.toLowerCase(), [...(byKeyword.get(keyword.toLowerCase()) ?? []), c]);
const ungated = compiled.filter((c) => c.keywords.length === 0);

/** Forget the regexes built so far (mutation testing: each test must build them under its own mutant). */
// Stryker disable next-line BlockStatement: only the mutation tests' own hook calls it.
export function forgetBuiltFormats(): void {
  for (const c of compiled) c.built = undefined;
}

/** The formats whose keywords occur in the text, in table order (one keyword pass). */
function formatsFor(text: string): Compiled[] {
  const wanted = new Set<Compiled>(ungated);
  for (const keyword of keywordsFoundIn(text)) for (const c of byKeyword.get(keyword) ?? []) wanted.add(c);
  return [...wanted].sort((a, b) => a.order - b.order);
}

// A webhook URL's host, with or without its scheme (`hooks.slack.com/`); hosts are written in lower case.
const URL_HOST = /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?\//;

/**
 * The part of a token after its fixed prefix segments (`sk_test_`, `xoxe.xoxp-1-`); of a webhook URL,
 * its longest path segment, the credential (the team and channel ids beside it are identifiers, which
 * a made-up example may fill with `TTTTT` while the key itself is real).
 */
function body(secret: string): string {
  const host = URL_HOST.exec(secret);
  // Stryker disable next-line MethodExpression,EqualityOperator,StringLiteral: the host and the start are shorter than any key; of two segments as long, either is as random.
  if (host) return secret.slice(host[0].length).split("/").reduce((a, b) => (b.length > a.length ? b : a), "");
  let rest = secret;
  for (let i = 0; i < 4; i++) {
    const match = /^[A-Za-z0-9]{1,8}[_.~-]/.exec(rest);
    if (!match || match[0].length >= rest.length - 8) break;
    rest = rest.slice(match[0].length);
  }
  return rest;
}

const FILLER_WORDS = /your|here|random|string|example|sample|dummy|fake|placeholder|redacted|insert|replace|changeme|secret|password|token|apikey|xxxx/i;

function hasSequence(value: string, length: number): boolean {
  let up = 1;
  let down = 1;
  // Stryker disable next-line EqualityOperator: past the end a character code is NaN, which counts as no step.
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    if (up >= length || down >= length) return true;
  }
  return false;
}

/** The share of neighbouring characters that count up (`0123-5678` is mostly counting). */
function countingShare(value: string): number {
  if (value.length < 8) return 0;
  let up = 0;
  // Stryker disable next-line EqualityOperator: past the end a character code is NaN, which counts as no step.
  for (let i = 1; i < value.length; i++) if (value.charCodeAt(i) - value.charCodeAt(i - 1) === 1) up++;
  return up / (value.length - 1);
}

/**
 * The share of characters in runs of three or more that count up: counting restarted at each group
 * (`…012-5678-0123-5678`) counts in short runs that cover most of it; a random body has few.
 */
function countedRunsShare(value: string): number {
  if (value.length < 8) return 0;
  let covered = 0;
  let run = 1;
  for (let i = 1; i <= value.length; i++) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: past the end a character code is NaN, which counts as no step.
    if (i < value.length && value.charCodeAt(i) - value.charCodeAt(i - 1) === 1) {
      run++;
      continue;
    }
    if (run >= 3) covered += run;
    run = 1;
  }
  return covered / value.length;
}

/**
 * A value of the right shape that nobody would issue: documented samples, repeated or sequential
 * characters, filler words, too little entropy.
 */
export function isPlaceholderToken(secret: string, options: { entropy?: number; literalRuns?: boolean } = {}): boolean {
  if (isPlaceholder(secret)) return true;
  // Stryker disable next-line ConditionalExpression: nothing is less than undefined either.
  if (options.entropy !== undefined && entropy(secret) < options.entropy) return true;
  const rest = body(secret);
  // In a long random body a filler word turns up by chance (1 % at 300 characters): only short bodies.
  if (rest.length <= 64 && FILLER_WORDS.test(rest)) return true;
  // Separators aside: `A3-ABCDEF-012345-…` counts as much as `ABCDEF012345`.
  const compact = rest.replace(/[^A-Za-z0-9]/g, "");
  // Five letters or six digits alike: a random digit group repeats five times one time in 250.
  if (!options.literalRuns && /([A-Za-z])\1{4}|(\d)\2{5}/.test(compact)) return true;
  if (hasSequence(compact, 6) || countingShare(compact) >= 0.5 || countedRunsShare(compact) >= 0.5) return true;
  return rest.length >= 10 && entropy(rest) < 2;
}

function accept(c: Compiled, secret: string): boolean {
  const { allow, literalRuns } = built(c);
  if (allow.some((a) => a.test(secret))) return false;
  return !isPlaceholderToken(secret, { entropy: c.format.entropy, literalRuns });
}

function checksumOf(format: CredentialFormat, secret: string): boolean | undefined {
  if (format.checksum === "base62-crc32") return hasValidBase62Crc32(secret);
  // Stryker disable next-line ConditionalExpression: the hex checksum answers undefined for a token without its formats' prefixes.
  return format.checksum === "hex-crc32" ? hasValidHexCrc32(secret) : undefined;
}

/** Every format whose keywords occur in `text`, run over it; offsets are relative to `text`. */
export function findProviderSecrets(text: string): ProviderMatch[] {
  const matches: ProviderMatch[] = [];
  for (const c of formatsFor(text)) {
    for (const match of matchesOf(text, built(c).pattern)) {
      // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: no format's shape has a group that can stay empty or out of the match before its secret's.
      const value = match.slice(1).find((group) => group !== undefined && group !== "") ?? match[0];
      if (!accept(c, value)) continue;
      const start = match.index! + match[0].lastIndexOf(value);
      matches.push({ format: c.format, start, end: start + value.length, value, checksumValid: checksumOf(c.format, value) });
    }
  }
  return matches;
}

/** The provider-name formats whose names occur in a file (one keyword pass): the only ones a key in it can name. */
export interface NamedFormats {
  readonly formats: readonly Compiled[];
}

export function namedFormatsIn(text: string): NamedFormats {
  return { formats: formatsFor(text).filter((c) => c.format.names && mayMatch(text, c.format.names)) };
}

/** Whether a key could name one of these formats' providers (what findNamedSecret asks of a key first). */
export function namesProvider(key: string, named: NamedFormats): boolean {
  return named.formats.some((c) => built(c).nameIn!.test(key));
}

/**
 * A provider-name format recognised from the key a value is bound to: `value` is the whole value
 * (an Authorization scheme such as `Bearer ` already removed); `named` comes from the file's text.
 */
export function findNamedSecret(key: string, value: string, named: NamedFormats): CredentialFormat | undefined {
  for (const c of named.formats) {
    const { nameIn, whole } = built(c);
    if (nameIn!.test(key) && whole!.test(value) && accept(c, value)) return c.format;
  }
  return undefined;
}
