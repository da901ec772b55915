// Drone and Woodpecker CI (.drone.yml, .woodpecker.yml, .woodpecker/*.yml): repository or
// organisation secrets reach a step through `from_secret:` (in `environment:` or a plugin's
// `settings:`), or, in older files, a step's `secrets: [name]` list; commands read them as `$NAME`.
import type { FileModel, Scope } from "../model.js";
import { allScalars, asMap, asSeq, entries, getNode, scalarText, spanOf } from "../documents/yaml.js";
import { baseName, emptyModel, isWholeValue, isYamlPath, parseYaml, referenceEdit, repoPath, yamlLiterals } from "./common.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";
import { scriptCredentialRefs } from "./shell.js";

/** Variables the runner sets itself. */
const issued = (name: string) => /^(DRONE_|CI_|PLUGIN_|WOODPECKER_)/.test(name);

/** Steps are a list (Drone, Woodpecker) or a map by name (Woodpecker 2+, old `pipeline:`). */
function stepScope(root: ReturnType<typeof asMap>, path: (string | number)[]): Scope {
  const at = path.findIndex((key) => key === "steps" || key === "pipeline");
  const step = path[at + 1];
  // Stryker disable next-line ConditionalExpression: only a value of `steps:` itself has nothing after it, and none is a literal.
  if (at < 0 || step === undefined) return {};
  if (typeof step === "string") return { step };
  // Stryker disable next-line OptionalChaining: a numbered step sits in a list.
  const item = asMap(asSeq(getNode(root, path[at] as string))?.items[step]);
  return { step: scalarText(getNode(item, "name")) ?? `step ${step + 1}` };
}

export const droneWoodpecker: Platform = {
  id: "drone-woodpecker",
  readsEveryDocument: true,
  title: "Drone / Woodpecker CI",
  matchesPath: (path) => /^\.(drone|woodpecker)\.ya?ml$/.test(baseName(path)) || /(^|\/)\.woodpecker\/[^/]+\.ya?ml$/.test(repoPath(path)),
  matchesContent: (path, text) => isYamlPath(path) && /^kind\s*:\s*pipeline\b/m.test(text) && /^(steps|pipeline)\s*:/m.test(text),
  secretReference: (name) => `$${name}`,
  secretFix(literal, secret, name, text) {
    // A value in `environment:` or `settings:` becomes a `from_secret:` reference; in a command, `$NAME`
    // (bound in the step's `environment:` from the secret).
    const parent = literal.path.at(-2);
    if (isWholeValue(literal, secret, text) && (parent === "environment" || parent === "settings")) {
      return [referenceEdit(literal, secret, `{ from_secret: ${name.toLowerCase()} }`, text)];
    }
    return [referenceEdit(literal, secret, `$${name}`, text)];
  },
  storeSecretSteps: (name) => [
    `Add the value as a repository (or organisation) secret named ${name.toLowerCase()}: Drone — drone secret add --repository <owner/repo> --name ${name.toLowerCase()} --data @file (or the repository's Settings → Secrets); Woodpecker — woodpecker-cli repo secret add --repository <owner/repo> --name ${name.toLowerCase()} --value @file, or Repository settings → Secrets.`,
    `Give it to the step that needs it: environment: ${name}: { from_secret: ${name.toLowerCase()} }, and limit the secret to the events that need it (not pull requests from forks).`,
    ROTATE_IF_COMMITTED,
  ],
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("drone-woodpecker", path, text, yaml);
    // Drone allows several pipelines per file, one YAML document each.
    for (const document of yaml.documents) {
      const root = asMap(document.contents);
      // Stryker disable next-line ConditionalExpression: an empty document; every helper below takes undefined and finds nothing, so the model stays empty either way.
      if (!root) continue;
      const literals = yamlLiterals(root, { scriptKeys: new Set(["commands"]), scopeOf: (p) => stepScope(root, p) });
      // `from_secret: name` is a reference, not a value.
      model.literals.push(...literals.filter((literal) => literal.key !== "from_secret"));
      const bound = new Set<string>();
      for (const scalar of allScalars(root)) {
        const key = scalar.path.at(-1);
        // (Every path read here is a step's: four long, so counting from the front would give the same.)
        // Stryker disable next-line UnaryOperator
        const parent = scalar.path.at(-2);
        if (key === "from_secret") {
          model.connectorRefs.push({ name: scalar.value, kind: "secret", span: spanOf(scalar.node), scope: stepScope(root, scalar.path) });
          // Stryker disable next-line ConditionalExpression: `from_secret` sits under a variable's name, never in a list.
          if (typeof parent === "string") bound.add(parent);
        } else if (parent === "secrets") {
          // `secrets: [docker_password]` (or `- source: x, target: Y` items, read through their `source`).
          model.connectorRefs.push({ name: scalar.value, kind: "secret", span: spanOf(scalar.node), scope: stepScope(root, scalar.path) });
          bound.add(scalar.value.toUpperCase());
        } else if (key === "source" && scalar.path.at(-3) === "secrets") {
          model.connectorRefs.push({ name: scalar.value, kind: "secret", span: spanOf(scalar.node), scope: stepScope(root, scalar.path) });
        } else if (key === "target" && scalar.path.at(-3) === "secrets") {
          bound.add(scalar.value);
        }
      }
      model.connectorRefs.push(...scriptCredentialRefs(text, literals, (n) => bound.has(n), issued));
      // (No rule reports at a Drone step's span or reads its steps: these name the jobs only.)
      // Stryker disable next-line ArrayDeclaration
      for (const step of entries(asMap(getNode(root, "steps")))) model.jobs.push({ id: step.key, span: spanOf(step.keyNode), steps: [] });
      asSeq(getNode(root, "steps"))?.items.forEach((item, i) => {
        const name = scalarText(getNode(asMap(item), "name")) ?? `step ${i + 1}`;
        // Stryker disable next-line all
        model.jobs.push({ id: name, span: spanOf(getNode(asMap(item), "name") ?? (item as never)), steps: [] });
      });
    }
    return model;
  },
};
