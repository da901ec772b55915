// All secret detectors over one file, merged: the credential-format table, private keys, base64-wrapped
// tokens, URL passwords, script idioms, values under credential-like keys (also in embedded JSON), and
// secretlint's preset rules the table does not cover. Overlapping hits become one detection.
import type { Confidence, FileModel, LiteralValue, Span } from "../model.js";
import { LineIndex, valueTextSpan } from "../text.js";
import { findNamedSecret, findProviderSecrets, namedFormatsIn, namesProvider, type NamedFormats, type ProviderMatch } from "./providers.js";
import { expandsNoDollar, findScriptSecrets, isProgramSource } from "./scripts.js";
import { mergeCandidates, type Candidate } from "./merge.js";
import { runSecretlint } from "./secretlint.js";
import { authorizationCredential, decodeBase64, findPgpassPasswords, findPrivateKeys, findUrlPasswords, isBenign, isPgpassFile, isCiphertext, isCredentialKey, isPlaceholder, isReference, isUuidSecret, looksLikeCredential, toSecretName } from "./values.js";

export interface SecretDetection {
  span: Span;
  value: string;
  /** What was found, secret-free: "GitHub token", "password in a URL". */
  title: string;
  /** Name for the secret when it is moved out (from the key when there is one). */
  secretName: string;
  confidence: Confidence;
  /** The literal that holds it, when it sits in one: a fix replaces within it. */
  literal?: LiteralValue;
}

// Titles and secret names for the preset rules that still run (secretlint.ts, COVERED_BY_TABLE).
const SECRETLINT_TITLES: Record<string, string> = {
  aws: "AWS secret access key",
  docker: "Docker registry credential",
  figma: "Figma token",
  gcp: "GCP service account key",
  groq: "Groq API key",
  privatekey: "private key",
  vercel: "Vercel token",
};

const SECRETLINT_NAMES: Record<string, string> = {
  aws: "AWS_SECRET_ACCESS_KEY",
  gcp: "GCP_SERVICE_ACCOUNT_KEY",
  groq: "GROQ_API_KEY",
  privatekey: "PRIVATE_KEY",
  vercel: "VERCEL_TOKEN",
  figma: "FIGMA_TOKEN",
  docker: "DOCKERHUB_TOKEN",
};



// The `private_key` string of a service-account key file: `"private_key": "-----BEGIN …\n…"`.
const SERVICE_ACCOUNT_KEY = /"private_key"\s*:\s*"((?:[^"\\\n]|\\.)+)"/;

/**
 * secretlint's gcp rule reports a whole service-account key file: the secret is its `private_key`
 * string. Judged as the whole file, a placeholder elsewhere in it (`"project_id": "xxxxxxxx"`) made the
 * file look like an example and hid the key.
 */
function serviceAccountKeySpan(text: string, hit: { start: number; end: number }): Span {
  // (The hit is the whole file as secretlint parsed it, and the rule reports only a key that has a
  // `private_key`: the slice and the fallback are defensive.)
  // Stryker disable next-line MethodExpression: defensive (above).
  const match = SERVICE_ACCOUNT_KEY.exec(text.slice(hit.start, hit.end));
  // Stryker disable next-line ObjectLiteral: defensive (above).
  if (!match) return { start: hit.start, end: hit.end };
  const start = hit.start + match.index + match[0].length - 1 - match[1].length;
  return { start, end: start + match[1].length };
}

