// GitLab CI: `.gitlab-ci.yml` and included `*.gitlab-ci.yml`. Secrets reach jobs as CI/CD variables
// (`$NAME`), through `secrets:` (Vault, Azure Key Vault, GCP Secret Manager) or as `id_tokens:`.
import { isMap } from "yaml";
import type { FileModel } from "../model.js";
import { asMap, entries, getNode, spanOf } from "../documents/yaml.js";
import { baseName, emptyModel, isYamlPath, parseYaml, repoPath, yamlLiterals } from "./common.js";
import { ROTATE_IF_COMMITTED, type Platform } from "./platform.js";
import { shellCredentialRefs } from "./shell.js";

const SCRIPT_KEYS = new Set(["script", "before_script", "after_script"]);
const GLOBAL_KEYS = new Set(["stages", "variables", "include", "default", "workflow", "image", "services", "cache", "before_script", "after_script", "spec"]);
/** Issued per job by GitLab: governed by the project's token settings, not the inventory. */
const issued = (name: string) => /^(CI_|GITLAB_|CHAT_)/.test(name);

export const gitlabCi: Platform = {
  id: "gitlab-ci",
  title: "GitLab CI",
  matchesPath: (path) => /(^|\.)gitlab-ci\.ya?ml$/.test(baseName(path)) || /(^|\/)\.gitlab\/.+\.ya?ml$/.test(repoPath(path)),
  matchesContent: (path, text) =>
    isYamlPath(path) && /^\s+script\s*:/m.test(text) && /^(stages|variables|include|default|workflow|image|\.[\w-]+)\s*:/m.test(text) && !/^(on|jobs|pipelines|trigger|pr|version)\s*:/m.test(text),
  secretReference: (name) => `$${name}`,
  storeSecretSteps: (name) => [
    `Add ${name} as a CI/CD variable, masked and protected: Settings → CI/CD → Variables, or \`glab variable set ${name} --masked --protected\`.`,
    "Or read it from a secrets manager with a job `secrets:` entry (HashiCorp Vault, Azure Key Vault, GCP Secret Manager).",
    ROTATE_IF_COMMITTED,
  ],
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const model = emptyModel("gitlab-ci", path, text, yaml);
    const root = asMap(yaml.documents[0]?.contents);
    if (!root) return model;
    const scopeOf = (p: (string | number)[]) => (typeof p[0] === "string" && !GLOBAL_KEYS.has(p[0]) ? { job: p[0] } : {});
    model.literals = yamlLiterals(root, { scriptKeys: SCRIPT_KEYS, scopeOf });

    const defined = new Set(entries(asMap(getNode(root, "variables"))).map((e) => e.key));
    for (const job of entries(root)) {
      if (GLOBAL_KEYS.has(job.key) || !isMap(job.value)) continue;
      const jobMap = asMap(job.value);
      const jobDefined = new Set([...defined, ...entries(asMap(getNode(jobMap, "variables"))).map((e) => e.key)]);
      model.jobs.push({ id: job.key, span: spanOf(job.keyNode), steps: [], environment: undefined });
      for (const secret of entries(asMap(getNode(jobMap, "secrets")))) {
        model.connectorRefs.push({ name: secret.key, kind: "secret", span: spanOf(secret.keyNode), scope: { job: job.key } });
      }
      for (const token of entries(asMap(getNode(jobMap, "id_tokens")))) {
        // Short-lived OIDC tokens: what we want people to use; issued by the platform.
        model.connectorRefs.push({ name: token.key, kind: "cloud-role", span: spanOf(token.keyNode), scope: { job: job.key }, issuedByPlatform: true });
      }
      for (const literal of model.literals) {
        if (literal.scope.job !== job.key) continue;
        const source = text.slice(literal.span.start, literal.span.end);
        model.connectorRefs.push(...shellCredentialRefs(source, literal.span.start, literal.scope, (n) => jobDefined.has(n), issued));
      }
    }
    return model;
  },
};
