// .nhilint-baseline.json: fingerprints of accepted findings (never the secret values), so an existing
// repository can adopt nhilint and block only new findings. Version 2 adds the repository's salt for
// the slow derivation of secret values (docs/output.md, "Fingerprints"); version 1 files still match
// until the next --update-baseline migrates them.
import { randomBytes } from "./crypto.js";
import { KDF_ALGORITHM, KDF_ITERATIONS, type Finding, type SecretFingerprints } from "../linter-core/index.js";

export const BASELINE_PATH = ".nhilint-baseline.json";

export type Baseline =
  | { version: 1; fingerprints: string[] }
  | {
      version: 2;
      salt: string;
      kdf: { algorithm: typeof KDF_ALGORITHM; iterations: number };
      fingerprints: string[];
      /**
       * Secrets of the history accepted (rotated) with `nhilint history --update-baseline`, by value
       * alone: most are no longer in any file. Kept as they are by the scan's --update-baseline.
       */
      history?: string[];
    };

export class BaselineError extends Error {}

export function parseBaseline(path: string, text: string): Baseline {
  let data: unknown;
  try {
    // Stryker disable next-line Regex: JSON has no other place for U+FEFF but inside a string, and no baseline string holds one.
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new BaselineError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const baseline = data as Baseline;
  const shape = `expected {"version": 2, "salt": "...", "kdf": {"algorithm": "${KDF_ALGORITHM}", "iterations": ${KDF_ITERATIONS}}, "fingerprints": ["..."]}`;
  if (!Array.isArray(baseline?.fingerprints) || !baseline.fingerprints.every((f) => typeof f === "string")) {
    throw new BaselineError(`${path}: ${shape}`);
  }
  if (baseline.version === 1) return baseline;
  if (baseline.version !== 2 || typeof baseline.salt !== "string" || baseline.salt.length < 16 || baseline.kdf?.algorithm !== KDF_ALGORITHM) {
    throw new BaselineError(`${path}: ${shape}`);
  }
  if (baseline.history !== undefined && (!Array.isArray(baseline.history) || !baseline.history.every((f) => typeof f === "string"))) {
    throw new BaselineError(`${path}: "history" must be a list of fingerprints`);
  }
  // A lower count would make every fingerprint in SARIF cheap to test guesses against.
  if (!Number.isInteger(baseline.kdf.iterations) || baseline.kdf.iterations < KDF_ITERATIONS) {
    throw new BaselineError(`${path}: kdf.iterations must be a whole number of at least ${KDF_ITERATIONS}`);
  }
  return baseline;
}

/** How secret values are fingerprinted for this baseline: its salt; `plain` for a version 1 file (until migrated). */
export function secretFingerprintsFor(baseline: Baseline | undefined, fallbackSalt: string): SecretFingerprints | "plain" {
  if (baseline?.version === 1) return "plain";
  return { salt: baseline?.salt ?? fallbackSalt, iterations: baseline?.kdf.iterations ?? KDF_ITERATIONS };
}

/** A fresh repository salt: 128 random bits. */
export const newSalt = () => randomBytes(16).toString("hex");

/** Findings the baseline accepts move to `accepted`, marked as suppressed by it (reported, not dropped). */
export function applyBaseline(findings: Finding[], baseline: Baseline | undefined, path = BASELINE_PATH) {
  if (!baseline) return { kept: findings, accepted: [] as Finding[], stale: 0 };
  const fingerprints = new Set(baseline.fingerprints);
  const matched = new Set<string>();
  const kept: Finding[] = [];
  const accepted: Finding[] = [];
  for (const finding of findings) {
    if (!finding.fingerprint || !fingerprints.has(finding.fingerprint)) {
      kept.push(finding);
      continue;
    }
    matched.add(finding.fingerprint);
    accepted.push({ ...finding, suppression: { kind: "external", justification: `accepted in ${path}` } });
  }
  return { kept, accepted, stale: fingerprints.size - matched.size };
}

/** The baseline file for these findings; the history's accepted secrets (`history`) carried over as they were. */
export function baselineText(findings: Finding[], salt: string, iterations = KDF_ITERATIONS, history: string[] = []): string {
  const fingerprints = [...new Set(findings.map((f) => f.fingerprint))].sort();
  const baseline: Baseline = { version: 2, salt, kdf: { algorithm: KDF_ALGORITHM, iterations }, fingerprints, ...(history.length > 0 && { history: [...new Set(history)].sort() }) };
  return JSON.stringify(baseline, null, 2) + "\n";
}

type BaselineV2 = Extract<Baseline, { version: 2 }>;

/** A first baseline: a fresh salt, nothing accepted yet. */
export function newBaseline(): BaselineV2 {
  return { version: 2, salt: newSalt(), kdf: { algorithm: KDF_ALGORITHM, iterations: KDF_ITERATIONS }, fingerprints: [] };
}

/** The baseline's text with more accepted entries in one of its lists, each once, sorted. */
function withAccepted(baseline: BaselineV2, list: "fingerprints" | "history", added: readonly string[]): string {
  return JSON.stringify({ ...baseline, [list]: [...new Set([...(baseline[list] ?? []), ...added])].sort() }, null, 2) + "\n";
}

/** The baseline's text with one more accepted fingerprint (the editor's "Accept in the baseline"). */
export function addToBaseline(baseline: BaselineV2, fingerprint: string): string {
  return withAccepted(baseline, "fingerprints", [fingerprint]);
}

/** The baseline's text with secrets of the history accepted (`nhilint history --update-baseline`). */
export function addHistoryToBaseline(baseline: BaselineV2, fingerprints: readonly string[]): string {
  return withAccepted(baseline, "history", fingerprints);
}
