// GitHub Actions: workflows, reusable workflows and composite actions. All GitHub-specific keys
// (on, permissions, jobs, steps, env, with, run, environment, secrets.X, uses) are read here and
// nowhere else.
import { isAlias, isMap, isScalar, isSeq } from "yaml";
import { COMPOSITE_JOB_ID, type Checkout, type ConnectorKind, type ConnectorRef, type FileModel, type Job, type LiteralValue, type Permissions, type ScalarField, type Scope, type Span, type Step } from "../model.js";
import { allScalars, anchorsOf, asMap, asSeq, documentsWithContent, entries, getNode, getPair, parseYaml, resolveAlias, scalarPairs, scalarText, spanOf, type Anchors, type YAMLMap, type YamlNode } from "../documents/yaml.js";
import { isYamlPath, lineStartKey, pairLiteral, referenceEdit, repoPath } from "./common.js";
import { bracedCode, bracedExpressions, formatOfConstants, heldString, judgeExpressionText, quotedStrings, valuesOf, type EmbeddedCode, type ExpressionLanguage } from "./expressions.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";
import { afterLine, lineIndent } from "../text.js";

export const INDENTED_USING = lineStartKey("using", "\\s*:", "+");

// GitHub runs workflows from the repository root's .github/workflows/ only: one under a subfolder
// (vendor/x/.github/workflows/) is someone else's file, linted as plain YAML for secrets.
const WORKFLOW_PATH = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const NESTED_WORKFLOW_PATH = /.\/\.github\/workflows\//;
const ACTION_PATH = /(^|\/)action\.ya?ml$/;

/** Issued by the platform per run and scoped by `permissions:`; not inventory connectors. */
const PLATFORM_ISSUED = new Set(["GITHUB_TOKEN"]);

/** Nodes read through aliases per file: `- *checkout` steps stay linear however often they repeat. */
const ALIAS_BUDGET = 100_000;

/** Inputs of well-known actions that name a cloud identity. */
const IDENTITY_INPUTS: { action: RegExp; input: string; kind: ConnectorKind }[] = [
  { action: /^aws-actions\/configure-aws-credentials@/, input: "role-to-assume", kind: "cloud-role" },
  { action: /^azure\/login@/, input: "client-id", kind: "cloud-role" },
  { action: /^google-github-actions\/auth@/, input: "service_account", kind: "service-account" },
  { action: /^google-github-actions\/auth@/, input: "workload_identity_provider", kind: "cloud-role" },
];

const SECRET_IN_EXPRESSION = /\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g;

function isWorkflowText(text: string): boolean {
  return /^on\s*:/m.test(text) && /^jobs\s*:/m.test(text);
}

function isActionText(text: string): boolean {
  return /^runs\s*:/m.test(text) && INDENTED_USING.test(text);
}

function field(node: YamlNode | undefined): ScalarField | undefined {
  const value = scalarText(node);
  return value === undefined ? undefined : { value, span: spanOf(node) };
}

function readPermissions(node: YamlNode | undefined): Permissions | undefined {
  if (!node) return undefined;
  const permissions: Permissions = { span: spanOf(node), scopes: {} };
  // Stryker disable next-line ConditionalExpression: a map's field() is undefined
  if (isScalar(node)) permissions.shorthand = field(node);
  for (const entry of entries(asMap(node))) {
    const scope = field(entry.value);
    if (scope) permissions.scopes[entry.key] = scope;
  }
  return permissions;
}

/**
 * What a job's GITHUB_TOKEN may do, resolved as GitHub does: the job's `permissions:`, else the
 * workflow's, else the repository's default (which may be write to everything) — or, in a workflow
 * that is only ever called, its caller's (unknown here, so it may write).
 */
function tokenPermissions(job: { permissions?: Permissions }, workflow: { permissions?: Permissions; triggers: ScalarField[] }): NonNullable<Job["token"]> {
  const declared = job.permissions ?? workflow.permissions;
  const onlyCalled = workflow.triggers.length > 0 && workflow.triggers.every((trigger) => trigger.value === "workflow_call");
  if (!declared) return { from: onlyCalled ? "caller" : "default", canWrite: true };
  const from = job.permissions ? "job" : "workflow";
  const canWrite = declared.shorthand?.value === "write-all" || Object.values(declared.scopes).some((scope) => scope.value === "write");
  return { from, canWrite };
}

