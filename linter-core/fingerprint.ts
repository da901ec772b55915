// A fingerprint identifies a finding without its line (it survives moves and squashes) and
// without the secret (a SHA-256 of it, truncated). Web Crypto keeps the core browser-safe.

export async function fingerprint(ruleId: string, path: string, identity: string): Promise<string> {
  const data = new TextEncoder().encode(`${ruleId}\u0000${path}\u0000${identity}`);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", data));
  let hex = "";
  for (let i = 0; i < 16; i++) hex += digest[i].toString(16).padStart(2, "0");
  return hex;
}
