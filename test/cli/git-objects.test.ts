// `streamObjects`: the history scan's one `git cat-file --batch`, read as the scan pulls. Every blob
// comes whole and in the order asked (a large one arrives in many pipe chunks), a name git does not
// have or that is not a blob comes without content, and a folder outside git is an error that says so.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GitError, pathFromGit, pathOnDisk, promisorIn, streamObjects, textFromGit } from "../../cli/git.js";
import { FakeSecrets } from "../helpers.js";
import { TempRepo } from "./repo.js";

describe("git: blobs streamed from one cat-file", () => {
  it("every blob whole and in order, nothing for a missing name or a tree, even read slowly", async () => {
    const repo = new TempRepo();
    try {
      const large = Buffer.alloc(300_000, "abcdefghij\n");
      repo.write("large.txt", large);
      repo.write("small.txt", "one line\n");
      repo.write("empty.txt", "");
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "files");
      const id = (path: string) => repo.git("rev-parse", `HEAD:${path}`).trim();
      const tree = repo.git("rev-parse", "HEAD^{tree}").trim();
      const missing = "0123456789abcdef0123456789abcdef01234567";
      const names = [id("small.txt"), missing, id("large.txt"), tree, id("empty.txt"), "a\nb", id("small.txt")];
      const got: { name: string; bytes?: string }[] = [];
      for await (const { name, bytes } of streamObjects(repo.dir, names)) {
        got.push({ name, ...(bytes && { bytes: bytes.toString() }) });
        // A consumer slower than git: what it has not taken waits in the pipe.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.deepEqual(got, [
        { name: id("small.txt"), bytes: "one line\n" },
        { name: missing },
        { name: id("large.txt"), bytes: large.toString() },
        { name: tree },
        { name: id("empty.txt"), bytes: "" },
        { name: id("small.txt"), bytes: "one line\n" },
      ]);
    } finally {
      repo.remove();
    }
  });

  it("a blob over maxBytes comes without content, marked too large, and the ones after it whole", async () => {
    const repo = new TempRepo();
    try {
      repo.write("big.txt", Buffer.alloc(500_000, "x"));
      repo.write("after.txt", "after\n");
      repo.git("add", "-A");
      repo.git("commit", "-q", "--no-verify", "-m", "files");
      const id = (path: string) => repo.git("rev-parse", `HEAD:${path}`).trim();
      const got: { name: string; bytes?: string; tooLarge?: boolean }[] = [];
      for await (const { name, bytes, tooLarge } of streamObjects(repo.dir, [id("big.txt"), id("after.txt")], { maxBytes: 100_000 })) got.push({ name, ...(bytes && { bytes: bytes.toString() }), ...(tooLarge && { tooLarge }) });
      assert.deepEqual(got, [{ name: id("big.txt"), tooLarge: true }, { name: id("after.txt"), bytes: "after\n" }]);
    } finally {
      repo.remove();
    }
  });

  it("nothing asked, nothing read; outside git, an error", async () => {
    const none: { name: string }[] = [];
    for await (const object of streamObjects(tmpdir(), [])) none.push(object);
    assert.deepEqual(none, []);
    const outside = mkdtempSync(join(tmpdir(), "nhilint-nogit-"));
    try {
      await assert.rejects(async () => {
        for await (const object of streamObjects(outside, ["0123456789abcdef0123456789abcdef01234567"])) assert.fail(`read ${object.name} outside git`);
      }, (error: unknown) => error instanceof GitError && /cat-file/.test(error.message));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("git: paths in bytes that are not UTF-8", () => {
  const escaped = (bytes: number[]) => bytes.map((b) => `\\x${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  // Sequences no UTF-8 decoder accepts: a lone continuation byte, bytes never used, overlong forms, a
  // surrogate, past U+10FFFF, and sequences cut short. Each of their bytes is kept as \xHH.
  const invalid = [[0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5], [0xff], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xe9]];
  const valid = ["a", "/", "\\", "é", "€", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uffff", "😀", "\u{10ffff}", "\u{10000}"];

  it("valid parts read as UTF-8, every byte of an invalid sequence as \\xHH, in any mix", () => {
    const random = new FakeSecrets(7);
    const next = (n: number) => random.below(n);
    for (let round = 0; round < 500; round++) {
      const parts: { bytes: Buffer; text: string }[] = [];
      for (let i = 0, n = 1 + next(6); i < n; i++) {
        if (next(2) === 0) {
          const text = valid[next(valid.length)];
          parts.push({ bytes: Buffer.from(text), text });
        } else {
          const bytes = invalid[next(invalid.length)];
          // Then "-": a lone continuation byte next would complete a cut sequence (F0 9F 98 + BF is 😿).
          parts.push({ bytes: Buffer.from([...bytes, 0x2d]), text: `${escaped(bytes)}-` });
        }
      }
      const raw = Buffer.concat(parts.map((p) => p.bytes));
      assert.equal(textFromGit(raw), parts.map((p) => p.text).join(""), `bytes ${raw.toString("hex")}`);
    }
  });

  it("a valid name is the same text, and is opened by that text; an invalid one is opened by its own bytes", () => {
    assert.equal(pathFromGit(Buffer.from("dir/café.yml")), "dir/café.yml");
    assert.equal(pathOnDisk("/r", "dir/café.yml"), join("/r", "dir/café.yml"));
    const raw = Buffer.from([0x64, 0x2f, 0xe9, 0x2e, 0x79]);
    assert.equal(pathFromGit(raw), "d/\\xE9.y");
    assert.deepEqual(pathOnDisk("/r", "d/\\xE9.y"), Buffer.concat([Buffer.from("/r/"), raw]));
  });
});

describe("git: a partial clone's promisor remote, from its configuration", () => {
  it("the remote extensions.partialClone names, else the first remote.<name>.promisor set true (a name with dots too); none in a full clone", () => {
    assert.equal(promisorIn(["remote.origin.promisor true", "extensions.partialclone upstream"]), "upstream");
    assert.equal(promisorIn(["remote.mirror.promisor false", "remote.my.fork.promisor true", "remote.origin.promisor true"]), "my.fork");
    assert.equal(promisorIn(["remote.origin.promisor false"]), undefined);
    assert.equal(promisorIn(["remote.promisor true"]), undefined);
    assert.equal(promisorIn([]), undefined);
  });
});
