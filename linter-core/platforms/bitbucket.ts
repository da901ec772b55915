// Bitbucket Pipelines: secured repository/deployment variables reach scripts as `$NAME`.
import type { FileModel } from "../model.js";
import { asMap, documentsWithContent, entries, getNode } from "../documents/yaml.js";
import { baseName, emptyModel, isYamlPath, lineStartKey, parseYaml, yamlLiterals } from "./common.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";
import { shellCredentialRefs } from "./shell.js";

export const INDENTED_STEP = lineStartKey("-\\s*step", "\\s*:", "+");

const issued = (name: string) => /^BITBUCKET_/.test(name);

export const bitbucketPipelines: Platform = {
  id: "bitbucket-pipelines",
  title: "Bitbucket Pipelines",
  matchesPath: (path) => baseName(path) === "bitbucket-pipelines.yml",
  matchesContent: (path, text) => isYamlPath(path) && /^pipelines\s*:/m.test(text) && INDENTED_STEP.test(text),
  secretReference: (name) => `$${name}`,
  secretsPerEnvironment: true,
  // No npm or PyPI trusted publishing from Bitbucket: only the clouds' static keys are reported.
  shortLivedAlternatives: {
    aws: "Bitbucket OIDC: `oidc: true` on the step and a role assumed with its `BITBUCKET_STEP_OIDC_TOKEN` (`AWS_ROLE_ARN` and `AWS_WEB_IDENTITY_TOKEN_FILE`, or the `AWS_OIDC_ROLE_ARN` variable of Atlassian's AWS pipes)",
    azure: "Bitbucket OIDC: `oidc: true` on the step and `az login --service-principal --federated-token $BITBUCKET_STEP_OIDC_TOKEN` against a federated credential of the app registration",
    gcp: "Workload Identity Federation: `oidc: true` on the step and a credential configuration that exchanges `BITBUCKET_STEP_OIDC_TOKEN`",
  },
  storeSecretSteps: (name) => [
    `Add ${name} as a secured variable: Repository settings → Pipelines → Repository variables (or Deployments for one environment), with "Secured" ticked.`,
    ROTATE_IF_COMMITTED,
  ],
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("bitbucket-pipelines", path, text, yaml);
    const root = asMap(documentsWithContent(yaml)[0]?.contents);
    // Stryker disable next-line ConditionalExpression: an empty document; every helper below takes undefined and finds nothing, so the model stays empty either way.
    if (!root) return model;
    model.literals = yamlLiterals(root, { scriptKeys: new Set(["script", "after-script"]), scopeOf: () => ({}) });
    const defined = new Set(entries(asMap(getNode(asMap(getNode(root, "definitions")), "variables"))).map((e) => e.key));
    for (const literal of model.literals) {
      model.connectorRefs.push(...shellCredentialRefs(text.slice(literal.span.start, literal.span.end), literal.span.start, literal.scope, (n) => defined.has(n), issued));
    }
    return model;
  },
};
