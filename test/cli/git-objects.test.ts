// `streamObjects`: the history scan's one `git cat-file --batch`, read as the scan pulls. Every blob
// comes whole and in the order asked (a large one arrives in many pipe chunks), a name git does not
// have or that is not a blob comes without content, and a folder outside git is an error that says so.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BatchReader, bareRepository, describeRepository, fetchObjects, GitError, gitLines, isCommit, missingObjects, pathFromGit, pathOnDisk, promisorIn, promisorRemote, readObjects, repositoryRoot, stagedBlobs, streamObjects, textFromGit } from "../../cli/git.js";
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
      }, (error: unknown) => error instanceof GitError && /^git cat-file --batch: fatal: not a git repository/.test(error.message));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("git: cat-file's output read in chunks split anywhere", () => {
  let repo: TempRepo;
  let names: string[];
  let output: Buffer;
  const id = (path: string) => repo.git("rev-parse", `HEAD:${path}`).trim();
  before(() => {
    repo = new TempRepo();
    repo.write("a.txt", "alpha\n");
    repo.write("empty.txt", "");
    repo.write("big.txt", "b".repeat(300) + "\n" + "c".repeat(300));
    repo.write("nl.txt", "\n\n");
    repo.git("add", "-A");
    repo.git("commit", "-q", "--no-verify", "-m", "files");
    const missing = "0123456789abcdef0123456789abcdef01234567";
    names = [id("a.txt"), missing, id("big.txt"), repo.git("rev-parse", "HEAD^{tree}").trim(), id("empty.txt"), id("nl.txt"), id("a.txt")];
    output = spawnSync("git", ["cat-file", "--batch"], { cwd: repo.dir, input: names.join("\n") + "\n" }).stdout;
  });
  after(() => repo.remove());

  const read = (chunks: Buffer[], maxBytes?: number) => {
    const reader = new BatchReader(names, maxBytes);
    const objects = chunks.flatMap((chunk) => [...reader.push(chunk)].map(({ name, bytes, tooLarge }) => ({ name, ...(bytes && { text: bytes.toString() }), ...(tooLarge && { tooLarge }) })));
    return { objects, done: reader.done };
  };
  const expected = (maxBytes = Infinity) => [
    { name: names[0], text: "alpha\n" },
    { name: names[1] },
    300 * 2 + 1 > maxBytes ? { name: names[2], tooLarge: true } : { name: names[2], text: "b".repeat(300) + "\n" + "c".repeat(300) },
    { name: names[3] },
    { name: names[4], text: "" },
    { name: names[5], text: "\n\n" },
    { name: names[6], text: "alpha\n" },
  ];

  // 601 bytes: the large blob is whole at a limit of 601, too large at 600.
  it("the same objects, in order, whole, wherever the output is cut in two or three, or byte by byte", () => {
    for (const maxBytes of [Infinity, 500, 600, 601]) {
      const want = { objects: expected(maxBytes), done: true };
      assert.deepEqual(read([output], maxBytes), want);
      assert.deepEqual(read([...output].map((byte) => Buffer.from([byte])), maxBytes), want, "byte by byte");
      for (let cut = 1; cut < output.length; cut++) {
        assert.deepEqual(read([output.subarray(0, cut), output.subarray(cut)], maxBytes), want, `cut at ${cut}`);
        const second = cut + ((cut * 7919) % (output.length - cut));
        assert.deepEqual(read([output.subarray(0, cut), output.subarray(cut, second), Buffer.alloc(0), output.subarray(second)], maxBytes), want, `cut at ${cut} and ${second}`);
      }
    }
  });

  it("an object is given only once it is whole, and the reader is done only after the last", () => {
    const end = output.indexOf("alpha\n") + "alpha\n".length;
    assert.deepEqual(read([output.subarray(0, end)]).objects, [], "the newline after the content not yet there");
    assert.deepEqual(read([output.subarray(0, end + 1)]), { objects: [{ name: names[0], text: "alpha\n" }], done: false });
    assert.equal(read([output.subarray(0, output.length - 1)]).done, false);
  });
});

