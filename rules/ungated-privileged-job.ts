import type { Rule } from "../linter-core/rule.js";

/** Names of credentials that deploy or publish. */
const DEPLOY_CREDENTIAL = /deploy|prod|release|publish|aws_|azure|gcp|gcloud|kube|k8s|heroku|vercel|netlify|npm_token|pypi|cargo|nuget|docker|registry|ssh_key|terraform/i;
const CLOUD_LOGIN = /^(aws-actions\/configure-aws-credentials|azure\/login|google-github-actions\/auth)@/;

export const ungatedPrivilegedJob: Rule = {
  meta: {
    id: "ungated-privileged-job",
    description: "A job using deployment credentials with no `environment:` (no approval gate, no environment-scoped secrets).",
    defaultSeverity: "warning",
    owasp: ["NHI5", "NHI8"],
    nist: ["PR.AA-05", "PR.PS-01"],
    hasFixes: false,
  },

  checkFile(context) {
    const { file } = context;
    if (file.platform !== "github-actions") return;
    for (const job of file.jobs) {
      if (job.environment || job.uses) continue;
      const credential =
        file.connectorRefs.find((ref) => ref.scope.job === job.id && !ref.issuedByPlatform && DEPLOY_CREDENTIAL.test(ref.name))?.name ??
        job.steps.find((step) => step.uses && CLOUD_LOGIN.test(step.uses.value))?.uses?.value.split("@")[0];
      if (!credential) continue;
      context.report({
        span: job.span,
        message: `job \`${job.id}\` uses deployment credentials (${credential}) with no \`environment:\`: no approval gate, and the secret is not scoped to an environment.`,
        identity: job.id,
        help: "Add `environment: production` (with required reviewers) and move the secret to that environment.",
      });
    }
  },
};
