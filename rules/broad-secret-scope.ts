import type { Rule } from "../linter-core/rule.js";

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
    const { file } = context;
    for (const ref of file.connectorRefs) {
      if (!ref.binding || ref.issuedByPlatform || ref.binding.level === "step") continue;
      const job = file.jobs.find((j) => j.id === ref.scope.job);
      // A single step gains nothing from moving the binding down.
      if (ref.binding.level === "job" && job && job.steps.length <= 1) continue;
      if (ref.binding.level === "workflow" && file.jobs.length === 1 && file.jobs[0].steps.length <= 1) continue;
      const audience = ref.binding.level === "workflow" ? `every step of all ${file.jobs.length} job${file.jobs.length === 1 ? "" : "s"}` : `all ${job?.steps.length ?? ""} steps of job \`${ref.scope.job}\``;
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
