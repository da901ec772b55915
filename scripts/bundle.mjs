// Bundles the CLI so start-up loads one file instead of walking hundreds of modules: dist/nhilint.cjs
// (CommonJS, so that cli/entry.ts, the executable dist/cli.js, can run it with V8's code cache; the
// heavy parts behind dynamic import() are compiled only when a run calls them).
import { build } from "esbuild";
import { chmodSync, copyFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

rmSync("dist", { recursive: true, force: true });

const options = {
  outdir: "dist",
  bundle: true,
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
await build({
  ...options,
  entryPoints: { nhilint: "cli/main.ts" },
  format: "cjs",
  outExtension: { ".js": ".cjs" },
  // CommonJS has no import.meta: the code finds what lies beside it (the worker, the grammars) from its own file.
  define: { "import.meta.url": "__nhilintUrl" },
  banner: { js: "var __nhilintUrl = require('node:url').pathToFileURL(__filename).href, __nhilintRequire = require;" },
  // Nor import() (code compiled by vm.Script has no loader for it): the modules left outside the
  // bundle (Node's own, TypeScript) are required.
  supported: { "dynamic-import": false },
  plugins: [
    ...options.plugins,
    {
      // web-tree-sitter declares `var require` in the function that imports "module": as a require()
      // that call would meet its own, still undefined, variable. It takes the bundle's.
      name: "web-tree-sitter-cjs",
      setup(build) {
        build.onLoad({ filter: /web-tree-sitter[\\/]web-tree-sitter\.js$/ }, async (args) => {
          const text = await readFile(args.path, "utf8");
          const patched = text.replace('await import("module")', '__nhilintRequire("node:module")');
          if (patched === text) throw new Error(`${args.path}: no \`await import("module")\` to patch: check the web-tree-sitter-cjs step`);
          return { contents: patched, loader: "js" };
        });
      },
    },
  ],
});
// The executable: small, it compiles the bundle with the cache.
await build({ ...options, entryPoints: { cli: "cli/entry.ts" }, banner: { js: "#!/usr/bin/env node" } });
// The history scan's worker threads load their own entry, built apart (one file, its own copy of the
// detectors) so that the CLI's start-up, which the pre-commit hook pays, loads nothing for it.
await build({ ...options, entryPoints: { "history-worker": "cli/history-worker.ts" } });
chmodSync("dist/cli.js", 0o755);
// The WebAssembly parsers the core loads lazily (cli/parsers.ts finds them beside the bundle).
// The Groovy grammar is murtaza64/tree-sitter-groovy (MIT), built for web-tree-sitter 0.26 by @lumis-sh/wasm-groovy.
copyFileSync("node_modules/web-tree-sitter/web-tree-sitter.wasm", "dist/web-tree-sitter.wasm");
copyFileSync("node_modules/@lumis-sh/wasm-groovy/tree-sitter-groovy.wasm", "dist/tree-sitter-groovy.wasm");
