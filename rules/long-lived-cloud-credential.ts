import type { Rule } from "../linter-core/rule.js";

/** Static keys where the platform offers short-lived federation, and what to use instead. */
const STATIC_KEYS: { secret: RegExp; what: string; instead: string }[] = [
  { secret: /^AWS_(SECRET_)?ACCESS_KEY(_ID)?$/i, what: "a static AWS access key", instead: "OIDC: aws-actions/configure-aws-credentials with `role-to-assume` and `permissions: id-token: write`" },
  { secret: /^(AZURE_CREDENTIALS|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET)$/i, what: "an Azure service principal secret", instead: "OIDC: azure/login with `client-id`, `tenant-id`, `subscription-id` and `permissions: id-token: write`" },
  { secret: /^(GCP|GOOGLE|GCLOUD)_[A-Z_]*(CREDENTIALS|SA_KEY|SERVICE_ACCOUNT_KEY|KEY_JSON)$/i, what: "a GCP service account key", instead: "Workload Identity Federation: google-github-actions/auth with `workload_identity_provider`" },
  { secret: /^PYPI_(API_)?TOKEN$|^PYPI_PASSWORD$/i, what: "a PyPI API token", instead: "trusted publishing: pypa/gh-action-pypi-publish with `permissions: id-token: write` and no password" },
  { secret: /^NPM_(TOKEN|AUTH_TOKEN|PUBLISH_TOKEN)$/i, what: "an npm token", instead: "npm trusted publishing (OIDC) with `permissions: id-token: write`" },
];

/** Action inputs that take a static key. */
const STATIC_INPUTS: { action: RegExp; input: string; what: string; instead: string }[] = [
  { action: /^azure\/login@/, input: "creds", what: "an Azure service principal secret", instead: STATIC_KEYS[1].instead },
  { action: /^google-github-actions\/auth@/, input: "credentials_json", what: "a GCP service account key", instead: STATIC_KEYS[2].instead },
  { action: /^pypa\/gh-action-pypi-publish@/, input: "password", what: "a PyPI API token", instead: STATIC_KEYS[3].instead },
];

export const longLivedCloudCredential: Rule = {
  meta: {
    id: "long-lived-cloud-credential",
    description: "Static cloud or registry keys where OIDC, workload identity or trusted publishing exists.",
    defaultSeverity: "warning",
    owasp: ["NHI6", "NHI7"],
    nist: ["PR.AA-01", "PR.AA-05"],
    hasFixes: false,
  },

  checkFile(context) {
    const { file } = context;
    if (file.platform !== "github-actions") return;
    const reported: { start: number; end: number }[] = [];
    for (const job of file.jobs) {
      for (const step of job.steps) {
        for (const input of STATIC_INPUTS) {
          const value = step.inputs[input.input];
          if (!step.uses || !input.action.test(step.uses.value) || !value) continue;
          reported.push(value.span);
          context.report({ span: value.span, message: `job \`${job.id}\` signs in with ${input.what}, a long-lived credential: use ${input.instead}.`, identity: `${job.id}/${step.id}/${input.input}`, help: `Replace it with ${input.instead}, then revoke the key.` });
        }
      }
    }
    const seen = new Set<string>();
    for (const ref of file.connectorRefs) {
      const key = STATIC_KEYS.find((k) => k.secret.test(ref.name));
      // Already reported through the action input it is passed to.
      if (!key || seen.has(ref.name.toUpperCase()) || reported.some((span) => span.start <= ref.span.start && ref.span.end <= span.end)) continue;
      seen.add(ref.name.toUpperCase());
      context.report({ span: ref.span, message: `\`${ref.name}\` is ${key.what}, a long-lived credential: use ${key.instead}.`, identity: ref.name, help: `Switch to ${key.instead}, then revoke the key and remove the secret.` });
    }
  },
};
