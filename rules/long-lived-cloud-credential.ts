import type { CredentialProvider } from "../linter-core/platforms/platform.js";
import type { Rule } from "../linter-core/rule.js";
import { logicalLines } from "../linter-core/platforms/shell.js";
import { jobLabel } from "./shared.js";
import { jobById, refsOfJob } from "./model-index.js";

/** Static keys by name, and whose: the platform says what replaces them there (`shortLivedAlternatives`). */
const STATIC_KEYS: { secret: RegExp; what: string; provider: CredentialProvider }[] = [
  { secret: /^AWS_(SECRET_)?ACCESS_KEY(_ID)?$/i, what: "a static AWS access key", provider: "aws" },
  { secret: /^(AZURE_CREDENTIALS|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET)$/i, what: "an Azure service principal secret", provider: "azure" },
  { secret: /^(GCP|GOOGLE|GCLOUD)_[A-Z_]*(CREDENTIALS|SA_KEY|SERVICE_ACCOUNT_KEY|SERVICE_KEY|KEY_JSON)$/i, what: "a GCP service account key", provider: "gcp" },
  { secret: /^PYPI_(API_)?TOKEN$|^PYPI_PASSWORD$/i, what: "a PyPI API token", provider: "pypi" },
  { secret: /^NPM_(TOKEN|AUTH_TOKEN|PUBLISH_TOKEN)$/i, what: "an npm token", provider: "npm" },
  { secret: /^(CARGO_REGISTRY_TOKEN|CRATES_IO_TOKEN|CRATES_IO_API_TOKEN|CARGO_TOKEN)$/i, what: "a crates.io API token", provider: "crates" },
  { secret: /^(RUBYGEMS_API_KEY|GEM_HOST_API_KEY|RUBYGEMS_AUTH_TOKEN|RUBYGEMS_TOKEN)$/i, what: "a RubyGems API key", provider: "rubygems" },
  // NUGET_AUTH_TOKEN is usually a private feed's (GitHub Packages, Azure Artifacts), where nuget.org's trusted publishing does not apply.
  { secret: /^(NUGET_API_KEY|NUGET_ORG_API_KEY|NUGET_KEY)$/i, what: "a NuGet API key", provider: "nuget" },
];



const START = String.raw`(?:^|[\s;&|(])`;
/**
 * Commands that upload to a public registry offering trusted publishing. Without OIDC in the job they
 * can only sign in with a stored token. A dry run publishes nothing; an upload to another server has no
 * trusted publishing to switch to (`elsewhere`).
 */
const PUBLISH_COMMANDS: { command: RegExp; provider: CredentialProvider; registry: string; elsewhere: RegExp }[] = [
  { command: new RegExp(`${START}(?:(?:npm|pnpm|yarn|bun)\\s+publish|(?:yarn|bunx|npx)\\s+npm\\s+publish)\\b(?!.*--dry-run)`), provider: "npm", registry: "npm", elsewhere: /--registry[\s=](?!\S*registry\.npmjs\.org)/ },
  { command: new RegExp(`${START}(?:twine(?:==\\S+)?\\s+upload|uv\\s+publish)\\b`), provider: "pypi", registry: "PyPI", elsewhere: /(?:--repository-url|--publish-url)[\s=](?!\S*pypi\.org)/ },
  { command: new RegExp(`${START}cargo\\s+(?:\\+\\S+\\s+)?publish\\b(?!.*(?:--dry-run|\\s-n\\b))`), provider: "crates", registry: "crates.io", elsewhere: /--(?:registry|index)[\s=]/ },
  { command: new RegExp(`${START}gem\\s+push\\b`), provider: "rubygems", registry: "RubyGems", elsewhere: /--host[\s=](?!\S*rubygems\.org)/ },
  { command: new RegExp(`${START}(?:dotnet\\s+)?nuget(?:\\.exe)?\\s+push\\b`), provider: "nuget", registry: "NuGet", elsewhere: /(?:--source|-s|-Source)[\s=]+(?!\S*nuget\.org)/ },
];

