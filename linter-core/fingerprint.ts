// A fingerprint identifies a finding without its line (it survives moves and squashes) and
// without the secret (a SHA-256 of it, truncated).

/** SHA-256 of a string's UTF-8 bytes, as lower-case hex. */
export type Sha256 = (data: string) => string | Promise<string>;

/** Web Crypto keeps the core browser-safe. Node callers may pass node:crypto's instead: same digest, no async start-up. */
export const webCryptoSha256: Sha256 = async (data) => {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(data)));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
};

export async function fingerprint(ruleId: string, path: string, identity: string, sha256: Sha256 = webCryptoSha256): Promise<string> {
  return (await sha256(`${ruleId}\u0000${path}\u0000${identity}`)).slice(0, 32);
}
