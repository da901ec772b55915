// The inventory report in four shapes over one computation (linter-core/report.ts): markdown (for a PR
// or wiki), csv (for a spreadsheet), json (docs/inventory-report.schema.json), html (one self-contained
// page: sortable, printable, no assets). Every shape carries the same rows, statuses and findings.
import { CONNECTOR_STATUSES, plural, relativeDays, urgency, type ConnectorReport, type ConnectorReportRow, type HistoryLeak, type ReportFinding } from "../../linter-core/index.js";

const usedBy = (row: ConnectorReportRow) => row.usedBy.map((use) => use.path).join("; ");
const jobs = (row: ConnectorReportRow) =>
  row.usedBy.flatMap((use) => use.jobs.map((job) => `${job.id}${job.environment ? ` [env ${job.environment}]` : ""} (${job.permissions})`)).join("; ");
const expiry = (row: ConnectorReportRow) => (row.expires ? `${row.expires}${row.daysLeft === null ? "" : ` (${relativeDays(row.daysLeft)})`}` : "");
const rotation = (row: ConnectorReportRow) => (row.rotateEvery ? `every ${row.rotateEvery}${row.rotationDue ? `, due ${row.rotationDue}` : ", never recorded"}` : "");
const findingText = (f: ReportFinding) => `${f.severity} ${f.ruleId} ${f.path}:${f.line}: ${f.message}${f.accepted ? ` (accepted: ${f.accepted})` : ""}`;
/** Where and why a `nhilint-disable-next-line` comment accepts a committed secret (history, inventory reports). */
export const acceptedByComment = (comment: { path: string; line: number; reason: string }) => `accepted by a comment at ${comment.path}:${comment.line}: ${comment.reason}`;
/** A leak `--history` found under a connector's name, as one line (the report's findings, `inventory init`'s comment). */
export const describeLeak = (leak: HistoryLeak) =>
  `leaked in history: ${leak.title} (${leak.redacted}) committed in ${leak.firstCommit.slice(0, 12)} on ${leak.date} at ${leak.path}${leak.inHead ? ", still in HEAD" : ""}: ${
    leak.resolved === "accepted"
      ? leak.suppression
        ? acceptedByComment(leak.suppression)
        : "accepted in the baseline (rotated)"
      : leak.resolved === "rotated" ? "rotated since (the record's last-rotated is later)" : `rotate it${leak.revoke ? ` (${leak.revoke})` : ""} unless that was done since`
  }`;
const leakText = (row: ConnectorReportRow) => (row.leakedInHistory ? describeLeak(row.leakedInHistory) : "");
/** Findings, then the leak: what the findings column of each shape lists. */
const findingLines = (row: ConnectorReportRow) => [...row.findings.map((f) => findingText(f)), ...(row.leakedInHistory ? [leakText(row)] : [])];
const states = (row: ConnectorReportRow) => (row.conditions.length > 0 ? row.conditions.join(", ") : "healthy");

/** One line naming what the report describes: repository, commit, date, inventory, window. */
function heading(report: ConnectorReport): string {
  const repository = report.repository
    ? `${report.repository.name} ${report.repository.commit ? `at commit ${report.repository.commit}` : "(no commit yet)"}${report.repository.uncommittedChanges ? " with uncommitted changes" : ""}`
    : "a folder outside git";
  const history = report.history ? ` · history of ${report.history.revisions.join(" ")} read` : "";
  return `${repository} · generated ${report.generated.slice(0, 16).replace("T", " ")} UTC · inventory ${report.inventory} · expiring = within ${report.expiryWarningDays} days${history}`;
}

function summaryText(report: ConnectorReport): string {
  const counts = CONNECTOR_STATUSES.filter((s) => s !== "healthy" && report.summary[s] > 0).map((s) => `${report.summary[s]} ${s}`);
  return (
    `${plural(report.summary.connectors, "connector")}: ${report.summary.healthy} healthy${counts.length ? `, ${counts.join(", ")}` : ""} (a connector counts in every state that applies)` +
    ` · ${plural(report.summary.secrets, "hardcoded secret")} · ${plural(report.summary.otherFindings, "other finding")}`
  );
}

export function formatReportJson(report: ConnectorReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}

/**
 * Text from files as Markdown shows it: a renderer drops `<training>` as an HTML tag and reads `&lt;` as
 * `<`, so outside code spans `&`, `<` and `>` are written as entities (inside one they show as typed).
 */
function markdownText(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!)))
    .join("");
}

