// How the CLI gives the core the parsers it loads lazily: the WebAssembly Groovy grammar
// (linter-core/documents/groovy.ts), next to the bundle (dist/, as packed) or in node_modules (a
// checkout running out/); and TypeScript (linter-core/platforms/typescript.ts), required from
// node_modules, where it is an optional dependency.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { registerGroovyWasm } from "../linter-core/documents/groovy.js";
import { registerTypescript } from "../linter-core/platforms/typescript.js";
import { requireWithCodeCache } from "./code-cache.js";

const require = createRequire(import.meta.url);

function locate(file: string, module: string): string {
  const beside = fileURLToPath(new URL(`./${file}`, import.meta.url));
  return existsSync(beside) ? beside : require.resolve(module);
}

export function registerParsers(): void {
  // TypeScript's compiler (9 MB) with V8's code cache (code-cache.ts), written at the end of the run:
  // it then holds the parser's functions too, not only the module's top level (the hook on one .ts
  // file: 0.231 s -> 0.220 s).
  registerTypescript(() => requireWithCodeCache("typescript", { cacheAt: "exit", deferred: ["crypto"] }) as ReturnType<Parameters<typeof registerTypescript>[0]>);
  registerGroovyWasm({
    // Read when a Groovy file comes, synchronously: node:fs/promises would load a dozen of Node's
    // modules at every start (2 ms of each hook run) for two reads.
    runtime: async () => readFileSync(locate("web-tree-sitter.wasm", "web-tree-sitter/web-tree-sitter.wasm")),
    grammar: async () => readFileSync(locate("tree-sitter-groovy.wasm", "@lumis-sh/wasm-groovy/tree-sitter-groovy.wasm")),
  });
}
