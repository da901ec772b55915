// Helpers the rules share: which records the linted files use, how to name an owner, how to say
// where in a workflow something is.
import { findRecord, type InventoryRecord } from "../linter-core/inventory.js";
import { COMPOSITE_JOB_ID, type ConnectorRef, type FileModel, type LiteralValue, type Scope } from "../linter-core/model.js";
import type { WorkspaceContext } from "../linter-core/rule.js";
import { escapeRegExp } from "../linter-core/text.js";
import { bindingsInReach, secretRefsWithin } from "./model-index.js";

export function ownerOf(record: InventoryRecord): string {
  return record.owner ? `owner ${record.owner}` : "no owner";
}

/** Every non-platform connector reference in the workspace with the record it matches, if any. */
export function referencesWithRecords(context: Pick<WorkspaceContext, "files" | "inventory">) {
  const result: { path: string; ref: ConnectorRef; record: InventoryRecord | undefined }[] = [];
  for (const { model, platform } of context.files) {
    for (const ref of model.connectorRefs) {
      if (ref.issuedByPlatform) continue;
      result.push({ path: model.path, ref, record: findRecord(context.inventory, ref.name, platform.caseInsensitiveNames ?? false) });
    }
  }
  return result;
}

/** "job `build`", or "the composite action" for an action's own steps. */
export function jobLabel(job: string): string {
  return job === COMPOSITE_JOB_ID ? "the composite action" : `job \`${job}\``;
}

/** ` in job `build`, step `deploy``, or nothing outside jobs. */
export function describeScope(scope: Scope | undefined): string {
  if (!scope?.job && !scope?.step) return "";
  const parts = [scope.job && jobLabel(scope.job), scope.step && `step \`${scope.step}\``].filter(Boolean);
  return ` in ${parts.join(", ")}`;
}

/**
 * The secrets a script sees, each with the variable it reads it through (`binding.name`): on GitHub
 * the env bindings in reach (workflow, job, own step; issued per-run tokens left out, their reach is
 * `permissions:`); on platforms whose secrets reach scripts as
 * variables (GitLab, Azure `$(NAME)`, Bitbucket, CircleCI...), the secrets the script itself reads,
 * which the platform module found inside it.
 */
export function secretsVisibleToScript(file: FileModel, literal: LiteralValue): ConnectorRef[] {
  if (file.platform === "github-actions") return bindingsInReach(file, literal.scope.job, literal.scope.step);
  const read = secretRefsWithin(file, literal.span)
    .map((ref) => ({ ...ref, binding: { level: "step" as const, name: ref.name, keySpan: ref.span } }));
  // Bound around the script (Jenkins `withCredentials`): the variable reads the credential.
  // Stryker disable next-line StringLiteral: callers read the names only; kind and level fill the type.
  const bound = (literal.secretVariables ?? []).map(({ name, connector }): ConnectorRef => ({ name: connector, kind: "secret", span: literal.span, scope: literal.scope, binding: { level: "step", name, keySpan: literal.span } }));
  return [...read, ...bound];
}

/** A GitHub secret expression, `${{ secrets.NAME }}`, with the name captured. */
export const SECRET_EXPRESSION = /\$\{\{\s*secrets\.([A-Za-z_][\w-]*)\s*\}\}/;

/** `$NAME` or `${NAME` in a shell script; the name escaped (a key may hold `[` or `.`). */
export function shellVariableUse(name: string): RegExp {
  return new RegExp(`\\$\\{?${escapeRegExp(name)}(?!\\w)`);
}
