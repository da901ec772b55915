import type { Rule } from "../linter-core/rule.js";
import { ownerOf, referencesWithRecords } from "./shared.js";

export const connectorScope: Rule = {
  meta: {
    id: "connector-scope",
    description: "A connector used by a file outside its record's `used-by` globs: one credential shared across unrelated workflows.",
    defaultSeverity: "error",
    owasp: ["NHI9"],
    nist: ["PR.AA-05"],
    hasFixes: false,
  },

  async checkWorkspace(context) {
    const scoped = referencesWithRecords(context).filter(({ record }) => record?.usedBy && record.usedBy.length > 0);
    // Stryker disable next-line ConditionalExpression: a shortcut; without it the loop below has nothing to do either.
    if (scoped.length === 0) return;
    // Most inventories scope nothing: only those that do pay for loading the glob matcher.
    const { default: picomatch } = await import("picomatch");
    const matchers = new Map<string, (path: string) => boolean>();
    const reported = new Set<string>();
    for (const { path, ref, record } of scoped) {
      // Stryker disable next-line ConditionalExpression,OptionalChaining: for the type checker; `scoped` holds only records with used-by.
      if (!record?.usedBy) continue;
      let matches = matchers.get(record.name);
      // Stryker disable next-line ConditionalExpression: a cache; building the matcher again gives the same answers.
      if (!matches) matchers.set(record.name, (matches = picomatch(record.usedBy, { dot: true })));
      if (matches(path) || reported.has(`${path}\0${record.name}`)) continue;
      reported.add(`${path}\0${record.name}`);
      context.report({
        path,
        span: ref.span,
        message: `${ref.kind} \`${ref.name}\` is granted to ${record.usedBy.join(", ")} only, not to this file (${ownerOf(record)}): give this workflow its own credential, or ask the owner to widen \`used-by\`.`,
        identity: ref.name,
        connector: ref.name,
        help: "One credential per workflow limits what one leak can reach.",
      });
    }
  },
};
