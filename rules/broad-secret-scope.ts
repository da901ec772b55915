import type { FileContext, Rule } from "../linter-core/rule.js";
import { shellVariableUse } from "./shared.js";
import { jobById, scriptsOfJob } from "./model-index.js";

export const broadSecretScope: Rule = {
  meta: {
    id: "broad-secret-scope",
    description: "A secret bound at workflow or job level, visible to every job or step, not only to the step that uses it.",
    defaultSeverity: "warning",
    owasp: ["NHI5"],
    nist: ["PR.AA-05"],
    hasFixes: false,
  },

  checkFile(context) {
    const { file, platform } = context;
    if (platform.narrowerBinding) return pipelineWide(context, platform.narrowerBinding);
    const workflowSteps = file.jobs.reduce((sum, job) => sum + job.steps.length, 0);
    for (const ref of file.connectorRefs) {
      if (!ref.binding || ref.issuedByPlatform || ref.binding.level === "step") continue;
      const workflowWide = ref.binding.level === "workflow";
      // The steps the binding reaches: a single step gains nothing from moving the binding down.
      // Stryker disable next-line OptionalChaining: a job-level binding's job is always in the model; `?? 0` keeps one that is not from crashing.
      const reached = workflowWide ? workflowSteps : (jobById(file, ref.scope.job)?.steps.length ?? 0);
      if (reached <= 1) continue;
      const audience = workflowWide ? `every step of all ${file.jobs.length} job${file.jobs.length === 1 ? "" : "s"}` : `all ${reached} steps of job \`${ref.scope.job}\``;
      context.report({
        span: ref.binding.keySpan,
        message: `secret \`${ref.name}\` is bound to \`${ref.binding.name}\` for ${audience}, third-party actions included.`,
        identity: `${ref.binding.level}:${ref.binding.name}:${ref.name}`,
        connector: ref.name,
        help: "Move the `env:` binding to the step that uses the secret.",
      });
    }
  },
};

/**
 * Platforms whose jobs have no steps of their own (GitLab, Azure): a secret bound in the pipeline's
 * top-level `variables:` reaches every job, while fewer need it (for an Azure group, which jobs read it
 * cannot be seen: any pipeline of two jobs or more).
 */
function pipelineWide(context: FileContext, help: string): void {
  const { file } = context;
  const jobs = file.jobs.filter((job) => !job.template);
  for (const ref of file.connectorRefs) {
    if (ref.binding?.level !== "workflow" || ref.issuedByPlatform || jobs.length < 2) continue;
    const use = shellVariableUse(ref.binding.name);
    const users = ref.binding.name === ref.name ? undefined : jobs.filter((job) => scriptsOfJob(file, job.id).some((l) => use.test(l.value))).length;
    // Stryker disable next-line ConditionalExpression: for a linked group (`users` undefined) `undefined >= n` is false too; the test says what is meant.
    if (users !== undefined && users >= jobs.length) continue;
    const what = ref.binding.name === ref.name ? `\`${ref.name}\` is linked` : `secret \`${ref.name}\` is bound to \`${ref.binding.name}\``;
    context.report({
      span: ref.binding.keySpan,
      message: `${what} for the whole pipeline: all ${jobs.length} jobs get it${users === undefined ? "" : `, ${users} name${users === 1 ? "s" : ""} it in a script`}.`,
      identity: `pipeline:${ref.binding.name}:${ref.name}`,
      connector: ref.name,
      help,
    });
  }
}
