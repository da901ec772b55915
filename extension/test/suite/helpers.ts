// What both extension suites ask of the real VS Code API: the workspace's files, nhilint's diagnostics,
// and waiting on a condition (never a fixed sleep).
import * as vscode from "vscode";

export const folder = () => vscode.workspace.workspaceFolders![0].uri;
export const file = (path: string) => vscode.Uri.joinPath(folder(), path);

/**
 * Ask until the answer is there. A request VS Code cancels (a relint or an edit landed meanwhile:
 * "Canceled") is asked again; any other failure is thrown once the time is up.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    let failure: unknown;
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > until) throw failure ?? new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The quick fixes offered at a diagnostic, asked for until one titled `title` is there (a relint may be in flight). */
export async function quickFixes(uri: vscode.Uri, diagnostic: () => vscode.Diagnostic | undefined, title: (t: string) => boolean): Promise<vscode.CodeAction[]> {
  return waitFor(`a quick fix in ${uri.path}`, async () => {
    const at = diagnostic();
    if (!at) return undefined;
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, at.range, vscode.CodeActionKind.QuickFix.value);
    return offered.some((a) => title(a.title)) ? offered : undefined;
  });
}

/** nhilint's diagnostics on a file, of one rule if given. */
export const nhilint = (uri: vscode.Uri, rule?: string) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === "nhilint" && (!rule || (d.code as { value: string }).value === rule));
