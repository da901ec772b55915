// End to end, as a person would: install the built .vsix into code-server, open a workspace with a
// pasted token, see it in the Problems panel, open the quick-fix menu from the editor, apply the fix,
// see the file change and the problem go. Then once more in Restricted Mode: the warning must show.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../helpers.js";
import { launchChromium, newSession, openWorkbench, startCodeServer, unavailable } from "./code-server.js";
import { API_KEY, makeWorkspace } from "./workspace.js";

const SHOTS = join(ROOT, "out", "screenshots");

async function openFile(page: Page, name: string): Promise<void> {
  // Quick Open is more reliable than clicking through collapsed explorer folders.
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget input", { timeout: 30_000 });
  await page.keyboard.type(name);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press("Enter");
  await page.waitForSelector(".monaco-editor .view-lines", { timeout: 30_000 });
}

/** Put the cursor at line:column through Go to Line, and wait until the status bar says it is there. */
async function goTo(page: Page, lineColumn: string): Promise<void> {
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+G");
  await page.waitForSelector(".quick-input-widget input", { timeout: 30_000 });
  await page.keyboard.type(lineColumn);
  await page.keyboard.press("Enter");
  const [line, column] = lineColumn.split(":");
  await page.getByText(`Ln ${line}, Col ${column}`).first().waitFor({ timeout: 30_000 });
}

/** Wait on a condition, never a fixed time. */
async function until(what: string, condition: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function problems(page: Page): Promise<string> {
  // Ctrl+Shift+M toggles the panel: press it only when the panel is hidden.
  if (!(await page.locator(".markers-panel").first().isVisible())) await page.keyboard.press("Control+Shift+M");
  await page.waitForSelector(".markers-panel", { timeout: 30_000 });
  return page.locator(".markers-panel").innerText();
}

async function waitForProblem(page: Page, text: RegExp, present = true): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const panel = await problems(page);
    if (text.test(panel) === present) return panel;
    if (Date.now() > deadline) throw new Error(`Problems panel ${present ? "never showed" : "still shows"} ${text}: ${panel.slice(0, 500)}`);
    await page.waitForTimeout(500);
  }
}

describe("VS Code extension: end to end in the browser", function () {
  this.timeout(300_000);
  before(function () {
    const why = unavailable();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    mkdirSync(SHOTS, { recursive: true });
  });

  it("shows the token in the Problems panel; the quick fix from the editor replaces it and the problem goes", async () => {
    const workspace = makeWorkspace();
    const server = await startCodeServer(newSession({ trusted: true, installVsix: true }), workspace, false);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await openWorkbench(page, server.url(workspace));
      await openFile(page, "deploy.yml");
      const panel = await waitForProblem(page, /Hardcoded credential-like value under `API_KEY`/);
      assert.ok(!panel.includes(API_KEY), "the Problems panel shows the whole secret");
      await page.screenshot({ path: join(SHOTS, "diagnostic.png") });
      // Put the cursor on the token (line 6) and open the quick-fix menu.
      await goTo(page, "6:14");
      const replace = page.getByText("Replace with ${{ secrets.API_KEY }}", { exact: true });
      // The menu needs the code actions computed; ask again if the first Ctrl+. came too early.
      for (let attempt = 0; attempt < 5 && !(await replace.isVisible()); attempt++) {
        await page.keyboard.press("Control+.");
        await replace.waitFor({ timeout: 5_000 }).catch(() => page.keyboard.press("Escape"));
      }
      await replace.waitFor({ timeout: 5_000 });
      await page.getByText("Suppress hardcoded-secret on this line (with a reason)…", { exact: true }).waitFor();
      await page.screenshot({ path: join(SHOTS, "quick-fix-menu.png") });
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.querySelector(".monaco-editor .view-lines")?.textContent?.includes("secrets.API_KEY"), undefined, { timeout: 30_000 });
      await waitForProblem(page, /Hardcoded credential-like value under `API_KEY`/, false);
      // The guide opens beside the editor, as a tab that stays (not a notification, not an unsaved file).
      await page.locator(".tab", { hasText: "Store API_KEY" }).first().waitFor({ timeout: 30_000 });
      const guide = page.frameLocator("iframe.webview.ready").frameLocator("iframe#active-frame");
      await guide.getByText("2. Copy the value once").waitFor({ timeout: 30_000 });
      await guide.getByRole("button", { name: "Copy value to clipboard" }).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, "secret-guide.png") });
      await page.locator(".monaco-editor .view-lines").first().click();
      await page.keyboard.press("Control+S");
      await until("deploy.yml saved with the reference", () => /API_KEY: \$\{\{ secrets\.API_KEY \}\}/.test(readFileSync(join(workspace, ".github/workflows/deploy.yml"), "utf8")));

      // The hover on an owned secret, and the Connectors view.
      await openFile(page, "release.yml");
      await goTo(page, "12:41");
      const hover = page.locator(".monaco-hover", { hasText: "@acme/release-eng" }).first();
      for (let attempt = 0; attempt < 5 && !(await hover.isVisible()); attempt++) {
        await page.keyboard.press("Control+K");
        await page.keyboard.press("Control+I");
        await hover.waitFor({ timeout: 5_000 }).catch(() => undefined);
      }
      await hover.waitFor({ timeout: 5_000 });
      await page.screenshot({ path: join(SHOTS, "hover.png") });
      // The Connectors view has its own place in the activity bar.
      await page.locator('.activitybar [aria-label^="nhilint"]').first().click();
      await page.getByText(/^Expired \(1\)$/).first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, "connectors-view.png") });
    } finally {
      await browser.close();
      server.stop();
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it("still warns in Restricted Mode (an untrusted folder)", async () => {
    const workspace = makeWorkspace();
    const server = await startCodeServer(newSession({ trusted: false, installVsix: true }), workspace, false);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await openWorkbench(page, server.url(workspace));
      // The trust prompt: answer "No" to stay in Restricted Mode.
      const noTrust = page.getByRole("button", { name: /No, I don't trust the authors/i });
      if (await noTrust.isVisible({ timeout: 10_000 }).catch(() => false)) await noTrust.click();
      await openFile(page, "deploy.yml");
      await waitForProblem(page, /Hardcoded credential-like value under `API_KEY`/);
      await page.getByText("Restricted Mode").first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, "restricted-mode.png") });
      // A command that would run something says why it is off, instead of vanishing from the palette.
      await page.keyboard.press("Control+Shift+P");
      await page.waitForSelector(".quick-input-widget input", { timeout: 30_000 });
      await page.keyboard.type("nhilint: Set up the pre-commit hook");
      await page.locator(".quick-input-list .monaco-list-row", { hasText: "Set up the pre-commit hook" }).first().waitFor({ timeout: 30_000 });
      await page.keyboard.press("Enter");
      await page.getByText(/Restricted Mode keeps it off/).first().waitFor({ timeout: 30_000 });
    } finally {
      await browser.close();
      server.stop();
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
