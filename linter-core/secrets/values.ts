// What a credential-like key is, and whether a value bound to it looks like a real credential
// rather than a reference, a placeholder, an identifier or a version.

/** Keys that name a credential. Word boundaries are `_`, `-`, `.` or a case change (apiKey). */
const CREDENTIAL_KEY =
  /(^|[_\-.]|(?<=[a-z]))(token|secret|passw(or)?d|pwd|passphrase|api[_-]?key|apikey|access[_-]?key|private[_-]?key|secret[_-]?key|client[_-]?secret|credentials?|auth[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|license[_-]?key|webhook[_-]?(url|secret)|connection[_-]?string|conn[_-]?str|sas[_-]?token|key)s?$/i;

/** Keys that look credential-like but name something public or something else. */
const NOT_CREDENTIAL_KEY =
  /(public|_id$|-id$|[a-z]Id$|_ids$|name$|_file$|-file$|_path$|-path$|_dir$|_url$|-url$|_uri$|_user(name)?$|_env$|_type$|_version$|_length$|_header$|_endpoint$|_prefix$|_suffix$|_expir|_ttl$|cache|restore|space[_-]?key|project[_-]?key|issue[_-]?key|object[_-]?key|routing[_-]?key|sort[_-]?key|primary[_-]?key|partition|idempotency|^key$|_key_id$|fingerprint|known[_-]?hosts|_usage$|_scope$|_format$|_algorithm$|vault|_enabled$|_required$|_rotation)/i;

/** `webhook_url` and connection strings carry the credential inside: keep them even with _url. */
const CREDENTIAL_URL_KEY = /(webhook[_-]?url|connection[_-]?string|conn[_-]?str|dsn)$/i;

export function isCredentialKey(key: string): boolean {
  if (CREDENTIAL_URL_KEY.test(key)) return true;
  return CREDENTIAL_KEY.test(key) && !NOT_CREDENTIAL_KEY.test(key);
}

export function isPasswordKey(key: string): boolean {
  return /(passw(or)?d|pwd|passphrase)s?$/i.test(key);
}

/** A reference to a value kept elsewhere, in any platform's syntax. */
const REFERENCE =
  /\$\{\{|\$\{[A-Za-z_][\w.]*\}|^\$[A-Za-z_]\w*$|\$\([\w.-]+\)|%[A-Za-z_]\w*%|\{\{.*\}\}|\$\{\w+:|@parameters\(|@variables\(|^\$\{?env:|#\{|\bsecretKeyRef\b|^!|^@\{|^@[A-Za-z]+\(/;

export function isReference(value: string): boolean {
  return REFERENCE.test(value);
}

/** Placeholders people write instead of a real value, and documented example keys. */
const PLACEHOLDER =
  /^<.*>$|^\[.*\]$|^\{[\w .-]+\}$|^\*+$|^x{3,}$|x{6,}|X{6,}|\.{3}|…|changeme|change[_-]?me|replace[_-]?(me|with|this)|your[_-]|[_-]your|^my[_-]|placeholder|example|dummy|redacted|sample|^fake|^test$|^password\d*$|^secret\d*$|^token$|^none$|^null$|^nil$|^undefined$|^todo|^tbd$|fixme|insert[_-]|enter[_-]|^(foo|bar|baz|abc|abcd|abc123|1234|12345|123456|12345678|qwerty|letmein|admin|root|pass|guest|default)$|AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI\/K7MDENG/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ARN = /^arn:aws[\w-]*:/;
const VERSION = /^v?\d+(\.\d+)*([-+][\w.]+)?$/;
const DIGEST = /^(sha256|sha512|sha1|md5):[0-9a-f]+$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const PUBLIC_KEY = /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+|-----BEGIN (PUBLIC KEY|CERTIFICATE|PGP PUBLIC)|age1[0-9a-z]{20,})/;
const PATH_LIKE = /^(\.{0,2}\/|~\/|[A-Za-z]:\\)[\w.@\\/-]*$|^[\w.-]+\/[\w./-]+$/;
const URL_WITHOUT_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^\s/@:]+(:\d+)?([/?#][^\s]*)?$/i;
const TEST_MARKER = /test|local|dev|demo|dummy|sample|insecure|ci[_-]?pass/i;
const WORDS = /^[A-Za-z]+([ _.-][A-Za-z]+)*$/;

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
}

/** Values that are never credentials whatever key they sit under. */
export function isBenign(value: string): boolean {
  const v = value.trim();
  return (
    v.length === 0 ||
    isReference(v) ||
    isPlaceholder(v) ||
    UUID.test(v) ||
    ARN.test(v) ||
    VERSION.test(v) ||
    DIGEST.test(v) ||
    EMAIL.test(v) ||
    PUBLIC_KEY.test(v) ||
    PATH_LIKE.test(v) ||
    URL_WITHOUT_CREDENTIALS.test(v) ||
    /^(true|false|yes|no|on|off|\d+)$/i.test(v)
  );
}

/**
 * Does a value bound to a credential-like key look like a real credential? Tokens and keys must be
 * long and random; passwords may be shorter but not a plain word (test-container passwords such as
 * `postgres` are left alone: they guard nothing).
 */
export function looksLikeCredential(value: string, key: string): boolean {
  const v = value.trim();
  if (/\s/.test(v) || v.length > 1000 || isBenign(v)) return false;
  if (isPasswordKey(key)) {
    // Passwords of throw-away test containers say so: `Localtestpass1!`, `dev-password`.
    if (v.length < 8 || WORDS.test(v) || TEST_MARKER.test(v)) return false;
    return characterClasses(v) >= 3 || (characterClasses(v) >= 2 && entropy(v) >= 3);
  }
  if (v.length < 16 || WORDS.test(v)) return false;
  return entropy(v) >= 3 && characterClasses(v) >= 2;
}

/** `Bearer abc…`, `Basic abc…`, `token abc…`: an Authorization header value held in a field. */
const AUTH_VALUE = /^(?:bearer|basic|token|bot)\s+(\S+)$/i;

export function authorizationCredential(value: string): { offset: number; credential: string } | undefined {
  const match = AUTH_VALUE.exec(value.trim());
  if (!match || !looksLikeCredential(match[1], "token")) return undefined;
  return { offset: value.indexOf(match[1]), credential: match[1] };
}

/** The password inside `scheme://user:password@host`, if any. */
export function urlPassword(value: string): string | undefined {
  return /:\/\/[^:/@\s]*:([^@\s/]+)@/.exec(value)?.[1];
}

/**
 * The text a base64 value encodes (a Kubernetes Secret's `data`), or undefined when it is not base64.
 * Binary content comes back with U+FFFD where it is not UTF-8.
 */
export function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, "");
  if (compact === "" || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(compact), (ch) => ch.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
