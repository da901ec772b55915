import type { Rule } from "../linter-core/rule.js";
import { refsInReachOf } from "./model-index.js";

const PRIVILEGED_TRIGGERS = new Set(["pull_request_target", "workflow_run"]);
/** A checkout `ref:` that points at the code of the pull request or the triggering run. */
const UNTRUSTED_REF = /github\.event\.pull_request\.head|github\.head_ref|github\.event\.workflow_run\.head|refs\/pull\//;

export const untrustedTriggerWithSecrets: Rule = {
  meta: {
    id: "untrusted-trigger-with-secrets",
    description: "`pull_request_target` / `workflow_run` jobs that check out untrusted code with secrets in reach.",
    defaultSeverity: "error",
    owasp: ["NHI3", "NHI5"],
    nist: ["PR.AA-05", "PR.PS-01"],
    hasFixes: false,
  },

  checkFile(context) {
    const { file } = context;
    const trigger = file.triggers.find((t) => PRIVILEGED_TRIGGERS.has(t.value));
    if (!trigger) return;
    for (const job of file.jobs) {
      for (const step of job.steps) {
        const ref = step.inputs.ref;
        if (!step.uses || !/^actions\/checkout@/.test(step.uses.value) || !ref || !UNTRUSTED_REF.test(ref.value)) continue;
        // The job's own and the workflow's; GITHUB_TOKEN is judged by its permissions, below.
        const secrets = [...new Set(refsInReachOf(file, job.id).filter((r) => !r.issuedByPlatform).map((r) => r.name))];
        // Resolved by the platform (a workflow job always has one): the job's, else the workflow's, else the repository default (which may write).
        const token = job.token!;
        if (secrets.length === 0 && !token.canWrite) continue;
        const withToken = token.from === "default" ? " with the repository's default token (no `permissions:`, so it may write)" : " with a write token";
        context.report({
          span: ref.span,
          message: `\`${trigger.value}\` runs with the base repository's secrets, and job \`${job.id}\` checks out the untrusted head${secrets.length ? ` while ${secrets.slice(0, 3).join(", ")}${secrets.length > 3 ? "…" : ""} ${secrets.length === 1 ? "is" : "are"} in reach` : withToken}: the pull request's code can steal them.`,
          identity: `${job.id}/${step.id}`,
          help: "Use `pull_request` for untrusted code, or split the job: build the head without secrets, then act on its artifacts in a separate privileged job.",
        });
      }
    }
  },
};
