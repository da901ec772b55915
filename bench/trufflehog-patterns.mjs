// Recall on TruffleHog's own detector tests: every `validPattern…` raw string in
// pkg/detectors/**/*_test.go (a config file, a JSON export, a code fragment holding one of its
// 800 providers' credentials) judged alone as a plain-text file; `invalidPattern…` strings the same
// way as decoys. Many of TruffleHog's detectors find a value only by the provider's name somewhere
// near it; nhilint needs a credential-like key, a known shape or an idiom.
//
//   node bench/trufflehog-patterns.mjs <trufflehog checkout or mirror work tree> [--verbose]
//
// Needs `npm run build` first. Not a test: TruffleHog's files are not part of this repository.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { peerCheckout, secretFindings } from "./peer-suite.mjs";

const { root, verbose } = peerCheckout("trufflehog-patterns.mjs", join("pkg", "detectors"), "<trufflehog work tree> [--verbose]");
const detectors = join(root, "pkg", "detectors");

const tests = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith("_test.go") && !name.endsWith("_integration_test.go")) tests.push(path);
  }
};
walk(detectors);

const tally = { valid: 0, found: 0, invalid: 0, flagged: 0 };
const missed = [];
for (const test of tests.sort()) {
  for (const [, kind, text] of readFileSync(test, "utf8").matchAll(/\b(valid|invalid)Pattern\w*\s*=\s*`([^`]*)`/g)) {
    if (text.trim().length < 8) continue;
    const found = (await secretFindings({ path: "pattern.txt", text })).length > 0;
    if (kind === "valid") {
      tally.valid++;
      if (found) tally.found++;
      else missed.push(`${test.slice(detectors.length + 1)}: ${text.trim().split("\n").slice(0, 3).join(" | ").slice(0, 120)}`);
    } else {
      tally.invalid++;
      if (found) tally.flagged++;
    }
  }
}
if (verbose) for (const line of missed) console.log(`missed ${line}`);
console.log(`TruffleHog's detector tests (${tests.length} files): valid patterns found ${tally.found} of ${tally.valid} (${((100 * tally.found) / tally.valid).toFixed(1)} %); invalid patterns flagged ${tally.flagged} of ${tally.invalid}`);
