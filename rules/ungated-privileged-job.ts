import type { ConnectorRef } from "../linter-core/model.js";
import type { Rule } from "../linter-core/rule.js";
import { refsOfJob } from "./model-index.js";

/** A secret named for a deployment target (words split by `_`, or `-` in credential ids: `aws-prod-key`)... */
const DEPLOY_WORD = /(^|[_-])(deploy\w*|prod\w*|release|publish\w*|aws|azure|arm|gcp|gcloud|google|kube\w*|k8s|heroku|vercel|netlify|npm|pypi|cargo|nuget|docker\w*|registry|terraform|tf|firebase|cloudflare|fly)([_-]|$)/i;
/** ...that is a credential (not a user name or a URL). */
const CREDENTIAL_WORD = /(token|key|secret|password|pass|pat|credentials?|auth)([_-]|$)/i;
const isDeployCredential = (name: string) => DEPLOY_WORD.test(name) && CREDENTIAL_WORD.test(name);
/** By the credential's own name, or by the variable it is bound to (a Jenkins id bound as `AWS_SECRET_ACCESS_KEY`). */
const deployCredential = (ref: ConnectorRef) => isDeployCredential(ref.name) || (ref.binding !== undefined && isDeployCredential(ref.binding.name));

export const ungatedPrivilegedJob: Rule = {
  meta: {
    id: "ungated-privileged-job",
    description: "A job using deployment credentials (at `level: strict`, any secret) with no `environment:` (no approval gate, no environment-scoped secrets).",
    defaultSeverity: "warning",
    owasp: ["NHI5", "NHI8"],
    nist: ["PR.AA-05", "PR.PS-01"],
    hasFixes: false,
  },

  checkFile(context) {
    const { file, platform, config } = context;
    // At `level: strict` every secret calls for an environment, not only those named for a deployment.
    const strict = config.level === "strict";
    // Platforms whose files can say where a job's gate is (GitHub, GitLab `environment:`, Azure deployment jobs).
    const gate = platform.deploymentGate;
    if (!gate) return;
    for (const job of file.jobs) {
      // A composite action's steps get their caller's environment: the calling workflow is where to gate.
      if (job.environment || job.approvalGate || job.uses || job.inheritsUnseen || job.template || job.composite) continue;
      const ref = refsOfJob(file, job.id).find((r) => !r.issuedByPlatform && !r.ownChecks && (strict || r.kind !== "secret" || deployCredential(r)));
      // Stryker disable next-line OptionalChaining: the step found has `uses`, and only GitHub's steps (whose platform names its sign-in actions) have it.
      const login = job.steps.find((step) => step.uses && platform.cloudLoginStep?.test(step.uses.value))?.uses?.value.split("@")[0];
      const credential = ref?.name ?? login;
      if (!credential) continue;
      const what = ref && ref.kind === "secret" && !deployCredential(ref) ? "a secret" : "deployment credentials";
      context.report({
        span: job.span,
        message: `job \`${job.id}\` uses ${what} (${credential}) with no ${platform.gateAbsent ?? "`environment:`: no approval gate, and the secret is not scoped to an environment"}.`,
        identity: job.id,
        help: gate,
      });
    }
  },
};