/** A line inserted after the one holding `offset`, starting with `before` (see afterLine). */
function lineAfter(text: string, offset: number, before: string): { offset: number; before: string; after: string } {
  const { at, lineBreak } = afterLine(text, offset);
  return { offset: at, before: lineBreak + before, after: "\n" };
}

function readStep(text: string, item: unknown, id: string): Step {
  const stepMap = asMap(item);
  const withNode = asMap(getNode(stepMap, "with"));
  const inputs: Record<string, ScalarField> = {};
  for (const entry of entries(withNode)) {
    const value = field(entry.value);
    // Stryker disable next-line ConditionalExpression: an input that is no scalar would be undefined, which every reader skips
    if (value) inputs[entry.key] = value;
  }
  return { id, uses: field(getNode(stepMap, "uses")), span: spanOf(item as YamlNode), inputs, inputInsertion: inputInsertion(text, stepMap) };
}

/** Where a step's new `with:` input goes, written in the style `with:` already has (see Step). */
function inputInsertion(text: string, stepMap: YAMLMap | undefined): Step["inputInsertion"] {
  const withPair = getPair(stepMap, "with");
  const withNode = asMap(withPair?.value);
  const lastInput = withNode?.items.at(-1);
  if (withNode?.flow) {
    // `with: { fetch-depth: 0 }`: after the last input, or inside an empty `{}`.
    if (lastInput) return { offset: spanOf((lastInput.value ?? lastInput.key) as YamlNode).end, before: ", ", after: "" };
    const open = spanOf(withNode).start + 1;
    return { offset: open, before: " ", after: " " };
  }
  // Stryker disable next-line LogicalOperator: a block map always has an item, and an item a map
  if (withNode && lastInput) {
    const keyStart = spanOf(lastInput.key as YamlNode).start;
    const valueEnd = spanOf((lastInput.value ?? lastInput.key) as YamlNode).end;
    return lineAfter(text, valueEnd, lineIndent(text, keyStart));
  }
  const value = withPair?.value;
  const emptyScalar = isScalar(value) && (value.value === null || value.value === "") ? spanOf(value) : undefined;
  // An empty `with:` written out (`~`, `null`, `""`): a line below it would not parse; the value
  // becomes a flow map of the input.
  if (emptyScalar && emptyScalar.end > emptyScalar.start) return { offset: emptyScalar.start, end: emptyScalar.end, before: "{ ", after: " }" };
  // Any other `with:` value (an alias, a string), or an empty one inside `{ … }`: no edit is safe (a
  // second `with:` would be a duplicate key).
  // Stryker disable next-line ConditionalExpression,OptionalChaining: the `yaml` library gives an empty value as a null scalar, never null
  if (withPair && ((value !== null && !emptyScalar) || stepMap?.flow)) return undefined;
  // A step written `{ uses: … }`: a flow `with:` of its own after its last key.
  const lastKey = stepMap?.items.at(-1);
  if (stepMap?.flow && lastKey) return { offset: spanOf((lastKey.value ?? lastKey.key) as YamlNode).end, before: ", with: { ", after: " }" };
  // No `with:` yet, or an empty one: the input goes on the line after, at the indentation of the step's keys.
  const firstKey = stepMap?.items[0]?.key as YamlNode | undefined;
  // Stryker disable next-line ArithmeticOperator: a key's start is never just before a line break
  const keyColumn = firstKey ? spanOf(firstKey).start - (text.lastIndexOf("\n", spanOf(firstKey).start - 1) + 1) : 0;
  const indent = " ".repeat(keyColumn);
  if (withPair) return lineAfter(text, spanOf(withPair.key as YamlNode).end, `${indent}  `);
  return lineAfter(text, spanOf(getNode(stepMap, "uses")).end, `${indent}with:\n${indent}  `);
}

const CHECKOUT = /^actions\/checkout@/;