/** npm publishes where setup-node's `registry-url` points: only registry.npmjs.org has trusted publishing. */
const SETUP_NODE = /^actions\/setup-node@/;

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
    // Stryker disable next-line ArrayDeclaration: a stray entry has no start or end: it contains nothing.
    const reported: { start: number; end: number }[] = [];
    for (const job of file.jobs) {
      for (const step of job.steps) {
        // Stryker disable next-line ArrayDeclaration: equivalent: a platform without these inputs has no step that uses an action (only GitHub Actions' steps do), so no entry is read
        for (const input of platform.staticKeyInputs ?? []) {
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
    // Publishing by command from a job that cannot mint an OIDC token: a stored token does the signing.
    const publishedFrom = new Set<string>();
    for (const literal of file.literals) {
      const job = literal.role === "script" ? jobById(file, literal.scope.job) : undefined;
      if (!job || job.mintsOidc) continue;
      const source = file.text.slice(literal.span.start, literal.span.end);
      for (const command of logicalLines(source, literal.span.start)) {
        // Quoted text is an argument (`echo "npm publish"`), not a command.
        const bare = command.text.replace(/'[^']*'|"[^"]*"/g, "''");
        const publish = PUBLISH_COMMANDS.find((p) => p.command.test(bare));
        const instead = publish && alternatives[publish.provider];
        if (!publish || !instead || publish.elsewhere.test(command.text)) continue;
        const otherNpmRegistry = publish.provider === "npm" && job.steps.some((s) => s.uses && SETUP_NODE.test(s.uses.value) && s.inputs["registry-url"] && !/registry\.npmjs\.org/.test(s.inputs["registry-url"].value));
        if (otherNpmRegistry) continue;
        publishedFrom.add(`${job.id}\0${publish.provider}`);
        // The stored token that signs it, when the file shows one: the finding is that connector's (the inventory report counts it).
        const token = refsOfJob(file, job.id).find((ref) => !ref.issuedByPlatform && STATIC_KEYS.some((k) => k.provider === publish.provider && (k.secret.test(ref.name) || (ref.binding !== undefined && k.secret.test(ref.binding.name)))));
        const words = bare.slice(publish.command.exec(bare)!.index).trim().split(/\s+/).slice(0, 4).join(" ");
        context.report({
          span: { start: command.start, end: command.end },
          message: `${jobLabel(job.id)} publishes to ${publish.registry} (\`${words}\`) without an OIDC token, so with a long-lived token: use ${instead}.`,
          // Stryker disable next-line StringLiteral: any one spelling for no step keys the same.
          identity: `${job.id}/${literal.scope.step ?? ""}/publish:${publish.provider}`,
          ...(token && { connector: token.name }),
          help: `Switch to ${instead}, then revoke the token and remove the secret.`,
        });
      }
    }
    const seen = new Set<string>();
    for (const ref of file.connectorRefs) {
      // By the secret's name, or by the variable it is bound to (`AWS_SECRET_ACCESS_KEY: ${{ secrets.PROD_AWS }}`).
      const key = STATIC_KEYS.find((k) => k.secret.test(ref.name) || (ref.binding !== undefined && k.secret.test(ref.binding.name)));
      const instead = key && alternatives[key.provider];
      // Once per job that holds it (each job is a place to switch); already said through the action input it is passed to, or the publish command it signs.
      // Stryker disable next-line StringLiteral,MethodExpression: any one spelling for no job, and any one case, keys the same.
      const once = `${ref.scope.job ?? ""}\0${ref.name.toUpperCase()}`;
      // Stryker disable next-line EqualityOperator: a reference lies strictly inside the input's value (`${{ … }}` around it).
      if (!key || !instead || ref.issuedByPlatform || seen.has(once) || reported.some((span) => span.start <= ref.span.start && ref.span.end <= span.end)) continue;
      if (publishedFrom.has(`${ref.scope.job}\0${key.provider}`)) continue;
      seen.add(once);
      const as = ref.binding && !key.secret.test(ref.name) ? ` (as ${ref.binding.name})` : "";
      context.report({ span: ref.span, message: `\`${ref.name}\`${as} is ${key.what}, a long-lived credential: use ${instead}.`, identity: ref.scope.job ? `${ref.scope.job}/${ref.name}` : ref.name, connector: ref.name, help: `Switch to ${instead}, then revoke the key and remove the secret.` });
    }
  },
};