// secretlint's aws rule reports a secret access key from where its name starts, 40 characters on (the
// value's length, not the match's): read again at that place, the secret is the value after the name.
const AWS_SECRET_VALUE = /["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?[ \t]{0,100}(?::|=>|=)[ \t]{0,100}["']?([A-Za-z0-9/+=]{40})/dy;

/** Where the secret of secretlint's aws report is: its 40-character value (the report's own range where it is not found). */
function awsSecretSpan(text: string, hit: { start: number; end: number }): Span {
  AWS_SECRET_VALUE.lastIndex = hit.start;
  // (Read where secretlint matched the same shape, it always matches: the fallback is defensive.)
  // Stryker disable next-line OptionalChaining: defensive (above)
  const value = AWS_SECRET_VALUE.exec(text)?.indices?.[1];
  // Stryker disable next-line ObjectLiteral: the key-judged and assignment detectors report the same value, which the merge places; the fallback is defensive
  return value ? { start: value[0], end: value[1] } : { start: hit.start, end: hit.end };
}

/** What the table, the private-key and the secretlint detectors recognise in a decoded text. */
async function knownFormat(path: string, decoded: string): Promise<string | undefined> {
  const provider = findProviderSecrets(decoded)[0];
  if (provider) return provider.format.title;
  const key = findPrivateKeys(decoded)[0];
  if (key) return `${key.kind} private key`;
  // (filter-comments only drops other rules' messages: it reports none of its own.)
  // Stryker disable next-line ConditionalExpression,StringLiteral: the filter is a guard (above).
  const known = (await runSecretlint(path, decoded)).find((hit) => hit.rule !== "filter-comments")?.rule;
  // Stryker disable next-line StringLiteral: every rule that runs has a title (SECRETLINT_TITLES); the fallback is for a preset upgrade.
  return known ? (SECRETLINT_TITLES[known] ?? `${known} credential`) : undefined;
}

/**
 * A base64 value (a Kubernetes Secret's `data`) judged by what it decodes to: the detectors' title
 * when one recognises it, else a credential when the platform or the key says so or it looks random.
 */
async function encodedSecret(path: string, literal: LiteralValue): Promise<Pick<SecretDetection, "title" | "confidence"> | undefined> {
  const decoded = decodeBase64(literal.value);
  if (decoded === undefined || isBenign(decoded)) return undefined;
  const where = `base64 in \`${literal.key}\``;
  const known = await knownFormat(path, decoded);
  if (known) return { title: `${known} (${where})`, confidence: "high" };
  // Stryker disable next-line StringLiteral: any key that is not a password's judges the value as a token.
  if (literal.alwaysCredential || isCredentialKey(literal.key) || looksLikeCredential(decoded, "token")) return { title: `credential (${where})`, confidence: "medium" };
  return undefined;
}

const PRINTABLE = /^[\x20-\x7e\r\n\t]+$/;

/**
 * Base64 anywhere in the text that decodes to a known credential format (gitleaks decodes too): a
 * token wrapped in `echo … | base64 -d`, a Basic header, a config blob. Only decoded text that is
 * printable is looked at.
 */
async function encodedTokens(model: FileModel): Promise<Candidate[]> {
  const { path, text } = model;
  const found: Candidate[] = [];
  // A platform's base64 field (a Secret's `data`) is judged with its key, below.
  const encodedFields = model.literals.filter((l) => l.encoding === "base64");
  for (const span of base64Runs(text)) {
    // Stryker disable next-line EqualityOperator: no base64 run starts at a field's end (a quote, a blank or a line's end is there).
    if (encodedFields.some((l) => l.span.start <= span.start && span.start < l.span.end)) continue;
    const value = text.slice(span.start, span.end);
    // Most base64-looking runs (hashes, certificates) decode to bytes, not text: look at 6 bytes first.
    // Stryker disable next-line ConditionalExpression: a shortcut; the whole decoded text is tested below.
    if (!PRINTABLE.test(atob(value.slice(0, 8)))) continue;
    const decoded = decodeBase64(value);
    if (decoded === undefined || !PRINTABLE.test(decoded)) continue;
    const known = await knownFormat(path, decoded);
    if (known) found.push({ span, value, title: `${known} (base64-encoded)`, secretName: "ENCODED_SECRET", confidence: "high", priority: 3 });
  }
  return found;
}

// Character kinds for base64 runs: 1 base64 ([A-Za-z0-9+/]), 2 `=`, 3 `_` or `-` (base64url: a run
// touching one is not standard base64), 0 anything else.
const BASE64_KIND = (() => {
  const kinds = new Uint8Array(128);
  for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") kinds[ch.charCodeAt(0)] = 1;
  kinds[61] = 2;
  kinds[95] = kinds[45] = 3;
  return kinds;
})();

/**
 * Runs of 24+ base64 characters and up to two `=`, not touching another base64, `_` or `-`
 * character: one pass, what `(?<![\w+/-])[A-Za-z0-9+/]{24,}={0,2}(?![\w+/-])` finds, without the
 * regex engine's per-position lookbehind (a full scan reads megabytes).
 */
export function base64Runs(text: string): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  const n = text.length;
  // Outside the text charCodeAt is NaN, and past 127 the table has no entry: both read as kind 0.
  const kind = (i: number) => BASE64_KIND[text.charCodeAt(i)] ?? 0;
  // The scan reads every character of every file: the inner loops test the table directly, and
  // only within it (`code >= 128` spares V8 an out-of-bounds read; the answer is the same without it).
  let p = 0;
  // Stryker disable next-line EqualityOperator: at n, charCodeAt is NaN, not base64: the loop steps past it.
  while (p < n) {
    let code = text.charCodeAt(p);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the bounds shortcut (above).
    if (code >= 128 || BASE64_KIND[code] !== 1) {
      p++;
      continue;
    }
    // A run starts here (the character before, if any, is not base64: the scan stopped on it).
    let e = p + 1;
    // Stryker disable next-line EqualityOperator: at n, charCodeAt is NaN, not base64: the run ends there either way.
    for (; e < n; e++) {
      code = text.charCodeAt(e);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the bounds shortcut (above).
      if (code >= 128 || BASE64_KIND[code] !== 1) break;
    }
    if (e - p >= 24 && kind(p - 1) !== 3) {
      let pads = 0;
      while (pads < 2 && kind(e + pads) === 2) pads++;
      // As the regex backtracks: the most `=` after which no base64, `_` or `-` follows.
      for (let k = pads; k >= 0; k--) {
        const after = kind(e + k);
        if (after !== 1 && after !== 3) {
          runs.push({ start: p, end: e + k });
          break;
        }
      }
    }
    // The character at e is not base64: no run starts there.
    p = e + 1;
  }
  return runs;
}

