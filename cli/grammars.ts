// Where the CLI finds the WebAssembly parsers the core loads lazily (linter-core/documents/groovy.ts):
// next to the bundle (dist/, as packed), or in node_modules (a checkout running out/).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { registerGroovyWasm } from "../linter-core/documents/groovy.js";

const require = createRequire(import.meta.url);

function locate(file: string, module: string): string {
  const beside = fileURLToPath(new URL(`./${file}`, import.meta.url));
  return existsSync(beside) ? beside : require.resolve(module);
}

export function registerGrammars(): void {
  registerGroovyWasm({
    runtime: () => readFile(locate("web-tree-sitter.wasm", "web-tree-sitter/web-tree-sitter.wasm")),
    grammar: () => readFile(locate("tree-sitter-groovy.wasm", "@lumis-sh/wasm-groovy/tree-sitter-groovy.wasm")),
  });
}
