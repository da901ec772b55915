// The `nhilint` executable (dist/cli.js, CommonJS like all of dist/: no ES module loader to start): V8's
// settings, then the CLI's bundle (dist/nhilint.cjs, built from main.ts) run through V8's code cache
// (code-cache.ts). Each pre-commit run starts a fresh Node, and compiling the bundle cost it 15 ms.
// Kept apart from the bundle, and small, for that reason.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runWithCodeCache } from "./code-cache.js";

// A scan allocates a parse tree per file and keeps only compact facts, so nearly all it allocates is
// garbage; by default V8 lets the heap grow up to 4x the live set before collecting it. Growing by
// 20% instead keeps peak memory near what is live (corpus x8: 700 MB -> 500 MB) at no measured cost in
// time. Read by V8 at each collection, so setting it at start-up takes effect; a V8 without the flag
// ignores it. Set before the bundle is compiled: V8 accepts cached code only under the flags it was
// made with.
try {
  setFlagsFromString("--heap-growing-percent=20");
} catch {
  // not fatal: only memory use differs
}

const bundle = fileURLToPath(new URL("./nhilint.cjs", import.meta.url));
// Without a usable cache folder, the bundle is required as any module is.
runWithCodeCache(bundle, "nhilint", () => createRequire(import.meta.url)(bundle), { cacheAt: "exit" });
