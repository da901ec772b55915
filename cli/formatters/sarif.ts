// SARIF 2.1.0 as GitHub code scanning reads it: rules in tool.driver.rules, one result per finding,
// repository-relative URIs, full regions and a stable partial fingerprint.
import { readFileSync } from "node:fs";
import type { Log, ReportingDescriptor, Result, Run } from "sarif";
import { CORE_DIAGNOSTICS, docsUrl } from "../../linter-core/index.js";
import { RULES } from "../../rules/index.js";
import type { FormatOptions, Report } from "./types.js";

const CORE_DESCRIPTIONS: Record<keyof typeof CORE_DIAGNOSTICS, string> = {
  "parse-error": "A file that looks like a workflow or pipeline could not be parsed.",
  "invalid-inventory": "nhi-inventory.yaml is malformed or breaks its schema.",
  "invalid-suppression": "A suppression comment without a reason, with an unknown rule, or matching nothing.",
};

const RANK = { high: 90, medium: 60, low: 30 } as const;

// The package's docs/rules/, seen from the bundle (dist/) or from the compiled sources (out/cli/formatters/).
const DOCS_FOLDERS = ["../docs/rules/", "../../../docs/rules/"];

/** A rule's docs page as SARIF help: the markdown shipped beside the CLI (docs/rules/), or a link. */
function helpOf(id: string): { text: string; markdown?: string } {
  for (const folder of DOCS_FOLDERS) {
    try {
      const markdown = readFileSync(new URL(`${folder}${id}.md`, import.meta.url), "utf8");
      return { text: markdown.replace(/[`*]/g, ""), markdown };
    } catch {
      // not in this layout
    }
  }
  return { text: `See ${docsUrl(id)}` };
}

export function ruleDescriptors(): ReportingDescriptor[] {
  const rules: ReportingDescriptor[] = RULES.map((rule) => ({
    id: rule.meta.id,
    name: rule.meta.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.meta.description },
    fullDescription: { text: `${rule.meta.description} OWASP NHI Top 10: ${rule.meta.owasp.join(", ")}. NIST CSF 2.0: ${rule.meta.nist.join(", ")}.` },
    helpUri: docsUrl(rule.meta.id),
    help: helpOf(rule.meta.id),
    defaultConfiguration: { level: rule.meta.defaultSeverity },
    properties: {
      tags: ["security", ...rule.meta.owasp.map((id) => `OWASP-${id}`)],
      // Findings of a rule that judges values by context carry medium confidence too.
      precision: rule.meta.id === "hardcoded-secret" ? "medium" : "high",
      "security-severity": rule.meta.defaultSeverity === "error" ? "8.0" : "5.0",
    },
  }));
  for (const [id, level] of Object.entries(CORE_DIAGNOSTICS)) {
    rules.push({
      id,
      shortDescription: { text: CORE_DESCRIPTIONS[id as keyof typeof CORE_DIAGNOSTICS] },
      helpUri: docsUrl(id),
      defaultConfiguration: { level },
      properties: { tags: ["maintainability"] },
    });
  }
  return rules;
}

export function formatSarif(report: Report, options: FormatOptions): string {
  const rules = ruleDescriptors();
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results: Result[] = [...report.findings, ...report.suppressed].map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: f.severity,
    message: { text: f.help ? `${f.message} ${f.help}` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.path), uriBaseId: "%SRCROOT%" },
          region: { startLine: f.start.line, startColumn: f.start.column, endLine: f.end.line, endColumn: f.end.column },
        },
      },
    ],
    partialFingerprints: { "nhilintFingerprint/v1": f.fingerprint },
    // Code scanning orders alerts by rank: a finding's confidence.
    rank: RANK[f.confidence],
    properties: { confidence: f.confidence },
    // Against a baseline: what it already held is unchanged, the rest is new.
    ...(report.baselineInUse ? { baselineState: f.suppression?.kind === "external" ? ("unchanged" as const) : ("new" as const) } : {}),
    // Accepted, not fixed: code scanning shows it dismissed, not gone.
    ...(f.suppression ? { suppressions: [{ kind: f.suppression.kind, status: "accepted" as const, justification: f.suppression.justification }] } : {}),
  }));
  return sarifLog(options.version, rules, results, {
    invocations: [
      {
        executionSuccessful: !report.notices.some((n) => n.message.startsWith("internal error")),
        toolExecutionNotifications: report.notices.map((notice) => ({
          level: notice.message.startsWith("internal error") ? "error" : "note",
          message: { text: notice.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(notice.path), uriBaseId: "%SRCROOT%" } } }],
        })),
      },
    ],
  });
}

/** One nhilint run as a SARIF 2.1.0 log: the scan's, and `nhilint history`'s. */
export function sarifLog(version: string, rules: ReportingDescriptor[], results: Result[], extra: Partial<Run> = {}): string {
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "nhilint", version, informationUri: "https://github.com/nhilint/nhilint", rules } }, ...extra, results }],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