// (Not `\s*=?\s*`: on a long run of spaces the two runs split it every way, quadratic in its length.)
const EMBEDDED_JSON = /^\s*(?:=\s*)?[{[]/;
// A word of every key isCredentialKey accepts (test/core/secret-detect.test.ts checks each of its examples).
const CREDENTIAL_WORD = /token|secret|pass|pwd|key|auth|cred|pat|dsn|conn|webhook/i;

/**
 * JSON inside a string (an n8n `jsonBody`, a `with: payload:` of an action, `={…}` expressions):
 * its credential-like keys are judged as any key is. Located in the raw text of the literal.
 */
function embeddedJsonSecrets(text: string, literal: LiteralValue): Candidate[] {
  // A bound on the work, then cheap checks: most literals are not JSON, and JSON without a credential
  // word has no key to judge (the parse and the key check would say so, at a cost).
  if (literal.value.length > 100_000) return [];
  // Stryker disable next-line ConditionalExpression,LogicalOperator: these two checks only spare the parse.
  if (!EMBEDDED_JSON.test(literal.value) || !CREDENTIAL_WORD.test(literal.value)) return [];
  const source = literal.value.trim().replace(/^=/, "");
  let root: unknown;
  try {
    root = JSON.parse(source);
  } catch {
    // Not JSON after all: root stays undefined, and nothing is read.
  }
  const found: Candidate[] = [];
  const raw = text.slice(literal.span.start, literal.span.end);
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  for (let visited = 0; stack.length > 0 && visited < 5_000; visited++) {
    const { node, depth } = stack.pop()!;
    if (depth > 20 || node === null || typeof node !== "object") continue;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value !== "string") {
        stack.push({ node: value, depth: depth + 1 });
        continue;
      }
      if (!isCredentialKey(key) || !(looksLikeCredential(value, key) || isUuidSecret(value, key))) continue;
      const at = raw.indexOf(value);
      // Stryker disable next-line EqualityOperator: the raw text opens with a quote, a blank, `=` or a bracket: no value is found at 0.
      if (at < 0) continue;
      const start = literal.span.start + at;
      found.push({ span: { start, end: start + value.length }, value, title: `credential-like value under \`${key}\` (in embedded JSON)`, secretName: toSecretName(key), nameKey: key, confidence: "medium", priority: 1 });
    }
  }
  return found;
}

