// The extension's integration suite (extension/test/suite), inside code-server's real extension
// host, through the smoke-test driver: its mocha output and exit code come back to this test.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import { ROOT } from "../helpers.js";
import { launchChromium, newSession, startCodeServer, unavailable } from "./code-server.js";
import { makeWorkspace } from "./workspace.js";

describe("VS Code extension: integration suites in the real extension host", function () {
  this.timeout(240_000);

  for (const trusted of [true, false]) it(trusted ? "passes in a trusted folder" : "passes in Restricted Mode (an untrusted folder)", async function () {
    const why = unavailable();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    const workspace = makeWorkspace();
    const server = await startCodeServer(newSession({ trusted, installVsix: false }), workspace, true);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const output: string[] = [];
      let exit: (code: number) => void = () => {};
      const exited = new Promise<number>((resolve) => (exit = resolve));
      // The suite's console output: printf-style arguments, as mocha's reporter writes them.
      await page.exposeFunction("codeAutomationLog", (_type: string, args: unknown[]) => output.push(format(...(args as [string, ...unknown[]]))));
      await page.exposeFunction("codeAutomationExit", (code: number) => exit(code));
      const extension = `vscode-remote://127.0.0.1:${server.port}${join(ROOT, "extension")}`;
      await page.goto(server.url(workspace, [["extensionDevelopmentPath", extension], ["extensionTestsPath", `${extension}/out/test/suite/index`]]));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<number>((_, reject) => (timer = setTimeout(() => reject(new Error(`no result in 180 s:\n${output.join("\n")}`)), 180_000)));
      // Cleared, or the pending timer would keep mocha alive for three minutes after the suite.
      const code = await Promise.race([exited, timedOut]).finally(() => clearTimeout(timer));
      // The workbench logs its own start-up (and failed gallery look-ups) first: show the suite's part.
      const suite = output.join("\n");
      console.log(suite.slice(Math.max(0, suite.search(/^\s*nhilint in (VS Code|Restricted Mode)/m))).replace(/^/gm, "      | "));
      assert.equal(code, 0, output.join("\n"));
      assert.match(output.join("\n"), /passing/);
    } finally {
      await browser.close();
      server.stop();
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
