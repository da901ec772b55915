// The connector inventory report for security teams: every connector (recorded or merely used),
// its owner, lifecycle state, where it is used, what those jobs may do (its blast radius), and its
// findings. Pure: built from the models, the inventory, the findings and "now".
import { addCadence, daysUntil, parseDay } from "./dates.js";
import { findRecord, type Inventory, type InventoryRecord } from "./inventory.js";
import type { ConnectorKind, FileModel, Finding, Permissions, Severity } from "./model.js";
import type { Platform } from "./platforms/platform.js";

/**
 * The states a connector can be in, most urgent first within a severity. A row's `status` is the first
 * of its `conditions` once error-level ones are put before warnings: worst severity wins.
 */
export const CONNECTOR_STATUSES = ["unowned", "expired", "leaked", "at-risk", "expiring", "rotation-overdue", "incomplete", "unused", "healthy"] as const;
export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

export interface ConnectorUse {
  path: string;
  platform: string;
  jobs: { id: string; environment: string | null; permissions: string }[];
}

/** A finding as every report shape shows it: the message is secret-free (redacted at the rule). */
export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  path: string;
  line: number;
  message: string;
  /** Why it was accepted (a suppression's reason, the baseline), or null: accepted is still shown. */
  accepted: string | null;
}

/**
 * A secret value once committed under a connector's name (`DEPLOY_TOKEN: ghp_…` in some commit), found
 * by `nhilint history`: unless rotated since, the connector's value is in every clone.
 */
export interface HistoryLeak {
  title: string;
  /** A short prefix and the length: never the value. */
  redacted: string;
  firstCommit: string;
  date: string;
  path: string;
  inHead: boolean;
  /** The baseline accepts it (`nhilint history --update-baseline`, once it was rotated), or a comment does. */
  accepted?: boolean;
  /** The `nhilint-disable-next-line` comment that accepts it where it is now (its reason is why). */
  suppression?: { path: string; line: number; reason: string };
  /** Where a credential of its kind is revoked, when nhilint knows the provider's page. */
  revoke?: string;
  /**
   * In a report row, when no leak under the name is left to rotate: why (the baseline or a comment
   * accepts it, or the record's `last-rotated` is after the day it was committed). Shown, not hidden.
   */
  resolved?: "accepted" | "rotated";
}

/**
 * The leak to show under a connector's name: the earliest still to rotate, else the latest with why it
 * is over — the baseline accepts it, or the credential was rotated (`lastRotated`) after the day it was
 * committed (the same day is not enough: the value rotated to may be the one committed).
 */
export function leakToShow(leaks: readonly HistoryLeak[], lastRotated?: Date): HistoryLeak | undefined {
  const rotatedAfter = (leak: HistoryLeak) => lastRotated !== undefined && lastRotated.getTime() > parseDay(leak.date)!.getTime();
  const open = leaks.find((leak) => !leak.accepted && !rotatedAfter(leak));
  if (open) return open;
  const latest = leaks.at(-1);
  return latest && { ...latest, resolved: latest.accepted ? "accepted" : "rotated" };
}

export interface ConnectorReportRow {
  name: string;
  kind: ConnectorKind;
  status: ConnectorStatus;
  /** The worst severity among its conditions; `none` when healthy. */
  severity: Severity | "none";
  /** Every state that applies, most urgent first (the first is the status). */
  conditions: ConnectorStatus[];
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
  findings: ReportFinding[];
  /** Only in a report built with the history (`inventory --history`): the earliest leak under its name, or null. */
  leakedInHistory?: HistoryLeak | null;
}

export interface ConnectorReport {
  version: 2;
  generated: string;
  /** Which repository and commit the report describes (null outside git). */
  repository: { name: string; commit: string | null; uncommittedChanges: boolean } | null;
  inventory: string;
  expiryWarningDays: number;
  /** Rows in each state (a row counts in every state that applies; healthy rows have none), and totals. */
  summary: Record<ConnectorStatus, number> & { connectors: number; secrets: number; otherFindings: number };
  connectors: ConnectorReportRow[];
  /** Hardcoded secrets: not connectors, but the credentials the inventory most needs to know about. */
  secrets: ReportFinding[];
  /** Findings about no connector (permissions, triggers, parse errors...). */
  otherFindings: ReportFinding[];
  /** Present when the history was read (`inventory --history`): which revisions. */
  history?: { revisions: string[] };
}

function describePermissions(job: Permissions | undefined, workflow: Permissions | undefined): string {
  const permissions = job ?? workflow;
  if (!permissions) return "default (not declared)";
  if (permissions.shorthand) return permissions.shorthand.value;
  const scopes = Object.entries(permissions.scopes).map(([scope, value]) => `${scope}: ${value.value}`);
  return scopes.length > 0 ? scopes.join(", ") : "none";
}

