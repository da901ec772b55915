// GitLab CI: `.gitlab-ci.yml` and included `*.gitlab-ci.yml`. Secrets reach jobs as CI/CD variables
// (`$NAME`), through `secrets:` (Vault, Azure Key Vault, GCP Secret Manager) or as `id_tokens:`.
import { isMap } from "yaml";
import type { FileModel, LiteralValue, Span } from "../model.js";
import { asMap, asSeq, documentsWithContent, entries, getNode, scalarText, spanOf, type YAMLMap } from "../documents/yaml.js";
import { baseName, emptyModel, isWholeValue, isYamlPath, lineStartKey, parseYaml, referenceEdit, removeEntryLine, removeMapEntry, repoPath, yamlLiterals } from "./common.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";
import { assignedIn, shellCredentialRefs } from "./shell.js";

export const INDENTED_SCRIPT = lineStartKey("script", "\\s*:", "+");

const SCRIPT_KEYS = new Set(["script", "before_script", "after_script"]);
const GLOBAL_KEYS = new Set(["stages", "variables", "include", "default", "workflow", "image", "services", "cache", "before_script", "after_script", "spec"]);
/**
 * GitLab's predefined variables that carry a credential, issued per job: governed by the project's
 * token settings, not the inventory. The exact published names
 * (https://docs.gitlab.com/ci/variables/predefined_variables/), not a prefix: `GITLAB_TOKEN` or
 * `CI_DEPLOY_PAT` are variables someone defined and must own.
 */
const PREDEFINED_CREDENTIALS = new Set([
  "CI_JOB_TOKEN", "CI_JOB_JWT", "CI_JOB_JWT_V1", "CI_JOB_JWT_V2", "CI_BUILD_TOKEN", "CI_REGISTRY_PASSWORD", "CI_DEPLOY_PASSWORD",
  "CI_DEPENDENCY_PROXY_PASSWORD", "CI_REPOSITORY_URL", "CI_SERVER_TLS_CA_FILE", "CI_SERVER_TLS_CERT_FILE", "CI_SERVER_TLS_KEY_FILE",
  "CI_REGISTRY_USER", "CI_DEPLOY_USER", "CI_DEPENDENCY_PROXY_USER", "GITLAB_USER_LOGIN", "GITLAB_USER_EMAIL", "GITLAB_USER_ID", "GITLAB_USER_NAME",
  "KUBECONFIG", "CI_KUBERNETES_ACTIVE",
]);
const issued = (name: string) => PREDEFINED_CREDENTIALS.has(name);

/**
 * A job's `environment:` (a name, or a map with `name:`), following `extends:` within this file. A
 * job extending a template this file does not define inherits what nhilint cannot see.
 */
function jobEnvironment(root: YAMLMap, jobKey: string, seen = new Set<string>()): { environment?: string; inheritsUnseen?: boolean } {
  const job = asMap(getNode(root, jobKey));
  if (!job || seen.has(jobKey)) return {};
  seen.add(jobKey);
  const environment = getNode(job, "environment");
  const name = scalarText(environment) ?? scalarText(getNode(asMap(environment), "name"));
  if (name) return { environment: name };
  const extended = getNode(job, "extends");
  const parents = [scalarText(extended), ...(asSeq(extended)?.items.map(scalarText) ?? [])].filter((p): p is string => Boolean(p));
  for (const parent of parents) {
    if (!getNode(root, parent)) return { inheritsUnseen: true };
    const inherited = jobEnvironment(root, parent, seen);
    if (inherited.environment || inherited.inheritsUnseen) return inherited;
  }
  return {};
}

/**
 * What a job keeps as artifacts anyone with access to the job can download: `artifacts: paths:` and a
 * dotenv report (also a downloadable artifact). Nothing when `artifacts: access: none`.
 */
function artifactsOf(job: ReturnType<typeof asMap>): { artifactPaths?: string[] } {
  const artifacts = asMap(getNode(job, "artifacts"));
  if (!artifacts || scalarText(getNode(artifacts, "access")) === "none") return {};
  const listed = (node: unknown) => asSeq(node)?.items.map((item) => scalarText(item as never)).filter((p): p is string => p !== undefined) ?? [scalarText(node as never)].filter((p): p is string => p !== undefined);
  const paths = [...listed(getNode(artifacts, "paths")), ...listed(getNode(asMap(getNode(artifacts, "reports")), "dotenv"))];
  return paths.length > 0 ? { artifactPaths: paths } : {};
}

/**
 * A trigger job (a child or multi-project pipeline): what it starts, and the `pipeline_variables: true`
 * that forwards every variable this pipeline was started with.
 */
function triggerOf(job: ReturnType<typeof asMap>): { uses?: string; secretsInherit?: Span } {
  const trigger = getNode(job, "trigger");
  if (!trigger) return {};
  const target = scalarText(trigger) ?? scalarText(getNode(asMap(trigger), "project")) ?? scalarText(getNode(asMap(trigger), "include")) ?? "the downstream pipeline";
  const forward = getNode(asMap(getNode(asMap(trigger), "forward")), "pipeline_variables");
  return { uses: target, ...(scalarText(forward) === "true" && { secretsInherit: spanOf(forward as never) }) };
}

