// Bitbucket Pipelines: secured repository/deployment variables reach scripts as `$NAME`.
import type { FileModel } from "../model.js";
import { asMap, entries, getNode } from "../documents/yaml.js";
import { baseName, emptyModel, isYamlPath, parseYaml, yamlLiterals } from "./common.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";
import { shellCredentialRefs } from "./shell.js";

const issued = (name: string) => /^BITBUCKET_/.test(name);

export const bitbucketPipelines: Platform = {
  id: "bitbucket-pipelines",
  title: "Bitbucket Pipelines",
  matchesPath: (path) => baseName(path) === "bitbucket-pipelines.yml",
  matchesContent: (path, text) => isYamlPath(path) && /^pipelines\s*:/m.test(text) && /^\s+-\s*step\s*:/m.test(text),
  secretReference: (name) => `$${name}`,
  secretsPerEnvironment: true,
  storeSecretSteps: (name) => [
    `Add ${name} as a secured variable: Repository settings → Pipelines → Repository variables (or Deployments for one environment), with "Secured" ticked.`,
    ROTATE_IF_COMMITTED,
  ],
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("bitbucket-pipelines", path, text, yaml);
    const root = asMap(yaml.documents[0]?.contents);
    if (!root) return model;
    model.literals = yamlLiterals(root, { scriptKeys: new Set(["script", "after-script"]), scopeOf: () => ({}) });
    const defined = new Set(entries(asMap(getNode(asMap(getNode(root, "definitions")), "variables"))).map((e) => e.key));
    for (const literal of model.literals) {
      model.connectorRefs.push(...shellCredentialRefs(text.slice(literal.span.start, literal.span.end), literal.span.start, literal.scope, (n) => defined.has(n), issued));
    }
    return model;
  },
};
