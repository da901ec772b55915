// Typing latency in a real VS Code: code-server with the packaged extension, driven by Chromium. A
// GitHub token is typed at the end of an env value of a large workflow; the time until the Problems
// panel lists it is one sample. Undefined (and said) when code-server is not installed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeSecrets } from "../test/helpers.js";
import { launchChromium, newSession, openWorkbench, startCodeServer, unavailable } from "../test/vscode/code-server.js";

export async function pasteToDiagnostic(workflow: string, samples: number): Promise<number | undefined> {
  const why = unavailable();
  if (why) {
    console.log(`typing: skipped (${why})`);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "nhilint-typing-"));
  mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
  // The workflow, then a job whose env value is where the tokens are typed (the last line).
  writeFileSync(join(dir, ".github", "workflows", "large.yml"), `${workflow.trimEnd()}\n`.replace(/^jobs:\n/m, "jobs:\n  typing:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        env:\n          PASTED: x\n"));
  const server = await startCodeServer(newSession({ trusted: true, installVsix: true }), dir, false);
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openWorkbench(page, server.url(dir));
    await page.keyboard.press("Control+P");
    await page.keyboard.type("large.yml");
    await page.locator(".quick-input-list .monaco-list-row", { hasText: "large.yml" }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press("Enter");
    await page.waitForSelector(".monaco-editor .view-lines", { timeout: 30_000 });
    await page.keyboard.press("Control+Shift+M");
    await page.waitForSelector(".markers-panel", { timeout: 30_000 });
    const fake = new FakeSecrets(9090);
    for (let i = 0; i < samples; i++) {
      // Go to the PASTED line's end (Ctrl+F finds it), clear the value, then paste a fresh token.
      await page.locator(".monaco-editor .view-lines").first().click();
      await page.keyboard.press("Control+F");
      await page.keyboard.type("PASTED: ");
      await page.keyboard.press("Escape");
      await page.keyboard.press("End");
      await page.keyboard.press("Shift+Home");
      const token = `ghp_${fake.chars(36)}`;
      const start = Date.now();
      await page.keyboard.insertText(`          PASTED: ${token}`);
      await page.locator(".markers-panel", { hasText: "Hardcoded GitHub personal access token" }).first().waitFor({ timeout: 30_000 });
      times.push(Date.now() - start);
      // Take it out again and wait for the problem to go, so the next sample starts clean.
      await page.keyboard.press("Shift+Home");
      await page.keyboard.insertText("          PASTED: x");
      await page.locator(".markers-panel", { hasText: "Hardcoded GitHub personal access token" }).first().waitFor({ state: "detached", timeout: 30_000 }).catch(() => undefined);
    }
  } finally {
    await browser.close();
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  console.log(`typing: samples ${times.join(", ")} ms`);
  return times[times.length >> 1];
}
