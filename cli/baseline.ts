// .nhilint-baseline.json: fingerprints of accepted findings (never the secret values), so an existing
// repository can adopt nhilint and block only new findings.
import type { Finding } from "../linter-core/index.js";

export const BASELINE_PATH = ".nhilint-baseline.json";

export interface Baseline {
  version: 1;
  fingerprints: string[];
}

export class BaselineError extends Error {}

export function parseBaseline(path: string, text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new BaselineError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const baseline = data as Baseline;
  if (!baseline || baseline.version !== 1 || !Array.isArray(baseline.fingerprints) || !baseline.fingerprints.every((f) => typeof f === "string")) {
    throw new BaselineError(`${path}: expected {"version": 1, "fingerprints": ["..."]}`);
  }
  return baseline;
}

/** Findings the baseline accepts move to `accepted`, marked as suppressed by it (reported, not dropped). */
export function applyBaseline(findings: Finding[], baseline: Baseline | undefined, path = BASELINE_PATH) {
  if (!baseline) return { kept: findings, accepted: [] as Finding[], stale: 0 };
  const fingerprints = new Set(baseline.fingerprints);
  const matched = new Set<string>();
  const kept: Finding[] = [];
  const accepted: Finding[] = [];
  for (const finding of findings) {
    if (!fingerprints.has(finding.fingerprint)) {
      kept.push(finding);
      continue;
    }
    matched.add(finding.fingerprint);
    accepted.push({ ...finding, suppression: { kind: "external", justification: `accepted in ${path}` } });
  }
  return { kept, accepted, stale: fingerprints.size - matched.size };
}

export function baselineText(findings: Finding[]): string {
  const fingerprints = [...new Set(findings.map((f) => f.fingerprint))].sort();
  return JSON.stringify({ version: 1, fingerprints } satisfies Baseline, null, 2) + "\n";
}
