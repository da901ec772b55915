import { addRecordsEdit, findRecord } from "../linter-core/inventory.js";
import type { ConnectorRef } from "../linter-core/model.js";
import type { Rule } from "../linter-core/rule.js";
import { describeScope } from "./shared.js";

export const unownedConnector: Rule = {
  meta: {
    id: "unowned-connector",
    description: "A connector used with no inventory record, or a record with no owner.",
    defaultSeverity: "error",
    owasp: ["NHI1"],
    nist: ["ID.AM-08", "GV.RR-02"],
    hasFixes: true,
  },

  checkFile(context) {
    const { file, platform, inventory, codeowners, author } = context;
    // One finding per connector per file, at its first reference: the rest would repeat it.
    const byName = new Map<string, ConnectorRef[]>();
    for (const ref of file.connectorRefs) {
      if (ref.issuedByPlatform) continue;
      // Stryker disable next-line MethodExpression: any one case folds the names together the same way.
      const key = platform.caseInsensitiveNames ? ref.name.toUpperCase() : ref.name;
      const refs = byName.get(key);
      if (refs) refs.push(ref);
      else byName.set(key, [ref]);
    }
    for (const refs of byName.values()) {
      const ref = refs[0];
      const uses = refs.length > 1 ? ` (used ${refs.length} times in this file)` : "";
      const record = findRecord(inventory, ref.name, platform.caseInsensitiveNames ?? false);
      if (record?.owner) continue;
      if (record) {
        context.report({
          span: ref.span,
          message: `${ref.kind} \`${ref.name}\`${describeScope(ref.scope)} has a record in ${inventory.path} but no owner${uses}.`,
          identity: ref.name,
          connector: ref.name,
          help: `Set \`owner:\` on the \`${record.name}\` record to the accountable team handle or e-mail.`,
        });
        continue;
      }
      // CODEOWNERS says who answers for the file; failing that, whoever is adding the connector owns it until they hand it over.
      const fromCodeowners = codeowners.ownersOf(file.path)[0];
      const owner = fromCodeowners ?? author;
      const whose = fromCodeowners ? ` (owner ${owner} from CODEOWNERS)` : owner ? ` (owner ${owner}: you, until you hand it over)` : "";
      context.report({
        span: ref.span,
        message: `${ref.kind} \`${ref.name}\`${describeScope(ref.scope)} has no record in ${inventory.path}: nobody is accountable for it${uses}.`,
        identity: ref.name,
        connector: ref.name,
        fixes: [
          {
            title: `Register \`${ref.name}\` in ${inventory.path}${whose}`,
            edits: [addRecordsEdit(inventory, [{ name: ref.name, kind: ref.kind, owner, usedBy: [file.path] }])],
            safe: true,
            followUp: ["Fill in `purpose` and `expires` in the new record."],
          },
        ],
        help: `Add a record for \`${ref.name}\` to ${inventory.path} with an owner, a purpose and an expiry.`,
      });
    }
  },

  checkWorkspace(context) {
    for (const record of context.inventory.records) {
      if (record.owner) continue;
      context.report({
        path: context.inventory.path,
        span: record.fieldSpans.owner ?? record.fieldSpans.name ?? record.span,
        message: `\`${record.name}\` has no owner: name the team or person accountable for it.`,
        identity: record.name,
        connector: record.name,
        help: "Set `owner:` to a team handle (@org/team) or an e-mail address.",
      });
    }
  },
};
