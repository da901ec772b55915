import type { Rule } from "../linter-core/rule.js";
import { jobLabel } from "./shared.js";

/**
 * Permissions of an organization or a user, not of repositories: a token asking only for these has no
 * repository reach to narrow with `repositories:` (zizmor's fixtures, issue 2219).
 */
const ACCOUNT_PERMISSION = /^permission-(members|organization-[\w-]+|email-addresses|followers|git-ssh-keys|gpg-keys|interaction-limits|profile|starring|team-discussions)$/;
/** Actions that mint a GitHub App installation token. */
const APP_TOKEN_ACTIONS = /^(actions\/create-github-app-token|tibdex\/github-app-token)@/;

export const githubAppTokenScope: Rule = {
  meta: {
    id: "github-app-token-scope",
    description: "A GitHub App token minted with no `permission-*` limits, for every repository of the owner, or left unrevoked.",
    defaultSeverity: "warning",
    owasp: ["NHI5", "NHI7"],
    nist: ["PR.AA-05"],
    hasFixes: false,
  },

  checkFile(context) {
    const { file } = context;
    for (const job of file.jobs) {
      for (const step of job.steps) {
        if (!step.uses || !APP_TOKEN_ACTIONS.test(step.uses.value)) continue;
        const where = `${jobLabel(job.id)}, step \`${step.id}\``;
        const inputs = Object.keys(step.inputs);
        // tibdex/github-app-token takes a JSON `permissions` input; the official action one `permission-<name>` per scope.
        if (!inputs.some((name) => name.startsWith("permission-") || name === "permissions")) {
          context.report({
            span: step.uses.span,
            message: `${where} mints a GitHub App token with every permission the app's installation has: no \`permission-*\` input limits it.`,
            identity: `${job.id}/${step.id}/permissions`,
            help: "Add one `permission-<scope>: read|write` input per scope the job needs (e.g. `permission-contents: write`); the token then carries only those.",
          });
        }
        const owner = step.inputs.owner;
        const permissions = inputs.filter((name) => name.startsWith("permission-"));
        const reachesRepositories = permissions.length === 0 || permissions.some((name) => !ACCOUNT_PERMISSION.test(name));
        if (owner && !step.inputs.repositories && reachesRepositories) {
          context.report({
            span: owner.span,
            message: `${where} mints a GitHub App token for every repository of \`${owner.value}\` the app is installed on: \`owner:\` without \`repositories:\`.`,
            identity: `${job.id}/${step.id}/repositories`,
            help: "List the repositories the job works on in `repositories:` (comma- or newline-separated names).",
          });
        }
        // The official action's `skip-token-revoke: true`, else tibdex's `revoke: false`.
        const [input, keepsAlive] = step.inputs["skip-token-revoke"] ? (["skip-token-revoke", "true"] as const) : (["revoke", "false"] as const);
        const setting = step.inputs[input];
        if (setting && setting.value.trim().toLowerCase() === keepsAlive) {
          context.report({
            span: setting.span,
            message: `${where} leaves its GitHub App token valid after the job (\`${input}: ${keepsAlive}\`): it stays usable for up to an hour by anything that read it.`,
            identity: `${job.id}/${step.id}/revoke`,
            help: "Remove it: the action revokes the token when the job ends.",
          });
        }
      }
    }
  },
};
