import type { Permissions } from "../linter-core/model.js";
import type { Rule } from "../linter-core/rule.js";

export const excessivePermissions: Rule = {
  meta: {
    id: "excessive-permissions",
    description: "`write-all`, write scopes at workflow level, or no `permissions` at all (GitHub Actions).",
    defaultSeverity: "warning",
    owasp: ["NHI5"],
    nist: ["PR.AA-05"],
    hasFixes: true,
  },

  checkFile(context) {
    const { file } = context;
    if (file.platform !== "github-actions" || file.jobs.length === 0) return;
    const writeAll = (permissions: Permissions | undefined) => permissions?.shorthand?.value === "write-all";
    if (writeAll(file.permissions)) {
      context.report({ span: file.permissions!.shorthand!.span, message: "`permissions: write-all` gives every job's GITHUB_TOKEN write access to everything.", identity: "workflow:write-all", help: "Start from `permissions: { contents: read }` and grant each job the writes it needs." });
    } else if (file.permissions) {
      for (const [scope, value] of Object.entries(file.permissions.scopes)) {
        if (value.value !== "write" || scope === "id-token") continue;
        context.report({ span: value.span, message: `\`${scope}: write\` at workflow level is granted to every job; grant it to the job that needs it.`, identity: `workflow:${scope}`, help: "Move the write scope to the `permissions:` of the job that uses it." });
      }
    } else if (file.jobs.some((job) => !job.permissions && !job.uses)) {
      const unset = file.jobs.filter((job) => !job.permissions).map((job) => job.id);
      const at = file.workflowInsertion;
      context.report({
        span: file.jobs[0].span,
        message: `no \`permissions:\` for the workflow or job${unset.length === 1 ? "" : "s"} ${unset.map((id) => `\`${id}\``).join(", ")}: GITHUB_TOKEN gets the repository's default, which may be write to everything.`,
        identity: "workflow:none",
        fixes: at === undefined ? [] : [{ title: "Add `permissions: contents: read` for the workflow", edits: [{ path: file.path, start: at, end: at, text: "permissions:\n  contents: read\n\n" }], safe: false, followUp: ["Grant each job the write scopes it needs in its own `permissions:`."] }],
        help: "Declare `permissions: { contents: read }` at the top and widen per job.",
      });
    }
    for (const job of file.jobs) {
      if (!writeAll(job.permissions)) continue;
      context.report({ span: job.permissions!.shorthand!.span, message: `job \`${job.id}\` has \`permissions: write-all\`.`, identity: `${job.id}:write-all`, help: "List only the scopes the job needs, e.g. `contents: write`." });
    }
  },
};
