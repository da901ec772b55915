// Bundles the CLI so start-up loads one file instead of walking hundreds of modules.
// Heavy parts (secretlint) stay behind dynamic import() and land in their own chunks.
import { build } from "esbuild";
import { chmodSync, copyFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

rmSync("dist", { recursive: true, force: true });

const options = {
  entryPoints: { cli: "cli/main.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  // The TypeScript parser stays in node_modules, loaded only for TS/JS files.
  external: ["typescript"],
  // jsonc-parser's "main" is a UMD build esbuild cannot follow; its ESM build is under "module".
  mainFields: ["module", "main"],
  target: "node20",
  sourcemap: true,
  // Less to parse and compile at every start: the pre-commit hook pays it on each commit.
  minify: !process.env.NO_MINIFY, // NO_MINIFY=1: readable names in a CPU profile
  logLevel: "warning",
  plugins: [
    {
      // yaml's "node" export is CommonJS; its ESM build (the same code) lets esbuild hoist and tree-shake it.
      name: "yaml-esm",
      setup(build) {
        build.onResolve({ filter: /^yaml$/ }, () => ({ path: fileURLToPath(new URL("../node_modules/yaml/browser/index.js", import.meta.url)) }));
      },
    },
  ],
  banner: {
    // CommonJS dependencies (commander, ignore) call require(); give ESM output one.
    js: "#!/usr/bin/env node\nimport { createRequire as __nhilintCreateRequire } from 'node:module';\nconst require = __nhilintCreateRequire(import.meta.url);",
  },
};
await build(options);
// The history scan's worker threads load their own entry, built apart (one file, its own copy of the
// detectors) so that the CLI's start-up, which the pre-commit hook pays, loads no more chunks for it.
await build({ ...options, entryPoints: { "history-worker": "cli/history-worker.ts" }, splitting: false });
chmodSync("dist/cli.js", 0o755);
// The WebAssembly parsers the core loads lazily (cli/parsers.ts finds them beside the bundle).
// The Groovy grammar is murtaza64/tree-sitter-groovy (MIT), built for web-tree-sitter 0.26 by @lumis-sh/wasm-groovy.
copyFileSync("node_modules/web-tree-sitter/web-tree-sitter.wasm", "dist/web-tree-sitter.wasm");
copyFileSync("node_modules/@lumis-sh/wasm-groovy/tree-sitter-groovy.wasm", "dist/tree-sitter-groovy.wasm");
