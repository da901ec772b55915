// Buildkite (.buildkite/pipeline.yml): Buildkite secrets reach a step through its `secrets:` (a list
// of names, or ENV: secret-key), secrets-manager plugins (`aws-sm`, `vault-secrets`, `secrets`)
// through their `env:`; commands read them as `$$NAME` (a single `$` is interpolated when the pipeline
// is uploaded, which writes the value into the pipeline for anyone who can view the build).
import type { FileModel, Scope } from "../model.js";
import { allScalars, asMap, asSeq, documentsWithContent, entries, getNode, scalarText, spanOf } from "../documents/yaml.js";
import { baseName, emptyModel, isYamlPath, lineStartKey, parseYaml, referenceEdit, repoPath, yamlLiterals } from "./common.js";
import { outsideReserved, ROTATE_IF_COMMITTED, type Platform } from "./platform.js";
import { scriptCredentialRefs } from "./shell.js";

export const INDENTED_STEP_KEY = lineStartKey("(?:-\\s+)?(?:label|command|commands|plugins|agents|block|wait|trigger)", "\\s*:", "+");

/** Variables the agent sets itself. */
const issued = (name: string) => /^(BUILDKITE|CI$|BUILDKITE_)/.test(name);
/** Plugins that fetch secrets into the step's environment by an `env:` map (NAME: secret id). */
const SECRETS_PLUGIN = /^(?:[\w-]+\/)?(?:aws-sm|vault-secrets|secrets|gcp-secret-manager|azure-key-vault)(?:-buildkite-plugin)?(?:#|$)/;

/** A command step runs as one Buildkite job: the job rules judge (its secrets, its gate) are the step's. */
function stepScope(root: ReturnType<typeof asMap>, path: (string | number)[]): Scope {
  // Stryker disable next-line all: a path under `steps` always goes on with the step's index
  if (path[0] !== "steps" || typeof path[1] !== "number") return {};
  // Stryker disable next-line OptionalChaining: the path came from the steps
  const step = asMap(asSeq(getNode(root, "steps"))?.items[path[1]]);
  return { job: scalarText(getNode(step, "key")) ?? scalarText(getNode(step, "label")) ?? `step ${path[1] + 1}` };
}

export const buildkite: Platform = {
  id: "buildkite",
  title: "Buildkite",
  matchesPath: (path) => /(^|\/)\.buildkite\/[^/]+\.ya?ml$/.test(repoPath(path)) || /^buildkite\.ya?ml$/.test(baseName(path)),
  matchesContent: (path, text) => isYamlPath(path) && /^steps\s*:/m.test(text) && INDENTED_STEP_KEY.test(text) && !/^(on|jobs|kind|version|phases)\s*:/m.test(text),
  secretReference: (name) => `$$${name}`,
  // A Buildkite secret's key may not begin with `buildkite` or `bk`, whatever the case (Buildkite's docs).
  secretName: outsideReserved(/^(buildkite|bk)/i),
  secretFix(literal, secret, name, text) {
    // Only a command's shell expands `$$NAME`. A value under `env:` is written into the pipeline as is,
    // and a plugin's setting reaches the plugin as the text `$NAME`: it can only move out, to a
    // Buildkite secret listed under the step's `secrets:` (the steps say how).
    if (literal.role !== "script") return undefined;
    return [referenceEdit(literal, secret, `$$${name}`, text)];
  },
  // Buildkite issues OIDC tokens to jobs (`buildkite-agent oidc request-token`); no npm or PyPI trusted publishing.
  shortLivedAlternatives: {
    aws: "Buildkite OIDC: a token from `buildkite-agent oidc request-token` exchanged for a role (the `aws-assume-role-with-web-identity` plugin)",
    azure: "Buildkite OIDC: `az login --service-principal --federated-token \"$(buildkite-agent oidc request-token --audience api://AzureADTokenExchange)\"` against a federated credential of the app registration",
    gcp: "Workload Identity Federation with a Buildkite OIDC token (the `gcp-workload-identity-federation` plugin)",
  },
  deploymentGate: "Put a `block` step before it, so the deploy waits for a person to unblock it, and let only the people who may deploy unblock it (or move the secret to a cluster whose agents only run the deploy pipeline).",
  gateAbsent: "`block` step before it: it runs without anyone approving it",
  storeSecretSteps: (name) => [
    `Store the value as a Buildkite secret of the pipeline's cluster: Agents → Clusters → your cluster → Secrets → New secret, key ${name.toLowerCase()} (or in your secrets manager, fetched by a plugin such as aws-sm).`,
    `Give it to the step that needs it: secrets: { ${name}: ${name.toLowerCase()} }, and read it as $$${name} in the command (two dollars: one would be interpolated at upload, into the pipeline).`,
    ROTATE_IF_COMMITTED,
  ],
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("buildkite", path, text, yaml);
    const root = asMap(documentsWithContent(yaml)[0]?.contents);
    // Stryker disable next-line ConditionalExpression: an empty document; every helper below takes undefined and finds nothing, so the model stays empty either way.
    if (!root) return model;
    // The cryptic agent hook (JuliaCI's, staticfloat/cryptic-buildkite-plugin) decrypts `SECRET_*`
    // env values on the agent: committed as ciphertext (base64, an encrypted key and the data joined by `;`, 300+ characters), not secrets.
    const ciphertext = (key: string, value: string) => /^SECRET_/.test(key) && /^[A-Za-z0-9+/=;]{300,}$/.test(value.trim());
    model.literals = yamlLiterals(root, { scriptKeys: new Set(["command", "commands"]), scopeOf: (p) => stepScope(root, p) }).filter(
      (literal) => !(literal.role === "assignment" && ciphertext(literal.key, literal.value)),
    );
    const bound = new Set<string>();
    for (const scalar of allScalars(getNode(root, "steps"))) {
      const path = ["steps", ...scalar.path];
      const secretsAt = path.lastIndexOf("secrets");
      // `secrets: [API_TOKEN]` or `secrets: { ENV_NAME: secret_key }`, on a step.
      // Stryker disable next-line ConditionalExpression: `path.length` alone: a `secrets:` entry is a name, never a map
      if (secretsAt === 2 && path.length === 4) {
        model.connectorRefs.push({ name: scalar.value, kind: "secret", span: spanOf(scalar.node), scope: stepScope(root, path) });
        bound.add(typeof path[3] === "string" ? path[3] : scalar.value);
      }
    }
    // Secrets plugins: `- seek-oss/aws-sm#v2.3.2: { env: { NAME: secret-id } }`.
    asSeq(getNode(root, "steps"))?.items.forEach((item, i) => {
      // Stryker disable next-line ArrayDeclaration: a stray entry is no map: no plugin
      for (const plugin of asSeq(getNode(asMap(item), "plugins"))?.items ?? []) {
        for (const entry of entries(asMap(plugin))) {
          if (!SECRETS_PLUGIN.test(entry.key)) continue;
          for (const variable of entries(asMap(getNode(asMap(entry.value), "env")))) {
            const id = scalarText(variable.value) ?? scalarText(getNode(asMap(variable.value), "secret-id"));
            bound.add(variable.key);
            if (id) model.connectorRefs.push({ name: id, kind: "secret", span: spanOf(variable.value), scope: stepScope(root, ["steps", i]) });
          }
        }
      }
    });
    model.connectorRefs.push(...scriptCredentialRefs(text, model.literals, (n) => bound.has(n), issued));
    // A `block` (or `input`) step holds every step after it until a person unblocks the build.
    let blocked = false;
    asSeq(getNode(root, "steps"))?.items.forEach((item, i) => {
      const step = asMap(item);
      if (getNode(step, "block") || getNode(step, "input") || scalarText(item as never) === "block" || scalarText(item as never) === "input") blocked = true;
      const scope = stepScope(root, ["steps", i]);
      // Stryker disable next-line ConditionalExpression,ArrayDeclaration: a step always has a name (its place at least); a Buildkite job's steps are not modelled
      if (scope.job) model.jobs.push({ id: scope.job, span: spanOf(item as never), steps: [], ...(blocked && { approvalGate: true }) });
    });
    return model;
  },
};
