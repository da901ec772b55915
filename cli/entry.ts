// The `nhilint` executable (dist/cli.js, CommonJS like all of dist/: no ES module loader to start): the
// CLI's bundle (dist/nhilint.cjs, built from main.ts) run through V8's code cache
// (code-cache.ts). Each pre-commit run starts a fresh Node, and compiling the bundle cost it 15 ms.
// Kept apart from the bundle, and small, for that reason.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { runWithCodeCache } from "./code-cache.js";

const bundle = fileURLToPath(new URL("./nhilint.cjs", import.meta.url));
// Without a usable cache folder, the bundle is required as any module is.
runWithCodeCache(bundle, "nhilint", () => createRequire(import.meta.url)(bundle), { cacheAt: "exit" });
