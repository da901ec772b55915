// Google Cloud Build (cloudbuild.yaml): secrets reach steps as environment variables named in
// `availableSecrets` (Secret Manager, or KMS-encrypted `inline` values) and listed per step in
// `secretEnv`; scripts read them as `$$NAME` (a single `$` is Cloud Build's own substitution).
import type { FileModel, Scope } from "../model.js";
import { asMap, asSeq, documentsWithContent, entries, getNode, scalarText, spanOf } from "../documents/yaml.js";
import { baseName, emptyModel, isYamlPath, lineStartKey, parseYaml, referenceEdit, yamlLiterals } from "./common.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";
import { scriptCredentialRefs } from "./shell.js";

// A step whose builder image is a registry's (`- name: gcr.io/cloud-builders/docker`).
export const BUILDER_STEP = lineStartKey("-\\s*name", "\\s*:\\s*['\"]?(?:[\\w.-]+\\.(?:gcr\\.io|pkg\\.dev|docker\\.io)\\/|gcr\\.io)");

/** Variables Cloud Build sets itself (`$PROJECT_ID`, `$BUILD_ID`, user substitutions `$_NAME`). */
const issued = (name: string) => /^(PROJECT_ID|PROJECT_NUMBER|BUILD_ID|LOCATION|TRIGGER_NAME|COMMIT_SHA|SHORT_SHA|REVISION_ID|REPO_NAME|REPO_FULL_NAME|BRANCH_NAME|TAG_NAME|REF_NAME|TRIGGER_BUILD_CONFIG_PATH|SERVICE_ACCOUNT_EMAIL|SERVICE_ACCOUNT|_[A-Z0-9_]+)$/.test(name);

/** A step is named by its `id`, else its builder image and position. */
function stepScope(root: ReturnType<typeof asMap>, path: (string | number)[]): Scope {
  // Stryker disable next-line all: a path under `steps` always goes on with the step's index
  if (path[0] !== "steps" || typeof path[1] !== "number") return {};
  // Stryker disable next-line OptionalChaining: the path came from the steps
  const step = asMap(asSeq(getNode(root, "steps"))?.items[path[1]]);
  // Stryker disable next-line StringLiteral: every step names its builder
  return { step: scalarText(getNode(step, "id")) ?? `${scalarText(getNode(step, "name")) ?? "step"} (step ${path[1] + 1})` };
}

export const cloudBuild: Platform = {
  id: "cloud-build",
  title: "Google Cloud Build",
  matchesPath: (path) => /^([\w.-]+[.-])?cloudbuild([._-][\w.-]+)?\.ya?ml$/.test(baseName(path)),
  // A build config: top-level `steps:` whose items name a builder image, and no other CI's keys.
  matchesContent: (path, text) =>
    isYamlPath(path) && /^steps\s*:/m.test(text) && BUILDER_STEP.test(text) && /^(availableSecrets|secrets|substitutions|options|images|timeout|serviceAccount|logsBucket|artifacts)\s*:/m.test(text),
  secretReference: (name) => `$$${name}`,
  secretFix(literal, secret, name, text) {
    // `$$NAME` reads a `secretEnv:` variable where a shell runs: a step's `script` or `args`. A value
    // anywhere else (a substitution, a step's `env:`) is not expanded: it moves to Secret Manager and
    // the steps say how.
    return literal.role === "script" ? [referenceEdit(literal, secret, `$$${name}`, text)] : undefined;
  },
  storeSecretSteps: (name) => [
    `Store the value in Secret Manager: printf %s "$VALUE" | gcloud secrets create ${name} --data-file=- (the value never lands in a file or your shell history if you type it at a prompt), and grant the build's service account roles/secretmanager.secretAccessor on it.`,
    `Expose it to the build: availableSecrets: secretManager: - versionName: projects/$PROJECT_ID/secrets/${name}/versions/latest, env: ${name}; then list ${name} under the step's secretEnv: and read it as $$${name} in the step's script.`,
    ROTATE_IF_COMMITTED,
  ],
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("cloud-build", path, text, yaml);
    const root = asMap(documentsWithContent(yaml)[0]?.contents);
    // Stryker disable next-line ConditionalExpression: an empty document; every helper below takes undefined and finds nothing, so the model stays empty either way.
    if (!root) return model;
    // `args` of a shell builder and `script:` are shell code; `env: ['KEY=value']` items are bindings.
    // KMS-encrypted values (`secrets[].secretEnv`, `availableSecrets.inline[].envMap`) are ciphertext,
    // made to be committed: not literals to judge.
    // Stryker disable next-line ConditionalExpression: the other values of those lists (key names, version names) are no secrets either
    const encrypted = (p: (string | number)[]) => (p[0] === "secrets" && p[2] === "secretEnv") || (p[0] === "availableSecrets" && p[3] === "envMap");
    model.literals = yamlLiterals(root, { scriptKeys: new Set(["script", "args"]), scopeOf: (p) => stepScope(root, p) }).filter((literal) => !encrypted(literal.path));
    // Secrets the build declares: Secret Manager versions and KMS-encrypted inline values, by env name.
    const available = asMap(getNode(root, "availableSecrets"));
    // Stryker disable next-line ArrayDeclaration: a stray entry is no map: no env
    for (const item of asSeq(getNode(available, "secretManager"))?.items ?? []) {
      const env = getNode(asMap(item), "env");
      const name = scalarText(env);
      if (name) model.connectorRefs.push({ name, kind: "secret", span: spanOf(env), scope: {} });
    }
    // Stryker disable next-line ArrayDeclaration: a stray entry is no map: no names
    for (const item of [...(asSeq(getNode(available, "inline"))?.items ?? []), ...(asSeq(getNode(root, "secrets"))?.items ?? [])]) {
      for (const entry of entries(asMap(getNode(asMap(item), "envMap") ?? getNode(asMap(item), "secretEnv")))) {
        model.connectorRefs.push({ name: entry.key, kind: "secret", span: spanOf(entry.keyNode), scope: {} });
      }
    }
    const declared = new Set(model.connectorRefs.map((ref) => ref.name));
    // The service account the build runs as: an identity with an owner like any key.
    const account = getNode(root, "serviceAccount");
    const accountName = scalarText(account);
    if (accountName && !accountName.includes("$")) {
      // Stryker disable next-line Regex: the resource path starts the value
      model.connectorRefs.push({ name: accountName.replace(/^.*\/serviceAccounts\//, ""), kind: "service-account", span: spanOf(account), scope: {} });
    }
    // Scripts reading secrets not declared in this file (set on the trigger, or forgotten).
    model.connectorRefs.push(...scriptCredentialRefs(text, model.literals, (n) => declared.has(n), issued));
    // Each step is a job of the model: its `secretEnv` says which secrets it sees.
    asSeq(getNode(root, "steps"))?.items.forEach((item, i) => {
      const scope = stepScope(root, ["steps", i]);
      // Stryker disable next-line LogicalOperator,StringLiteral,ArrayDeclaration: where a step's finding points inside it; a Cloud Build job's steps are not modelled
      model.jobs.push({ id: scope.step!, span: spanOf(getNode(asMap(item), "name") ?? (item as never)), steps: [] });
    });
    return model;
  },
};
