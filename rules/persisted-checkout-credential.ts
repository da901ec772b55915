import type { Rule } from "../linter-core/rule.js";

export const persistedCheckoutCredential: Rule = {
  meta: {
    id: "persisted-checkout-credential",
    description: "actions/checkout leaves its token in .git/config for every later step unless `persist-credentials: false`.",
    defaultSeverity: "warning",
    owasp: ["NHI2"],
    nist: ["PR.AA-05", "PR.DS-01"],
    hasFixes: true,
  },

  checkFile(context) {
    const { file } = context;
    for (const job of file.jobs) {
      for (const step of job.steps) {
        if (!step.uses || !/^actions\/checkout@/.test(step.uses.value)) continue;
        const setting = step.inputs["persist-credentials"]?.value;
        if (setting === "false") continue;
        const { offset, indent, createWith } = step.inputInsertion;
        const text = createWith ? `${indent}with:\n${indent}  persist-credentials: false\n` : `${indent}persist-credentials: false\n`;
        context.report({
          span: step.inputs["persist-credentials"]?.span ?? step.uses.span,
          message: `checkout in job \`${job.id}\`, step \`${step.id}\` leaves its token in .git/config, readable by every later step and any artifact that uploads the workspace.`,
          identity: `${job.id}/${step.id}`,
          fixes:
            setting === undefined
              ? [{ title: "Add `persist-credentials: false`", edits: [{ path: file.path, start: offset, end: offset, text }], safe: false, followUp: ["A later step that pushes must now authenticate itself (for example with a token in its own env)."] }]
              : [{ title: "Set `persist-credentials: false`", edits: [{ path: file.path, ...step.inputs["persist-credentials"].span, text: "false" }], safe: false }],
          help: "Set `persist-credentials: false` on the checkout; give a token only to the step that pushes.",
        });
      }
    }
  },
};