/** The state a connector finding puts its row in. */
function conditionOf(ruleId: string, row: ConnectorReportRow): ConnectorStatus {
  switch (ruleId) {
    case "unowned-connector":
      return "unowned";
    case "expired-connector":
      return row.daysLeft !== null && row.daysLeft < 0 ? "expired" : "expiring";
    case "rotation-overdue":
      return "rotation-overdue";
    case "incomplete-connector-record":
      return "incomplete";
    case "stale-connector":
      return "unused";
    default:
      return "at-risk";
  }
}

/** How urgent a row is, lower first: by severity, then status. The report's order and the HTML sort key. */
export const urgency = (row: Pick<ConnectorReportRow, "severity" | "status">) =>
  (row.severity === "error" ? 0 : row.severity === "warning" ? 1 : 2) * 10 + CONNECTOR_STATUSES.indexOf(row.status);

const reportFinding = (f: Finding): ReportFinding => ({ ruleId: f.ruleId, severity: f.severity, path: f.path, line: f.start.line, message: f.message, accepted: f.suppression?.justification ?? null });
const byPlace = (a: ReportFinding, b: ReportFinding) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.ruleId < b.ruleId ? -1 : 1));

export function buildReport(options: {
  models: { model: FileModel; platform: Platform }[];
  inventory: Inventory;
  /** Every finding of the run, accepted (suppressed or baselined) ones included: they are shown as accepted. */
  findings: Finding[];
  now: Date;
  expiryWarningDays: number;
  repository?: ConnectorReport["repository"];
  /** Every secret value committed under each (upper-cased) name, oldest first (`inventory --history`). */
  history?: { revisions: string[]; leaks: Map<string, HistoryLeak[]> };
  /**
   * Shows redacted any secret the run detected (LintResult.redact): the inventory's fields, the jobs'
   * names and the files' paths are printed as written, and a token pasted as an owner is still a token.
   */
  redact?: (text: string) => string;
}): ConnectorReport {
  const { models, inventory, findings, now, expiryWarningDays } = options;
  const rows = new Map<string, ConnectorReportRow>();
  const empty = (name: string, kind: ConnectorKind, record: InventoryRecord | undefined): ConnectorReportRow => ({
    name: record?.name ?? name,
    kind: record?.kind ?? kind,
    status: "healthy",
    severity: "none",
    conditions: [],
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
  // A row per record (by its exact name: `deploy_token` and `DEPLOY_TOKEN` are two records), and one per
  // connector no record matches, by its name as its platform compares names (GitHub's secrets whatever
  // their case; GitLab's variables as written, so `$DEPLOY_TOKEN` is not the record `deploy_token`).
  const recordKey = (record: InventoryRecord) => `record\0${record.name}`;
  const unrecordedKey = (name: string, caseInsensitive: boolean) => `unrecorded\0${caseInsensitive ? name.toUpperCase() : name}`;
  for (const record of inventory.records) if (!rows.has(recordKey(record))) rows.set(recordKey(record), empty(record.name, record.kind, record));
  // The record a name belongs to is the one the rules find (findRecord: on GitHub the first record of
  // that name in any case), so a row's uses and findings are the rules' own.
  const rowOf = (name: string, caseInsensitive: boolean) => {
    const record = findRecord(inventory, name, caseInsensitive);
    return rows.get(record ? recordKey(record) : unrecordedKey(name, caseInsensitive));
  };

  for (const { model, platform } of models) {
    for (const ref of model.connectorRefs) {
      if (ref.issuedByPlatform) continue;
      const caseInsensitive = platform.caseInsensitiveNames ?? false;
      let row = rowOf(ref.name, caseInsensitive);
      if (!row) rows.set(unrecordedKey(ref.name, caseInsensitive), (row = empty(ref.name, ref.kind, undefined)));
      let use = row.usedBy.find((u) => u.path === model.path);
      if (!use) row.usedBy.push((use = { path: model.path, platform: platform.id, jobs: [] }));
      const job = model.jobs.find((j) => j.id === ref.scope.job);
      if (job && !use.jobs.some((j) => j.id === job.id)) {
        use.jobs.push({ id: job.id, environment: job.environment ?? null, permissions: model.platform === "github-actions" ? describePermissions(job.permissions, model.permissions) : "n/a" });
      }
    }
  }

  // Each finding lands in exactly one place: its connector's row, the secrets, or the rest.
  const secrets: ReportFinding[] = [];
  const otherFindings: ReportFinding[] = [];
  const findingsOf = new Map<ConnectorReportRow, Finding[]>();
  // A finding's connector is compared as the platform of its file compares names (the inventory's own
  // findings name their record exactly).
  const caseInsensitiveAt = new Map(models.map(({ model, platform }) => [model.path, platform.caseInsensitiveNames ?? false]));
  for (const finding of findings) {
    const row = finding.connector === undefined ? undefined : rowOf(finding.connector, caseInsensitiveAt.get(finding.path) ?? false);
    if (row) {
      const own = findingsOf.get(row);
      if (own) own.push(finding);
      else findingsOf.set(row, [finding]);
    }
    else if (finding.ruleId === "hardcoded-secret") secrets.push(reportFinding(finding));
    else otherFindings.push(reportFinding(finding));
  }

  const severityRank = (severity: Severity) => (severity === "error" ? 0 : 1);
  for (const row of rows.values()) {
    const own = findingsOf.get(row) ?? [];
    row.findings = own.map(reportFinding).sort(byPlace);
    const expires = row.expires ? parseDay(row.expires) : undefined;
    row.daysLeft = expires ? daysUntil(expires, now) : null;
    const last = row.lastRotated ? parseDay(row.lastRotated) : undefined;
    const due = last && row.rotateEvery ? addCadence(last, row.rotateEvery) : undefined;
    row.rotationDue = due ? due.toISOString().slice(0, 10) : null;

    // The findings say what is wrong (at the severity the team configured); the record's own data
    // says it too where a rule is off or did not run, at the rule's default severity.
    const conditions = new Map<ConnectorStatus, Severity>();
    const add = (condition: ConnectorStatus, severity: Severity) => {
      const known = conditions.get(condition);
      if (!known || severityRank(severity) < severityRank(known)) conditions.set(condition, severity);
    };
    for (const finding of own) add(conditionOf(finding.ruleId, row), finding.severity);
    if (!row.owner) add("unowned", "error");
    if (row.daysLeft !== null && row.daysLeft < 0) add("expired", "error");
    else if (row.daysLeft !== null && row.daysLeft <= expiryWarningDays) add("expiring", "warning");
    if ((due && daysUntil(due, now) < 0) || (row.rotateEvery && !last)) add("rotation-overdue", "warning");
    if (row.recorded && (!row.purpose || !row.expires)) add("incomplete", "warning");
    if (row.usedBy.length === 0) add("unused", "warning");
    if (options.history) {
      const leak = leakToShow(options.history.leaks.get(row.name.toUpperCase()) ?? [], last);
      row.leakedInHistory = leak ?? null;
      if (leak && !leak.resolved) add("leaked", "error");
    }

    const ordered = [...conditions].sort(([a, sa], [b, sb]) => severityRank(sa) - severityRank(sb) || CONNECTOR_STATUSES.indexOf(a) - CONNECTOR_STATUSES.indexOf(b));
    row.conditions = ordered.map(([condition]) => condition);
    row.status = row.conditions[0] ?? "healthy";
    row.severity = ordered[0]?.[1] ?? "none";
    row.usedBy.sort((a, b) => a.path.localeCompare(b.path));
  }

  const { redact } = options;
  if (redact) {
    for (const row of rows.values()) {
      for (const field of ["name", "owner", "backupOwner", "businessOwner", "purpose", "rotateEvery", "revocation"] as const) {
        const value = row[field];
        if (value) row[field] = redact(value);
      }
      for (const job of row.usedBy.flatMap((use) => use.jobs)) {
        job.id = redact(job.id);
        if (job.environment) job.environment = redact(job.environment);
      }
      // A file named after its token is still the token.
      for (const item of [...row.usedBy, ...row.findings]) item.path = redact(item.path);
    }
    for (const finding of [...secrets, ...otherFindings]) finding.path = redact(finding.path);
  }
  const connectors = [...rows.values()].sort((a, b) => urgency(a) - urgency(b) || a.name.localeCompare(b.name));
  const summary = Object.fromEntries(
    CONNECTOR_STATUSES.map((status) => [status, connectors.filter((c) => (status === "healthy" ? c.conditions.length === 0 : c.conditions.includes(status))).length]),
  ) as Record<ConnectorStatus, number>;
  return {
    version: 2,
    generated: now.toISOString(),
    repository: options.repository ?? null,
    inventory: inventory.path,
    expiryWarningDays,
    summary: { ...summary, connectors: connectors.length, secrets: secrets.length, otherFindings: otherFindings.length },
    connectors,
    secrets: secrets.sort(byPlace),
    otherFindings: otherFindings.sort(byPlace),
    ...(options.history && { history: { revisions: options.history.revisions } }),
  };
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
