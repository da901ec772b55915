import type { Rule } from "../linter-core/rule.js";

export const secretsInherit: Rule = {
  meta: {
    id: "secrets-inherit",
    description: "`secrets: inherit` (GitLab: `forward: pipeline_variables: true`) hands every secret of the caller to a called workflow or downstream pipeline.",
    defaultSeverity: "warning",
    owasp: ["NHI5", "NHI9"],
    nist: ["PR.AA-05"],
    hasFixes: false,
  },

  checkFile(context) {
    const passes = context.platform.passesEverything ?? {
      what: "every secret",
      setting: "`secrets: inherit`",
      help: "List the secrets the called workflow declares under `on.workflow_call.secrets`: `secrets: { NPM_TOKEN: ${{ secrets.NPM_TOKEN }} }`.",
    };
    for (const job of context.file.jobs) {
      if (!job.secretsInherit) continue;
      context.report({
        span: job.secretsInherit,
        message: `job \`${job.id}\` passes ${passes.what} to ${job.uses ?? "the called workflow"} with ${passes.setting}: it needs only some of them.`,
        identity: job.id,
        help: passes.help,
      });
    }
  },
};
