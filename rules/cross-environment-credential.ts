import type { InventoryRecord } from "../linter-core/inventory.js";
import type { Rule } from "../linter-core/rule.js";
import { jobLabel, ownerOf, referencesWithRecords } from "./shared.js";

/** Environment names by what they guard. Non-production is asked first: `non-prod` names `prod` too. */
const NON_PRODUCTION = /(?:^|[^a-z])(?:dev|develop|development|test|testing|staging|stage|stg|qa|uat|sandbox|preview|review|nonprod|non-prod|int|integration|demo)(?:[^a-z]|$)/i;
const PRODUCTION = /(?:^|[^a-z])(?:prod|production|prd|live)(?:[^a-z]|$)/i;

function tierOf(environment: string): "production" | "non-production" | undefined {
  if (NON_PRODUCTION.test(environment)) return "non-production";
  return PRODUCTION.test(environment) ? "production" : undefined;
}

export const crossEnvironmentCredential: Rule = {
  meta: {
    id: "cross-environment-credential",
    description: "One connector serving production and non-production environments, or used outside its record's `environments`.",
    defaultSeverity: "warning",
    owasp: ["NHI8", "NHI9"],
    nist: ["PR.AA-05", "PR.IR-01"],
    hasFixes: false,
  },

  checkWorkspace(context) {
    const help = "Issue one credential per environment (its own name, or an environment-scoped secret), so a leak from a test job cannot reach production; record each with `environments:`.";
    // The record itself: one credential declared for both sides.
    for (const record of context.inventory.records) {
      const tiers = new Set(record.environments?.map(tierOf));
      if (!tiers.has("production") || !tiers.has("non-production")) continue;
      context.report({
        path: context.inventory.path,
        span: record.fieldSpans.environments ?? record.span,
        message: `\`${record.name}\` serves production and non-production (${record.environments!.join(", ")}): a leak from the weaker environment reaches production (${ownerOf(record)}).`,
        identity: `${record.name}:record`,
        connector: record.name,
        help,
      });
    }
    // Each use, by the environment of the job it is in.
    const uses = new Map<string, { record: InventoryRecord | undefined; perEnvironment: boolean; seen: { path: string; job: string; environment: string; tier: string | undefined; span: { start: number; end: number } }[] }>();
    const environmentOf = new Map(context.files.map(({ model }) => [model.path, new Map(model.jobs.map((job) => [job.id, job.environment]))]));
    const perEnvironment = new Map(context.files.map(({ model, platform }) => [model.path, platform.secretsPerEnvironment ?? false]));
    for (const { path, ref, record } of referencesWithRecords(context)) {
      const job = ref.scope.job;
      // Stryker disable next-line ConditionalExpression,OptionalChaining: every linted path has its map, and a job id in none is looked up as undefined either way.
      const environment = job === undefined ? undefined : environmentOf.get(path)?.get(job);
      // Stryker disable next-line ConditionalExpression: the environment is undefined whenever the job is; testing the job narrows its type.
      if (job === undefined || environment === undefined) continue;
      if (record?.environments && !record.environments.some((allowed) => allowed.toLowerCase() === environment.toLowerCase())) {
        context.report({
          path,
          span: ref.span,
          message: `${ref.kind} \`${ref.name}\` is recorded for ${record.environments.join(", ")}, but ${jobLabel(job)} uses it in environment \`${environment}\` (${ownerOf(record)}).`,
          identity: `${ref.name}:${environment}`,
          connector: ref.name,
          help,
        });
        continue;
      }
      const key = record?.name ?? ref.name;
      // Stryker disable next-line ArrayDeclaration: an entry that is no use has no tier, and is never found as one.
      const entry = uses.get(key) ?? { record, perEnvironment: perEnvironment.get(path)!, seen: [] };
      entry.seen.push({ path, job, environment, tier: tierOf(environment), span: ref.span });
      uses.set(key, entry);
    }
    // Without a record saying where it may serve: one name used for both sides, on a platform where
    // a name is one value everywhere (Azure variable groups, Drone secrets...).
    for (const [name, { record, perEnvironment: scoped, seen }] of uses) {
      if (record?.environments || scoped) continue;
      const production = seen.find((use) => use.tier === "production");
      const other = seen.find((use) => use.tier === "non-production");
      if (!production || !other) continue;
      context.report({
        path: other.path,
        span: other.span,
        message: `\`${name}\` is used for production (${jobLabel(production.job)}, environment \`${production.environment}\`) and for \`${other.environment}\` (${jobLabel(other.job)}): one credential for both means a leak from the test side reaches production.`,
        identity: `${name}:shared`,
        connector: name,
        help,
      });
    }
  },
};