/**
 * `secretlint-disable-line` and `secretlint-disable-next-line` comments (what users of secretlint
 * already wrote): whether an offset sits on a line they disable. Undefined when the text has none.
 */
function secretlintDisabled(text: string): ((offset: number) => boolean) | undefined {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut; a text without such a comment disables no line.
  if (!text.includes("secretlint-disable")) return undefined;
  const index = new LineIndex(text);
  const lines = new Set<number>();
  for (const match of text.matchAll(/secretlint-disable-(next-)?line/g)) {
    const line = index.position(match.index!).line;
    lines.add(match[1] ? line + 1 : line);
  }
  return (offset) => lines.has(index.position(offset).line);
}

// What a literal needs to add a detection of its own in program source (detectSecrets' literal loop and
// the script idioms over literals), as the text shows it. Each test is looser than what it stands for.
// A key the literal is bound to that isCredentialKey accepts (or AUTH_PROPERTIES maps), ending with one
// of these words and at most 21 name characters after it (a qualified name: `API_KEY_PROD`), then (past
// a closing quote or bracket, comments, `?`/`!`) an assignment, `:`, `??` or `||`,
// or (a call's name and value, `set("token", "…")`) a closing quote and a comma:
const LITERAL_KEY_WORD = String.raw`(?:token|secret|passw(?:or)?d|pwd|passphrase|pass|key|credentials?|webhook[_-]?(?:url|secret)|connection[_-]?string|conn[_-]?str|dsn|pat|auth|creds|authorization|bearer)s?`;
// A comment where the operator would be (`token /* … */ =`) counts as one: reading on to its end from
// every such word was quadratic (`token /*token /*…` never closed), and a gate may say yes too often.
const BOUND_KEY = new RegExp(`${LITERAL_KEY_WORD}[\\w.-]{0,21}(?:(?:\\\\?["'\x60])?\\]?\\s*(?:[?!]\\s*)?(?::|[-+*/%&|^?<>]{0,3}=|\\?\\?|\\|\\||/[*/])|["'\x60]\\s*(?:,|/[*/]))`, "i");
// The command-line flag idiom (`--api-token x`), the Authorization, login (docker's, .netrc's), curl-user,
// npm, sshpass, MySQL, redis-cli, openssl and Dockerfile ENV idioms, a JWT signed with a literal key,
// a literal that is an Authorization value (`"Bearer …"`), and escapes that could spell any word.
const OTHER_LITERAL_SIGNS = [
  // A `-` and later in the same run of name characters one of these words; tried from each run's start
  // only (from every `-` it would read the rest of the run again: quadratic on `a-a-a-…`).
  /(?<![\w-])\w*-[\w-]*(?:token|pass|key|secret|pat|credential)/i,
  /authorization|\blogin\b|\s(?:-u|--user|--http-password)|_auth|_password|sshpass|mysql|redis-cli|openssl|pass:|^[ \t]*ENV[ \t]|jwt|jsonwebtoken/im,
  /["'\x60](?:\s|\\[ntrvf0])*(?:bearer|basic|token|bot)(?:\s|\\[ntrvf])/i,
  /\\[ux]/i,
];

/**
 * Whether a literal of program source (TypeScript/JavaScript) could add a detection to what the text
 * alone gives: false means parsing the file for its literals cannot change detectSecrets' answer when
 * the text alone gives none (the history then skips the parse: nearly all of a TS/JS version's cost).
 * Checked against the parse on real and generated source (test/core/secret-literals-gate.test.ts).
 */
export function literalsMayMatter(text: string): boolean {
  return BOUND_KEY.test(text) || OTHER_LITERAL_SIGNS.some((sign) => sign.test(text)) || namedFormatsIn(text).formats.length > 0;
}

// What a literal of a YAML or JSON document needs to add a detection of its own, as the text shows it:
// a key (or a bound name: `name: API_TOKEN` / `value: …`) that isCredentialKey accepts, or that names
// a provider whose format is known by its name, is somewhere a run of name characters that does too
// (the word it ends with ends the run; a provider's name is made of name characters) standing as a key
// or as a whole value (bindsAValue), and so is a Secret manifest's `kind: Secret` (its `data` is
// decoded, its `stringData` judged by key or shape); an Authorization value; an escape that could
// spell any of these.
const NAME_RUN = /[A-Za-z0-9_.-]+/g;
// (An Authorization value's scheme starts the value: not `GITHUB_TOKEN }}`, but `\tBearer …` in JSON.)
const DOCUMENT_SIGNS = [/\\[uUx]/, /(?:(?<![A-Za-z0-9_])|(?<=\\[ntrbf]))(?:bearer|basic|token|bot)\s/i];

/**
 * Whether a literal of a YAML or JSON document could add a detection to what the text alone gives:
 * false means building the platform's model cannot change detectSecrets' answer when the text alone
 * gives none (the history then skips the model: YAML's parse is most of a version's cost). Checked
 * against the models on the corpus and on generated documents (test/core/secret-literals-gate.test.ts).
 */
export function documentLiteralsMayMatter(text: string): boolean {
  if (DOCUMENT_SIGNS.some((sign) => sign.test(text))) return true;
  const named = namedFormatsIn(text);
  for (const match of text.matchAll(NAME_RUN)) {
    const run = match[0];
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; with no named format namesProvider says no.
    if ((isCredentialKey(run) || (named.formats.length > 0 && namesProvider(run, named))) && bindsAValue(text, match.index!, match.index! + run.length)) return true;
  }
  return false;
}

// (A backslash too: a key in JSON held in a string, `"{\"apiKey\": …}"`.)
const isBlankOrQuote = (code: number) => code === 32 || code === 9 || code === 10 || code === 13 || code === 34 || code === 39 || code === 92;
/** Farther than this through blanks and quotes, a run is taken to bind a value (the answer must err towards yes). */
const BINDING_REACH = 200;

/**
 * Whether a run of name characters stands where a literal takes its key from: a key (`run:`, `"run":`,
 * `run =`, `? run` then `:`), or a whole value after a colon (`name: API_TOKEN`, whose sibling `value:`
 * a model binds to it; `kind: Secret`). Not a word in a description, a commit message or a
 * `${{ secrets.RUN }}` reference, which bind nothing: the most common reason a workflow's versions
 * were parsed for nothing.
 */
function bindsAValue(text: string, start: number, end: number): boolean {
  let after = end;
  // (Past either end of the text charCodeAt is NaN, no blank: the loops stop there.)
  while (isBlankOrQuote(text.charCodeAt(after))) if (++after - end > BINDING_REACH) return true;
  const next = text.charCodeAt(after);
  if (next === 58 || next === 61) return true; // `:` or `=`
  let before = start;
  while (isBlankOrQuote(text.charCodeAt(before - 1))) if (start - --before > BINDING_REACH) return true;
  return text.charCodeAt(before - 1) === 58; // `:`
}

function providerCandidate(hit: ProviderMatch): Candidate {
  const { format, checksumValid } = hit;
  const title =
    checksumValid === true ? `${format.title}, checksum valid` : checksumValid === false ? `${format.title}, checksum does not match (mistyped or altered: still a leak)` : format.title;
  return {
    span: { start: hit.start, end: hit.end },
    value: hit.value,
    title,
    secretName: format.secretName,
    // A shape of its own is a strong signal; a value known only by the name beside it, or a token
    // whose checksum fails, is a medium one.
    confidence: checksumValid === false || format.names ? "medium" : "high",
    priority: 3,
  };
}

/**
 * A value bound to a key (a literal's, or a piece of text its expression holds): known by the provider
 * the key names, an Authorization value, a credential by the platform's word or by the key's.
 */
function boundValue(text: string, literal: LiteralValue, value: string, namedFormats: () => NamedFormats): Candidate | undefined {
  const span = valueTextSpan(text, literal);
  const raw = text.slice(span.start, span.end);
  const header = authorizationCredential(value);
  const bound = header?.credential ?? value.trim();
  // A value known by the provider named in its key: `name: PULUMI_TOKEN` / `value: pul-…`.
  const named = raw.includes(bound) ? findNamedSecret(literal.key, bound, namedFormats()) : undefined;
  if (named) {
    const start = span.start + raw.indexOf(bound);
    return { span: { start, end: start + bound.length }, value: bound, title: named.title, secretName: toSecretName(literal.key), nameKey: literal.key, confidence: "medium", priority: 3 };
  }
  if (header && raw.includes(header.credential)) {
    const start = span.start + raw.indexOf(header.credential);
    return {
      span: { start, end: start + header.credential.length },
      value: header.credential,
      title: "token in an Authorization header value",
      // The rule names it after an informative key; a bare header gets a generic name.
      secretName: "API_TOKEN",
      confidence: "medium",
      priority: 2,
    };
  }
  const known = literal.alwaysCredential && value.trim() !== "" && !isReference(value) && !isCiphertext(value) && !isPlaceholder(value);
  if (!known && (!isCredentialKey(literal.key) || !(looksLikeCredential(value, literal.key) || isUuidSecret(value.trim(), literal.key)))) return undefined;
  // A value the platform read out of a longer text (an n8n expression's string) is where it is written.
  const at = raw.indexOf(bound);
  const valueSpan = at < 0 ? span : { start: span.start + at, end: span.start + at + bound.length };
  return {
    span: valueSpan,
    value: text.slice(valueSpan.start, valueSpan.end),
    title: known ? `credential in \`${literal.key}\`` : `credential-like value under \`${literal.key}\``,
    secretName: toSecretName(literal.key),
    nameKey: literal.key,
    confidence: "medium",
    priority: 1,
  };
}

export async function detectSecrets(model: FileModel): Promise<SecretDetection[]> {
  const { text } = model;
  const candidates: Candidate[] = [];

  for (const hit of await runSecretlint(model.path, text)) {
    // Stryker disable next-line ConditionalExpression: another rule's hit holds no `"private_key": "…"` string, and the span is then the hit's.
    const span = hit.rule === "gcp" ? serviceAccountKeySpan(text, hit) : hit.messageId === "AWSSecretAccessKey" ? awsSecretSpan(text, hit) : { start: hit.start, end: hit.end };
    candidates.push({
      span,
      value: text.slice(span.start, span.end),
      // Stryker disable next-line StringLiteral: every rule that runs has a title and a name (the tables above); the fallbacks are for a preset upgrade.
      title: SECRETLINT_TITLES[hit.rule] ?? `${hit.rule} credential`,
      // Stryker disable next-line StringLiteral: the same.
      secretName: SECRETLINT_NAMES[hit.rule] ?? toSecretName(`${hit.rule}_token`),
      confidence: "high",
      priority: 3,
    });
  }
  for (const hit of findProviderSecrets(text)) candidates.push(providerCandidate(hit));
  for (const key of findPrivateKeys(text)) {
    candidates.push({ span: { start: key.start, end: key.end }, value: text.slice(key.start, key.end), title: `${key.kind} private key`, secretName: "PRIVATE_KEY", confidence: "high", priority: 3 });
  }
  candidates.push(...(await encodedTokens(model)));
  // A URL's password is judged like any password, whatever the scheme or host:
  // `postgres:postgres@localhost` guards a test container, `redis://:s3cr3t…@cache.example.com` does not.
  for (const hit of findUrlPasswords(text)) {
    candidates.push({ span: { start: hit.start, end: hit.end }, value: hit.value, title: "password in a URL", secretName: "URL_PASSWORD", confidence: "medium", priority: 2 });
  }
  if (isPgpassFile(model.path)) {
    for (const hit of findPgpassPasswords(text)) candidates.push({ span: { start: hit.start, end: hit.end }, value: hit.value, title: "password in a PostgreSQL password file", secretName: "PGPASSWORD", confidence: "medium", priority: 2 });
  }
  // Script idioms over the whole text: every platform's script fields (run:, inlineScript:,
  // before_script:, command:, n8n Code nodes, Logic Apps inline code) and anything else that holds one.
  // In program source (TypeScript/JavaScript) the idioms read the string literals only: code is not a script
  // (a string's own keys are text, bound as in text: `login(token: "…")` in a GraphQL query).
  // A file that does not parse has no model to bind its keys or hold its literals: it is read as plain text is.
  const asText = model.platform === "text" || model.parseErrors.length > 0;
  const stringLiterals = model.platform === "typescript" && !asText;
  const scripts = stringLiterals ? model.literals.map((l) => ({ offset: l.span.start, source: text.slice(l.span.start, l.span.end) })) : [{ offset: 0, source: text }];
  const programSource = asText && (model.platform === "typescript" || isProgramSource(model.path));
  // (JavaScript's quoted strings expand no `$`, nor do the languages expandsNoDollar names; a shell's do.)
  const literalDollar = model.platform === "typescript" || expandsNoDollar(model.path);
  const sources = [
    ...scripts.map((script) => ({ ...script, options: { programSource, keyBindings: asText || stringLiterals, literalDollar } })),
    // A program held in a field (JavaScript, or n8n's Python) is read as a program file is, its quoted keys bound as well.
    ...(asText ? [] : model.literals.filter((l) => l.program).map((l) => ({ offset: l.span.start, source: text.slice(l.span.start, l.span.end), options: { programSource: true, keyBindings: true, literalDollar: true } }))),
  ];
  for (const { offset, source, options } of sources) {
    for (const hit of findScriptSecrets(source, options)) {
      // Stryker disable next-line ConditionalExpression: a nameKey of undefined is no nameKey to the merge.
      candidates.push({ span: { start: offset + hit.start, end: offset + hit.end }, value: hit.value, title: hit.title, secretName: hit.secretName, ...(hit.nameFrom !== undefined && { nameKey: hit.nameFrom }), confidence: "medium", priority: 2 });
    }
  }
  let namedFormats: NamedFormats | undefined;
  for (const literal of model.literals) {
    if (literal.encoding === "base64") {
      const found = await encodedSecret(model.path, literal);
      const span = valueTextSpan(text, literal);
      // Stryker disable next-line MethodExpression: the merge takes each detection's value from its span.
      if (found) candidates.push({ span, value: text.slice(span.start, span.end), secretName: toSecretName(literal.key), nameKey: literal.key, priority: 3, ...found });
    } else if (literal.role === "assignment") {
      candidates.push(...embeddedJsonSecrets(text, literal));
      for (const value of literal.texts ?? [literal.value]) {
        const found = boundValue(text, literal, value, () => (namedFormats ??= namedFormatsIn(text)));
        if (found) candidates.push(found);
      }
    }
  }

  // secretlint's own disable comments keep working for what the table now finds in its place.
  const disabled = secretlintDisabled(text);
  if (disabled) for (let i = candidates.length - 1; i >= 0; i--) if (disabled(candidates[i].span.start)) candidates.splice(i, 1);

  return mergeCandidates(text, model.literals, candidates);
}
