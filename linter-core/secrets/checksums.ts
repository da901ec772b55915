// Checksums some token formats carry, so a real token can be told from a look-alike.
// GitHub (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/) and npm
// (https://github.blog/2021-09-23-announcing-npms-new-access-token-format/): `prefix_` + 30 random
// base62 characters + the CRC32 of those 30, in base62, left-padded to 6. Cloudflare
// (https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/): `prefix_` + 40
// characters + the CRC32 of those 40 as 8 lower-case hex digits.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function base62(n: number, width: number): string {
  let out = "";
  do {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, "0");
}

/** The checksum a 30-character body should end with. */
export function base62Crc32(body: string): string {
  return base62(crc32(body), 6);
}

/**
 * Whether `secret` (`ghp_…`, `npm_…`) ends with the CRC32 of its 30-character body; undefined when it
 * is not of that shape at all.
 */
export function hasValidBase62Crc32(secret: string): boolean | undefined {
  const match = /^[a-z]{3}_([0-9A-Za-z]{30})([0-9A-Za-z]{6})$/.exec(secret);
  if (!match) return undefined;
  return base62Crc32(match[1]) === match[2];
}

/** Whether `secret` (`cfat_…`) ends with the CRC32 of its 40-character body in hex; undefined when not of that shape. */
export function hasValidHexCrc32(secret: string): boolean | undefined {
  const match = /^[a-z]+_([0-9A-Za-z]{40})([0-9a-f]{8})$/.exec(secret);
  if (!match) return undefined;
  return crc32(match[1]).toString(16).padStart(8, "0") === match[2];
}
