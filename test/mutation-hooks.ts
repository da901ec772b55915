// Root hooks for mutation testing only (stryker.config.mjs requires this file; the suite does not).
// Stryker runs every test in one process, mutant after mutant, and ES modules are never reloaded: what
// the core computes once and keeps (the format regexes, the keyword automaton, the answers per key,
// the last path's, the revocation pages by title) would stay as computed under whichever mutant came first, and later mutants there
// would survive unseen. So they are forgotten: before every test of the first run (each test then
// covers what it computes), and when the active mutant changes (each mutant's tests compute them under it).
import { forgetLastPath } from "../linter-core/platforms/common.js";
import { forgetAutomaton } from "../linter-core/secrets/prefilter.js";
import { forgetBuiltFormats } from "../linter-core/secrets/providers.js";
import { forgetRevocationPages } from "../linter-core/secrets/revocation.js";
import { forgetComputedKeys } from "../linter-core/secrets/values.js";

let lastMutant: string | undefined;

export const mochaHooks = {
  beforeEach(): void {
    const active = (globalThis as { __stryker__?: { activeMutant?: string } }).__stryker__?.activeMutant;
    if (active !== undefined && active === lastMutant) return;
    lastMutant = active;
    forgetAutomaton();
    forgetBuiltFormats();
    forgetComputedKeys();
    forgetLastPath();
    forgetRevocationPages();
  },
};
