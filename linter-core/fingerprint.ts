// A fingerprint identifies a finding without its line (it survives moves and squashes) and without
// what was found: a SHA-256 of rule, path and identity, truncated. Where the identity is a secret
// value, a plain hash would be an oracle (hash a guessed password, compare), so the value first goes
// through a salted, deliberately slow derivation: PBKDF2-HMAC-SHA256 at OWASP's 600,000 iterations,
// with the salt from the baseline file (one per repository, shared by the team).

/** SHA-256 of a string's UTF-8 bytes, as lower-case hex. */
export type Sha256 = (data: string) => string | Promise<string>;

/** The slow derivation of a secret value: PBKDF2-HMAC-SHA256(secret, salt, iterations) → 32 bytes, hex. */
export type DeriveKey = (secret: string, salt: string, iterations: number) => Promise<string>;

/**
 * How secret-valued identities are fingerprinted: the slow derivation with a salt; `skip` leaves them
 * empty (a face that shows none: the editor, stylish); `plain` is version 1 baselines' fast unsalted
 * hash, kept only so an old baseline still matches until it is migrated.
 */
export type SecretFingerprints = SlowDerivation | "skip" | "plain";
export interface SlowDerivation {
  salt: string;
  iterations: number;
  derive?: DeriveKey;
}

export const KDF_ALGORITHM = "PBKDF2-HMAC-SHA256";
/** OWASP Password Storage Cheat Sheet's figure for PBKDF2-HMAC-SHA256. */
export const KDF_ITERATIONS = 600_000;
/**
 * Used only where there is no baseline (and so no repository salt yet). Public, so one precomputed
 * table would serve every such repository; each guess still costs the slow derivation.
 */
export const PUBLIC_SALT = "nhilint/no-baseline-salt/v2";

/** Distinct secret values in one file above which the file's values are derived as one pool. */
export const POOLED_ABOVE = 16;

const hex = (bytes: Uint8Array) => {
  let text = "";
  for (const byte of bytes) text += byte.toString(16).padStart(2, "0");
  return text;
};

/** Web Crypto keeps the core browser-safe. Node callers may pass node:crypto's instead: same digest, no async start-up. */
export const webCryptoSha256: Sha256 = async (data) => hex(new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(data))));

const webCryptoPbkdf2: DeriveKey = async (secret, salt, iterations) => {
  const encoder = new TextEncoder();
  const key = await globalThis.crypto.subtle.importKey("raw", encoder.encode(secret), "PBKDF2", false, ["deriveBits"]);
  const bits = await globalThis.crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: encoder.encode(salt), iterations }, key, 256);
  return hex(new Uint8Array(bits));
};

// One derivation per distinct (salt, secret) in a process: the editor and repeated runs lint the
// same values again. Held in memory only, bounded.
const derived = new Map<string, Promise<string>>();
const DERIVED_LIMIT = 1024;

export function deriveSecretIdentity(secret: string, options: SlowDerivation): Promise<string> {
  const key = `${options.iterations}\u0000${options.salt}\u0000${secret}`;
  let result = derived.get(key);
  if (!result) {
    if (derived.size >= DERIVED_LIMIT) derived.delete(derived.keys().next().value!);
    result = (options.derive ?? webCryptoPbkdf2)(secret, options.salt, options.iterations).then((digest) => `${KDF_ALGORITHM}:${digest}`);
    derived.set(key, result);
    result.catch(() => derived.delete(key));
  }
  return result;
}

export async function fingerprint(ruleId: string, path: string, identity: string, sha256: Sha256 = webCryptoSha256): Promise<string> {
  return (await sha256(`${ruleId}\u0000${path}\u0000${identity}`)).slice(0, 32);
}
