// Root hooks for mutation testing only (stryker.config.mjs requires this file; the suite does not).
// Stryker runs every test in one process, mutant after mutant, and ES modules are never reloaded: what
// the detectors compute once and keep (the format regexes, the keyword automaton, the answers per key)
// would stay as computed under whichever mutant came first, and later mutants there would survive
// unseen. Before each test they are forgotten, so each test computes them under its own mutant.
import { forgetAutomaton } from "../linter-core/secrets/prefilter.js";
import { forgetBuiltFormats } from "../linter-core/secrets/providers.js";
import { forgetComputedKeys } from "../linter-core/secrets/values.js";

export const mochaHooks = {
  beforeEach(): void {
    forgetAutomaton();
    forgetBuiltFormats();
    forgetComputedKeys();
  },
};