/** The `value:` of a variable written in its expanded form, `NAME: { value: …, description: …, expand: … }`. */
const isExpandedValue = (literal: LiteralValue) => literal.path.at(-1) === "value" && literal.path.at(-3) === "variables" && typeof literal.path.at(-2) === "string";

/** A CI/CD component's `spec: inputs:` header opening the file, after any comments and blank lines. */
const SPEC_HEADER = /^(?:[ \t]*(?:#.*)?\r?\n)*spec:[ \t]*(?:#.*)?\r?\n[ \t]+inputs:/;

export const gitlabCi: Platform = {
  id: "gitlab-ci",
  title: "GitLab CI",
  matchesPath: (path) => /(^|\.)gitlab-ci\.ya?ml$/.test(baseName(path)) || /(^|\/)\.gitlab\/.+\.ya?ml$/.test(repoPath(path)),
  // (A CI/CD component's template, `templates/*.yml`: a `spec: inputs:` header, `---`, then its jobs.)
  matchesContent: (path, text) =>
    isYamlPath(path) &&
    INDENTED_SCRIPT.test(text) &&
    (/^(stages|variables|include|default|workflow|image|\.[\w-]+)\s*:/m.test(text) || (SPEC_HEADER.test(text) && /^---[ \t]*\r?$/m.test(text))) &&
    !/^(on|jobs|pipelines|trigger|pr|version)\s*:/m.test(text),
  secretReference: (name) => `$${name}`,
  secretFix(literal, secret, name, text) {
    // The expanded form (`NAME:` then `value:`, `description:`): the whole entry goes, its description
    // and options with it, as the plain form's line does (below). A secret inside a longer value, or a
    // map written otherwise, gets no edit: the steps say how.
    if (isExpandedValue(literal)) {
      const removal = literal.key === name && isWholeValue(literal, secret, text) ? removeMapEntry(literal, text, "variables") : undefined;
      return removal && [removal];
    }
    // `KEY: <secret>` under `variables:`: a masked CI/CD variable named KEY already reaches every job
    // as $KEY, so the line goes (writing `KEY: $KEY` would only shadow it with itself).
    // (A literal of a `variables:` entry is an assignment: scripts are lists of their own.)
    // Stryker disable next-line ConditionalExpression
    if (literal.path.at(-2) === "variables" && literal.key === name && literal.role === "assignment") {
      // A secret inside a longer value (`DB_URL: postgres://app:…@db`): the CI/CD variable of that name
      // would replace the whole value, and `$DB_URL` inside it would name the variable itself. No edit
      // is right in place; the steps say how.
      if (!isWholeValue(literal, secret, text)) return undefined;
      const removal = removeEntryLine(literal, text, "variables");
      if (removal) return [removal];
    }
    return [referenceEdit(literal, secret, `$${name}`, text)];
  },
  storeSecretSteps: (name) => [
    `Add ${name} as a CI/CD variable, masked and protected: Settings → CI/CD → Variables, or \`glab variable set ${name} --masked --protected\`.`,
    "Or read it from a secrets manager with a job `secrets:` entry (HashiCorp Vault, Azure Key Vault, GCP Secret Manager).",
    ROTATE_IF_COMMITTED,
  ],
  debugSwitches: /^(CI_DEBUG_TRACE|CI_DEBUG_SERVICES)$/,
  secretsPerEnvironment: true,
  shortLivedAlternatives: {
    aws: "GitLab OIDC: an `id_tokens:` entry (`aud: sts.amazonaws.com`) exchanged for a role with `aws sts assume-role-with-web-identity`",
    azure: "GitLab OIDC: an `id_tokens:` entry and `az login --service-principal --federated-token` against a federated credential of the app registration",
    gcp: "Workload Identity Federation: an `id_tokens:` entry and a credential configuration from `gcloud iam workload-identity-pools create-cred-config`",
    pypi: "PyPI trusted publishing from GitLab CI/CD: an `id_tokens:` entry with `aud: pypi`, exchanged at upload",
    npm: "npm trusted publishing from GitLab CI/CD (OIDC through an `id_tokens:` entry)",
  },
  narrowerBinding: "Move it to the `variables:` of the job that uses it, or give the CI/CD variable an environment scope so only that environment's jobs get it.",
  passesEverything: {
    what: "every variable its pipeline was started with (manual, scheduled, API and trigger variables, secrets among them)",
    setting: "`forward: pipeline_variables: true`",
    help: "Pass only what the downstream pipeline needs under the trigger job's `variables:` (`DEPLOY_ENV: staging`), and leave `forward: pipeline_variables` false (the default).",
  },
  deploymentGate: "Add `environment: production`, protect that environment with required approvals (Settings → CI/CD → Protected environments) and scope the variable to it.",
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("gitlab-ci", path, text, yaml);
    // A pipeline that declares inputs starts with a `spec:` header document; the pipeline follows `---`.
    const [first, second] = documentsWithContent(yaml);
    const header = asMap(first?.contents);
    // Stryker disable next-line LogicalOperator: a header alone (no second document) holds no job either way.
    const hasHeader = header && second && header.items.length === 1 && scalarText(header.items[0].key) === "spec";
    const root = asMap((hasHeader ? second : first)?.contents);
    // Stryker disable next-line ConditionalExpression: an empty document; every helper below takes undefined and finds nothing, so the model stays empty either way.
    if (!root) return model;
    // Stryker disable next-line ConditionalExpression: the root is a map: its paths start with a key.
    const scopeOf = (p: (string | number)[]) => (typeof p[0] === "string" && !GLOBAL_KEYS.has(p[0]) ? { job: p[0] } : {});
    model.literals = yamlLiterals(root, { scriptKeys: SCRIPT_KEYS, scopeOf });
    // A variable's expanded form (`NAME: { value: …, description: … }`): the value is NAME's.
    for (const literal of model.literals) if (isExpandedValue(literal)) literal.key = String(literal.path.at(-2));
    // (The header's input defaults are read as any YAML document this model does not read: platforms/index.ts.)

    const defined = new Set(entries(asMap(getNode(root, "variables"))).map((e) => e.key));
    // Literals by where they start, and by job: a pipeline of thousands of jobs asks for each.
    const literalAt = new Map<number, LiteralValue>();
    const literalsOfJob = new Map<string | undefined, LiteralValue[]>();
    for (const literal of model.literals) {
      // Stryker disable next-line ConditionalExpression: no two of a file's literals start at one place.
      if (!literalAt.has(literal.span.start)) literalAt.set(literal.span.start, literal);
      const list = literalsOfJob.get(literal.scope.job);
      if (list) list.push(literal);
      else literalsOfJob.set(literal.scope.job, [literal]);
    }
    // A secret re-bound in the top-level `variables:` (`DEPLOY_TOKEN: $PROD_DEPLOY_TOKEN`) reaches every job.
    for (const variable of entries(asMap(getNode(root, "variables")))) {
      const value = asMap(variable.value) ? getNode(asMap(variable.value), "value") : variable.value;
      const literal = literalAt.get(spanOf(value as never).start);
      if (!literal) continue;
      const source = text.slice(literal.span.start, literal.span.end);
      // Another top-level variable defines its name; the variable's own name in its value
      // (`DEPLOY_TOKEN: $DEPLOY_TOKEN`) is the CI/CD variable of that name: a connector.
      for (const ref of shellCredentialRefs(source, literal.span.start, {}, (n) => n !== variable.key && defined.has(n), issued)) {
        model.connectorRefs.push({ ...ref, binding: { level: "workflow", name: variable.key, keySpan: spanOf(variable.keyNode) } });
      }
    }
    for (const job of entries(root)) {
      if (GLOBAL_KEYS.has(job.key) || !isMap(job.value)) continue;
      const jobMap = asMap(job.value);
      const jobDefined = new Set([...defined, ...entries(asMap(getNode(jobMap, "variables"))).map((e) => e.key)]);
      const mintsOidc = entries(asMap(getNode(jobMap, "id_tokens"))).length > 0;
      // Stryker disable next-line ArrayDeclaration: GitLab jobs have no steps a rule reads.
      model.jobs.push({ id: job.key, span: spanOf(job.keyNode), steps: [], template: job.key.startsWith("."), mintsOidc, ...jobEnvironment(root, job.key), ...artifactsOf(jobMap), ...triggerOf(jobMap) });
      for (const secret of entries(asMap(getNode(jobMap, "secrets")))) {
        model.connectorRefs.push({ name: secret.key, kind: "secret", span: spanOf(secret.keyNode), scope: { job: job.key } });
      }
      for (const token of entries(asMap(getNode(jobMap, "id_tokens")))) {
        // Short-lived OIDC tokens: what we want people to use; issued by the platform.
        model.connectorRefs.push({ name: token.key, kind: "cloud-role", span: spanOf(token.keyNode), scope: { job: job.key }, issuedByPlatform: true });
      }
      // A job's script lines are one script: a variable set on one line is the job's own on the next.
      const jobLiterals = literalsOfJob.get(job.key) ?? [];
      const setByScript = new Set(jobLiterals.filter((l) => l.role === "script").flatMap((l) => [...assignedIn(l.value)]));
      for (const literal of jobLiterals) {
        const source = text.slice(literal.span.start, literal.span.end);
        model.connectorRefs.push(...shellCredentialRefs(source, literal.span.start, literal.scope, (n) => jobDefined.has(n) || setByScript.has(n), issued));
      }
    }
    return model;
  },
};
