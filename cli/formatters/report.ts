// The inventory report in four shapes: markdown (for a PR or wiki), csv (for a spreadsheet), json
// (docs/inventory-report.schema.json), html (one self-contained page: sortable, coloured, no assets).
import type { ConnectorReport, ConnectorReportRow } from "../../linter-core/index.js";

const usedBy = (row: ConnectorReportRow) => row.usedBy.map((use) => use.path).join("; ");
const jobs = (row: ConnectorReportRow) =>
  row.usedBy.flatMap((use) => use.jobs.map((job) => `${job.id}${job.environment ? ` [env ${job.environment}]` : ""} (${job.permissions})`)).join("; ");
const expiry = (row: ConnectorReportRow) => (row.expires ? `${row.expires}${row.daysLeft === null ? "" : row.daysLeft < 0 ? ` (${-row.daysLeft} days ago)` : ` (in ${row.daysLeft} days)`}` : "");
const rotation = (row: ConnectorReportRow) => (row.rotateEvery ? `every ${row.rotateEvery}${row.rotationDue ? `, due ${row.rotationDue}` : ", never recorded"}` : "");

export function formatReportJson(report: ConnectorReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}

export function formatReportMarkdown(report: ConnectorReport): string {
  const cell = (text: string | null) => (text ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
  const lines = [
    `# Non-human identity inventory`,
    "",
    `Generated ${report.generated.slice(0, 10)} from \`${report.inventory}\`: ${report.summary.connectors} connectors — ` +
      (["unowned", "expired", "rotation-overdue", "expiring", "incomplete", "unused", "healthy"] as const).map((s) => `${report.summary[s]} ${s}`).join(", ") + ".",
    "",
    "| status | connector | kind | owner | backup | purpose | expires | rotation | used by | jobs (permissions) | findings |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...report.connectors.map((row) =>
      `| ${row.status} | \`${cell(row.name)}\` | ${row.kind} | ${cell(row.owner)} | ${cell(row.backupOwner)} | ${cell(row.purpose)} | ${expiry(row)} | ${rotation(row)} | ${cell(usedBy(row))} | ${cell(jobs(row))} | ${row.findings.length} |`,
    ),
  ];
  return lines.join("\n") + "\n";
}

export function formatReportCsv(report: ConnectorReport): string {
  const quote = (value: unknown) => {
    const text = value === null || value === undefined ? "" : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = ["status", "name", "kind", "owner", "backup_owner", "business_owner", "purpose", "expires", "days_left", "rotate_every", "last_rotated", "rotation_due", "revocation", "used_by", "jobs", "findings"];
  const rows = report.connectors.map((row) =>
    [row.status, row.name, row.kind, row.owner, row.backupOwner, row.businessOwner, row.purpose, row.expires, row.daysLeft, row.rotateEvery, row.lastRotated, row.rotationDue, row.revocation, usedBy(row), jobs(row), row.findings.length].map(quote).join(","),
  );
  return [header.join(","), ...rows].join("\n") + "\n";
}

const escapeHtml = (text: string | null | number) =>
  String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function formatReportHtml(report: ConnectorReport): string {
  const statuses = ["unowned", "expired", "rotation-overdue", "expiring", "incomplete", "unused", "healthy"] as const;
  const rows = report.connectors
    .map(
      (row) => `<tr class="${row.status}">
  <td data-sort="${statuses.indexOf(row.status)}"><span class="badge">${row.status}</span></td>
  <td><code>${escapeHtml(row.name)}</code><div class="sub">${row.kind}</div></td>
  <td>${escapeHtml(row.owner) || '<span class="missing">none</span>'}${row.backupOwner ? `<div class="sub">backup ${escapeHtml(row.backupOwner)}</div>` : ""}</td>
  <td>${escapeHtml(row.purpose) || '<span class="missing">—</span>'}</td>
  <td data-sort="${row.daysLeft ?? 99999}">${escapeHtml(expiry(row)) || '<span class="missing">—</span>'}</td>
  <td>${escapeHtml(rotation(row))}</td>
  <td>${row.usedBy.map((use) => `<div>${escapeHtml(use.path)}</div>`).join("") || '<span class="missing">unused</span>'}</td>
  <td>${row.usedBy.flatMap((use) => use.jobs.map((job) => `<div>${escapeHtml(job.id)}${job.environment ? ` <span class="env">${escapeHtml(job.environment)}</span>` : ""}<div class="sub">${escapeHtml(job.permissions)}</div></div>`)).join("")}</td>
  <td data-sort="${row.findings.length}">${row.findings.map((f) => `<div class="finding ${f.severity}" title="${escapeHtml(f.message)}">${escapeHtml(f.ruleId)} <span class="sub">${escapeHtml(f.path)}:${f.line}</span></div>`).join("")}</td>
</tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Non-human identity inventory</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1f2328; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  .summary span { display: inline-block; margin: 8px 8px 16px 0; padding: 4px 10px; border-radius: 12px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border-bottom: 1px solid #d0d7de; padding: 6px 8px; text-align: left; vertical-align: top; }
  th { background: #f6f8fa; cursor: pointer; user-select: none; position: sticky; top: 0; }
  th:after { content: " ↕"; color: #8c959f; }
  .sub { color: #656d76; font-size: 12px; }
  .missing { color: #cf222e; }
  .badge { padding: 2px 8px; border-radius: 10px; font-weight: 600; font-size: 12px; white-space: nowrap; }
  .unowned .badge, .expired .badge, .s-unowned, .s-expired { background: #ffebe9; color: #a40e26; }
  .rotation-overdue .badge, .expiring .badge, .s-rotation-overdue, .s-expiring { background: #fff8c5; color: #7d4e00; }
  .incomplete .badge, .unused .badge, .s-incomplete, .s-unused { background: #ddf4ff; color: #0550ae; }
  .healthy .badge, .s-healthy { background: #dafbe1; color: #116329; }
  .finding.error { color: #a40e26; } .finding.warning { color: #7d4e00; }
  .env { background: #eaeef2; border-radius: 6px; padding: 0 4px; font-size: 12px; }
</style>
</head>
<body>
<h1>Non-human identity inventory</h1>
<div class="sub">Generated ${escapeHtml(report.generated.slice(0, 10))} from <code>${escapeHtml(report.inventory)}</code> by nhilint · ${report.summary.connectors} connectors</div>
<div class="summary">${statuses.map((s) => `<span class="s-${s}">${report.summary[s]} ${s}</span>`).join("")}</div>
<table id="inventory">
<thead><tr><th>Status</th><th>Connector</th><th>Owner</th><th>Purpose</th><th>Expires</th><th>Rotation</th><th>Used by</th><th>Jobs and permissions</th><th>Findings</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script>
  // Click a header to sort by it; click again to reverse.
  document.querySelectorAll("#inventory th").forEach((th, column) => {
    th.addEventListener("click", () => {
      const body = document.querySelector("#inventory tbody");
      const ascending = th.dataset.order !== "asc";
      th.dataset.order = ascending ? "asc" : "desc";
      const key = (row) => { const cell = row.children[column]; return cell.dataset.sort !== undefined ? Number(cell.dataset.sort) : cell.textContent.trim().toLowerCase(); };
      [...body.rows].sort((a, b) => (key(a) > key(b) ? 1 : key(a) < key(b) ? -1 : 0) * (ascending ? 1 : -1)).forEach((row) => body.appendChild(row));
    });
  });
</script>
</body>
</html>
`;
}
