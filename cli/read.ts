// Bytes → text, with the guards that keep one bad file from stopping a run: too large, binary,
// not UTF-8. Each becomes a notice naming the file; the rest of the run goes on.
import type { SourceFile } from "../linter-core/index.js";

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** As git judges it: a NUL in the first 8000 bytes means binary (UTF-16 text aside: see utf16Text). */
const BINARY_SNIFF_BYTES = 8000;
const isBinary = (bytes: Uint8Array) => bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0);

const utf16 = { le: new TextDecoder("utf-16le"), be: new TextDecoder("utf-16be") };

/**
 * The text of a UTF-16 file, told by its byte-order mark (what Windows PowerShell's `Out-File` and
 * `>` write, and `.reg` exports): its NULs would otherwise make it binary, and a token in it unseen.
 * Undefined for anything else.
 */
export function utf16Text(bytes: Uint8Array): string | undefined {
  if (bytes.length < 2) return undefined;
  const decoder = bytes[0] === 0xff && bytes[1] === 0xfe ? utf16.le : bytes[0] === 0xfe && bytes[1] === 0xff ? utf16.be : undefined;
  // TextDecoder drops the BOM itself.
  return decoder?.decode(bytes);
}

/**
 * A blob's text as the history reads it (no notices: it is counted, not named): UTF-16 by its mark,
 * else UTF-8 with bad bytes replaced; undefined when it is binary.
 */
export function blobText(bytes: Buffer): string | undefined {
  return utf16Text(bytes) ?? (isBinary(bytes) ? undefined : bytes.toString("utf8"));
}

export interface Notice {
  path: string;
  message: string;
}

export type ReadResult = { file: SourceFile; notice?: Notice } | { notice: Notice };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

export function decode(path: string, bytes: Buffer): ReadResult {
  if (bytes.length > MAX_FILE_BYTES) {
    return { notice: { path, message: `skipped: ${(bytes.length / 1048576).toFixed(1)} MiB is over the ${MAX_FILE_BYTES / 1048576} MiB limit for one file` } };
  }
  const wide = utf16Text(bytes);
  if (wide !== undefined) return { file: { path, text: wide } };
  if (isBinary(bytes)) return { notice: { path, message: "skipped: binary file" } };
  try {
    return { file: { path, text: stripBom(utf8.decode(bytes)) } };
  } catch {
    // Still scan it: a secret in a Latin-1 file is still a secret. Say that bytes were replaced.
    return {
      file: { path, text: stripBom(lenient.decode(bytes)) },
      notice: { path, message: "not valid UTF-8: invalid bytes were replaced before scanning" },
    };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
