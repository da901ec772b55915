// The `nhilint` command line as a function of its arguments and its surroundings (working directory,
// environment, output streams), so tests run it in-process. Parsing is commander's; the work is in
// scan.ts, init.ts and inventory.ts, the last two (and the json/sarif formatters) loaded only when asked
// for: the pre-commit hook pays for every module. main.ts wires it to the process.
import { Command, InvalidArgumentError, Option } from "commander";
import { ConfigError } from "../linter-core/index.js";
import { parseDay } from "../linter-core/dates.js";
import { BaselineError } from "./baseline.js";
import { GitError, isCommit, sinceDateOption } from "./git.js";
import { useColor } from "./color.js";
import { registerParsers } from "./parsers.js";
import { scan, UsageError } from "./scan.js";

/** What a run reads from and writes to: the process's, or a test's. */
export interface Surroundings {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The terminal's width, for wrapping --help; 80 when unknown (not a terminal). */
  columns?: number;
  /** The process's tuning for a scan that lints little (main.ts); none when the CLI runs in another program's process. */
  beforeShortRun?: () => void;
  /** The same for a run that reads much (a larger scan, a history); none in another program's process. */
  beforeLongRun?: () => void;
}

declare const NHILINT_VERSION: string | undefined;
const VERSION = typeof NHILINT_VERSION === "string" ? NHILINT_VERSION : "0.1.0";

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number ≥ 0");
  return n;
}

/** A revision end as git would take it: a commit, branch or tag (not empty, not an option, no range inside). */
const isRevisionEnd = (end: string) => end.trim() !== "" && !end.startsWith("-") && !end.includes("..");

function sinceRevision(value: string): string {
  if (!isRevisionEnd(value)) throw new InvalidArgumentError("expected one commit, branch or tag (REF: the commits after it are read)");
  return value;
}

/**
 * What `--since` reads: the commits after a ref (REF..HEAD), or, for a day no ref is named after, HEAD's
 * commits made after it (gitleaks's `--log-opts=--since=…`).
 */
function sinceRevisions(cwd: string, since: string, tip = "HEAD"): string[] {
  return parseDay(since) && !isCommit(cwd, since) ? [sinceDateOption(cwd, since), tip] : [`${since}..${tip}`];
}

/** A history's one revision: a branch, tag or commit whose ancestry is read (`nhilint history release`). */
function tipRevision(value: string): string {
  if (!isRevisionEnd(value)) throw new InvalidArgumentError("expected one commit, branch or tag (its ancestry is read; --range A..B for a range)");
  return value;
}

function rangeRevision(value: string): string {
  const ends = value.split(/\.{3}|\.{2}/);
  if (ends.length !== 2 || !ends.every(isRevisionEnd)) throw new InvalidArgumentError("expected A..B: two commits, branches or tags (A...B for the commits on either side)");
  return value;
}

export function fail(error: unknown, stderr: (text: string) => void): number {
  const known = error instanceof UsageError || error instanceof ConfigError || error instanceof BaselineError || error instanceof GitError;
  stderr(`nhilint: ${known ? (error as Error).message : `internal error: ${error instanceof Error ? error.message : String(error)}`}\n`);
  return 2;
}

