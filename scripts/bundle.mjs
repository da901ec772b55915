// Bundles the CLI so start-up loads one file instead of walking hundreds of modules. Everything in
// dist/ is CommonJS (dist/package.json says so): the executable (dist/cli.js, from cli/entry.ts) is
// a small file that runs the CLI's bundle (dist/nhilint.cjs, from cli/main.ts) with V8's code cache
// (code-cache.ts), which only a CommonJS file can be given; and a CommonJS entry spares Node's ES
// module loader (about 10 ms of every run). The heavy parts behind dynamic import() are compiled
// only when a run calls them.
import { build } from "esbuild";
import { chmodSync, copyFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

rmSync("dist", { recursive: true, force: true });

const options = {
  outdir: "dist",
  bundle: true,
  format: "cjs",
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
  // CommonJS has no import.meta: the code finds what lies beside it (the worker, the grammars) from its own file.
  define: { "import.meta.url": "__nhilintUrl" },
  banner: { js: "var __nhilintUrl = require('node:url').pathToFileURL(__filename).href, __nhilintRequire = require;" },
  // Nor import() (code compiled by vm.Script has no loader for it): the modules left outside the
  // bundle (Node's own, TypeScript) are required.
  supported: { "dynamic-import": false },
  plugins: [
    {
      // yaml's "node" export is CommonJS; its ESM build (the same code) lets esbuild hoist and tree-shake it.
      name: "yaml-esm",
      setup(build) {
        build.onResolve({ filter: /^yaml$/ }, () => ({ path: fileURLToPath(new URL("../node_modules/yaml/browser/index.js", import.meta.url)) }));
      },
    },
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
};
await build({ ...options, entryPoints: { nhilint: "cli/main.ts" }, outExtension: { ".js": ".cjs" } });
// The executable: small, it compiles the bundle with the cache.
await build({ ...options, entryPoints: { cli: "cli/entry.ts" }, banner: { js: `#!/usr/bin/env node\n${options.banner.js}` } });
// The history scan's worker threads load their own entry, built apart (one file, its own copy of the
// detectors) so that the CLI's start-up, which the pre-commit hook pays, loads nothing for it.
await build({ ...options, entryPoints: { "history-worker": "cli/history-worker.ts" } });
writeFileSync("dist/package.json", JSON.stringify({ type: "commonjs" }) + "\n");
chmodSync("dist/cli.js", 0o755);
// The WebAssembly parsers the core loads lazily (cli/parsers.ts finds them beside the bundle).
// The Groovy grammar is murtaza64/tree-sitter-groovy (MIT), built for web-tree-sitter 0.26 by @lumis-sh/wasm-groovy.
copyFileSync("node_modules/web-tree-sitter/web-tree-sitter.wasm", "dist/web-tree-sitter.wasm");
copyFileSync("node_modules/@lumis-sh/wasm-groovy/tree-sitter-groovy.wasm", "dist/tree-sitter-groovy.wasm");
