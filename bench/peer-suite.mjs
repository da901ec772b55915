// What the benches over a peer's own suite share (gitleaks-breadth.mjs, secretlint-snapshots.mjs,
// trufflehog-patterns.mjs): the peer's checkout named on the command line, and nhilint's
// hardcoded-secret findings in one file. Needs `npm run build` first (they read out/).
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
