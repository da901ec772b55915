// Loading large CommonJS code with V8's code cache: TypeScript's compiler (9 MB of JavaScript: a
// pre-commit run that stages one .ts file spent 0.16 s compiling and starting it, of which the cache
// saves three quarters, 162 ms → 44 ms) and the CLI's own bundle (entry.ts: every run). Node 20 has no
// built-in compile cache (module.enableCompileCache is Node 22), so the code is compiled through
// vm.Script with the cached data V8 produced the first time, kept in the user's cache folder (never in
// the repository: the hook changes nothing there). A cache that is missing, stale (another Node,
// another version of the file: V8 rejects it) or unwritable only costs the compile it would have saved.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { isAscii } from "node:buffer";
import { createRequire, Module } from "node:module";
import { dirname, join } from "node:path";
import { withDefaultFlags } from "./v8-flags.js";

const require = createRequire(import.meta.url);
// Required when a module is loaded, not when this file is: the history's worker threads import it
// and most never load TypeScript (each of these costs a thread's start-up).
const node = {
  os: () => withDefaultFlags(() => require("node:os") as typeof import("node:os")),
  vm: () => withDefaultFlags(() => require("node:vm") as typeof import("node:vm")),
};

/** Where the cached data lives: $XDG_CACHE_HOME/nhilint, else the platform's user cache folder. */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NHILINT_CACHE_DIR) return env.NHILINT_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "nhilint");
  if (process.platform === "win32" && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, "nhilint", "cache");
  return join(node.os().homedir(), ".cache", "nhilint");
}

/** What `require(id)` returns, compiled with V8's cached data when there is a usable one. */
export function requireWithCodeCache(id: string, options: CodeCacheOptions = {}): unknown {
  return runWithCodeCache(require.resolve(id), id.replace(/[^\w.-]/g, "_"), () => require(id), options);
}

interface CodeCacheOptions {
  cacheAt?: "run" | "exit";
  /**
   * Modules the file requires as it loads but may never use, given to it as stand-ins that require
   * them on first use (TypeScript's compiler requires node:crypto for the hashes of a build, which
   * parsing never needs: 2.5 ms of each hook run that stages a TS file, 5 ms with TurboFan off).
   */
  deferred?: readonly string[];
}

/** `require` for a file, with the modules named deferred (CodeCacheOptions.deferred). */
function requireFor(file: string, deferred: readonly string[] = []): NodeJS.Require {
  const required = createRequire(file);
  if (deferred.length === 0) return required;
  const wrapped = ((id: string) => (deferred.includes(id) ? onFirstUse(() => required(id) as object) : required(id))) as NodeJS.Require;
  return Object.assign(wrapped, { resolve: required.resolve, cache: required.cache, main: required.main, extensions: required.extensions });
}

/** An object that stands for the one `load` returns, loaded when one of its members is first read. */
function onFirstUse(load: () => object): object {
  let loaded: object | undefined;
  const target = () => (loaded ??= load());
  return new Proxy({}, { get: (_, key) => Reflect.get(target(), key), has: (_, key) => Reflect.has(target(), key) });
}

/**
 * Runs a CommonJS file (as `require` would) with V8's cached data for it, kept under `prefix`.
 * `cacheAt: "exit"` writes the cache when the process ends rather than once the file has run: it then
 * holds every function the run compiled, not only the file's top level (the CLI's own bundle, whose
 * work is done in functions called later). `fallback` runs it without a cache when the file cannot be
 * read.
 */
export function runWithCodeCache(file: string, prefix: string, fallback: () => unknown, options: CodeCacheOptions = {}): unknown {
  let source: string;
  let cacheFile: string;
  let cached: Buffer | undefined;
  try {
    // Read as Latin-1 when it is ASCII (TypeScript's 9 MB are): the same text, decoded in a fifth of the time.
    const bytes = readFileSync(file);
    source = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
    const { size, mtimeMs } = statSync(file);
    // One cache per Node build and per version of the file: V8 would reject the others anyway.
    const key = nameHash(`${process.version}\0${process.arch}\0${file}\0${size}\0${mtimeMs}`);
    const folder = codeCacheFolder();
    // Node runs what the cache holds: a folder someone else could write to is not used at all.
    if (!isPrivate(folder)) return fallback();
    cacheFile = join(folder, `${prefix}-${key}.v8`);
    cached = readOptional(cacheFile);
  } catch {
    return fallback();
  }
  // Compiled, run and its cache made under the default flags (withDefaultFlags): V8 stamps the cache
  // with them, and the Node modules the file requires as it runs are compiled from Node's own cache.
  return withDefaultFlags(() => {
    const script = new (node.vm().Script)(Module.wrap(source), { filename: file, cachedData: cached });
    const module = { exports: {} as unknown, id: file, filename: file, loaded: false };
    const write = () => writeCache(cacheFile, prefix, script.createCachedData());
    if ((!cached || script.cachedDataRejected) && options.cacheAt === "exit") process.once("exit", write);
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, requireFor(file, options.deferred), module, file, dirname(file));
    module.loaded = true;
    if ((!cached || script.cachedDataRejected) && options.cacheAt !== "exit") write();
    return module.exports;
  });
}

/**
 * A cache file's name: cyrb53, 53 bits of a fast string hash, in hex (node:crypto would cost each run
 * 2.5 ms to load). A collision is harmless: V8 rejects cached data made for a source of another length.
 */
function nameHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

function writeCache(cacheFile: string, prefix: string, data: Buffer): void {
  try {
    mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
    // Written whole, then moved in: a concurrent run never reads half a cache.
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, data);
    renameSync(partial, cacheFile);
    // The caches of other Node builds or versions of the file are of no use any more: one per prefix.
    for (const name of readdirSync(dirname(cacheFile))) {
      if (name.startsWith(`${prefix}-`) && name.endsWith(".v8") && join(dirname(cacheFile), name) !== cacheFile) rmSync(join(dirname(cacheFile), name), { force: true });
    }
  } catch {
    // A read-only home, a full disk: the next run compiles again, nothing worse.
  }
}

/**
 * Whether only this user can write to the folder (or, where it does not exist yet, to the nearest
 * folder above it that does, where it would be made): its owner, with no write bit for group or
 * others. Windows' folders are the user's own by default and their mode says nothing: not checked there.
 */
function isPrivate(folder: string): boolean {
  if (process.platform === "win32" || typeof process.getuid !== "function") return true;
  for (let at = folder; ; at = dirname(at)) {
    let stats;
    try {
      stats = statSync(at);
    } catch {
      if (dirname(at) === at) return false;
      continue;
    }
    // (A folder above ~/.cache, such as /home, is root's: only the nearest existing one is judged.)
    return stats.isDirectory() && stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
  }
}

function readOptional(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
