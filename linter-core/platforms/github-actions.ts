// GitHub Actions: workflows, reusable workflows and composite actions. All GitHub-specific keys
// (jobs, steps, env, with, run, secrets.X, uses) are read here and nowhere else.
import type { ConnectorKind, FileModel, Job, LiteralValue, Scope, Step } from "../model.js";
import { allScalars, asMap, asSeq, entries, getNode, parseYaml, scalarPairs, scalarText, spanOf } from "../documents/yaml.js";
import type { Platform } from "./platform.js";

const WORKFLOW_PATH = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;
const ACTION_PATH = /(^|\/)action\.ya?ml$/;

/** Issued by the platform per run and scoped by `permissions:`; not inventory connectors. */
const PLATFORM_ISSUED = new Set(["GITHUB_TOKEN"]);

/** Inputs of well-known actions that name a cloud identity. */
const IDENTITY_INPUTS: { action: RegExp; input: string; kind: ConnectorKind }[] = [
  { action: /^aws-actions\/configure-aws-credentials@/, input: "role-to-assume", kind: "cloud-role" },
  { action: /^azure\/login@/, input: "client-id", kind: "cloud-role" },
  { action: /^google-github-actions\/auth@/, input: "service_account", kind: "service-account" },
  { action: /^google-github-actions\/auth@/, input: "workload_identity_provider", kind: "cloud-role" },
];

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const SECRET_IN_EXPRESSION = /\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g;

function isWorkflowText(text: string): boolean {
  return /^on\s*:/m.test(text) && /^jobs\s*:/m.test(text);
}

function isActionText(text: string): boolean {
  return /^runs\s*:/m.test(text) && /^\s+using\s*:/m.test(text);
}

function scopeOf(path: (string | number)[], stepNames: Map<string, string>): Scope {
  const scope: Scope = {};
  const jobsAt = path[0] === "jobs" ? 0 : -1;
  if (jobsAt === 0 && typeof path[1] === "string") scope.job = path[1];
  const stepsAt = path.indexOf("steps");
  if (stepsAt >= 0 && typeof path[stepsAt + 1] === "number") {
    const key = path.slice(0, stepsAt + 2).join("/");
    scope.step = stepNames.get(key) ?? `step ${Number(path[stepsAt + 1]) + 1}`;
  }
  return scope;
}

export const githubActions: Platform = {
  id: "github-actions",
  title: "GitHub Actions",
  caseInsensitiveNames: true,

  recognise(path, text) {
    if (WORKFLOW_PATH.test(path)) return true;
    if (ACTION_PATH.test(path)) return isActionText(text);
    return /\.ya?ml$/i.test(path) && (isWorkflowText(text) || (ACTION_PATH.test(path.replace(/.*__/, "")) && isActionText(text)));
  },

  secretReference(name) {
    return `\${{ secrets.${name} }}`;
  },

  storeSecretSteps(name) {
    return [
      `Store the value as a repository or environment secret: gh secret set ${name} (it prompts for the value), or Settings → Secrets and variables → Actions → New repository secret.`,
      "If the value was ever committed or pushed, rotate it at the provider: moving it does not make it secret again.",
    ];
  },

  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model: FileModel = { platform: "github-actions", path, text, literals: [], connectorRefs: [], jobs: [], parseErrors: yaml.errors };
    const root = yaml.documents[0]?.contents;
    const rootMap = asMap(root);
    if (!rootMap) return model;

    // Steps are named by id, then name, then position: that is how people find them.
    const stepNames = new Map<string, string>();
    const stepLists: { prefix: (string | number)[]; steps: ReturnType<typeof asSeq> }[] = [];
    for (const job of entries(asMap(getNode(rootMap, "jobs")))) {
      stepLists.push({ prefix: ["jobs", job.key, "steps"], steps: asSeq(getNode(asMap(job.value), "steps")) });
    }
    stepLists.push({ prefix: ["runs", "steps"], steps: asSeq(getNode(asMap(getNode(rootMap, "runs")), "steps")) });
    for (const { prefix, steps } of stepLists) {
      steps?.items.forEach((item, i) => {
        const step = asMap(item);
        const name = scalarText(getNode(step, "id")) ?? scalarText(getNode(step, "name"));
        if (name) stepNames.set([...prefix, i].join("/"), name);
      });
    }

    for (const pair of scalarPairs(rootMap)) {
      const inSteps = pair.path.includes("steps");
      const isScript = (inSteps && pair.key === "run") || (inSteps && pair.key === "script" && pair.path.at(-2) === "with");
      const literal: LiteralValue = {
        key: pair.key,
        path: pair.path,
        value: pair.value,
        span: spanOf(pair.node),
        role: isScript ? "script" : "assignment",
        scope: scopeOf(pair.path, stepNames),
      };
      model.literals.push(literal);
    }

    for (const scalar of allScalars(rootMap)) {
      const span = spanOf(scalar.node);
      const source = text.slice(span.start, span.end);
      if (!source.includes("secrets")) continue;
      for (const expression of source.matchAll(EXPRESSION)) {
        for (const ref of expression[1].matchAll(SECRET_IN_EXPRESSION)) {
          const name = ref[1] ?? ref[2];
          const start = span.start + expression.index! + 3 + ref.index! + ref[0].lastIndexOf(name);
          model.connectorRefs.push({
            name,
            kind: "secret",
            span: { start, end: start + name.length },
            scope: scopeOf(scalar.path, stepNames),
            issuedByPlatform: PLATFORM_ISSUED.has(name.toUpperCase()),
          });
        }
      }
    }

    for (const job of entries(asMap(getNode(rootMap, "jobs")))) {
      const jobMap = asMap(job.value);
      const secretsNode = getNode(jobMap, "secrets");
      const modelJob: Job = {
        id: job.key,
        span: spanOf(job.keyNode),
        uses: scalarText(getNode(jobMap, "uses")),
        secretsInherit: scalarText(secretsNode) === "inherit" ? spanOf(secretsNode) : undefined,
        steps: [],
      };
      asSeq(getNode(jobMap, "steps"))?.items.forEach((item, i) => {
        const stepMap = asMap(item);
        const step: Step = {
          id: stepNames.get(["jobs", job.key, "steps", i].join("/")) ?? `step ${i + 1}`,
          uses: scalarText(getNode(stepMap, "uses")),
          span: spanOf(item as never),
        };
        modelJob.steps.push(step);
        for (const identity of IDENTITY_INPUTS) {
          if (!step.uses || !identity.action.test(step.uses)) continue;
          const valueNode = getNode(asMap(getNode(stepMap, "with")), identity.input);
          const value = scalarText(valueNode);
          if (!value || value.includes("${{")) continue;
          model.connectorRefs.push({ name: value, kind: identity.kind, span: spanOf(valueNode), scope: { job: job.key, step: step.id } });
        }
      });
      model.jobs.push(modelJob);
    }
    return model;
  },
};
