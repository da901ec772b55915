// Renders extension/media/icon.svg to the 128x128 PNG the Marketplace needs, with Debian's Chromium (run once after editing the SVG).
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${readFileSync("extension/media/icon.svg", "utf8")}</body></html>`);
await page.screenshot({ path: "extension/media/icon.png", omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
await browser.close();
