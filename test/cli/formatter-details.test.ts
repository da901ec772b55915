// What the machine-readable formats say beyond the findings themselves: SARIF's rule descriptors for
// the core's own diagnostics, whether the run succeeded, its notifications; GitLab's confidence.
import assert from "node:assert/strict";
import type { Log } from "sarif";
import { formatGitlab } from "../../cli/formatters/gitlab.js";
import { formatSarif, ruleDescriptors } from "../../cli/formatters/sarif.js";
import type { Report } from "../../cli/formatters/types.js";
import type { Finding } from "../../linter-core/index.js";

const finding = (confidence: Finding["confidence"], line: number): Finding => ({
  ruleId: "hardcoded-secret",
  severity: "error",
  confidence,
  message: `Hardcoded token (ghp_… (40 chars)) on line ${line}`,
  path: "ci.yml",
  span: { start: line * 10, end: line * 10 + 5 },
  start: { line, column: 3 },
  end: { line, column: 8 },
  fingerprint: `fp${line}`,
  fixes: [],
});
const report = (notices: Report["notices"], findings: Finding[] = []): Report => ({ findings, notices, filesLinted: 1, staleBaselineEntries: 0, baselined: 0, suppressed: [] });
const options = { color: false, version: "1.2.3", now: new Date("2026-11-26T10:11:12.345Z") };

describe("SARIF: the run and its rules", () => {
  it("the core's own diagnostics are rules with their descriptions; every rule's help is its docs page, as text without markdown and as markdown", () => {
    const rules = ruleDescriptors();
    const byId = new Map(rules.map((r) => [r.id, r]));
    assert.equal(byId.get("parse-error")?.shortDescription?.text, "A file that looks like a workflow or pipeline could not be parsed.");
    assert.equal(byId.get("invalid-inventory")?.shortDescription?.text, "nhi-inventory.yaml is malformed or breaks its schema.");
    assert.equal(byId.get("invalid-suppression")?.shortDescription?.text, "A suppression comment without a reason, with an unknown rule, or matching nothing.");
    const help = byId.get("hardcoded-secret")!.help!;
    assert.match(help.markdown!, /`/);
    assert.doesNotMatch(help.text, /[`*]/);
    assert.ok(help.text.length > 200);
  });

  it("a run with an internal error did not succeed; its notices are notifications (errors, or notes), each at its file", () => {
    const failed = JSON.parse(formatSarif(report([{ path: "a b.yml", message: "internal error: rule x failed" }, { path: "big.json", message: "skipped: binary file" }]), options)) as Log;
    const invocation = failed.runs[0].invocations![0];
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(
      invocation.toolExecutionNotifications!.map((n) => [n.level, n.message.text, n.locations![0].physicalLocation!.artifactLocation!.uri]),
      [
        ["error", "internal error: rule x failed", "a%20b.yml"],
        ["note", "skipped: binary file", "big.json"],
      ],
    );
    const clean = JSON.parse(formatSarif(report([{ path: "big.json", message: "skipped: binary file" }]), options)) as Log;
    assert.equal(clean.runs[0].invocations![0].executionSuccessful, true);
    assert.ok(formatSarif(report([]), options).endsWith("}\n"));
  });
});

describe("GitLab: confidence and times", () => {
  it("high, medium and low confidence read High, Medium and Low; the scan's times drop their milliseconds", () => {
    const out = JSON.parse(formatGitlab(report([], [finding("high", 1), finding("medium", 2), finding("low", 3)]), options)) as { vulnerabilities: { confidence: string }[]; scan: { start_time: string; end_time: string } };
    assert.deepEqual(out.vulnerabilities.map((v) => v.confidence), ["High", "Medium", "Low"]);
    assert.equal(out.scan.start_time, "2026-11-26T10:11:12");
    assert.equal(out.scan.end_time, "2026-11-26T10:11:12");
  });
});