export async function run(argv: string[], io: Surroundings): Promise<number> {
  registerParsers();
  let exitCode = 0;
  const program = new Command("nhilint")
    .description("Find hardcoded secrets and unowned connectors (non-human identities) in workflow and pipeline definitions.")
    .version(VERSION)
    // The commands' list names each with its options, not its arguments (`history [options]`): one
    // long entry would widen every column (each command's own --help shows them).
    .configureHelp({ subcommandTerm: (command) => `${command.name()}${command.options.length > 0 ? " [options]" : ""}` })
    .argument("[paths...]", "files or folders to lint (default: the whole repository, honouring .gitignore); a folder is read as a project root, its .github/workflows as workflows")
    .option("--staged", "lint what is staged for commit (the index's content, not the working tree)", false)
    .addOption(new Option("-f, --format <format>", "output format").choices(["stylish", "json", "sarif", "github", "gitlab"]).default("stylish"))
    .option("-o, --output <file>", "write the report to a file instead of standard output")
    .option("--no-color", "plain text output")
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", count)
    .option("--config <file>", "configuration file (default: .nhilint.yaml at the repository root)")
    .option("--inventory <file>", "connector inventory (default: nhi-inventory.yaml or .github/nhi-inventory.yaml)")
    .option("--baseline <file>", "accepted findings (default: .nhilint-baseline.json)")
    .option("--update-baseline", "write every current finding to the baseline and exit 0", false)
    .option("--show-suppressed", "also list findings accepted by a suppression comment or the baseline (always in json and sarif)", false)
    .addHelpText(
      "after",
      `
Exit codes: 0 no blocking finding; 1 findings at error severity (or more warnings than --max-warnings);
            2 usage, configuration or internal error.

Examples:
  nhilint                          lint the repository
  nhilint .github/workflows        lint one folder
  nhilint --staged                 what the pre-commit hook runs
  nhilint --format sarif -o nhilint.sarif   for GitHub code scanning
  nhilint init                     install the pre-commit hook and an inventory skeleton`,
    )
    .showHelpAfterError("(nhilint --help shows every option)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, getOutHelpWidth: () => io.columns ?? 80, getErrHelpWidth: () => io.columns ?? 80 })
    // `nhilint inventory --format html`: options after a subcommand belong to it.
    .enablePositionalOptions()
    .exitOverride()
    .action(async (paths: string[], opts) => {
      exitCode = await scan({
        cwd: io.cwd,
        paths,
        staged: opts.staged,
        format: opts.format,
        output: opts.output,
        color: opts.color !== false && useColor(io.env, io.stdoutIsTTY),
        maxWarnings: opts.maxWarnings,
        config: opts.config,
        inventory: opts.inventory,
        baseline: opts.baseline,
        updateBaseline: opts.updateBaseline,
        showSuppressed: opts.showSuppressed,
        version: VERSION,
        stdout: io.stdout,
        stderr: io.stderr,
        progress: io.stderrIsTTY,
        beforeShortRun: io.beforeShortRun,
        beforeLongRun: io.beforeLongRun,
      });
    });

  program
    .command("init")
    .description("set up the pre-commit hook (husky in a Node repository, a git hook otherwise) and an nhi-inventory.yaml skeleton")
    .option("--force", "append nhilint to an existing hook that nhilint did not write", false)
    .action(async (opts) => {
      const { init } = await import("./init.js");
      exitCode = init({ cwd: io.cwd, force: opts.force, log: (line) => io.stdout(`nhilint: ${line}\n`) });
    });

  program
    .command("history")
    .description("every secret ever committed in the reachable history, each once: where it came in, whether HEAD still holds it, what to rotate")
    .argument("[revision]", "the branch, tag or commit whose ancestry is read (default: HEAD)", tipRevision)
    .option("--since <ref|date>", "only commits after this one (REF..HEAD, or up to the revision given), or made after this day (YYYY-MM-DD)", sinceRevision)
    .option("--range <a..b>", "only the commits of this range", rangeRevision)
    .option("--all", "every ref (branches, tags, every stash entry, a tag of a blob or a tree), not only HEAD's ancestry", false)
    .option("--include-dependencies", "also read files only ever committed in dependency folders (node_modules, bower_components, Go's vendor/<module>, vendor/bundle)", false)
    .addOption(new Option("-f, --format <format>", "output format").choices(["stylish", "json", "sarif", "github", "gitlab"]).default("stylish"))
    .option("-o, --output <file>", "write the report to a file instead of standard output")
    .option("--no-color", "plain text output")
    .option("--config <file>", "configuration file (default: .nhilint.yaml at the repository root): what its `ignore` globs match is not read")
    .option("--baseline <file>", "accepted secrets, shown as accepted and not to rotate (default: .nhilint-baseline.json)")
    .option("--update-baseline", "accept every secret found (once rotated) in the baseline's history list, and exit 0", false)
    .addHelpText(
      "after",
      `
Exit codes: 0 no secret in the history, or only secrets the baseline or a nhilint-disable-next-line comment accepts; 1 secrets to rotate; 2 usage or git error.

Examples:
  nhilint history                               what leaked, and what to rotate first
  nhilint history --all --format sarif -o history.sarif   every ref, for code scanning
  nhilint history --since v1.0                  only what came in after a tag
  nhilint history --since 2026-01-01            only what came in this year
  nhilint history origin/release --since v2.0   what a release branch brought in after a tag`,
    )
    .action(async (tip: string | undefined, opts) => {
      const { history } = await import("./history.js");
      if ([opts.since, opts.range, opts.all || undefined].filter((given) => given !== undefined).length > 1) throw new UsageError("give one of --since, --range and --all");
      if (tip !== undefined && (opts.range !== undefined || opts.all)) throw new UsageError(`a revision (\`${tip}\`) reads its own ancestry: give it or ${opts.all ? "--all" : "--range"}, not both`);
      const revisions = opts.all ? ["--all"] : opts.range !== undefined ? [opts.range] : opts.since !== undefined ? sinceRevisions(io.cwd, opts.since, tip) : [tip ?? "HEAD"];
      exitCode = await history({
        cwd: io.cwd,
        revisions,
        format: opts.format,
        output: opts.output,
        color: opts.color !== false && program.opts().color !== false && useColor(io.env, io.stdoutIsTTY),
        config: opts.config ?? program.opts().config,
        baseline: opts.baseline ?? program.opts().baseline,
        updateBaseline: opts.updateBaseline,
        version: VERSION,
        stdout: io.stdout,
        stderr: io.stderr,
        progress: io.stderrIsTTY,
        includeDependencies: opts.includeDependencies,
        beforeLongRun: io.beforeLongRun,
      });
    });

  const common = (opts: { config?: string; inventory?: string }) => ({
    cwd: io.cwd,
    config: opts.config ?? program.opts().config,
    inventory: opts.inventory ?? program.opts().inventory,
    progress: io.stderrIsTTY,
    stdout: io.stdout,
    stderr: io.stderr,
    beforeShortRun: io.beforeShortRun,
    beforeLongRun: io.beforeLongRun,
  });
  const inventory = program
    .command("inventory")
    .description("report every connector and its record: owner, expiry, rotation, where it is used, its jobs' permissions, its findings")
    .addOption(new Option("-f, --format <format>", "report format").choices(["markdown", "csv", "json", "html"]).default("markdown"))
    .option("-o, --output <file>", "write the report to a file")
    .option("--config <file>", "configuration file (default: .nhilint.yaml)")
    .option("--inventory <file>", "connector inventory (default: nhi-inventory.yaml or .github/nhi-inventory.yaml)")
    .option("--history", "also read HEAD's history: a connector whose name once held a committed secret value is `leaked`", false)
    .action(async (opts) => {
      const { inventoryReport } = await import("./inventory.js");
      exitCode = await inventoryReport({ ...common(opts), format: opts.format, output: opts.output, history: opts.history });
    });
  inventory
    .command("init")
    .description("add a record to nhi-inventory.yaml for every connector that has none (owner from CODEOWNERS or git history; never touches existing text)")
    .option("--config <file>", "configuration file (default: .nhilint.yaml)")
    .option("--inventory <file>", "the inventory to add records to (default: nhi-inventory.yaml)")
    .option("--history", "also read HEAD's history: a comment above each new record whose name once held a committed secret value", false)
    .action(async (opts) => {
      const { inventoryInit } = await import("./inventory.js");
      exitCode = await inventoryInit({ ...common(opts), history: opts.history });
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") return 0;
    if (typeof code === "string" && code.startsWith("commander.")) return 2;
    return fail(error, io.stderr);
  }
  return exitCode;
}