export function formatReportMarkdown(report: ConnectorReport): string {
  const cell = (text: string | null) => markdownText(text ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
  const findingRows = (findings: ReportFinding[]) => [
    "| severity | rule | file | line | finding | accepted |",
    "| --- | --- | --- | --- | --- | --- |",
    ...findings.map((f) => `| ${f.severity} | ${f.ruleId} | ${cell(f.path)} | ${f.line} | ${cell(f.message)} | ${cell(f.accepted)} |`),
  ];
  const lines = [
    `# Non-human identity inventory`,
    "",
    cell(heading(report)),
    "",
    `**${summaryText(report)}**`,
    "",
    "## Connectors",
    "",
    "| status | all states | connector | kind | owner | backup | purpose | expires | rotation | used by | jobs (permissions) | findings |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...report.connectors.map(
      (row) =>
        `| ${row.status} | ${states(row)} | ${cell(`\`${row.name}\``)} | ${row.kind} | ${cell(row.owner)} | ${cell(row.backupOwner)} | ${cell(row.purpose)} | ${expiry(row)} | ${rotation(row)} | ${cell(usedBy(row))} | ${cell(jobs(row))} | ${findingLines(row).map((line) => cell(line)).join("<br>")} |`,
    ),
    "",
    `## Hardcoded secrets (${report.secrets.length})`,
    "",
    ...(report.secrets.length > 0 ? findingRows(report.secrets) : ["None found."]),
    "",
    `## Other findings (${report.otherFindings.length})`,
    "",
    ...(report.otherFindings.length > 0 ? findingRows(report.otherFindings) : ["None."]),
  ];
  return lines.join("\n") + "\n";
}

