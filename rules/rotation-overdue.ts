import { addCadence, daysUntil, parseDay, relativeDays } from "../linter-core/dates.js";
import type { Rule } from "../linter-core/rule.js";
import { ownerOf } from "./shared.js";

export const rotationOverdue: Rule = {
  meta: {
    id: "rotation-overdue",
    description: "`last-rotated` + `rotate-every` is in the past, or a cadence is set and no rotation was ever recorded.",
    defaultSeverity: "warning",
    owasp: ["NHI7"],
    nist: ["PR.AA-01"],
    hasFixes: false,
  },

  checkWorkspace(context) {
    const { inventory, now } = context;
    for (const record of inventory.records) {
      if (!record.rotateEvery) continue;
      const last = record.lastRotated && parseDay(record.lastRotated);
      if (!last) {
        context.report({
          path: inventory.path,
          span: record.fieldSpans["rotate-every"],
          message: `\`${record.name}\` should be rotated every ${record.rotateEvery} but no rotation is recorded (${ownerOf(record)}).`,
          identity: `${record.name}:never`,
          connector: record.name,
          help: "Rotate it, then set `last-rotated:` to the date.",
        });
        continue;
      }
      const due = addCadence(last, record.rotateEvery);
      if (!due) continue;
      const days = daysUntil(due, now);
      if (days >= 0) continue;
      context.report({
        path: inventory.path,
        span: record.fieldSpans["last-rotated"],
        message: `\`${record.name}\` was due for rotation ${relativeDays(days)} (last rotated ${record.lastRotated}, every ${record.rotateEvery}; ${ownerOf(record)}).`,
        identity: `${record.name}:${record.lastRotated}`,
        connector: record.name,
        help: "Rotate the credential at its provider, update the stored secret, then set `last-rotated:`.",
      });
    }
  },
};
