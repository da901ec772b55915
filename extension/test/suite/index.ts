// The integration suite, run inside a real VS Code extension host (code-server's smoke-test driver
// here; @vscode/test-electron where VS Code can be downloaded). It exports run(), as both expect.
import { resolve } from "node:path";
import Mocha from "mocha";
import * as vscode from "vscode";

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", timeout: 60_000, color: false, reporter: "spec" });
  // The runner opens the same workspace trusted or in Restricted Mode: each has its own suite.
  mocha.addFile(resolve(__dirname, vscode.workspace.isTrusted ? "extension.test.js" : "restricted.test.js"));
  return new Promise((done, fail) => {
    mocha.run((failures) => (failures > 0 ? fail(new Error(`${failures} test(s) failed`)) : done()));
  });
}
