// docker-compose: `environment:` literals (map or `KEY=value` list), `secrets:`, `${NAME}` interpolation.
import type { FileModel } from "../model.js";
import { allScalars, asMap, documentsWithContent, entries, getNode, spanOf } from "../documents/yaml.js";
import { isCredentialKey } from "../secrets/values.js";
import { baseName, emptyModel, isYamlPath, lineStartKey, parseYaml, yamlLiterals } from "./common.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";

export const INDENTED_IMAGE_OR_BUILD = lineStartKey("image|build", "\\s*:", "+");

/**
 * Compose's `${NAME}`, `${NAME:-default}` (and `-`, `?`, `:?`, `:+`, `+` forms) and `$NAME`: each name with its
 * offset. Scanned by hand: the regex /\$\{(NAME)(?:[:?-][^}]*)?\}/ re-reads the rest of the value from
 * every unclosed `${A:` (quadratic on `${A:${A:${A:…`). `$$` is an escaped dollar.
 */
function* interpolationsIn(source: string): Generator<{ name: string; at: number }> {
  const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
  // The first `}` at or after the scan position, found once and reused (-1: none left). A cache: the
  // mutants of its bookkeeping below only find it again or find it later.
  // Stryker disable next-line UnaryOperator: any start below every position is the same
  let nextClose = -2;
  for (let i = source.indexOf("$"); i !== -1; i = source.indexOf("$", i + 1)) {
    if (source[i + 1] === "$") {
      i++;
      continue;
    }
    const braced = source[i + 1] === "{";
    NAME.lastIndex = i + (braced ? 2 : 1);
    const name = NAME.exec(source)?.[0];
    // Stryker disable next-line ConditionalExpression: without a name there is nothing to yield but undefined, which is no credential name
    if (!name) continue;
    const after = NAME.lastIndex;
    if (!braced) {
      yield { name, at: i + 1 };
      continue;
    }
    if (source[after] === "}") {
      yield { name, at: i + 2 };
      continue;
    }
    // Stryker disable next-line StringLiteral: at the end of the value no `}` follows either
    if (!":?-+".includes(source[after] ?? "x")) continue;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,UnaryOperator: the cache (above)
    if (nextClose !== -1 && nextClose < after) nextClose = source.indexOf("}", after);
    if (nextClose !== -1) yield { name, at: i + 2 };
  }
}

export const dockerCompose: Platform = {
  id: "docker-compose",
  title: "docker-compose",
  matchesPath: (path) => /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(baseName(path)),
  matchesContent: (path, text) => isYamlPath(path) && /^services\s*:/m.test(text) && INDENTED_IMAGE_OR_BUILD.test(text) && !/^(on|jobs|apiVersion|pipelines)\s*:/m.test(text),
  secretReference: (name) => `\${${name}}`,
  storeSecretSteps: (name) => [
    `Put ${name} in an untracked .env file (listed in .gitignore) or the shell environment; compose substitutes \${${name}}.`,
    "Better for real secrets: a top-level `secrets:` entry mounted as a file at /run/secrets/.",
    ROTATE_IF_COMMITTED,
  ],
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("docker-compose", path, text, yaml);
    const root = asMap(documentsWithContent(yaml)[0]?.contents);
    // Stryker disable next-line ConditionalExpression: an empty document; every helper below takes undefined and finds nothing, so the model stays empty either way.
    if (!root) return model;
    // Stryker disable next-line ConditionalExpression: `services:` is a map (a list is no compose file)
    const scopeOf = (p: (string | number)[]) => (p[0] === "services" && typeof p[1] === "string" ? { job: p[1] } : {});
    // (The text-wide idioms find a command's secrets and name them either way: the script role is for what it says.)
    // Stryker disable next-line ArrayDeclaration,StringLiteral: equivalent (above)
    model.literals = yamlLiterals(root, { scriptKeys: new Set(["command", "entrypoint"]), scopeOf });
    // `environment: ["API_KEY=abc"]`: the key is before the `=`.
    for (const scalar of allScalars(root)) {
      // Stryker disable next-line UnaryOperator: a service's `environment` is third from either end; elsewhere the text-wide idiom reads `NAME=value` the same
      if (scalar.path.at(-2) !== "environment" || typeof scalar.path.at(-1) !== "number") continue;
      // Stryker disable next-line Regex: `.*` under the s flag reaches the end anyway
      const match = /^([A-Za-z_][\w.]*)=(.*)$/s.exec(scalar.value);
      if (!match) continue;
      const span = spanOf(scalar.node);
      const raw = text.slice(span.start, span.end);
      // Stryker disable next-line StringLiteral: a secret is not also spelt inside its own name
      const at = raw.indexOf(match[2], raw.indexOf("="));
      model.literals.push({ key: match[1], path: scalar.path, value: match[2], span: { start: span.start + at, end: span.start + at + match[2].length }, role: "assignment", scope: scopeOf(scalar.path) });
    }
    for (const secret of entries(asMap(getNode(root, "secrets")))) {
      model.connectorRefs.push({ name: secret.key, kind: "secret", span: spanOf(secret.keyNode), scope: {} });
    }
    for (const scalar of allScalars(root)) {
      const span = spanOf(scalar.node);
      const source = text.slice(span.start, span.end);
      // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut; no `$`, no interpolation
      if (!source.includes("$")) continue;
      for (const { name, at } of interpolationsIn(source)) {
        if (!isCredentialKey(name)) continue;
        const start = span.start + at;
        model.connectorRefs.push({ name, kind: "secret", span: { start, end: start + name.length }, scope: scopeOf(scalar.path) });
      }
    }
    return model;
  },
};
