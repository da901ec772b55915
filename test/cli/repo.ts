// Real temporary git repositories, and runs of the command line in them: in-process (the suite's
// speed, and what mutation testing can see), or the built executable where the process itself matters.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../cli/program.js";
import { CLI, ROOT } from "../helpers.js";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export class TempRepo {
  readonly dir: string;
  constructor(options: { git?: boolean } = {}) {
    this.dir = mkdtempSync(join(tmpdir(), "nhilint-test-"));
    if (options.git !== false) {
      this.git("init", "-q", "-b", "main");
      this.git("config", "user.name", "Test Author");
      this.git("config", "user.email", "author@example.com");
      this.git("config", "commit.gpgsign", "false");
    }
  }

  write(path: string, content: string | Buffer): void {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), content);
  }

  exec(command: string, args: string[], options: SpawnSyncOptions = {}): Run {
    const result = spawnSync(command, args, { cwd: this.dir, encoding: "utf8", maxBuffer: 1 << 28, ...options, env: { ...cleanEnv(), ...options.env } });
    return { code: result.status ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  }

  git(...args: string[]): string {
    const run = this.exec("git", args);
    if (run.code !== 0) throw new Error(`git ${args.join(" ")} failed: ${run.stderr}`);
    return run.stdout;
  }

  /** Commits a `git fast-import` stream on `main` (thousands of commits in a second): its commits, oldest first. */
  importHistory(stream: string): string[] {
    const run = this.exec("git", ["fast-import", "--quiet"], { input: stream });
    if (run.code !== 0) throw new Error(`git fast-import failed: ${run.stderr}`);
    return this.git("rev-list", "--reverse", "main").trim().split("\n");
  }

  /** The command line run in this process (cli/program.ts), here as its working directory. */
  nhilint(...args: string[]): Promise<Run> {
    return this.nhilintIn({}, ...args);
  }

  /** The same, in other surroundings: a terminal, another environment. */
  async nhilintIn(surroundings: { stdoutIsTTY?: boolean; stderrIsTTY?: boolean; env?: NodeJS.ProcessEnv; beforeShortRun?: () => void; beforeLongRun?: () => void }, ...args: string[]): Promise<Run> {
    let stdout = "";
    let stderr = "";
    const code = await run(args, {
      cwd: this.dir,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      ...surroundings,
      env: { ...cleanEnv(), ...surroundings.env },
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    });
    return { code, stdout, stderr };
  }

  /** The built executable (dist/cli.js) in a child process: for what only the process shows. */
  nhilintProcess(...args: string[]): Run {
    return this.exec(process.execPath, [CLI, ...args]);
  }

  /** node_modules with this checkout's nhilint and husky, as `npm install -D nhilint husky` would leave it. */
  linkNodeModules(): void {
    mkdirSync(join(this.dir, "node_modules", ".bin"), { recursive: true });
    symlinkSync(ROOT, join(this.dir, "node_modules", "nhilint"));
    symlinkSync(join(ROOT, "node_modules", "husky"), join(this.dir, "node_modules", "husky"));
    symlinkSync(CLI, join(this.dir, "node_modules", ".bin", "nhilint"));
    symlinkSync(join(ROOT, "node_modules", "husky", "bin.js"), join(this.dir, "node_modules", ".bin", "husky"));
    this.write(".gitignore", "node_modules/\n");
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The environment without anything that would change git's or husky's behaviour under test. */
function cleanEnv(): NodeJS.ProcessEnv {
  // npm: no audit or funding requests and no update check (network round trips), the cache trusted as is.
  const npm = { npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", npm_config_prefer_offline: "true" };
  const env: NodeJS.ProcessEnv = { ...process.env, ...npm, NO_COLOR: "1" };
  for (const key of Object.keys(env)) if (key.startsWith("GIT_") || key === "HUSKY") delete env[key];
  return env;
}

/** This checkout as it is now (committed, changed and new files, as git sees them), in one commit. */
export function snapshotOfThisCheckout(): TempRepo {
  const snapshot = new TempRepo();
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  for (const path of listed.stdout.split("\0").filter(Boolean)) {
    mkdirSync(dirname(join(snapshot.dir, path)), { recursive: true });
    try {
      copyFileSync(join(ROOT, path), join(snapshot.dir, path));
    } catch {
      // Deleted in the working tree but still in the index: the snapshot leaves it out, as a commit would.
    }
  }
  snapshot.git("add", "-A");
  snapshot.git("commit", "-q", "--no-verify", "-m", "snapshot of the checkout under test");
  return snapshot;
}
