// Bytes to text (cli/read.ts), as `--staged` reads blobs from the index: too large, binary and not
// UTF-8 each become a notice naming the file, a byte-order mark is dropped, and UTF-16 (told by its
// mark) is read as text.
import assert from "node:assert/strict";
import { decode, MAX_FILE_BYTES } from "../../cli/read.js";

describe("reading bytes as text", () => {
  it("a file over the limit is skipped with its size; at the limit it is read", () => {
    assert.deepEqual(decode("big.yml", Buffer.alloc(MAX_FILE_BYTES + 1, 0x61)), { notice: { path: "big.yml", message: "skipped: 10.0 MiB is over the 10 MiB limit for one file" } });
    assert.ok("file" in decode("edge.yml", Buffer.alloc(MAX_FILE_BYTES, 0x61)));
  });

  it("a NUL in the first 8000 bytes is binary; one after is not", () => {
    assert.deepEqual(decode("a.bin", Buffer.from([0x61, 0x00, 0x62])), { notice: { path: "a.bin", message: "skipped: binary file" } });
    const late = Buffer.concat([Buffer.alloc(8000, 0x61), Buffer.from([0x00])]);
    assert.ok("file" in decode("late.txt", late));
  });

  it("invalid UTF-8 is read with replacements and said; a byte-order mark is dropped", () => {
    const latin1 = decode("l.yml", Buffer.from([0x61, 0xe9, 0x62]));
    assert.deepEqual(latin1, { file: { path: "l.yml", text: "a\ufffdb" }, notice: { path: "l.yml", message: "not valid UTF-8: invalid bytes were replaced before scanning" } });
    assert.deepEqual(decode("bom.yml", Buffer.from("\ufeffa: b\n")), { file: { path: "bom.yml", text: "a: b\n" } });
    assert.deepEqual(decode("mid.yml", Buffer.from("a\ufeffb")), { file: { path: "mid.yml", text: "a\ufeffb" } }, "only a leading mark is dropped");
  });

  it("UTF-16 with its byte-order mark (Windows PowerShell's Out-File) is text, little- or big-endian; without one, its NULs make it binary", () => {
    const text = '$env:GH_TOKEN = "x"\r\nWrite-Host "é ok"\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le.subarray(2)).swap16();
    assert.deepEqual(decode("a.ps1", le), { file: { path: "a.ps1", text } });
    assert.deepEqual(decode("b.ps1", Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { file: { path: "b.ps1", text } });
    assert.deepEqual(decode("c.ps1", le.subarray(2)), { notice: { path: "c.ps1", message: "skipped: binary file" } });
    assert.deepEqual(decode("d.txt", Buffer.from([0xff])), { file: { path: "d.txt", text: "\ufffd" }, notice: { path: "d.txt", message: "not valid UTF-8: invalid bytes were replaced before scanning" } });
    assert.deepEqual(decode("empty.ps1", Buffer.from([0xff, 0xfe])), { file: { path: "empty.ps1", text: "" } }, "a mark alone is an empty UTF-16 file");
    // Only the two bytes of a mark, in its order, mean UTF-16: one of them, or either alone in first place, is Latin-1.
    for (const bytes of [[0xff, 0x61, 0x62], [0x61, 0xfe, 0x62], [0xfe, 0x61, 0x62], [0x61, 0xff, 0x62], [0xfe, 0xfe, 0x61]]) {
      const read = decode("l.txt", Buffer.from(bytes));
      assert.ok("file" in read && read.notice?.message.startsWith("not valid UTF-8"), JSON.stringify(bytes));
    }
  });
});
