import type { Rule } from "../linter-core/rule.js";
import { jobLabel } from "./shared.js";

export const persistedCheckoutCredential: Rule = {
  meta: {
    id: "persisted-checkout-credential",
    description: "A checkout that leaves its token in .git/config for every later step (GitHub `actions/checkout` unless `persist-credentials: false`; Azure `persistCredentials: true`).",
    defaultSeverity: "warning",
    owasp: ["NHI2"],
    nist: ["PR.AA-05", "PR.DS-01"],
    hasFixes: true,
  },

  checkFile(context) {
    const { file } = context;
    for (const checkout of file.checkouts) {
      if (!checkout.persistsCredentials) continue;
      const { job, step } = checkout.scope;
      const { fix } = checkout;
      context.report({
        span: checkout.span,
        message: `checkout in ${jobLabel(job!)}, step \`${step}\` leaves its token in .git/config, readable by every later step and any artifact that uploads the workspace.`,
        identity: `${job}/${step}`,
        fixes: fix ? [{ title: fix.title, edits: [{ path: file.path, ...fix.span, text: fix.text }], safe: false, ...(fix.followUp && { followUp: fix.followUp }) }] : [],
        help: `${fix?.title ?? "Turn off keeping the token"} on the checkout; give a token only to the step that pushes.`,
      });
    }
  },
};