/** actions/checkout keeps its token in .git/config unless `persist-credentials: false`. */
/**
 * A step with neither `id` nor `name`, called what a reader sees: its action or the first words of
 * its command, with its position (two `actions/checkout@v4` steps stay apart): "actions/checkout@v4
 * (step 1)", "docker login (step 3)". Only plain words are taken: a name never carries a value
 * (`docker login -p …` stops at `-p`), and a URL's user info is dropped.
 */
function unnamedStep(step: ReturnType<typeof asMap>, index: number): string {
  const uses = scalarText(getNode(step, "uses"))?.replace(/\/\/[^/@\s]*@/, "//");
  const line = scalarText(getNode(step, "run"))
    ?.split("\n")
    .map((l) => l.trim())
    .find((l) => l !== "" && !l.startsWith("#"));
  const words: string[] = [];
  // Stryker disable next-line ArrayDeclaration: a stray entry holds blanks, which end the words at once
  for (const word of line?.split(/\s+/) ?? []) {
    if (words.length === 3 || word.length > 24 || !/^[\w./][\w./-]*$/.test(word)) break;
    words.push(word);
  }
  // Stryker disable next-line EqualityOperator,ConditionalExpression: no words join to an empty name, which names nothing either
  const what = uses ?? (words.length > 0 ? words.join(" ") : undefined);
  return what ? `${what} (step ${index + 1})` : `step ${index + 1}`;
}

function checkoutOf(step: Step, job: string): Checkout {
  const setting = step.inputs["persist-credentials"];
  const at = step.inputInsertion;
  return {
    scope: { job, step: step.id },
    span: setting?.span ?? step.uses!.span,
    persistsCredentials: setting?.value !== "false",
    fix: setting
      ? { title: "Set `persist-credentials: false`", span: setting.span, text: "false" }
      : at && {
          title: "Add `persist-credentials: false`",
          span: { start: at.offset, end: at.end ?? at.offset },
          text: `${at.before}persist-credentials: false${at.after}`,
          followUp: ["A later step that pushes must now authenticate itself (for example with a token in its own env)."],
        },
  };
}

/** The events a workflow runs on, from `on: push`, `on: [a, b]` or `on: { a: ..., b: ... }`. */
// Stryker disable all: no `on:` and a missing one read the same (the shapes left give no events)
function readTriggers(node: YamlNode | undefined): ScalarField[] {
  if (!node) return [];
  if (isScalar(node)) return [field(node)!].filter(Boolean);
  if (isSeq(node)) return node.items.map((item) => field(item as YamlNode)).filter((f): f is ScalarField => Boolean(f));
  if (isMap(node)) return entries(node).map((entry) => ({ value: entry.key, span: spanOf(entry.keyNode) }));
  return [];
}
// Stryker restore all

/** Which env binding a path points into: `env.NAME` at workflow, job or step level. */
function bindingOf(path: (string | number)[]): { level: "workflow" | "job" | "step"; name: string } | undefined {
  const envAt = path.lastIndexOf("env");
  // Stryker disable next-line all: env entries are scalars under a name (`env.NAME`); the other shapes fall through to undefined below
  if (envAt < 0 || envAt !== path.length - 2 || typeof path[envAt + 1] !== "string") return undefined;
  const name = path[envAt + 1] as string;
  if (envAt === 0) return { level: "workflow", name };
  // Stryker disable next-line ConditionalExpression: only a job puts `env` third
  if (path[0] === "jobs" && envAt === 2) return { level: "job", name };
  if (path.includes("steps")) return { level: "step", name };
  return undefined;
}

const secretReference = (name: string) => `\${{ secrets.${name} }}`;

