// Groovy (Jenkinsfiles, shared-library steps) through tree-sitter's Groovy grammar compiled to
// WebAssembly (web-tree-sitter). Loaded on the first Groovy file only, so a repository without a
// Jenkinsfile never pays for it. The core reads no files: each face (the CLI, the editor) says where
// the two .wasm files are by registering a loader of their bytes.
import type { Node, Parser, Tree } from "web-tree-sitter";

export type { Node as GroovyNode };

/** The bytes of tree-sitter's runtime (`tree-sitter.wasm`) and of the Groovy grammar. */
export interface GroovyWasm {
  runtime: () => Promise<Uint8Array>;
  grammar: () => Promise<Uint8Array>;
}

let wasm: GroovyWasm | undefined;
let parser: Promise<Parser | undefined> | undefined;
let missing: string | undefined;

/** Where this face keeps the two .wasm files. Registering again (the same files) changes nothing. */
export function registerGroovyWasm(loader: GroovyWasm): void {
  wasm ??= loader;
}

/** Why Groovy files were read as plain text, when they were (no loader registered, or it failed). */
export function groovyParserMissing(): string | undefined {
  return missing;
}

/** Whether a Groovy file has been met and the parser loaded (a run without one never loads it). */
export function groovyParserLoaded(): boolean {
  return parser !== undefined;
}

function load(): Promise<Parser | undefined> {
  parser ??= (async () => {
    if (!wasm) {
      missing = "no Groovy grammar is registered here";
      return undefined;
    }
    try {
      const { Parser, Language } = await import("web-tree-sitter");
      await Parser.init({ wasmBinary: await wasm.runtime() });
      const language = await Language.load(await wasm.grammar());
      const groovy = new Parser();
      groovy.setLanguage(language);
      return groovy;
    } catch (error) {
      missing = `the Groovy grammar could not be loaded (${error instanceof Error ? error.message : String(error)})`;
      return undefined;
    }
  })();
  return parser;
}

/**
 * How long a parse may take before it is given up: a second, and a second more per 100 KB (30 times
 * what any real Jenkinsfile needs here), at most ten. The grammar's error recovery is quadratic on
 * some broken files (each of many `/*` never closed is lexed again to the end: 90 KB took 33 s).
 */
export function groovyParseBudgetMs(length: number): number {
  return Math.min(10_000, 1_000 + length / 100);
}

/**
 * The syntax tree of a Groovy file; undefined where the grammar is not available (see
 * groovyParserMissing); "gave up" when the parse took over its budget (groovyParseBudgetMs).
 */
export async function parseGroovy(text: string): Promise<Tree | undefined | "gave up"> {
  const groovy = await load();
  if (!groovy) return undefined;
  const start = performance.now();
  const budget = groovyParseBudgetMs(text.length);
  // tree-sitter asks this every so often while it parses; true stops the parse (and it returns null).
  const tree = groovy.parse(text, null, { progressCallback: () => performance.now() - start > budget });
  if (tree) return tree;
  // A stopped parse is resumed by the parser's next call unless it is reset: the next file would be
  // read as the rest of this one.
  groovy.reset();
  return "gave up";
}
