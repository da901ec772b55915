// Shared by the inventory rules: which records the linted files use, and how to name an owner.
import { findRecord, type InventoryRecord } from "../linter-core/inventory.js";
import type { ConnectorRef } from "../linter-core/model.js";
import type { WorkspaceContext } from "../linter-core/rule.js";

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