export const githubActions: Platform = {
  id: "github-actions",
  title: "GitHub Actions",
  caseInsensitiveNames: true,
  debugSwitches: /^(ACTIONS_STEP_DEBUG|ACTIONS_RUNNER_DEBUG)$/,
  shortLivedAlternatives: {
    aws: "OIDC: aws-actions/configure-aws-credentials with `role-to-assume` and `permissions: id-token: write`",
    azure: "OIDC: azure/login with `client-id`, `tenant-id`, `subscription-id` and `permissions: id-token: write`",
    gcp: "Workload Identity Federation: google-github-actions/auth with `workload_identity_provider`",
    pypi: "trusted publishing: pypa/gh-action-pypi-publish with `permissions: id-token: write` and no password",
    npm: "npm trusted publishing (OIDC) with `permissions: id-token: write`",
    crates: "crates.io trusted publishing: rust-lang/crates-io-auth-action with `permissions: id-token: write`",
    rubygems: "RubyGems trusted publishing: rubygems/release-gem (or rubygems/configure-rubygems-credentials) with `permissions: id-token: write`",
    nuget: "NuGet trusted publishing: NuGet/login with `permissions: id-token: write`",
  },
  // Action inputs that take a static key. Only PyPI's and RubyGems' own servers offer trusted
  // publishing: an upload elsewhere is left alone.
  staticKeyInputs: [
    { action: /^azure\/login@/, input: "creds", what: "an Azure service principal secret", provider: "azure" },
    { action: /^google-github-actions\/auth@/, input: "credentials_json", what: "a GCP service account key", provider: "gcp" },
    { action: /^pypa\/gh-action-pypi-publish@/, input: "password", what: "a PyPI API token", provider: "pypi", server: { inputs: ["repository-url", "repository_url"], official: /^https:\/\/(upload\.)?(test\.)?pypi\.org(\/|$)/ } },
    { action: /^rubygems\/configure-rubygems-credentials@/, input: "api-token", what: "a RubyGems API key", provider: "rubygems", server: { inputs: ["gem-server"], official: /^https:\/\/rubygems\.org\/?$/ } },
  ],
  cloudLoginStep: /^(aws-actions\/configure-aws-credentials|azure\/login|google-github-actions\/auth)@/,
  deploymentGate: "Add `environment: production` (with required reviewers) and move the secret to that environment.",
  secretsPerEnvironment: true,

  matchesPath: (path) => WORKFLOW_PATH.test(repoPath(path)),
  matchesContent: (path, text) => isYamlPath(path) && !NESTED_WORKFLOW_PATH.test(repoPath(path)) && (isWorkflowText(text) || (ACTION_PATH.test(repoPath(path)) && isActionText(text))),

  secretReference,
  // "Secret names must not start with the GITHUB_ prefix" (GitHub's docs); GH_ says the same thing.
  secretName: (name) => name.replace(/^GITHUB_/i, "GH_"),

  // An input's definition (its default, its description…) is read where no `secrets` context exists
  // (workflow_dispatch and workflow_call inputs, an action's inputs): no reference can stand there. The
  // steps say where the value goes.
  secretFix(literal, secret, name, text) {
    if (literal.path.at(-3) === "inputs") return undefined;
    const inExpression = expressionFix(literal, secret, name, text);
    if (inExpression !== false) return inExpression;
    return [referenceEdit(literal, secret, secretReference(name), text)];
  },

  storeSecretSteps(name) {
    return [
      `Store the value as a repository or environment secret: gh secret set ${name} (it prompts for the value), or Settings → Secrets and variables → Actions → New repository secret.`,
      "Where secrets live in a manager, fetch it at run time instead, signed in with OIDC (no copy in GitHub): hashicorp/vault-action, aws-actions/aws-secretsmanager-get-secrets, or azure/login then `az keyvault secret show`.",
      ROTATE_IF_COMMITTED,
    ];
  },

  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model: FileModel = {
      platform: "github-actions",
      path,
      text,
      literals: [],
      connectorRefs: [],
      jobs: [],
      // Stryker disable next-line ArrayDeclaration: replaced below
      triggers: [],
      // Stryker disable next-line ArrayDeclaration: a stray entry has no span and no fix: the rule skips nothing it would report
      checkouts: [],
      // Stryker disable next-line ArrayDeclaration: a stray entry is no expression a rule matches
      expressions: [],
      parseErrors: yaml.errors,
    };
    const rootMap: YAMLMap | undefined = asMap(documentsWithContent(yaml)[0]?.contents);
    if (!rootMap) return model;
    model.triggers = readTriggers(getNode(rootMap, "on"));
    model.permissions = readPermissions(getNode(rootMap, "permissions"));
    const jobsKey = rootMap.items.find((pair) => scalarText(pair.key) === "jobs")?.key as YamlNode | undefined;
    // A block key goes on the line before `jobs:`; a workflow written as one flow map (`{on: …, jobs: …}`)
    // has no such line, and a block key there would break it.
    // Stryker disable next-line StringLiteral,ArithmeticOperator: a block `jobs:` key starts its line
    if (jobsKey && !rootMap.flow) model.workflowInsertion = text.lastIndexOf("\n", spanOf(jobsKey).start - 1) + 1;

    // Every list of steps (each job's, a composite action's), read once. A step written as an alias
    // (`- *checkout`) is that anchored step, run in this job too; where the alias is written is kept.
    // Stryker disable next-line StringLiteral: only spares reading the anchors of a file with none
    const anchors: Anchors = text.includes("&") ? anchorsOf(rootMap) : new Map();
    const aliasAt = new Map<string, Span>();
    const stepLists = new Map<string, { prefix: (string | number)[]; steps: unknown[] }>();
    const listSteps = (prefix: (string | number)[], owner: YAMLMap | undefined) => {
      const items = asSeq(getNode(owner, "steps"))?.items ?? [];
      items.forEach((item, i) => isAlias(item) && aliasAt.set([...prefix, i].join("/"), spanOf(item as unknown as YamlNode)));
      stepLists.set(prefix.join("/"), { prefix, steps: items.map((item) => resolveAlias(item, anchors)) });
    };
    for (const job of entries(asMap(getNode(rootMap, "jobs")))) listSteps(["jobs", job.key, "steps"], asMap(job.value));
    listSteps([COMPOSITE_JOB_ID, "steps"], asMap(getNode(rootMap, COMPOSITE_JOB_ID)));

    // Steps are named by id, then name, then position: that is how people find them.
    const stepNames = new Map<string, string>();
    for (const { prefix, steps } of stepLists.values()) {
      steps.forEach((item, i) => {
        const step = asMap(item);
        const name = scalarText(getNode(step, "id")) ?? scalarText(getNode(step, "name")) ?? unnamedStep(step, i);
        stepNames.set([...prefix, i].join("/"), name);
      });
    }
    const scopeOf = (nodePath: (string | number)[]): Scope => {
      const scope: Scope = {};
      // Stryker disable next-line ConditionalExpression: a job's key is a string
      if (nodePath[0] === "jobs" && typeof nodePath[1] === "string") scope.job = nodePath[1];
      // Stryker disable next-line ConditionalExpression,LogicalOperator: `runs:` holds steps and scalars; its scalars' job is named nowhere
      if (nodePath[0] === COMPOSITE_JOB_ID && nodePath[1] === "steps") scope.job = COMPOSITE_JOB_ID;
      const stepsAt = nodePath.indexOf("steps");
      // Stryker disable next-line all: a path through `steps` goes on with an index; the name of none is undefined
      if (stepsAt >= 0 && typeof nodePath[stepsAt + 1] === "number") scope.step = stepNames.get(nodePath.slice(0, stepsAt + 2).join("/"));
      return scope;
    };

    for (const pair of scalarPairs(rootMap)) {
      const inSteps = pair.path.includes("steps");
      // Stryker disable next-line ConditionalExpression: a `script:` elsewhere in a step is an env entry, and env values are not judged as scripts by any rule
      const isScript = (inSteps && pair.key === "run") || (inSteps && pair.key === "script" && pair.path.at(-2) === "with");
      const literal = pairLiteral(pair, isScript ? "script" : "assignment", scopeOf(pair.path));
      // actions/github-script's `script:` is JavaScript.
      if (isScript && pair.key === "script") literal.program = true;
      // The text an expression sends as written (`${{ secrets.KEY || '…' }}`) is a value too.
      // Stryker disable next-line StringLiteral: a shortcut; a value with no expression is its own one piece of text
      if (!isScript && literal.value.includes("${{")) judgeExpressionText(literal, 0, bracedCode(literal.value), GITHUB_EXPRESSION);
      // Registry credentials of a job container or service container.
      literal.alwaysCredential = pair.key === "password" && pair.path.at(-2) === "credentials";
      model.literals.push(literal);
    }

    // Expressions and the secrets they read, found in the source of every scalar (exact offsets).
    const envKeys = new Map<string, YamlNode>();
    // Stryker disable next-line ConditionalExpression: aliases outside step lists only repeat a value
    const following = { anchors, where: (path: (string | number)[]) => path.at(-1) === "steps", budget: ALIAS_BUDGET };
    // Stryker disable next-line ConditionalExpression,EqualityOperator: with no anchors, following finds nothing to follow
    for (const scalar of allScalars(rootMap, anchors.size > 0 ? following : undefined)) {
      const span = spanOf(scalar.node);
      const source = text.slice(span.start, span.end);
      // Stryker disable next-line ConditionalExpression,StringLiteral: only spares scanning a scalar with no expression
      if (!source.includes("${{")) continue;
      const scope = scopeOf(scalar.path);
      const binding = bindingOf(scalar.path);
      for (const expression of bracedExpressions(source)) {
        const start = span.start + expression.start;
        model.expressions.push({ text: expression.inner.trim(), span: { start, end: span.start + expression.end }, scope });
        for (const ref of expression.inner.matchAll(SECRET_IN_EXPRESSION)) {
          const name = ref[1] ?? ref[2];
          const refStart = start + 3 + ref.index! + ref[0].lastIndexOf(name);
          const connector: ConnectorRef = {
            name,
            kind: "secret",
            span: { start: refStart, end: refStart + name.length },
            scope,
            issuedByPlatform: PLATFORM_ISSUED.has(name.toUpperCase()),
          };
          if (binding) {
            // Stryker disable next-line StringLiteral: a cache of one key's node
            const keyNode = envKeys.get(scalar.path.join("/")) ?? findKeyNode(rootMap, scalar.path, anchors);
            // Stryker disable next-line ConditionalExpression,StringLiteral: a cache of one key's node
            if (keyNode) envKeys.set(scalar.path.join("/"), keyNode);
            connector.binding = { ...binding, keySpan: spanOf(keyNode) };
          }
          model.connectorRefs.push(connector);
        }
      }
    }

    const readSteps = (modelJob: Job, prefix: (string | number)[]) => {
      stepLists.get(prefix.join("/"))!.steps.forEach((item, i) => {
        const step = readStep(text, item, stepNames.get([...prefix, i].join("/")) ?? unnamedStep(asMap(item), i));
        modelJob.steps.push(step);
        // A checkout through an alias is reported where this job runs it (`- *checkout`); its fix still edits the anchor.
        const written = aliasAt.get([...prefix, i].join("/"));
        if (step.uses && CHECKOUT.test(step.uses.value)) model.checkouts.push({ ...checkoutOf(step, modelJob.id), ...(written && { span: written }) });
        for (const identity of IDENTITY_INPUTS) {
          if (!step.uses || !identity.action.test(step.uses.value)) continue;
          const input = step.inputs[identity.input];
          if (!input || input.value.includes("${{")) continue;
          model.connectorRefs.push({ name: input.value, kind: identity.kind, span: input.span, scope: { job: modelJob.id, step: step.id } });
        }
      });
    };
    for (const job of entries(asMap(getNode(rootMap, "jobs")))) {
      const jobMap = asMap(job.value);
      const secretsNode = getNode(jobMap, "secrets");
      const environment = getNode(jobMap, "environment");
      const modelJob: Job = {
        id: job.key,
        span: spanOf(job.keyNode),
        uses: scalarText(getNode(jobMap, "uses")),
        secretsInherit: scalarText(secretsNode) === "inherit" ? spanOf(secretsNode) : undefined,
        steps: [],
        permissions: readPermissions(getNode(jobMap, "permissions")),
        environment: scalarText(environment) ?? scalarText(getNode(asMap(environment), "name")),
      };
      modelJob.token = tokenPermissions(modelJob, model);
      const declared = modelJob.permissions ?? model.permissions;
      modelJob.mintsOidc = declared?.scopes["id-token"]?.value === "write" || declared?.shorthand?.value === "write-all";
      readSteps(modelJob, ["jobs", job.key, "steps"]);
      model.jobs.push(modelJob);
    }
    if (stepLists.get(`${COMPOSITE_JOB_ID}/steps`)!.steps.length > 0) {
      const runsKey = rootMap.items.find((pair) => scalarText(pair.key) === COMPOSITE_JOB_ID)?.key as YamlNode | undefined;
      const composite: Job = { id: COMPOSITE_JOB_ID, span: spanOf(runsKey), steps: [], composite: true };
      readSteps(composite, [COMPOSITE_JOB_ID, "steps"]);
      model.jobs.push(composite);
    }
    return model;
  },
};

