// Azure Pipelines: secrets are `$(NAME)` macros from secret variables, variable groups (often
// Key Vault-linked) and AzureKeyVault@ tasks; service connections carry cloud identities.
import type { Document } from "yaml";
import type { Checkout, ConnectorRef, FileModel, Scope } from "../model.js";
import { allScalars, asMap, documentsWithContent, entries, getNode, scalarText, spanOf, type YamlNode } from "../documents/yaml.js";
import { isCredentialKey } from "../secrets/values.js";
import { baseName, emptyModel, isWholeValue, isYamlPath, lineStartKey, parseYaml, referenceEdit, removeEntryLine, repoPath, yamlLiterals } from "./common.js";
import { bracedCode, formatOfConstants, judgeExpressionText, quotedStrings, valuesOf, type EmbeddedCode, type ExpressionLanguage } from "./expressions.js";
import { outsideReserved, ROTATE_IF_COMMITTED, type Platform } from "./platform.js";

// What only an Azure pipeline holds at a line's start: a versioned task, a hosted pool's image, a
// PowerShell step, a stage, job or step list.
export const TASK = lineStartKey("(?:-\\s*)?task", "\\s*:\\s*[\\w.-]+@\\d");
export const VM_IMAGE = lineStartKey("vmImage", "\\s*:");
export const POWERSHELL_STEP = lineStartKey("-\\s*(?:pwsh|powershell)", "\\s*:");
export const STAGE_OR_STEP = lineStartKey("-\\s*(?:stage|job|deployment|script|bash|checkout)", "\\s*:");
// Template expressions only Azure has: `${{ parameters.x }}`, `${{ if ... }}:`, `${{ each ... }}`. An
// expression is read up to the next `${{` (which is tried in its turn): read to the line's end from
// each, a long line of them took quadratic time.
export const TEMPLATE_EXPRESSION = /\$\{\{(?:(?!\$\{\{)[^}\n])*\bparameters\.|\$\{\{\s*(if|elseif|else|each)\b/;

// (Quoted, or a block scalar's first line.)
const RUNTIME_EXPRESSION_SOURCE = /^(?:["']|[|>][-+\d]*[ \t]*\r?\n)?\s*\$\[/;

/** A value that is one runtime expression, `$[ … ]` (blanks around it allowed): its code's place. */
function runtimeExpression(value: string): EmbeddedCode | undefined {
  const start = value.length - value.trimStart().length;
  const end = value.trimEnd().length;
  return value.startsWith("$[", start) && value[end - 1] === "]" ? { start, end, codeStart: start + 2, codeEnd: end - 1 } : undefined;
}

/** Template expressions: strings single-quoted; a property's name (`variables['x']`) is no value. */
// Stryker disable next-line ArrowFunction: a function giving undefined names nothing read either
const TEMPLATE_LANGUAGE: ExpressionLanguage = { constant: formatOfConstants, strings: (code) => valuesOf(code, quotedStrings(code), () => false) };

const SCRIPT_KEYS = new Set(["script", "bash", "powershell", "pwsh", "inlineScript", "InlineScript", "arguments"]);
const SERVICE_CONNECTION_INPUT = /^(azureSubscription|connectedServiceName\w*|\w*ServiceConnection|containerRegistry|azureResourceManagerConnection|dockerRegistryServiceConnection|kubernetesServiceEndpoint|serviceEndpoint|externalEndpoints?)$/i;
const MACRO = /\$\(([A-Za-z_][\w.-]*)\)/g;
/** Predefined variables and the job token. */
const issued = (name: string) => /^(System|Build|Agent|Release|Pipeline|Environment|Strategy|Resources|Checks|TF_BUILD)\b/i.test(name);

export const azurePipelines: Platform = {
  id: "azure-pipelines",
  title: "Azure Pipelines",
  matchesPath: (path) => /^azure-pipelines.*\.ya?ml$/i.test(baseName(path)) || /(^|\/)\.(azure-?)?pipelines\/.+\.ya?ml$/i.test(repoPath(path)),
  matchesContent: (path, text) =>
    isYamlPath(path) &&
    // A GitHub workflow also has `jobs:`; `on:` is GitHub's alone.
    !/^on\s*:/m.test(text) &&
    (TASK.test(text) ||
      VM_IMAGE.test(text) ||
      POWERSHELL_STEP.test(text) ||
      TEMPLATE_EXPRESSION.test(text) ||
      (/^(trigger|pr|stages|extends|resources)\s*:/m.test(text) && STAGE_OR_STEP.test(text))),
  secretReference: (name) => `$(${name})`,
  // "Don't use variable prefixes reserved by the system: endpoint, input, secret, path, securefile.
  // Any variable that begins with one of these strings (regardless of capitalization) won't be
  // available to your tasks and scripts" (Microsoft's docs, Variable naming restrictions).
  secretName: outsideReserved(/^(endpoint|input|secret|securefile|path)/i),
  secretFix(literal, secret, name, text) {
    // A `variables:` entry outranks the pipeline's secret variable of the same name (set in the
    // pipeline's settings): `KEY: $(KEY)` would name itself. So the entry goes and the stored secret
    // reaches the pipeline; the list form (`- name:`/`value:`) and a secret inside a longer value have
    // no edit in place (the steps say how).
    // An entry under a conditional (`${{ if … }}:`) is spliced into the `variables:` around it; removing
    // the conditional's only entry would leave it empty, so that one is not removed either.
    const path = spliced(literal.path);
    const conditional = path.length < literal.path.length;
    const mapEntry = path.at(-2) === "variables";
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a `value:` elsewhere is keyed `value`, which names no stored secret
    const listEntry = path.at(-1) === "value" && path.at(-3) === "variables";
    // Stryker disable next-line ConditionalExpression: no script key sits under `variables:`
    if (literal.role === "assignment" && (mapEntry || listEntry) && literal.key === name) {
      const removal = mapEntry && !conditional && isWholeValue(literal, secret, text) ? removeEntryLine(literal, text, "variables") : undefined;
      return removal ? [removal] : undefined;
    }
    // (No macro is expanded inside a runtime expression: a `$(NAME)` there would be sent as written.
    // The value as written, not as read: a constant's text replaces the value read.)
    if (RUNTIME_EXPRESSION_SOURCE.test(text.slice(literal.span.start, literal.span.end))) return undefined;
    return [referenceEdit(literal, secret, `$(${name})`, text)];
  },
  storeSecretSteps: (name) => [
    `Add ${name} as a secret pipeline variable (Pipelines → Edit → Variables → Keep this value secret) or to a variable group linked to Azure Key Vault, and reference it as $(${name}).`,
    "Secret variables are not passed to scripts automatically: map them in the step's `env:`.",
    ROTATE_IF_COMMITTED,
  ],
  // No PyPI or npm trusted publishing from Azure DevOps: static tokens there are not reported.
  debugSwitches: /^system\.debug$/i,
  narrowerBinding: "Link the group in the `variables:` of the stage or job that uses it.",
  deploymentGate: "Make it a deployment job (`- deployment: web` with `environment: production`) and add approvals and checks to that environment (Pipelines → Environments → Approvals and checks), or move the secret to a variable group or service connection with its own checks.",
  shortLivedAlternatives: {
    azure: "an Azure Resource Manager service connection with workload identity federation, used through `azureSubscription:` (AzureCLI@2, AzurePowerShell@5)",
    aws: "an AWS service connection that assumes a role through OIDC (AWS Toolkit for Azure DevOps)",
  },
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("azure-pipelines", path, text, yaml);
    const doc = documentsWithContent(yaml)[0];
    const root = doc?.contents as YamlNode | undefined;
    // Stryker disable next-line ConditionalExpression: an empty document; every helper below takes undefined and finds nothing, so the model stays empty either way.
    if (!root) return model;
    // Jobs (`- job: build`, `- deployment: web` with its `environment:`), and which one each path is in.
    const jobAt = new Map<string, string>();
    for (const scalar of allScalars(root)) {
      const key = scalar.path.at(-1);
      if ((key !== "job" && key !== "deployment") || typeof scalar.path.at(-2) !== "number") continue;
      // Stryker disable next-line BooleanLiteral: keepScalar changes nothing for a map
      const jobMap = asMap(doc.getIn(scalar.path.slice(0, -1), true));
      const environment = getNode(jobMap, "environment");
      jobAt.set(scalar.path.slice(0, -1).join("/"), scalar.value);
      // Stryker disable next-line ArrayDeclaration: an Azure job's steps are not modelled
      model.jobs.push({ id: scalar.value, span: spanOf(scalar.node), steps: [], environment: scalarText(environment) ?? scalarText(getNode(asMap(environment), "name")) });
    }
    const scopeOf = (path: (string | number)[]): Scope => {
      // Stryker disable next-line ArithmeticOperator,EqualityOperator: neither the scalar's own path nor the root is a job's
      for (let i = path.length - 1; i > 0; i--) {
        const job = jobAt.get(path.slice(0, i).join("/"));
        if (job) return { job };
      }
      return {};
    };
    model.literals = yamlLiterals(root, { scriptKeys: SCRIPT_KEYS, scopeOf });
    // The text a template expression sends as written (`${{ coalesce(parameters.pw, '…') }}`) is a
    // value too. Expanded before the run, it may hold a macro: the fix writes `$(NAME)` in the string.
    // Stryker disable next-line StringLiteral: a shortcut; a value with no expression is its own one piece of text
    // A runtime expression, `$[ … ]`, is a variable's whole value, evaluated when the job runs: its
    // strings are sent as written (`$[ coalesce(variables.token, '…') ]`), read as a template's are.
    for (const literal of model.literals) {
      if (literal.role === "script") continue;
      if (literal.value.includes("${{")) judgeExpressionText(literal, 0, bracedCode(literal.value), TEMPLATE_LANGUAGE);
      else {
        const runtime = runtimeExpression(literal.value);
        if (runtime) judgeExpressionText(literal, 0, [runtime], TEMPLATE_LANGUAGE);
      }
    }

    // Variables this file defines: `variables: {A: x}`, `- name: A` items; groups are connectors.
    const defined = new Set<string>();
    for (const scalar of allScalars(root)) {
      // (An entry under a conditional, `${{ if … }}:`, belongs to the `variables:` around it.)
      const path = spliced(scalar.path);
      const parentKey = path.at(-3);
      const key = path.at(-1);
      if (path.at(-2) === "variables") defined.add(String(key));
      if (key === "name" && parentKey === "variables") defined.add(scalar.value);
      // (A group named by a template's parameter, `${{ variable.group }}`, is no name.)
      if (key === "group" && parentKey === "variables" && !scalar.value.includes("${{")) {
        // Linked in the pipeline's own `variables:` (not a stage's or a job's): every job reads the group.
        // Stryker disable next-line ConditionalExpression,LogicalOperator: a root `variables:` item is always three deep, and nothing else starts with `variables`
        const pipelineWide = path.length === 3 && path[0] === "variables";
        const span = spanOf(scalar.node);
        const binding = pipelineWide ? { binding: { level: "workflow" as const, name: scalar.value, keySpan: span } } : {};
        model.connectorRefs.push({ name: scalar.value, kind: "secret", span, scope: scopeOf(scalar.path), ownChecks: true, ...binding });
      }
    }
    // Stryker disable next-line StringLiteral: the loop above adds the same names (kept for entries that are not scalars)
    for (const pair of entries(asMap(getNode(asMap(root), "variables")))) defined.add(pair.key);

    for (const scalar of allScalars(root)) {
      const key = scalar.path.at(-1);
      const span = spanOf(scalar.node);
      if (typeof key === "string" && SERVICE_CONNECTION_INPUT.test(key) && !scalar.value.includes("$(") && !scalar.value.includes("${{")) {
        model.connectorRefs.push({ name: scalar.value, kind: "service-connection", span, scope: scopeOf(scalar.path), ownChecks: true });
      }
      if (key === "KeyVaultName" || key === "keyVaultName") model.connectorRefs.push({ name: scalar.value, kind: "secret", span, scope: scopeOf(scalar.path) });
      if (key === "checkout") model.checkouts.push(checkoutOf(doc, scalar));
      const source = text.slice(span.start, span.end);
      // Stryker disable next-line ConditionalExpression,StringLiteral: only spares scanning a scalar with no macro
      if (!source.includes("$(")) continue;
      for (const macro of source.matchAll(MACRO)) {
        const name = macro[1];
        if (!isCredentialKey(name) || defined.has(name)) continue;
        const start = span.start + macro.index! + 2;
        const ref: ConnectorRef = { name, kind: "secret", span: { start, end: start + name.length }, scope: scopeOf(scalar.path), issuedByPlatform: issued(name) };
        model.connectorRefs.push(ref);
      }
    }
    return model;
  },
};

/**
 * A path as the pipeline reads it once its template expressions are expanded: a conditional's or a
 * loop's key (`${{ if … }}:`) is gone, its entries spliced into the map around it, or, with the list
 * item that held it, into the list around it.
 */
function spliced(path: (string | number)[]): (string | number)[] {
  const kept: (string | number)[] = [];
  for (const key of path) {
    if (typeof key !== "string" || !key.startsWith("${{")) kept.push(key);
    else if (typeof kept.at(-1) === "number") kept.pop();
  }
  return kept;
}

/**
 * A `- checkout: self` step. Azure keeps the job's System.AccessToken in .git/config only with
 * `persistCredentials: true` (the default is false).
 */
function checkoutOf(doc: Document.Parsed, scalar: { path: (string | number)[]; value: string; node: YamlNode }): Checkout {
  // Stryker disable next-line BooleanLiteral: keepScalar changes nothing for a map
  const step = asMap(doc.getIn(scalar.path.slice(0, -1), true));
  const setting = getNode(step, "persistCredentials");
  // The job around it (`- job: build`, or `- deployment: web` whose steps sit under its strategy), for
  // the message and the fingerprint; "pipeline" for a pipeline's own top-level steps.
  let job = "pipeline";
  // Stryker disable next-line EqualityOperator: the root is no job
  for (let end = scalar.path.lastIndexOf("steps"); end > 0; end--) {
    // Stryker disable next-line BooleanLiteral: keepScalar changes nothing for a map
    const around = asMap(doc.getIn(scalar.path.slice(0, end), true));
    const name = scalarText(getNode(around, "job")) ?? scalarText(getNode(around, "deployment"));
    if (name) {
      job = name;
      break;
    }
  }
  const stepIndex = scalar.path.at(-2);
  // (A checkout is a list item of `steps:`: its index is always a number; the test is for the types.)
  return {
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent (above)
    scope: { job, step: `checkout: ${scalar.value}${typeof stepIndex === "number" ? ` (step ${stepIndex + 1})` : ""}` },
    span: spanOf(setting ?? scalar.node),
    persistsCredentials: scalarText(setting)?.toLowerCase() === "true",
    fix: setting ? { title: "Set `persistCredentials: false`", span: spanOf(setting), text: "false" } : undefined,
  };
}
