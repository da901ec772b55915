// The connector inventory report for security teams: every connector (recorded or merely used),
// its owner, lifecycle state, where it is used, what those jobs may do (its blast radius), and its
// findings. Pure: built from the models, the inventory, the findings and "now".
import { addCadence, daysUntil, parseDay } from "./dates.js";
import { findRecord, type Inventory, type InventoryRecord } from "./inventory.js";
import type { ConnectorKind, FileModel, Finding, Permissions } from "./model.js";
import type { Platform } from "./platforms/platform.js";

export type ConnectorStatus = "unowned" | "expired" | "rotation-overdue" | "expiring" | "incomplete" | "unused" | "healthy";

export interface ConnectorUse {
  path: string;
  platform: string;
  jobs: { id: string; environment: string | null; permissions: string }[];
}

export interface ConnectorReportRow {
  name: string;
  kind: ConnectorKind;
  status: ConnectorStatus;
  recorded: boolean;
  owner: string | null;
  backupOwner: string | null;
  businessOwner: string | null;
  purpose: string | null;
  expires: string | null;
  daysLeft: number | null;
  rotateEvery: string | null;
  lastRotated: string | null;
  rotationDue: string | null;
  revocation: string | null;
  usedBy: ConnectorUse[];
  findings: { ruleId: string; severity: string; path: string; line: number; message: string }[];
}

export interface ConnectorReport {
  version: 1;
  generated: string;
  inventory: string;
  summary: Record<ConnectorStatus, number> & { connectors: number };
  connectors: ConnectorReportRow[];
}

function describePermissions(job: Permissions | undefined, workflow: Permissions | undefined): string {
  const permissions = job ?? workflow;
  if (!permissions) return "default (not declared)";
  if (permissions.shorthand) return permissions.shorthand.value;
  const scopes = Object.entries(permissions.scopes).map(([scope, value]) => `${scope}: ${value.value}`);
  return scopes.length > 0 ? scopes.join(", ") : "none";
}

export function buildReport(options: {
  models: { model: FileModel; platform: Platform }[];
  inventory: Inventory;
  findings: Finding[];
  now: Date;
  expiryWarningDays: number;
}): ConnectorReport {
  const { models, inventory, findings, now, expiryWarningDays } = options;
  const rows = new Map<string, ConnectorReportRow>();
  const empty = (name: string, kind: ConnectorKind, record: InventoryRecord | undefined): ConnectorReportRow => ({
    name: record?.name ?? name,
    kind: record?.kind ?? kind,
    status: "healthy",
    recorded: Boolean(record),
    owner: record?.owner ?? null,
    backupOwner: record?.backupOwner ?? null,
    businessOwner: record?.businessOwner ?? null,
    purpose: record?.purpose ?? null,
    expires: record?.expires ?? null,
    daysLeft: null,
    rotateEvery: record?.rotateEvery ?? null,
    lastRotated: record?.lastRotated ?? null,
    rotationDue: null,
    revocation: record?.revocation ?? null,
    usedBy: [],
    findings: [],
  });
  for (const record of inventory.records) rows.set(record.name.toUpperCase(), empty(record.name, record.kind, record));

  for (const { model, platform } of models) {
    for (const ref of model.connectorRefs) {
      if (ref.issuedByPlatform) continue;
      const record = findRecord(inventory, ref.name, platform.caseInsensitiveNames ?? false);
      const key = (record?.name ?? ref.name).toUpperCase();
      let row = rows.get(key);
      if (!row) rows.set(key, (row = empty(ref.name, ref.kind, undefined)));
      let use = row.usedBy.find((u) => u.path === model.path);
      if (!use) row.usedBy.push((use = { path: model.path, platform: platform.id, jobs: [] }));
      const job = model.jobs.find((j) => j.id === ref.scope.job);
      if (job && !use.jobs.some((j) => j.id === job.id)) {
        use.jobs.push({ id: job.id, environment: job.environment ?? null, permissions: model.platform === "github-actions" ? describePermissions(job.permissions, model.permissions) : "n/a" });
      }
    }
  }

  const findingsByName = new Map<string, Finding[]>();
  for (const finding of findings) {
    const name = /`([^`]+)`/.exec(finding.message)?.[1];
    if (!name) continue;
    const key = name.toUpperCase();
    if (rows.has(key)) findingsByName.set(key, [...(findingsByName.get(key) ?? []), finding]);
  }

  for (const [key, row] of rows) {
    row.findings = (findingsByName.get(key) ?? []).map((f) => ({ ruleId: f.ruleId, severity: f.severity, path: f.path, line: f.start.line, message: f.message }));
    const expires = row.expires ? parseDay(row.expires) : undefined;
    row.daysLeft = expires ? daysUntil(expires, now) : null;
    const last = row.lastRotated ? parseDay(row.lastRotated) : undefined;
    const due = last && row.rotateEvery ? addCadence(last, row.rotateEvery) : undefined;
    row.rotationDue = due ? due.toISOString().slice(0, 10) : null;
    row.status = !row.owner
      ? "unowned"
      : row.daysLeft !== null && row.daysLeft < 0
        ? "expired"
        : (due && daysUntil(due, now) < 0) || (row.rotateEvery && !last)
          ? "rotation-overdue"
          : row.daysLeft !== null && row.daysLeft <= expiryWarningDays
            ? "expiring"
            : !row.purpose || !row.expires
              ? "incomplete"
              : row.usedBy.length === 0
                ? "unused"
                : "healthy";
    row.usedBy.sort((a, b) => a.path.localeCompare(b.path));
  }

  const order: ConnectorStatus[] = ["unowned", "expired", "rotation-overdue", "expiring", "incomplete", "unused", "healthy"];
  const connectors = [...rows.values()].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || a.name.localeCompare(b.name));
  const summary = Object.fromEntries(order.map((status) => [status, connectors.filter((c) => c.status === status).length])) as Record<ConnectorStatus, number>;
  return { version: 1, generated: now.toISOString(), inventory: inventory.path, summary: { ...summary, connectors: connectors.length }, connectors };
}

/** Connectors used in the files that have no record yet, with the files that use them. */
export function unrecordedConnectors(models: { model: FileModel; platform: Platform }[], inventory: Inventory) {
  const found = new Map<string, { name: string; kind: ConnectorKind; paths: Set<string> }>();
  for (const { model, platform } of models) {
    for (const ref of model.connectorRefs) {
      if (ref.issuedByPlatform || findRecord(inventory, ref.name, platform.caseInsensitiveNames ?? false)) continue;
      const key = platform.caseInsensitiveNames ? ref.name.toUpperCase() : ref.name;
      const entry = found.get(key) ?? { name: ref.name, kind: ref.kind, paths: new Set<string>() };
      entry.paths.add(model.path);
      found.set(key, entry);
    }
  }
  return [...found.values()].map((entry) => ({ name: entry.name, kind: entry.kind, paths: [...entry.paths].sort() })).sort((a, b) => a.name.localeCompare(b.name));
}
