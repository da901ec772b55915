import type { Rule } from "../linter-core/rule.js";

export const secretsInherit: Rule = {
  meta: {
    id: "secrets-inherit",
    description: "`secrets: inherit` hands every secret of the caller to a called workflow.",
    defaultSeverity: "warning",
    owasp: ["NHI5", "NHI9"],
    nist: ["PR.AA-05"],
    hasFixes: false,
  },

  checkFile(context) {
    for (const job of context.file.jobs) {
      if (!job.secretsInherit) continue;
      context.report({
        span: job.secretsInherit,
        message: `job \`${job.id}\` passes every secret to ${job.uses ?? "the called workflow"} with \`secrets: inherit\`: it needs only some of them.`,
        identity: job.id,
        help: "List the secrets the called workflow declares under `on.workflow_call.secrets`: `secrets: { NPM_TOKEN: ${{ secrets.NPM_TOKEN }} }`.",
      });
    }
  },
};
