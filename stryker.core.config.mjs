// Mutation testing of the core and the rules without the CLI's suites: `npm run test:mutation:core --
// --mutate linter-core/secrets/values.ts`. Every module the detectors use is reached by the CLI tests too
// (they lint files), so with them a surviving mutant there runs them all: values.ts took hours that way,
// 30 minutes this way. The CLI's own modules need stryker.config.mjs.
import base, { suites } from "./stryker.config.mjs";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: ["linter-core/**/*.ts", "rules/**/*.ts"],
  mochaOptions: { ...base.mochaOptions, spec: suites(["out/test/core/**/*.test.js", "out/test/rules/**/*.test.js", "out/test/platforms/**/*.test.js"]) },
  incrementalFile: ".stryker/incremental-core.json",
};