/** The key node at the end of a path of map keys and sequence indexes (through step aliases). */
function findKeyNode(root: YAMLMap, path: (string | number)[], anchors: Anchors): YamlNode | undefined {
  let node: unknown = root;
  // Stryker disable next-line EqualityOperator: the last key returns inside the loop
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (typeof key === "number") {
      // Stryker disable next-line OptionalChaining: an index follows a sequence
      node = resolveAlias(asSeq(node)?.items[key], anchors);
      continue;
    }
    const map = asMap(node);
    const pair = getPair(map, key);
    if (!pair) return undefined;
    if (i === path.length - 1) return pair.key as YamlNode;
    node = pair.value;
  }
  return undefined;
}

const HASH_FILES_CALL = /^hashFiles\s*\(/;

/** GitHub's expressions: strings single-quoted; a property's name (`github.event['key']`) and the files `hashFiles('…')` reads are no values. */
const GITHUB_EXPRESSION: ExpressionLanguage = {
  constant: formatOfConstants,
  strings: (code) =>
    valuesOf(code, quotedStrings(code), (before) => {
      // (Inside `hashFiles(` when no `)` follows its last mention.)
      const call = before.slice(before.lastIndexOf("hashFiles"));
      return HASH_FILES_CALL.test(call) && !call.includes(")");
    }),
};

/** Each scalar's expressions, read once for all the secrets it holds (thousands, in a dump of keys), kept while its model is. */
const scalarExpressions = new WeakMap<LiteralValue, EmbeddedCode[]>();

/**
 * The fix of a secret in an expression's string: the string becomes `secrets.NAME`, or, the secret
 * part of it, `format('…{0}…', secrets.NAME)`. Undefined (no fix) in a single-quoted scalar, whose
 * quoting would have to change; false outside an expression, where the usual reference is written.
 */
function expressionFix(literal: LiteralValue, secret: Span, name: string, text: string): { span: Span; text: string }[] | undefined | false {
  const scalar = literal.span;
  const raw = text.slice(scalar.start, scalar.end);
  let expressions = scalarExpressions.get(literal);
  // Stryker disable next-line ConditionalExpression: a shortcut; read again, the same expressions.
  if (!expressions) scalarExpressions.set(literal, (expressions = bracedCode(raw)));
  const start = secret.start - scalar.start;
  const end = secret.end - scalar.start;
  // (The first whose code ends after the secret: an earlier one ends before it.)
  // Stryker disable next-line EqualityOperator,ConditionalExpression: a secret lies inside a string, past the code's first character and before its last; the first expression ending after it holds it
  const expression = expressions.find((e) => e.codeStart <= start && end <= e.codeEnd);
  if (!expression) return false;
  // (In a single-quoted scalar the expression's quotes are doubled: its strings read as empty ones, none holds the secret.)
  const held = heldString(raw.slice(expression.codeStart, expression.codeEnd), start - expression.codeStart, end - expression.codeStart);
  // Stryker disable next-line ConditionalExpression: a guard; a detection inside an expression lies in one of its strings
  if (!held) return undefined;
  const reference = `secrets.${name}`;
  const { before, after } = held;
  const braces = (part: string) => part.replace(/[{}]/g, "$&$&");
  const replacement = before === "" && after === "" ? reference : `format('${braces(before)}{0}${braces(after)}', ${reference})`;
  return [{ span: { start: scalar.start + expression.codeStart + held.start, end: scalar.start + expression.codeStart + held.end }, text: replacement }];
}
