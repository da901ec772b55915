// Buildkite (.buildkite/pipeline.yml): Buildkite secrets reach a step through its `secrets:` (a list
// of names, or ENV: secret-key), secrets-manager plugins (`aws-sm`, `vault-secrets`, `secrets`)
// through their `env:`; commands read them as `$$NAME` (a single `$` is interpolated when the pipeline
// is uploaded, which writes the value into the pipeline for anyone who can view the build).
import type { FileModel, Scope } from "../model.js";
import { asMap, asSeq, documentsWithContent, entries, getNode, scalarText, spanOf } from "../documents/yaml.js";
import { baseName, emptyModel, isYamlPath, lineStartKey, parseYaml, referenceEdit, repoPath, yamlLiterals } from "./common.js";
import { outsideReserved, ROTATE_IF_COMMITTED, type Platform } from "./platform.js";
import { shellCredentialRefs } from "./shell.js";

export const INDENTED_STEP_KEY = lineStartKey("(?:-\\s+)?(?:label|command|commands|plugins|agents|block|wait|trigger)", "\\s*:", "+");

/** Variables the agent sets itself. */
const issued = (name: string) => /^(BUILDKITE|CI$|BUILDKITE_)/.test(name);
/** Plugins that fetch secrets into the step's environment by an `env:` map (NAME: secret id). */
const SECRETS_PLUGIN = /^(?:[\w-]+\/)?(?:aws-sm|vault-secrets|secrets|gcp-secret-manager|azure-key-vault)(?:-buildkite-plugin)?(?:#|$)/;

/** A step in the pipeline's order, with its path from the root and the job it runs as. */
interface PipelineStep {
  item: unknown;
  path: (string | number)[];
  scope: Scope;
}

/**
 * Every step in the order Buildkite runs them: a group's own `steps:` stand in for the group. A
 * command step runs as one job, and the job rules judge (its secrets, its gate) are the step's.
 */
function pipelineSteps(root: ReturnType<typeof asMap>): PipelineStep[] {
  const steps: PipelineStep[] = [];
  const add = (item: unknown, path: (string | number)[], place: string) =>
    steps.push({ item, path, scope: { job: scalarText(getNode(asMap(item), "key")) ?? scalarText(getNode(asMap(item), "label")) ?? `step ${place}` } });
  asSeq(getNode(root, "steps"))?.items.forEach((item, i) => {
    const grouped = asSeq(getNode(asMap(item), "steps"));
    if (grouped) grouped.items.forEach((inner, j) => add(inner, ["steps", i, "steps", j], `${i + 1}.${j + 1}`));
    else add(item, ["steps", i], `${i + 1}`);
  });
  return steps;
}

/**
 * The step a path lies in, or none (the pipeline's own keys), by an index of the steps' paths: a
 * generated pipeline holds thousands of steps, each asked for by each of its values.
 */
function stepIndex(steps: readonly PipelineStep[]): (path: readonly (string | number)[]) => PipelineStep | undefined {
  const byPath = new Map(steps.map((step) => [step.path.join("/"), step]));
  // A grouped step's path is four keys long, another's two.
  return (path) => byPath.get(path.slice(0, 4).join("/")) ?? byPath.get(path.slice(0, 2).join("/"));
}

/**
 * What one step's secrets bring in: the connectors (secret keys, secret ids) and the variables they
 * bind (`all` when a plugin exports a whole secret's variables, names unknown). `secrets:` is a list of
 * names or a map ENV_NAME: secret-key; secrets plugins take `env:` (NAME: id or { secret-id }),
 * Buildkite's own `secrets` plugin `variables:` (NAME: key) or `env: key` (every variable of one secret),
 * aws-sm `json-to-env:` (a list of { secret-id }).
 */
function stepSecrets(step: ReturnType<typeof asMap>): { refs: { name: string; node: unknown }[]; bound: Set<string>; all: boolean } {
  const refs: { name: string; node: unknown }[] = [];
  const bound = new Set<string>();
  let all = false;
  const secrets = getNode(step, "secrets");
  // Stryker disable next-line ArrayDeclaration: a stray entry is no node: no name
  for (const item of asSeq(secrets)?.items ?? []) {
    const name = scalarText(item);
    if (name) refs.push({ name, node: item }), bound.add(name);
  }
  for (const entry of entries(asMap(secrets))) {
    const key = scalarText(entry.value);
    if (key) refs.push({ name: key, node: entry.value }), bound.add(entry.key);
  }
  // Stryker disable next-line ArrayDeclaration: a stray entry is no map: no plugin
  for (const plugin of asSeq(getNode(step, "plugins"))?.items ?? []) {
    for (const entry of entries(asMap(plugin))) {
      if (!SECRETS_PLUGIN.test(entry.key)) continue;
      const settings = asMap(entry.value);
      for (const variable of [...entries(asMap(getNode(settings, "env"))), ...entries(asMap(getNode(settings, "variables")))]) {
        const id = scalarText(variable.value) ?? scalarText(getNode(asMap(variable.value), "secret-id"));
        bound.add(variable.key);
        if (id) refs.push({ name: id, node: variable.value });
      }
      // Stryker disable next-line ArrayDeclaration: a stray entry is no map: no secret id
      const whole = [getNode(settings, "env"), ...(asSeq(getNode(settings, "json-to-env"))?.items ?? []).map((item) => getNode(asMap(item), "secret-id"))];
      for (const node of whole) {
        const id = scalarText(node);
        if (id) refs.push({ name: id, node }), (all = true);
      }
    }
  }
  return { refs, bound, all };
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
    const steps = pipelineSteps(root);
    const stepAt = stepIndex(steps);
    model.literals = yamlLiterals(root, { scriptKeys: new Set(["command", "commands"]), scopeOf: (p) => stepAt(p)?.scope ?? {} }).filter(
      // Stryker disable next-line ConditionalExpression: a script literal's key is `command(s)`, never SECRET_…
      (literal) => !(literal.role === "assignment" && ciphertext(literal.key, literal.value)),
    );
    // A variable is bound in a step when the pipeline's or the step's `env:` sets it or the step's
    // secrets bring it; a command, a plugin's setting or an env value reading any other
    // credential-like variable (`$$NAME` at run time, `$NAME` at upload) reads a connector of the agent's.
    const pipelineEnv = entries(asMap(getNode(root, "env"))).map((entry) => entry.key);
    const boundIn = new Map<PipelineStep, (name: string) => boolean>();
    for (const step of steps) {
      const secrets = stepSecrets(asMap(step.item));
      for (const ref of secrets.refs) model.connectorRefs.push({ name: ref.name, kind: "secret", span: spanOf(ref.node as never), scope: step.scope });
      const bound = new Set([...pipelineEnv, ...entries(asMap(getNode(asMap(step.item), "env"))).map((entry) => entry.key), ...secrets.bound]);
      boundIn.set(step, (name) => secrets.all || bound.has(name));
    }
    for (const literal of model.literals) {
      const isBound = boundIn.get(stepAt(literal.path)!) ?? ((name: string) => pipelineEnv.includes(name));
      model.connectorRefs.push(...shellCredentialRefs(text.slice(literal.span.start, literal.span.end), literal.span.start, literal.scope, isBound, issued));
    }
    // A `block` (or `input`) step holds every step after it until a person unblocks the build.
    let blocked = false;
    for (const step of steps) {
      const map = asMap(step.item);
      if (getNode(map, "block") || getNode(map, "input") || scalarText(step.item) === "block" || scalarText(step.item) === "input") blocked = true;
      // Stryker disable next-line ArrayDeclaration: a Buildkite job's steps are not modelled
      model.jobs.push({ id: step.scope.job!, span: spanOf(step.item as never), steps: [], ...(blocked && { approvalGate: true }) });
    }
    return model;
  },
};
