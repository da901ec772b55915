import { daysUntil, parseDay, relativeDays } from "../linter-core/dates.js";
import type { Rule } from "../linter-core/rule.js";
import { ownerOf, referencesWithRecords } from "./shared.js";

export const expiredConnector: Rule = {
  meta: {
    id: "expired-connector",
    description: "A connector past its `expires` date (error), or within the warning window, 30 days by default (warning).",
    defaultSeverity: "error",
    owasp: ["NHI7"],
    nist: ["PR.AA-05", "ID.AM-08"],
    hasFixes: false,
  },

  checkWorkspace(context) {
    const { inventory, now, config } = context;
    const state = new Map<string, { days: number; severity: "error" | "warning" }>();
    for (const record of inventory.records) {
      const expires = record.expires && parseDay(record.expires);
      if (!expires) continue;
      const days = daysUntil(expires, now);
      if (days > config.expiryWarningDays) continue;
      const severity = days < 0 ? "error" : "warning";
      state.set(record.name, { days, severity });
      const when = days === 0 ? "expires today" : `${severity === "error" ? "expired" : "expires"} ${relativeDays(days)} (${record.expires})`;
      context.report({
        path: inventory.path,
        span: record.fieldSpans.expires,
        severity,
        message: `\`${record.name}\` ${when}; ${ownerOf(record)}: re-approve it with a new date, or revoke it.`,
        identity: `${record.name}:${record.expires}`,
        connector: record.name,
        help: record.revocation ? `Revocation runbook: ${record.revocation}` : "Re-approve and set a new `expires`, or revoke the credential and delete the record.",
      });
    }
    for (const { path, ref, record } of referencesWithRecords(context)) {
      const expired = record && state.get(record.name);
      if (!record || !expired || expired.severity !== "error") continue;
      context.report({
        path,
        span: ref.span,
        severity: "error",
        message: `${ref.kind} \`${ref.name}\` expired on ${record.expires} (${ownerOf(record)}): this workflow relies on access that was due to end.`,
        identity: `${ref.name}:${record.expires}`,
        connector: ref.name,
        help: `Ask ${record.owner ?? "the owner"} to re-approve \`${record.name}\` with a new \`expires\` in the inventory, or move this workflow to another credential before it is revoked.`,
      });
    }
  },
};
