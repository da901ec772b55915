// The V8 flags the executable tunes for its run, and the one way back to V8's defaults. Set for the
// whole process, so only by nhilint's own process (main.ts), never where it runs inside
// another program (tests, an editor). Node compiles its own modules from the code cache built into it,
// and V8 accepts a code cache (code-cache.ts), only under the flags they were made with: with any of
// these set, `node:child_process` took 4.3 ms to load instead of 1.1 ms, `node:crypto` 4.3 ms instead of
// 1.5 ms. So Node's modules are loaded, and code caches compiled and made, under the defaults
// (withDefaultFlags), the tuning put back after.
import { setFlagsFromString } from "node:v8";

const tuning = {
  /**
   * A scan allocates a parse tree per file and keeps only compact facts, so nearly all it allocates is
   * garbage; by default V8 lets the heap grow up to 4x the live set before collecting it. Growing by 20%
   * instead keeps peak memory near what is live (corpus x8: 700 MB -> 500 MB) at no measured cost in
   * time. Read by V8 at each collection, so it takes effect whenever it is set.
   */
  heapGrowth: false,
  /**
   * V8's optimising compiler off for a short run (a scan that lints 256 KB or less: most commits, and
   * the files the pre-commit framework names). Such a run ends before TurboFan's code pays back its
   * compiling, which competes with the run for the second core: the hook on 10 workflows (31 KB)
   * 0.172 s -> 0.152 s, on 40 (208 KB) 0.267 s -> 0.238 s; even at 150 (684 KB), and 30 % slower at
   * 500 (2.7 MB).
   */
  turbofanOff: false,
};

/** How deep in withDefaultFlags the run is: the tuning is applied again only on leaving the outermost. */
let defaultsHeld = 0;
let restoredAtExit = false;

function apply(defaults: boolean): void {
  // (The heap flag's default is 0: V8's own growth heuristics.)
  if (tuning.heapGrowth) setFlagsFromString(defaults ? "--heap-growing-percent=0" : "--heap-growing-percent=20");
  if (tuning.turbofanOff) setFlagsFromString(defaults ? "--turbofan" : "--no-turbofan");
}

function tune(change: () => void): void {
  if (defaultsHeld === 0) apply(true);
  change();
  if (defaultsHeld === 0) apply(false);
  if (restoredAtExit) return;
  restoredAtExit = true;
  // Code caches are written at exit (code-cache.ts): under the flags they were compiled with. First.
  process.prependOnceListener("exit", () => {
    defaultsHeld++;
    apply(true);
  });
}

/** Every run of the executable but a short one: the heap grows by a fifth of what is live, not fourfold. */
export function limitHeapGrowth(): void {
  tune(() => {
    tuning.heapGrowth = true;
  });
}

/** A short run: without V8's optimising compiler, and without the heap's limit (it allocates little). */
export function skipOptimizingCompiler(): void {
  tune(() => {
    tuning.turbofanOff = true;
    tuning.heapGrowth = false;
  });
}

/** Runs `load` under V8's default flags (above: loading Node's modules, compiling with a code cache). */
export function withDefaultFlags<T>(load: () => T): T {
  if (defaultsHeld++ === 0) apply(true);
  try {
    return load();
  } finally {
    if (--defaultsHeld === 0) apply(false);
  }
}