/** One table: a row per connector, then a row per hardcoded secret and per other finding (`section` says which). */
export function formatReportCsv(report: ConnectorReport): string {
  const quote = (value: unknown) => {
    const text = value === null || value === undefined ? "" : String(value);
    // Text from files starting with = + - @ would be a formula in a spreadsheet: mark it as text.
    // Numbers (days left, negative when past) stay numbers.
    const safe = typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const header = ["section", "status", "severity", "states", "name", "kind", "owner", "backup_owner", "business_owner", "purpose", "expires", "days_left", "rotate_every", "last_rotated", "rotation_due", "revocation", "used_by", "jobs", "findings", "rule", "path", "line", "message", "accepted"];
  const connectorRows = report.connectors.map((row) =>
    ["connector", row.status, row.severity, states(row), row.name, row.kind, row.owner, row.backupOwner, row.businessOwner, row.purpose, row.expires, row.daysLeft, row.rotateEvery, row.lastRotated, row.rotationDue, row.revocation, usedBy(row), jobs(row), findingLines(row).join("; "), "", "", "", "", ""],
  );
  const findingRows = (section: string, findings: ReportFinding[]) =>
    findings.map((f) => [section, "", f.severity, "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", f.ruleId, f.path, f.line, f.message, f.accepted]);
  const rows = [...connectorRows, ...findingRows("hardcoded-secret", report.secrets), ...findingRows("other-finding", report.otherFindings)];
  return [header.join(","), ...rows.map((row) => row.map(quote).join(","))].join("\n") + "\n";
}

const escapeHtml = (text: string | null | number) =>
  String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function findingHtml(f: ReportFinding): string {
  return `<div class="finding ${f.severity}${f.accepted ? " accepted" : ""}"><b>${escapeHtml(f.ruleId)}</b> <span class="sub">${escapeHtml(f.path)}:${f.line}</span><div>${escapeHtml(f.message)}</div>${f.accepted ? `<div class="sub">accepted: ${escapeHtml(f.accepted)}</div>` : ""}</div>`;
}

function findingTable(id: string, findings: ReportFinding[], none: string): string {
  if (findings.length === 0) return `<p class="sub">${none}</p>`;
  return `<table id="${id}" class="findings">
<colgroup><col style="width:10%"><col style="width:30%"><col style="width:60%"></colgroup>
<thead><tr><th>Severity</th><th>Where</th><th>Finding</th></tr></thead>
<tbody>
${findings.map((f) => `<tr class="sev-${f.severity}"><td><span class="badge">${f.severity}</span></td><td><code>${escapeHtml(f.path)}:${f.line}</code><div class="sub">${escapeHtml(f.ruleId)}</div></td><td>${escapeHtml(f.message)}${f.accepted ? `<div class="sub">accepted: ${escapeHtml(f.accepted)} — still to fix</div>` : ""}</td></tr>`).join("\n")}
</tbody>
</table>`;
}

export function formatReportHtml(report: ConnectorReport): string {
  const rows = report.connectors
    .map(
      (row) => `<tr class="${row.status} sev-${row.severity}">
  <td data-sort="${urgency(row)}"><span class="badge">${row.status}</span>${row.conditions.length > 1 ? `<div class="sub">also ${row.conditions.slice(1).join(", ")}</div>` : ""}</td>
  <td><code>${escapeHtml(row.name)}</code><div class="sub">${row.kind}${row.recorded ? "" : " · no record"}</div>
    <div>${row.owner ? escapeHtml(row.owner) : '<span class="missing">no owner</span>'}${row.backupOwner ? `<span class="sub"> · backup ${escapeHtml(row.backupOwner)}</span>` : ""}</div>
    <div class="sub">${row.purpose ? escapeHtml(row.purpose) : '<span class="missing">no purpose</span>'}</div></td>
  <td data-sort="${row.daysLeft ?? 99999}">${row.expires ? escapeHtml(expiry(row)) : '<span class="missing">no expiry</span>'}${row.rotateEvery ? `<div class="sub">rotate ${escapeHtml(rotation(row))}</div>` : ""}${row.revocation ? `<div class="sub">revoke: ${escapeHtml(row.revocation)}</div>` : ""}</td>
  <td>${row.usedBy.map((use) => `<div><code>${escapeHtml(use.path)}</code>${use.jobs.map((job) => `<div class="sub">${escapeHtml(job.id)}${job.environment ? ` <span class="env">${escapeHtml(job.environment)}</span>` : ""} · ${escapeHtml(job.permissions)}</div>`).join("")}</div>`).join("") || '<span class="missing">unused</span>'}</td>
  <td data-sort="${row.findings.length}">${row.findings.map((f) => findingHtml(f)).join("")}${row.leakedInHistory ? `<div class="finding ${row.leakedInHistory.resolved ? "accepted" : "error"}"><b>leaked in history</b><div>${escapeHtml(leakText(row).replace(/^leaked in history: /, ""))}</div></div>` : ""}${row.findings.length === 0 && !row.leakedInHistory ? '<span class="sub">none</span>' : ""}</td>
</tr>`,
    )
    .join("\n");
  const chips = [
    `<span class="s-all">${plural(report.summary.connectors, "connector")}</span>`,
    // "leaked" only where the history was read: without it, 0 would claim a check never made.
    ...CONNECTOR_STATUSES.filter((s) => s !== "leaked" || report.history).map((s) => `<span class="s-${s}">${report.summary[s]} ${s}</span>`),
    `<span class="s-secrets">${plural(report.summary.secrets, "hardcoded secret")}</span>`,
    `<span class="s-other">${plural(report.summary.otherFindings, "other finding")}</span>`,
  ].join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Non-human identity inventory${report.repository ? ` — ${escapeHtml(report.repository.name)}` : ""}</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1f2328; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  h2 { font-size: 16px; margin: 28px 0 8px; }
  .summary span { display: inline-block; margin: 8px 6px 4px 0; padding: 3px 9px; border-radius: 12px; background: #eaeef2; }
  table { border-collapse: collapse; width: 100%; table-layout: fixed; }
  th, td { border-bottom: 1px solid #d0d7de; padding: 6px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
  th { background: #f6f8fa; cursor: pointer; user-select: none; position: sticky; top: 0; }
  th:after { content: " ↕"; color: #8c959f; }
  code { font-size: 12.5px; }
  .sub { color: #656d76; font-size: 12px; }
  .missing { color: #cf222e; }
  .badge { display: inline-block; padding: 2px 8px; border-radius: 10px; font-weight: 600; font-size: 12px; }
  .sev-error .badge, .s-unowned, .s-expired, .s-leaked, .s-at-risk, .s-secrets { background: #ffebe9; color: #a40e26; }
  .sev-warning .badge, .s-expiring, .s-rotation-overdue, .s-incomplete, .s-unused { background: #fff8c5; color: #7d4e00; }
  .sev-none .badge, .s-healthy { background: #dafbe1; color: #116329; }
  .finding { margin-bottom: 6px; }
  .finding.error > b { color: #a40e26; } .finding.warning > b { color: #7d4e00; }
  .finding.accepted { opacity: .8; }
  .env { background: #eaeef2; border-radius: 6px; padding: 0 4px; }
  @media print {
    body { margin: 0; font-size: 11px; }
    th { position: static; }
    th:after { content: ""; }
    tr { break-inside: avoid; }
    .badge, .summary span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }
</style>
</head>
<body>
<h1>Non-human identity inventory</h1>
<div class="sub" id="source">${escapeHtml(heading(report))} · by nhilint</div>
<div class="summary">${chips}</div>
<div class="sub">A connector counts in every state that applies; its status is the most urgent, errors before warnings.</div>
<h2>Connectors (${report.connectors.length})</h2>
<table id="inventory">
<colgroup><col style="width:12%"><col style="width:22%"><col style="width:16%"><col style="width:22%"><col style="width:28%"></colgroup>
<thead><tr><th>Status</th><th>Connector, owner, purpose</th><th>Expires, rotation</th><th>Used by (jobs, permissions)</th><th>Findings</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Hardcoded secrets (${report.secrets.length})</h2>
${findingTable("secrets", report.secrets, "None found.")}
<h2>Other findings (${report.otherFindings.length})</h2>
${findingTable("other-findings", report.otherFindings, "None.")}
<script>
  // Click a header to sort its table by it; click again to reverse.
  document.querySelectorAll("table").forEach((table) => table.querySelectorAll("th").forEach((th, column) => {
    th.addEventListener("click", () => {
      const body = table.tBodies[0];
      const ascending = th.dataset.order !== "asc";
      th.dataset.order = ascending ? "asc" : "desc";
      const key = (row) => { const cell = row.children[column]; return cell.dataset.sort !== undefined ? Number(cell.dataset.sort) : cell.textContent.trim().toLowerCase(); };
      [...body.rows].sort((a, b) => (key(a) > key(b) ? 1 : key(a) < key(b) ? -1 : 0) * (ascending ? 1 : -1)).forEach((row) => body.appendChild(row));
    });
  }));
</script>
</body>
</html>
`;
}
