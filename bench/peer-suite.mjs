// What the benches over a peer's own suite share (gitleaks-breadth.mjs, secretlint-snapshots.mjs,
// trufflehog-patterns.mjs; corpus-plants.mjs too): the peer's checkout named on the command line,
// nhilint's hardcoded-secret findings in one file, a seeded random source. Needs `npm run build`
// first (they read out/).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { lint } from "../out/linter-core/index.js";
import { RULES } from "../out/rules/index.js";

/**
 * The checkout given as the first argument (it must hold `marker`, a path inside it), and the other
 * arguments; the usage line (`usage`: what follows the script's name) and exit code 2 without one.
 */
export function peerCheckout(script, marker, usage) {
  const args = process.argv.slice(2);
  const root = args.find((a) => !a.startsWith("--"));
  if (!root || !existsSync(join(root, marker))) {
    console.error(`usage: node bench/${script} ${usage}`);
    process.exit(2);
  }
  return { root, args, verbose: args.includes("--verbose") };
}

const hardcodedSecret = RULES.filter((rule) => rule.meta.id === "hardcoded-secret");

/** hardcoded-secret's findings in one file (`{ path, text }`), as the scan makes them. */
export async function secretFindings(file) {
  return (await lint([file], { rules: hardcodedSecret, now: new Date() })).findings.filter((f) => f.ruleId === "hardcoded-secret");
}

/** Random numbers in [0, 1) from `--seed N` (default 1): mulberry32, so a run can be repeated. */
export function seededRandom(args) {
  let seed = Number(args[args.indexOf("--seed") + 1]) || 1;
  return () => {
    let t = (seed += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
