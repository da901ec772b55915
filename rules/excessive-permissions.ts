import type { Permissions } from "../linter-core/model.js";
import type { Rule } from "../linter-core/rule.js";

export const excessivePermissions: Rule = {
  meta: {
    id: "excessive-permissions",
    description: "`write-all` or `read-all`, write scopes (id-token included) at workflow level, or no `permissions` at all (GitHub Actions).",
    defaultSeverity: "warning",
    owasp: ["NHI5"],
    nist: ["PR.AA-05"],
    hasFixes: true,
  },

  checkFile(context) {
    const { file } = context;
    // Only a GitHub workflow's jobs have a token and permissions: not a composite action's steps (they
    // run with their caller's token; a `permissions:` key in action.yml does nothing), nor other platforms.
    const jobs = file.jobs.filter((job) => job.token);
    if (jobs.length === 0) return;
    const writeAll = (permissions: Permissions | undefined) => permissions?.shorthand?.value === "write-all";
    // Jobs whose token no `permissions:` bounds: the repository default, or, in a workflow only ever
    // called, the caller's token, which the caller's permissions decide, except where the job calls a
    // reusable workflow in turn: its own permissions (the repository default when unset) are that callee's ceiling.
    const unbounded = jobs.filter((job) => job.token!.from === "default" || (job.token!.from === "caller" && job.uses));
    if (writeAll(file.permissions)) {
      context.report({ span: file.permissions!.shorthand!.span, message: "`permissions: write-all` gives every job's GITHUB_TOKEN write access to everything.", identity: "workflow:write-all", help: "Start from `permissions: { contents: read }` and grant each job the writes it needs." });
    } else if (file.permissions?.shorthand?.value === "read-all") {
      context.report({ span: file.permissions.shorthand.span, message: "`permissions: read-all` lets every job's GITHUB_TOKEN read every scope (issues, packages, security events...), not only the code.", identity: "workflow:read-all", help: "Name the scopes the jobs read: `permissions: { contents: read }`." });
    } else if (file.permissions) {
      for (const [scope, value] of Object.entries(file.permissions.scopes)) {
        if (value.value !== "write") continue;
        // id-token: write mints OIDC tokens for the cloud: at workflow level every job, third-party actions included, can.
        const message =
          scope === "id-token"
            ? "`id-token: write` at workflow level lets every job, third-party actions included, mint an OIDC token for your cloud roles; grant it to the job that signs in."
            : `\`${scope}: write\` at workflow level is granted to every job; grant it to the job that needs it.`;
        context.report({ span: value.span, message, identity: `workflow:${scope}`, help: "Move the write scope to the `permissions:` of the job that uses it." });
      }
    } else if (unbounded.length > 0) {
      const unset = unbounded.map((job) => job.id);
      const at = file.workflowInsertion;
      context.report({
        span: unbounded[0].span,
        message: `no \`permissions:\` for the workflow or job${unset.length === 1 ? "" : "s"} ${unset.map((id) => `\`${id}\``).join(", ")}: GITHUB_TOKEN gets the repository's default, which may be write to everything.`,
        identity: "workflow:none",
        fixes: at === undefined ? [] : [{ title: "Add `permissions: contents: read` for the workflow", edits: [{ path: file.path, start: at, end: at, text: "permissions:\n  contents: read\n\n" }], safe: false, followUp: ["Grant each job the write scopes it needs in its own `permissions:`."] }],
        help: "Declare `permissions: { contents: read }` at the top and widen per job.",
      });
    }
    for (const job of jobs) {
      const shorthand = job.permissions?.shorthand;
      if (writeAll(job.permissions)) {
        context.report({ span: shorthand!.span, message: `job \`${job.id}\` has \`permissions: write-all\`.`, identity: `${job.id}:write-all`, help: "List only the scopes the job needs, e.g. `contents: write`." });
      } else if (shorthand?.value === "read-all") {
        context.report({ span: shorthand.span, message: `job \`${job.id}\` has \`permissions: read-all\`: its GITHUB_TOKEN reads every scope (issues, packages, security events...), not only the code.`, identity: `${job.id}:read-all`, help: "Name the scopes the job reads, e.g. `contents: read`." });
      }
    }
  },
};
