// The Connectors view: every connector in the workspace grouped by status; click to go to a use.
import * as vscode from "vscode";
import type { ConnectorReportRow, ConnectorStatus } from "../../linter-core/index.js";
import type { WorkspaceLinter } from "./workspace-linter.js";

/** A row whose findings were all accepted (suppressed with a reason) is listed apart, with the reason. */
type ViewStatus = ConnectorStatus | "accepted";

const GROUPS: { status: ViewStatus; label: string; icon: string }[] = [
  { status: "unowned", label: "Unowned", icon: "error" },
  { status: "expired", label: "Expired", icon: "error" },
  { status: "at-risk", label: "At risk (other findings)", icon: "error" },
  { status: "expiring", label: "Expiring soon", icon: "warning" },
  { status: "rotation-overdue", label: "Rotation overdue", icon: "warning" },
  { status: "incomplete", label: "Incomplete record", icon: "info" },
  { status: "unused", label: "Unused (revoke?)", icon: "info" },
  { status: "accepted", label: "Accepted with a reason", icon: "comment" },
  { status: "healthy", label: "Healthy", icon: "pass" },
];

function viewStatus(row: ConnectorReportRow): ViewStatus {
  return row.status !== "healthy" && row.findings.length > 0 && row.findings.every((f) => f.accepted) ? "accepted" : row.status;
}

/**
 * A row with its folder, and the file each path it shows is: the report shows a path that spells a
 * secret redacted (a workflow named after its token), which no file is called.
 */
type Placed = { row: ConnectorReportRow; folder: vscode.WorkspaceFolder; fileOf: (shown: string) => string };

export type ConnectorNode =
  | { type: "group"; status: ViewStatus; label: string; icon: string; rows: Placed[] }
  | ({ type: "connector" } & Placed)
  | { type: "use"; label: string; path: string; folder: vscode.WorkspaceFolder; name: string };

export class ConnectorsView implements vscode.TreeDataProvider<ConnectorNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly linter: WorkspaceLinter) {
    linter.onDidLint(() => this.changed.fire());
  }

  refresh(): void {
    this.changed.fire();
  }

  /** The view's data, also used by tests. */
  groups(): Extract<ConnectorNode, { type: "group" }>[] {
    const rows = [...this.linter.states.values()].flatMap((state) => {
      const result = state.result;
      // Built when a use is first shown, not at each refresh of the view.
      let files: Map<string, string> | undefined;
      const fileOf = (shown: string) => (files ??= new Map(result?.models.map(({ model }) => [result.redact(model.path), model.path]))).get(shown) ?? shown;
      return (state.report?.connectors ?? []).map((row): Placed => ({ row, folder: state.folder, fileOf }));
    });
    return GROUPS.map((g) => ({ type: "group" as const, ...g, rows: rows.filter((r) => viewStatus(r.row) === g.status) })).filter((g) => g.rows.length > 0);
  }

  getChildren(node?: ConnectorNode): ConnectorNode[] {
    if (!node) return this.groups();
    if (node.type === "group") return node.rows.map((r) => ({ type: "connector", ...r }));
    if (node.type === "connector") return node.row.usedBy.map((use) => ({ type: "use", label: use.path, path: node.fileOf(use.path), folder: node.folder, name: node.row.name }));
    return [];
  }

  getTreeItem(node: ConnectorNode): vscode.TreeItem {
    if (node.type === "group") {
      const item = new vscode.TreeItem(`${node.label} (${node.rows.length})`, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      return item;
    }
    if (node.type === "connector") {
      const item = new vscode.TreeItem(node.row.name, node.row.usedBy.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      const accepted = viewStatus(node.row) === "accepted" ? `accepted: ${node.row.findings[0].accepted}` : "";
      item.description = [node.row.kind, node.row.owner ?? "no owner", node.row.expires ? `expires ${node.row.expires}` : "", accepted].filter(Boolean).join(" · ");
      item.tooltip = node.row.purpose ?? undefined;
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.resourceUri = vscode.Uri.joinPath(node.folder.uri, node.path);
    item.command = { command: "nhilint.revealConnector", title: "Go to use", arguments: [item.resourceUri.toString(), node.name] };
    return item;
  }
}