describe("git: paths in bytes that are not UTF-8", () => {
  const escaped = (bytes: number[]) => bytes.map((b) => `\\x${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  // Sequences no UTF-8 decoder accepts: a lone continuation byte, bytes never used, overlong forms, a
  // surrogate, past U+10FFFF, and sequences cut short. Each of their bytes is kept as \xHH.
  // A third byte past the continuation range, and bytes that lead nothing followed by what would be continuations.
  const invalid = [[0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5], [0xff], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xe9], [0xe2, 0x82, 0xc0], [0xf5, 0x80, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80], [0xc0, 0x80, 0x80, 0x80], [0x80, 0xbf, 0xbf, 0xbf]];
  // Every lead byte's class at its edges: F1 and F3 lead the planes between U+40000 and U+FFFFF.
  const valid = ["a", "/", "\\", "é", "€", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uffff", "😀", "\u{10ffff}", "\u{10000}", "\u{40000}", "\u{fffff}", "\u{3ffff}", "\u{100000}"];

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
    assert.equal(promisorIn(["xremote.a.promisor true", "remote.b.promisorx true"]), undefined, "whole keys only");
    assert.equal(promisorIn([]), undefined);
  });
});

describe("git: the questions the CLI asks", () => {
  let repo: TempRepo;
  beforeEach(() => (repo = new TempRepo()));
  afterEach(() => repo.remove());
  const commit = (message: string) => repo.git("commit", "-q", "--no-verify", "-m", message);

  it("a repository's root and whether HEAD is a commit; outside git, none", () => {
    const outside = mkdtempSync(join(tmpdir(), "nhilint-nogit-"));
    try {
      assert.equal(repositoryRoot(outside), undefined);
      assert.equal(isCommit(outside, "HEAD"), false);
      assert.equal(bareRepository(outside), undefined);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    repo.write("sub/a.txt", "a\n");
    assert.equal(repositoryRoot(join(repo.dir, "sub")), repo.git("rev-parse", "--show-toplevel").trim());
    assert.equal(isCommit(repo.dir, "HEAD"), false, "an unborn HEAD is no commit");
    repo.git("add", "-A");
    commit("one");
    assert.equal(isCommit(repo.dir, "HEAD"), true);
    assert.equal(isCommit(repo.dir, "HEAD:sub/a.txt"), false, "a blob is no commit");
    assert.equal(bareRepository(repo.dir), undefined, "a work tree is not bare");
    const mirror = join(repo.dir, "..", `${repo.dir.split("/").pop()}-mirror.git`);
    try {
      repo.git("clone", "-q", "--mirror", repo.dir, mirror);
      assert.equal(bareRepository(mirror), mirror);
    } finally {
      rmSync(mirror, { recursive: true, force: true });
    }
  });

  it("a command's lines without empty ones; a failing command's error names it and says git's words", () => {
    repo.write("a.txt", "a\n");
    repo.write("b.txt", "b\n");
    repo.git("add", "-A");
    assert.deepEqual(gitLines(repo.dir, ["ls-files"]), ["a.txt", "b.txt"]);
    assert.throws(() => gitLines(repo.dir, ["rev-parse", "--verify", "nope"]), (error: Error) => error instanceof GitError && /^git rev-parse --verify nope: fatal: Needed a single revision$/.test(error.message));
    assert.throws(() => gitLines(join(repo.dir, "absent"), ["status"]), (error: Error) => error instanceof GitError && /^git status: spawnSync git ENOENT/.test(error.message));
  });

  it("what is staged: each path with its blob, renames and odd names too, never a submodule", () => {
    repo.write("old.txt", "old\n");
    repo.write("keep.txt", "keep\n");
    repo.git("add", "-A");
    commit("one");
    const sub = new TempRepo();
    try {
      sub.write("x.txt", "x\n");
      sub.git("add", "-A");
      sub.git("commit", "-q", "--no-verify", "-m", "sub");
      repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.dir, "vendored");
    } finally {
      sub.remove();
    }
    repo.git("mv", "old.txt", "new name.txt");
    repo.write("line\nbreak.txt", "odd\n");
    repo.write("keep.txt", "changed\n");
    repo.git("add", "-A");
    const staged = stagedBlobs(repo.dir).sort((a, b) => a.path.localeCompare(b.path));
    const blob = (path: string) => repo.git("rev-parse", `:${path}`).trim();
    assert.deepEqual(staged, [
      { path: ".gitmodules", id: blob(".gitmodules") },
      { path: "keep.txt", id: blob("keep.txt") },
      { path: "line\nbreak.txt", id: repo.git("hash-object", "line\nbreak.txt").trim() },
      { path: "new name.txt", id: blob("new name.txt") },
    ]);
  });

  it("objects read at once: blobs by id or :path, in any order; nothing for a tree, a missing name or a name with a newline", () => {
    repo.write("a.txt", "alpha\n");
    repo.write("big.txt", Buffer.alloc(200_000, "b"));
    repo.git("add", "-A");
    commit("one");
    const id = (path: string) => repo.git("rev-parse", `HEAD:${path}`).trim();
    const missing = "0123456789abcdef0123456789abcdef01234567";
    const tree = repo.git("rev-parse", "HEAD^{tree}").trim();
    const objects = readObjects(repo.dir, [tree, id("big.txt"), missing, ":a.txt", "a\nb", id("a.txt")]);
    assert.deepEqual([...objects.keys()], [id("big.txt"), ":a.txt", id("a.txt")]);
    assert.equal(objects.get(":a.txt")?.toString(), "alpha\n");
    assert.equal(objects.get(id("a.txt"))?.toString(), "alpha\n");
    assert.equal(objects.get(id("big.txt"))?.length, 200_000);
    assert.equal(readObjects(repo.dir, []).size, 0);
    assert.equal(readObjects(repo.dir, ["a\nb"]).size, 0);
  });

  it("a partial clone: its promisor remote, the blobs it lacks, and fetching them in one request", () => {
    repo.write("a.txt", "alpha\n");
    repo.write("b.txt", "beta\n");
    repo.git("add", "-A");
    commit("one");
    repo.git("config", "uploadpack.allowFilter", "true");
    repo.git("config", "uploadpack.allowAnySHA1InWant", "true");
    const ids = ["a.txt", "b.txt"].map((path) => repo.git("rev-parse", `HEAD:${path}`).trim());
    const clone = new TempRepo({ git: false });
    try {
      clone.git("clone", "-q", "--no-checkout", "--filter=blob:none", `file://${repo.dir}`, ".");
      assert.equal(promisorRemote(clone.dir), "origin");
      assert.equal(promisorRemote(repo.dir), undefined, "a full clone has none");
      assert.deepEqual(missingObjects(clone.dir, ids).sort(), [...ids].sort());
      const refs = clone.git("show-ref");
      // git's own words, without its "fatal:" prefixes.
      assert.throws(() => fetchObjects(clone.dir, "nowhere", ids), (error: Error) => error instanceof GitError && /^'nowhere' does not appear to be a git repository; Could not read from remote repository/.test(error.message));
      fetchObjects(clone.dir, "origin", ids);
      assert.deepEqual(missingObjects(clone.dir, ids), []);
      assert.equal(readObjects(clone.dir, [ids[1]]).get(ids[1])?.toString(), "beta\n");
      assert.equal(clone.git("show-ref"), refs, "refs unchanged");
    } finally {
      clone.remove();
    }
  });

  it("what a report names: the origin without credentials or .git, the short commit, uncommitted changes", () => {
    assert.deepEqual(describeRepository(repo.dir, "folder"), { name: "folder", commit: null, uncommittedChanges: false });
    repo.write("a.txt", "a\n");
    repo.git("add", "-A");
    commit("one");
    const token = new FakeSecrets(31).chars(20);
    repo.git("remote", "add", "origin", `https://bot:${token}@example.com/team/app.git`);
    const described = describeRepository(repo.dir, "folder");
    assert.deepEqual(described, { name: "https://example.com/team/app", commit: repo.git("rev-parse", "--short=12", "HEAD").trim(), uncommittedChanges: false });
    repo.git("remote", "set-url", "origin", "git@example.com:team/app.github.io.git");
    assert.equal(describeRepository(repo.dir, "folder").name, "git@example.com:team/app.github.io", "only a trailing .git goes; scp-like addresses keep their user");
    repo.git("remote", "set-url", "origin", `https://ci:${token}@example.com/redirect?to=https://bot:${token}@example.com/app`);
    assert.equal(describeRepository(repo.dir, "folder").name, "https://example.com/redirect?to=https://example.com/app", "every user part goes");
    repo.write("a.txt", "changed\n");
    assert.equal(describeRepository(repo.dir, "folder").uncommittedChanges, true);
  });
});
