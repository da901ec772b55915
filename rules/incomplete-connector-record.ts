import type { Rule } from "../linter-core/rule.js";

/** A team handle (@org/team, @user) or an e-mail address. */
const OWNER = /^@[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$|^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/;

export const incompleteConnectorRecord: Rule = {
  meta: {
    id: "incomplete-connector-record",
    description: "An inventory record missing its purpose or expiry, or with an owner that is not a handle or e-mail.",
    defaultSeverity: "warning",
    owasp: ["NHI1", "NHI7"],
    nist: ["ID.AM-08", "GV.RR-02"],
    hasFixes: false,
  },

  checkWorkspace(context) {
    const { inventory } = context;
    for (const record of inventory.records) {
      const missing = [!record.purpose && "purpose", !record.expires && "expires"].filter(Boolean);
      if (missing.length > 0) {
        context.report({
          path: inventory.path,
          span: record.fieldSpans.name,
          message: `\`${record.name}\` has no ${missing.join(" and no ")}${record.owner ? ` (owner ${record.owner})` : ""}: without them nobody can tell when access should end.`,
          // Stryker disable next-line StringLiteral: the separator only keeps the missing fields apart in the fingerprint's input.
          identity: `${record.name}:${missing.join(",")}`,
          connector: record.name,
          help: "Add `purpose:` (what it is for) and `expires:` (YYYY-MM-DD, when access is re-approved or revoked).",
        });
      }
      if (record.owner && !OWNER.test(record.owner)) {
        context.report({
          path: inventory.path,
          span: record.fieldSpans.owner,
          message: `\`${record.name}\`'s owner "${record.owner}" is not a team handle (@org/team) or an e-mail address: findings cannot be routed to it.`,
          identity: `${record.name}:owner`,
          connector: record.name,
          help: "Use a handle such as @acme/platform or an address such as platform@acme.example.",
        });
      }
    }
  },
};
