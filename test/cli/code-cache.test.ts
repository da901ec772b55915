// TypeScript's compiler loaded with V8's code cache (cli/code-cache.ts): the cache is written in the
// user's cache folder on first use, used after, rewritten when it is damaged or stale, and never
// needed: an unwritable folder only costs the compile. The hook writes nothing in the repository.
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { codeCacheFolder, requireWithCodeCache } from "../../cli/code-cache.js";
import { CLI, ROOT } from "../helpers.js";
import { TempRepo } from "./repo.js";

type TypeScript = typeof import("typescript");

describe("code cache for TypeScript's compiler", function () {
  this.timeout(60_000);
  let folder: string;
  let saved: string | undefined;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "nhilint-cache-"));
    saved = process.env.NHILINT_CACHE_DIR;
    process.env.NHILINT_CACHE_DIR = folder;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.NHILINT_CACHE_DIR;
    else process.env.NHILINT_CACHE_DIR = saved;
    rmSync(folder, { recursive: true, force: true });
  });

  const parses = (ts: TypeScript) => ts.createSourceFile("a.ts", "const token: string = 'x';", ts.ScriptTarget.Latest).statements.length === 1;

  /** A fresh process (V8 keeps what it compiled in memory: a second load in this one would not read the file). */
  const loadInChild = () => {
    const script = `import(${JSON.stringify(new URL("../../cli/code-cache.js", import.meta.url).href)}).then((m) => { const ts = m.requireWithCodeCache("typescript"); process.exit(ts.createSourceFile("a.ts", "const a = 1;", ts.ScriptTarget.Latest).statements.length === 1 ? 0 : 1); })`;
    const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, NHILINT_CACHE_DIR: folder } });
    assert.equal(child.status, 0, child.stderr);
  };

  it("writes the cache on first use, keeps it while it holds, and rewrites one that is damaged", () => {
    loadInChild();
    const [file] = readdirSync(folder);
    assert.match(file, /^typescript-[0-9a-f]{14}\.v8$/);
    const first = readFileSync(join(folder, file));
    assert.ok(first.length > 100_000, `${first.length} bytes of cached code`);
    // Used as it is: not written again.
    loadInChild();
    assert.deepEqual(readFileSync(join(folder, file)), first);
    // Another Node's or another version's cache beside it goes when a new one is written; others stay.
    writeFileSync(join(folder, "typescript-000000000000000000000000.v8"), "an old one");
    writeFileSync(join(folder, "other-module-000000000000000000000000.v8"), "not ours to judge");
    // Damaged (V8 rejects it): the module still loads, and a good cache takes its place.
    writeFileSync(join(folder, file), Buffer.from("not V8's cached data"));
    loadInChild();
    assert.ok(readFileSync(join(folder, file)).length > 100_000);
    assert.deepEqual(readdirSync(folder).sort(), ["other-module-000000000000000000000000.v8", file].sort(), "no partial file or old cache left behind");
  });

  it("a module it defers (node:crypto, which TypeScript requires for a build's hashes) is loaded when first used, not when the file loads", () => {
    const script = `import(${JSON.stringify(new URL("../../cli/code-cache.js", import.meta.url).href)}).then((m) => {
      const loaded = () => process.moduleLoadList.includes("NativeModule crypto");
      const ts = m.requireWithCodeCache("typescript", { deferred: ["crypto"] });
      const before = loaded();
      const hash = ts.sys.createHash("abc");
      console.log(JSON.stringify({ before, after: loaded(), hash }));
    })`;
    // (A file, not `node -e`, whose evaluation loads node:crypto itself.)
    const file = join(folder, "load.mjs");
    writeFileSync(file, script);
    const child = spawnSync(process.execPath, [file], { encoding: "utf8", env: { ...process.env, NHILINT_CACHE_DIR: folder } });
    assert.equal(child.status, 0, child.stderr);
    // SHA-256 of "abc": TypeScript's own hashing reaches the real module through its stand-in.
    assert.deepEqual(JSON.parse(child.stdout), { before: false, after: true, hash: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" });
  });

  it("in this process too: the folder made as deep as it must be, one cache file named after the module and a key, nothing half-written left", () => {
    const deep = join(folder, "one", "two");
    process.env.NHILINT_CACHE_DIR = deep;
    assert.ok(parses(requireWithCodeCache("typescript") as TypeScript));
    const written = readdirSync(deep);
    assert.equal(written.length, 1, written.join());
    assert.match(written[0], /^typescript-[0-9a-f]{14}\.v8$/);
    assert.ok(readFileSync(join(deep, written[0])).length > 100_000);
  });

  it("in this process: another version's cache beside it goes when a new one is written, other modules' stay", () => {
    writeFileSync(join(folder, "typescript-000000000000000000000000.v8"), "an old one");
    writeFileSync(join(folder, "other-module-000000000000000000000000.v8"), "not ours to judge");
    writeFileSync(join(folder, "typescript-notes.txt"), "not a cache");
    assert.ok(parses(requireWithCodeCache("typescript") as TypeScript));
    const left = readdirSync(folder).sort();
    assert.equal(left.length, 3, left.join());
    assert.ok(left.includes("other-module-000000000000000000000000.v8") && left.includes("typescript-notes.txt"));
    assert.match(left.find((name) => name.startsWith("typescript-") && name.endsWith(".v8"))!, /^typescript-[0-9a-f]{14}\.v8$/);
  });

  it("in this process: a folder someone else could write to is neither read nor written", function () {
    if (process.platform === "win32") this.skip();
    chmodSync(folder, 0o777);
    assert.ok(parses(requireWithCodeCache("typescript") as TypeScript));
    assert.deepEqual(readdirSync(folder), []);
    // Group-writable is as open.
    chmodSync(folder, 0o770);
    assert.ok(parses(requireWithCodeCache("typescript") as TypeScript));
    assert.deepEqual(readdirSync(folder), []);
    chmodSync(folder, 0o700);
    assert.ok(parses(requireWithCodeCache("typescript") as TypeScript));
    assert.equal(readdirSync(folder).length, 1);
  });

  it("a folder that cannot be made (a file in its place: as unwritable as it gets, even for root) only costs the compile", () => {
    const blocked = join(folder, "blocked");
    writeFileSync(blocked, "a file, not a folder");
    process.env.NHILINT_CACHE_DIR = join(blocked, "nhilint");
    assert.ok(parses(requireWithCodeCache("typescript") as TypeScript));
  });

  it("lives in the user's cache folder: NHILINT_CACHE_DIR, else $XDG_CACHE_HOME/nhilint, else ~/.cache/nhilint", () => {
    assert.equal(codeCacheFolder({ NHILINT_CACHE_DIR: "/x/y" }), "/x/y");
    assert.equal(codeCacheFolder({ XDG_CACHE_HOME: "/home/u/.cache" }), "/home/u/.cache/nhilint");
    if (process.platform !== "win32") assert.match(codeCacheFolder({}), /\/\.cache\/nhilint$/);
  });

  it("the hook on a staged TypeScript file writes the caches there, and nothing in the repository; later hook runs and scans use them as they are", () => {
    const repo = new TempRepo();
    try {
      repo.write("src/deploy.ts", "export const region = 'eu-west-1';\n");
      repo.git("add", "-A");
      const run = (...args: string[]) => {
        const result = spawnSync(process.execPath, [CLI, ...args], { cwd: repo.dir, encoding: "utf8", env: { ...process.env, NHILINT_CACHE_DIR: folder } });
        assert.equal(result.status, 0, result.stdout + result.stderr);
      };
      const caches = () => new Map(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name))]));
      run("--staged");
      const written = caches();
      assert.deepEqual([...written.keys()].map((name) => name.replace(/-.*/, "")).sort(), ["nhilint", "typescript"]);
      // A short hook run goes without V8's optimising compiler (code-cache.ts), and V8 stamps cached
      // code with its flags: caches compiled or written under the wrong ones would be rejected and
      // rewritten by every other run.
      run("--staged");
      run("src");
      run("--staged");
      assert.deepEqual(caches(), written);
      assert.equal(repo.git("status", "--porcelain"), "A  src/deploy.ts\n");
    } finally {
      repo.remove();
    }
  });
});

