import type { Rule } from "../linter-core/rule.js";
import { ownerOf, referencesWithRecords } from "./shared.js";

export const staleConnector: Rule = {
  meta: {
    id: "stale-connector",
    description: "An inventory record no linted workflow uses any more: the credential is a revocation candidate.",
    defaultSeverity: "warning",
    owasp: ["NHI1"],
    nist: ["ID.AM-08", "PR.AA-05"],
    hasFixes: false,
  },

  checkWorkspace(context) {
    // Only a run over the whole workspace can know that nothing uses a record.
    if (!context.wholeWorkspace) return;
    const used = new Set(referencesWithRecords(context).map(({ record }) => record?.name));
    for (const record of context.inventory.records) {
      if (used.has(record.name)) continue;
      context.report({
        path: context.inventory.path,
        span: record.fieldSpans.name,
        message: `\`${record.name}\` is not used by any workflow any more (${ownerOf(record)}): revoke the credential and remove the record.`,
        identity: record.name,
        connector: record.name,
        help: record.revocation ? `Revocation runbook: ${record.revocation}` : "Revoke it at its provider, delete the stored secret, then delete this record.",
      });
    }
  },
};
