// CircleCI: secrets reach jobs as project variables or through contexts (`context:` in workflows).

import type { FileModel } from "../model.js";
import { allScalars, asMap, documentsWithContent, entries, getNode, spanOf } from "../documents/yaml.js";
import { emptyModel, isWholeValue, isYamlPath, parseYaml, referenceEdit, removeEntryLine, repoPath, yamlLiterals } from "./common.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";
import { scriptCredentialRefs } from "./shell.js";

const issued = (name: string) => /^CIRCLE_/.test(name);

export const circleci: Platform = {
  id: "circleci",
  title: "CircleCI",
  // Orb sources (`src/@orb.yml`, `src/commands/*.yml`, `src/jobs/*.yml`...) are CircleCI config too.
  matchesPath: (path) => /(^|\/)\.circleci\/[^/]+\.ya?ml$/.test(repoPath(path)) || /(^|\/)src\/(@orb\.ya?ml|(commands|jobs|executors|examples)\/[^/]+\.ya?ml)$/.test(repoPath(path)),
  // Stryker disable next-line Regex: the minor version is optional and nothing follows it in the pattern
  matchesContent: (path, text) => isYamlPath(path) && /^version\s*:\s*['"]?2(\.\d)?/m.test(text) && /^(jobs|workflows|orbs|commands|executors)\s*:/m.test(text),
  secretReference: (name) => `$${name}`,
  secretFix(literal, secret, name, text) {
    // CircleCI reads an `environment:` value as written (no `$NAME` is expanded there), and a value set
    // in the config outranks the project's variable or the context's of that name. So the entry goes,
    // and the stored variable reaches the job; a secret inside a longer value has no edit in place.
    // (An `environment:` value is never a script: the role test only narrows the shapes.)
    // Stryker disable next-line ConditionalExpression
    if (literal.role === "assignment" && literal.path.at(-2) === "environment") {
      if (literal.key !== name || !isWholeValue(literal, secret, text)) return undefined;
      const removal = removeEntryLine(literal, text, "environment");
      return removal ? [removal] : undefined;
    }
    // In a command the shell expands it.
    return [referenceEdit(literal, secret, `$${name}`, text)];
  },
  // Every job run with a context gets an OIDC token; no npm or PyPI trusted publishing from CircleCI.
  shortLivedAlternatives: {
    aws: "CircleCI OIDC: `$CIRCLE_OIDC_TOKEN_V2` (in any job run with a context) exchanged for a role, e.g. the aws-cli orb's `setup` with `role_arn`",
    azure: "CircleCI OIDC: `az login --service-principal --federated-token $CIRCLE_OIDC_TOKEN_V2` against a federated credential of the app registration",
    gcp: "Workload Identity Federation with `$CIRCLE_OIDC_TOKEN_V2` (the gcp-cli orb's `setup` with `use_oidc: true`)",
  },
  storeSecretSteps: (name) => [
    `Add ${name} to a context (Organization Settings → Contexts) restricted to the right security group, or as a project environment variable (Project Settings → Environment Variables): every job run with it sees $${name}, so no \`environment:\` entry is needed (one would override it, and CircleCI expands no variable there).`,
    ROTATE_IF_COMMITTED,
  ],
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("circleci", path, text, yaml);
    const root = asMap(documentsWithContent(yaml)[0]?.contents);
    // Stryker disable next-line ConditionalExpression: an empty document; every helper below takes undefined and finds nothing, so the model stays empty either way.
    if (!root) return model;
    model.literals = yamlLiterals(root, {
      scriptKeys: new Set(["command"]),
      // Stryker disable next-line ConditionalExpression: a key under `jobs:` is a job's name, a string.
      scopeOf: (p) => (p[0] === "jobs" && typeof p[1] === "string" ? { job: p[1] } : {}),
    });
    // `run: echo hi` (a string) is shell code too.
    for (const literal of model.literals) if (literal.key === "run") literal.role = "script";
    // Stryker disable next-line ArrowFunction: no name is defined in the file; undefined says the same.
    model.connectorRefs.push(...scriptCredentialRefs(text, model.literals, () => false, issued));
    // Contexts named by workflow jobs: `- build: { context: [aws-prod] }`.
    for (const scalar of allScalars(getNode(root, "workflows"))) {
      const key = scalar.path.at(-1);
      // Stryker disable next-line ConditionalExpression: under `context:` only names (a string or a list of them) are written
      if (key === "context" || (typeof key === "number" && scalar.path.at(-2) === "context")) {
        model.connectorRefs.push({ name: scalar.value, kind: "secret", span: spanOf(scalar.node), scope: {} });
      }
    }
    // (No rule reads a CircleCI job's steps, and a job's span is its key's either way.)
    // Stryker disable next-line StringLiteral,ArrayDeclaration
    for (const job of entries(asMap(getNode(root, "jobs")))) model.jobs.push({ id: job.key, span: spanOf(job.keyNode), steps: [] });
    return model;
  },
};