describe("the CLI's own bundle, run with V8's code cache (cli/entry.ts)", function () {
  this.timeout(120_000);
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), "nhilint-cache-"))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** The Quick start's scan of the bundled examples, as JSON. */
  const scanExamples = () => {
    const run = spawnSync(process.execPath, [CLI, "examples", "--config", "examples/.nhilint.yaml", "--inventory", "examples/nhi-inventory.yaml", "--format", "json"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NHILINT_CACHE_DIR: folder } });
    assert.equal(run.status, 1, run.stderr);
    return run.stdout;
  };
  const cacheFiles = () => readdirSync(folder).filter((name) => name.startsWith("nhilint-"));

  it("writes the cache at the end of the first run, uses it after, replaces a damaged one: the same findings each time, Groovy parsed", () => {
    const first = scanExamples();
    const report = JSON.parse(first) as { findings: { path: string; ruleId: string }[]; notices: unknown[] };
    // Everything the bundle loads lazily still loads from it: the Groovy grammar (WebAssembly) too.
    assert.deepEqual(report.notices, []);
    assert.ok(report.findings.some((f) => f.path === "examples/jenkins/Jenkinsfile" && f.ruleId === "unowned-connector"), "Jenkinsfile read with its model");
    const [file] = cacheFiles();
    assert.match(file, /^nhilint-[0-9a-f]{14}\.v8$/);
    const cache = readFileSync(join(folder, file));
    assert.ok(cache.length > 100_000, `${cache.length} bytes of cached code`);
    // Used as it is, not written again.
    assert.equal(scanExamples(), first);
    assert.deepEqual(readFileSync(join(folder, file)), cache);
    // Damaged: the run is the same and a good cache takes its place, nothing half-written left.
    writeFileSync(join(folder, file), "not V8's cached data");
    assert.equal(scanExamples(), first);
    assert.deepEqual(cacheFiles(), [file]);
    assert.deepEqual(readdirSync(folder).filter((name) => name.endsWith(".tmp")), []);
    assert.ok(readFileSync(join(folder, file)).length > 100_000);
    // A cache folder that cannot be made: the same run, silently.
    writeFileSync(join(folder, "blocked"), "a file, not a folder");
    const blocked = spawnSync(process.execPath, [CLI, "examples", "--config", "examples/.nhilint.yaml", "--inventory", "examples/nhi-inventory.yaml", "--format", "json"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NHILINT_CACHE_DIR: join(folder, "blocked", "nhilint") } });
    assert.equal(blocked.stdout, first);
    assert.equal(blocked.stderr, "");
  });

  it("a cache folder someone else could write to is not used: nothing read from it nor written to it, the same run", function () {
    if (process.platform === "win32") this.skip();
    const first = scanExamples();
    const [file] = cacheFiles();
    // Another user's (or any process's) code planted where V8 would read it.
    chmodSync(folder, 0o777);
    writeFileSync(join(folder, file), "not V8's cached data, and not ours");
    assert.equal(scanExamples(), first);
    assert.equal(readFileSync(join(folder, file), "utf8"), "not V8's cached data, and not ours", "left as it was: not read, not replaced");
    assert.deepEqual(cacheFiles(), [file]);
    // Made private again, it is used (and the damaged file replaced).
    chmodSync(folder, 0o700);
    assert.equal(scanExamples(), first);
    assert.ok(readFileSync(join(folder, file)).length > 100_000);
  });

  it("a cache folder made where none was is the user's alone (mode 700)", function () {
    if (process.platform === "win32") this.skip();
    const deep = join(folder, "a", "b");
    const run = spawnSync(process.execPath, [CLI, "--version"], { encoding: "utf8", env: { ...process.env, NHILINT_CACHE_DIR: deep } });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(statSync(join(folder, "a")).mode & 0o777, 0o700);
    assert.equal(statSync(deep).mode & 0o777, 0o700);
    assert.equal(readdirSync(deep).filter((name) => name.startsWith("nhilint-")).length, 1);
  });
});
