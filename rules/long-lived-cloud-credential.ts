import type { CredentialProvider } from "../linter-core/platforms/platform.js";
import type { Rule } from "../linter-core/rule.js";
import { jobLabel } from "./shared.js";

/** Static keys by name, and whose: the platform says what replaces them there (`shortLivedAlternatives`). */
const STATIC_KEYS: { secret: RegExp; what: string; provider: CredentialProvider }[] = [
  { secret: /^AWS_(SECRET_)?ACCESS_KEY(_ID)?$/i, what: "a static AWS access key", provider: "aws" },
  { secret: /^(AZURE_CREDENTIALS|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET)$/i, what: "an Azure service principal secret", provider: "azure" },
  { secret: /^(GCP|GOOGLE|GCLOUD)_[A-Z_]*(CREDENTIALS|SA_KEY|SERVICE_ACCOUNT_KEY|KEY_JSON)$/i, what: "a GCP service account key", provider: "gcp" },
  { secret: /^PYPI_(API_)?TOKEN$|^PYPI_PASSWORD$/i, what: "a PyPI API token", provider: "pypi" },
  { secret: /^NPM_(TOKEN|AUTH_TOKEN|PUBLISH_TOKEN)$/i, what: "an npm token", provider: "npm" },
  { secret: /^(CARGO_REGISTRY_TOKEN|CRATES_IO_TOKEN|CRATES_IO_API_TOKEN|CARGO_TOKEN)$/i, what: "a crates.io API token", provider: "crates" },
  { secret: /^(RUBYGEMS_API_KEY|GEM_HOST_API_KEY|RUBYGEMS_AUTH_TOKEN|RUBYGEMS_TOKEN)$/i, what: "a RubyGems API key", provider: "rubygems" },
  // NUGET_AUTH_TOKEN is usually a private feed's (GitHub Packages, Azure Artifacts), where nuget.org's trusted publishing does not apply.
  { secret: /^(NUGET_API_KEY|NUGET_ORG_API_KEY|NUGET_KEY)$/i, what: "a NuGet API key", provider: "nuget" },
];


/** GitHub Actions inputs that take a static key (only GitHub models have steps with `uses:`). */
const STATIC_INPUTS: { action: RegExp; input: string; what: string; provider: CredentialProvider; server?: { inputs: string[]; official: RegExp } }[] = [
  { action: /^azure\/login@/, input: "creds", what: "an Azure service principal secret", provider: "azure" },
  { action: /^google-github-actions\/auth@/, input: "credentials_json", what: "a GCP service account key", provider: "gcp" },
  // Only PyPI's and RubyGems' own servers offer trusted publishing: an upload elsewhere is left alone.
  { action: /^pypa\/gh-action-pypi-publish@/, input: "password", what: "a PyPI API token", provider: "pypi", server: { inputs: ["repository-url", "repository_url"], official: /^https:\/\/(upload\.)?(test\.)?pypi\.org(\/|$)/ } },
  { action: /^rubygems\/configure-rubygems-credentials@/, input: "api-token", what: "a RubyGems API key", provider: "rubygems", server: { inputs: ["gem-server"], official: /^https:\/\/rubygems\.org\/?$/ } },
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
    const { file, platform } = context;
    const alternatives = platform.shortLivedAlternatives;
    if (!alternatives) return;
    /** Values judged through the action input they are passed to (reported or deliberately not). */
    const reported: { start: number; end: number }[] = [];
    for (const job of file.jobs) {
      for (const step of job.steps) {
        for (const input of STATIC_INPUTS) {
          const value = step.inputs[input.input];
          const instead = alternatives[input.provider];
          if (!step.uses || !input.action.test(step.uses.value) || !value || !instead) continue;
          reported.push(value.span);
          // An upload to another server has no trusted publishing to switch to (its token is not judged by name either).
          const server = input.server?.inputs.map((name) => step.inputs[name]).find(Boolean);
          if (server && !input.server!.official.test(server.value)) continue;
          context.report({ span: value.span, message: `${jobLabel(job.id)} signs in with ${input.what}, a long-lived credential: use ${instead}.`, identity: `${job.id}/${step.id}/${input.input}`, help: `Replace it with ${instead}, then revoke the key.` });
        }
      }
    }
    const seen = new Set<string>();
    for (const ref of file.connectorRefs) {
      // By the secret's name, or by the variable it is bound to (`AWS_SECRET_ACCESS_KEY: ${{ secrets.PROD_AWS }}`).
      const key = STATIC_KEYS.find((k) => k.secret.test(ref.name) || (ref.binding !== undefined && k.secret.test(ref.binding.name)));
      const instead = key && alternatives[key.provider];
      // Already reported through the action input it is passed to.
      if (!key || !instead || ref.issuedByPlatform || seen.has(ref.name.toUpperCase()) || reported.some((span) => span.start <= ref.span.start && ref.span.end <= span.end)) continue;
      seen.add(ref.name.toUpperCase());
      const as = ref.binding && !key.secret.test(ref.name) ? ` (as ${ref.binding.name})` : "";
      context.report({ span: ref.span, message: `\`${ref.name}\`${as} is ${key.what}, a long-lived credential: use ${instead}.`, identity: ref.name, connector: ref.name, help: `Switch to ${instead}, then revoke the key and remove the secret.` });
    }
  },
};
