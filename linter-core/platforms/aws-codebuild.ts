// AWS CodeBuild (buildspec.yml): secrets reach commands as environment variables declared under
// `env.secrets-manager` (a Secrets Manager secret, `id:json-key`) or `env.parameter-store`;
// `env.variables` are plain text in the file.
import type { FileModel } from "../model.js";
import { asMap, documentsWithContent, entries, getNode, scalarText, spanOf } from "../documents/yaml.js";
import { isCredentialKey } from "../secrets/values.js";
import { baseName, emptyModel, isYamlPath, parseYaml, referenceEdit, yamlLiterals } from "./common.js";
import { outsideReserved, ROTATE_IF_COMMITTED, type Platform } from "./platform.js";
import { scriptCredentialRefs } from "./shell.js";

/** Variables CodeBuild sets itself. */
const issued = (name: string) => /^(CODEBUILD_|AWS_REGION$|AWS_DEFAULT_REGION$|AWS_CONTAINER_)/.test(name);

/** A Secrets Manager reference: an ARN, or a secret name (letters, digits, /_+=.@-) with optional `:json-key:stage:version`. */
const SECRET_ID = /^(arn:\S+|[\w/+=.@-]+(:\S*)?)$/;
/** A Parameter Store name (letters, digits, _.-/) or ARN. */
const PARAMETER_NAME = /^(arn:\S+|[\w./-]+)$/;

const ENV_SECTIONS = new Set(["variables", "secrets-manager", "parameter-store", "exported-variables"]);

export const awsCodeBuild: Platform = {
  id: "aws-codebuild",
  title: "AWS CodeBuild",
  matchesPath: (path) => /^buildspec([._-][\w.-]+)?\.ya?ml$/.test(baseName(path)),
  matchesContent: (path, text) => isYamlPath(path) && /^version\s*:\s*['"]?0\.[12]\b/m.test(text) && /^(phases|batch|env|artifacts|reports)\s*:/m.test(text),
  secretReference: (name) => `$${name}`,
  // CodeBuild keeps `CODEBUILD_` for its own variables ("No user environment variables can start with CODEBUILD_").
  secretName: outsideReserved(/^CODEBUILD_/i),
  secretFix(literal, secret, name, text) {
    // A value in an `env` section (the build's, or a batch build's) can only move out of the file, not
    // be replaced by a reference in place: CodeBuild expands no `$NAME` there, and under
    // `secrets-manager` a `$NAME` would be looked up as a secret of that name. The steps say how.
    const env = literal.path.indexOf("env");
    // Stryker disable next-line ConditionalExpression,LogicalOperator: no path starts with an env section's name
    if (env >= 0 && ENV_SECTIONS.has(String(literal.path[env + 1]))) return undefined;
    return [referenceEdit(literal, secret, `$${name}`, text)];
  },
  storeSecretSteps: (name) => [
    `Store the value in AWS Secrets Manager: aws secretsmanager create-secret --name ${name} --secret-string file:///dev/stdin (type the value, then Ctrl-D), and allow the CodeBuild service role secretsmanager:GetSecretValue on it.`,
    `Declare it in the buildspec instead of the value: env: secrets-manager: ${name}: ${name}, and read it as $${name} in the commands.`,
    ROTATE_IF_COMMITTED,
  ],
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("aws-codebuild", path, text, yaml);
    const root = asMap(documentsWithContent(yaml)[0]?.contents);
    // Stryker disable next-line ConditionalExpression: an empty document; every helper below takes undefined and finds nothing, so the model stays empty either way.
    if (!root) return model;
    // `env.secrets-manager` and `env.parameter-store` values name where a secret is stored: references,
    // not literals. A value that cannot be such a name (a password with `!` in it) was pasted there: it
    // stays a literal, judged as one, and names no connector.
    const names = (value: string | undefined, section: unknown) => value !== undefined && (section === "secrets-manager" ? SECRET_ID : PARAMETER_NAME).test(value.trim());
    // Stryker disable next-line ConditionalExpression: only the top-level `env` has those sections
    const reference = (literal: { path: (string | number)[]; value: string }) => literal.path[0] === "env" && (literal.path[1] === "secrets-manager" || literal.path[1] === "parameter-store") && names(literal.value, literal.path[1]);
    model.literals = yamlLiterals(root, {
      scriptKeys: new Set(["commands", "finally"]),
      // Stryker disable next-line ConditionalExpression: `phases` is a map
      scopeOf: (p) => (p[0] === "phases" && typeof p[1] === "string" ? { job: p[1] } : p[0] === "batch" ? { job: "batch" } : {}),
    }).filter((literal) => !reference(literal));
    const env = asMap(getNode(root, "env"));
    const defined = new Set<string>();
    // Secrets Manager: the secret (its id, before any `:json-key:stage`) is the connector.
    for (const entry of entries(asMap(getNode(env, "secrets-manager")))) {
      defined.add(entry.key);
      const reference = scalarText(entry.value);
      if (!names(reference, "secrets-manager")) continue;
      // Stryker disable next-line MethodExpression,OptionalChaining: a reference that names a secret has no blank before its first colon
      const id = reference?.split(":")[0].trim();
      // A full ARN (`arn:aws:secretsmanager:…:secret:name-AbCdEf`) names the secret after `secret:`,
      // without the six characters Secrets Manager appends: the inventory records it as `name`.
      // Stryker disable next-line OptionalChaining: a reference here names a secret
      const name = reference?.startsWith("arn:") ? /:secret:([^:]+)/.exec(reference)?.[1]?.replace(/-[A-Za-z0-9]{6}$/, "") : id;
      if (name) model.connectorRefs.push({ name, kind: "secret", span: spanOf(entry.value), scope: {} });
    }
    // Parameter Store holds configuration as well as secrets: credential-like names only.
    for (const entry of entries(asMap(getNode(env, "parameter-store")))) {
      defined.add(entry.key);
      const parameter = scalarText(entry.value);
      // Stryker disable next-line StringLiteral,Regex: any section but secrets-manager reads parameter names; a credential word stays one after any prefix; `.*` matches from the start anyway
      if (parameter && names(parameter, "parameter-store") && (isCredentialKey(entry.key) || isCredentialKey(parameter.replace(/^.*\//, "")))) {
        model.connectorRefs.push({ name: parameter, kind: "secret", span: spanOf(entry.value), scope: {} });
      }
    }
    for (const entry of entries(asMap(getNode(env, "variables")))) defined.add(entry.key);
    model.connectorRefs.push(...scriptCredentialRefs(text, model.literals, (n) => defined.has(n), issued));
    // Stryker disable next-line ArrayDeclaration: a CodeBuild job's steps are not modelled
    for (const phase of entries(asMap(getNode(root, "phases")))) model.jobs.push({ id: phase.key, span: spanOf(phase.keyNode), steps: [] });
    return model;
  },
};
