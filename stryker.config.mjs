// Mutation testing (`npm run test:mutation`, not part of .ci/run: it takes long on two cores).
// Stryker mutates the TypeScript sources in a sandbox, builds them once with every mutant switched in,
// and runs the in-process suites against each mutant the coverage says a test reaches. Incremental:
// .stryker/incremental.json keeps the verdicts, so a later run retests only what changed.
// Narrow a run with `npm run test:mutation -- --mutate 'rules/**/*.ts'`.
import { resolve } from "node:path";

const SANDBOXES = ".stryker/tmp";
// The sandboxes sit inside this repository, whose .gitignore hides .stryker/: a test that runs the
// built CLI in a sandbox would find git's root here and every file ignored. Git stops above them.
process.env.GIT_CEILING_DIRECTORIES = resolve(SANDBOXES);

/**
 * The suites to run: MUTATION_SPEC (comma-separated globs) when set, else `all`. It narrows a run to a
 * module's own tests, where every CLI test that reaches it would take hours
 * (`MUTATION_SPEC=out/test/cli/history-judge.test.js`).
 */
export const suites = (all) => process.env.MUTATION_SPEC?.split(",") ?? all;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "mocha",
  // The core, the rules and the command line, which the in-process suites exercise (the CLI tests run
  // cli/program.ts in the test process). main.ts only wires the process to it.
  mutate: ["linter-core/**/*.ts", "rules/**/*.ts", "cli/**/*.ts", "!cli/main.ts"],
  buildCommand: "npm run build:mutation",
  // Stryker marks mutated files @ts-nocheck; its default pattern names src/, lib/, test/ only.
  disableTypeChecks: "{linter-core,rules,cli}/**/*.ts",
  mochaOptions: {
    // Caches the detectors keep across tests are forgotten before each test (why: test/mutation-hooks.ts).
    require: ["out/test/mutation-hooks.js"],
    spec: suites(["out/test/core/**/*.test.js", "out/test/rules/**/*.test.js", "out/test/platforms/**/*.test.js", "out/test/cli/**/*.test.js"]),
    ignore: [
      // Reads the sources for forbidden imports: instrumented code reads process state by design.
      "out/test/core/purity.test.js",
      // Install the packed package or the pre-commit framework's copy: they run the bundle, never the
      // instrumented code, and take a minute.
      "out/test/cli/package.test.js",
      "out/test/cli/pre-commit.test.js",
    ],
  },
  coverageAnalysis: "perTest",
  incremental: true,
  incrementalFile: ".stryker/incremental.json",
  concurrency: 2,
  timeoutMS: 20000,
  ignoreStatic: true,
  reporters: ["clear-text", "progress-append-only", "html", "json"],
  htmlReporter: { fileName: ".stryker/report.html" },
  jsonReporter: { fileName: ".stryker/report.json" },
  tempDirName: SANDBOXES,
  cleanTempDir: "always",
  thresholds: { high: 90, low: 80, break: null },
  // Equivalent mutants (no behaviour a test could observe), each with its reason, are disabled in the
  // source with `// Stryker disable next-line <mutator>: <reason>`.
};
