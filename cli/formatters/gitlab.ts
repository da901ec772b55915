// For GitLab merge requests: the secret-detection report (`artifacts: reports: secret_detection`),
// schema 15.x (https://gitlab.com/gitlab-org/security-products/security-report-schemas). Every
// finding is a vulnerability; the identifier is the rule, the id the fingerprint (never the secret).
import { docsUrl } from "../../linter-core/index.js";
import { sha256Hex } from "../crypto.js";
import type { FormatOptions, Report } from "./types.js";

const SEVERITY = { error: "High", warning: "Medium" } as const;

export function formatGitlab(report: Report, options: FormatOptions): string {
  const now = (options.now ?? new Date()).toISOString().replace(/\.\d+Z$/, "");
  const scanner = gitlabScanner(options.version);
  const vulnerabilities = report.findings.map((f) => ({
    // GitLab wants a UUID-shaped id: derived from the fingerprint, stable across runs.
    id: uuidFrom(`${f.ruleId}:${f.path}:${f.fingerprint}`),
    category: "secret_detection",
    name: f.ruleId,
    message: f.message,
    description: f.help ? `${f.message}\n\nFix: ${f.help}` : f.message,
    cve: `${f.path}:${f.fingerprint}:${f.ruleId}`,
    severity: SEVERITY[f.severity],
    confidence: f.confidence === "high" ? "High" : f.confidence === "medium" ? "Medium" : "Low",
    scanner: { id: "nhilint", name: "nhilint" },
    location: { file: f.path, start_line: f.start.line, end_line: f.end.line, commit: { sha: "0000000" } },
    identifiers: [{ type: "nhilint_rule_id", name: `nhilint ${f.ruleId}`, value: f.ruleId, url: docsUrl(f.ruleId) }],
  }));
  return `${JSON.stringify({ version: "15.0.7", vulnerabilities, scan: { analyzer: scanner, scanner, type: "secret_detection", status: "success", start_time: now, end_time: now } }, null, 2)}\n`;
}

export function gitlabScanner(version: string) {
  return { id: "nhilint", name: "nhilint", version, vendor: { name: "nhilint" } };
}

/** GitLab wants a UUID-shaped id: a hash of something stable across runs, never of a secret. */
export function uuidFrom(text: string): string {
  const hex = sha256Hex(text);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
