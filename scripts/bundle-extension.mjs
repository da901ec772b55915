// The VS Code extension and its integration suite, bundled (CommonJS, as the extension host loads
// them). The extension is self-contained: the core, secretlint and the TypeScript parser go in.
import { build } from "esbuild";
import { copyFileSync, rmSync } from "node:fs";

rmSync("extension/dist", { recursive: true, force: true });
rmSync("extension/out", { recursive: true, force: true });
// ESM dependencies (fdir, under tinyglobby) call createRequire(import.meta.url), which a CommonJS
// bundle leaves undefined: give it the bundle's own URL.
const importMetaUrl = { define: { "import.meta.url": "__import_meta_url" }, banner: { js: 'const __import_meta_url = require("url").pathToFileURL(__filename).href;' } };
const common = { bundle: true, format: "cjs", platform: "node", target: "node20", mainFields: ["module", "main"], sourcemap: true, logLevel: "warning", ...importMetaUrl };
await build({ ...common, entryPoints: ["extension/src/extension.ts"], outfile: "extension/dist/extension.js", external: ["vscode"], minify: true });
await build({
  ...common,
  entryPoints: ["extension/test/suite/index.ts", "extension/test/suite/extension.test.ts", "extension/test/suite/restricted.test.ts"],
  outdir: "extension/out/test/suite",
  external: ["vscode", "mocha"],
});
copyFileSync("LICENSE", "extension/LICENSE");
// The Groovy parser (Jenkinsfiles), loaded by the extension on the first Jenkinsfile.
copyFileSync("node_modules/web-tree-sitter/web-tree-sitter.wasm", "extension/dist/web-tree-sitter.wasm");
copyFileSync("node_modules/@lumis-sh/wasm-groovy/tree-sitter-groovy.wasm", "extension/dist/tree-sitter-groovy.wasm");
