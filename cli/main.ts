// The `nhilint` command line. Parsing is commander's; the work is in scan.ts, init.ts and inventory.ts,
// the last two (and the json/sarif formatters) loaded only when asked for: the pre-commit hook pays for every module.
import { Command, InvalidArgumentError, Option } from "commander";
import { ConfigError } from "../linter-core/index.js";
import { BaselineError } from "./baseline.js";
import { GitError } from "./git.js";
import { useColor } from "./color.js";
import { scan, UsageError } from "./scan.js";
import { setFlagsFromString } from "node:v8";

// A scan allocates a parse tree per file and keeps only compact facts, so nearly all it allocates is
// garbage; by default V8 lets the heap grow up to 4x the live set before collecting it. Growing by
// 20% instead keeps peak memory near what is live (corpus x8: 700 MB -> 500 MB) at no measured cost in
// time. Read by V8 at each collection, so setting it at start-up takes effect; a V8 without the flag
// ignores it.
try {
  setFlagsFromString("--heap-growing-percent=20");
} catch {
  // not fatal: only memory use differs
}

declare const NHILINT_VERSION: string | undefined;
const VERSION = typeof NHILINT_VERSION === "string" ? NHILINT_VERSION : "0.1.0";

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number ≥ 0");
  return n;
}

function fail(error: unknown): number {
  const known = error instanceof UsageError || error instanceof ConfigError || error instanceof BaselineError || error instanceof GitError;
  process.stderr.write(`nhilint: ${known ? (error as Error).message : `internal error: ${error instanceof Error ? error.message : String(error)}`}\n`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command("nhilint")
    .description("Find hardcoded secrets and unowned connectors (non-human identities) in workflow and pipeline definitions.")
    .version(VERSION)
    .argument("[paths...]", "files or folders to lint (default: the whole repository, honouring .gitignore)")
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
    // `nhilint inventory --format html`: options after a subcommand belong to it.
    .enablePositionalOptions()
    .exitOverride()
    .action(async (paths: string[], opts) => {
      exitCode = await scan({
        cwd: process.cwd(),
        paths,
        staged: opts.staged,
        format: opts.format,
        output: opts.output,
        color: opts.color !== false && useColor(process.env, Boolean(process.stdout.isTTY)),
        maxWarnings: opts.maxWarnings,
        config: opts.config,
        inventory: opts.inventory,
        baseline: opts.baseline,
        updateBaseline: opts.updateBaseline,
        showSuppressed: opts.showSuppressed,
        version: VERSION,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        progress: Boolean(process.stderr.isTTY),
      });
    });

  program
    .command("init")
    .description("set up the pre-commit hook (husky in a Node repository, a git hook otherwise) and an nhi-inventory.yaml skeleton")
    .option("--force", "append nhilint to an existing hook that nhilint did not write", false)
    .action(async (opts) => {
      const { init } = await import("./init.js");
      exitCode = init({ cwd: process.cwd(), force: opts.force, log: (line) => process.stdout.write(`nhilint: ${line}\n`) });
    });

  const common = (opts: { config?: string; inventory?: string }) => ({
    cwd: process.cwd(),
    config: opts.config ?? program.opts().config,
    inventory: opts.inventory ?? program.opts().inventory,
    progress: Boolean(process.stderr.isTTY),
    stdout: (text: string) => process.stdout.write(text),
    stderr: (text: string) => process.stderr.write(text),
  });
  const inventory = program
    .command("inventory")
    .description("report every connector and its record: owner, expiry, rotation, where it is used, its jobs' permissions, its findings")
    .addOption(new Option("-f, --format <format>", "report format").choices(["markdown", "csv", "json", "html"]).default("markdown"))
    .option("-o, --output <file>", "write the report to a file")
    .option("--config <file>", "configuration file (default: .nhilint.yaml)")
    .option("--inventory <file>", "connector inventory (default: nhi-inventory.yaml or .github/nhi-inventory.yaml)")
    .action(async (opts) => {
      const { inventoryReport } = await import("./inventory.js");
      exitCode = await inventoryReport({ ...common(opts), format: opts.format, output: opts.output });
    });
  inventory
    .command("init")
    .description("add a record to nhi-inventory.yaml for every connector that has none (owner from CODEOWNERS or git history; never touches existing text)")
    .option("--config <file>", "configuration file (default: .nhilint.yaml)")
    .option("--inventory <file>", "the inventory to add records to (default: nhi-inventory.yaml)")
    .action(async (opts) => {
      const { inventoryInit } = await import("./inventory.js");
      exitCode = await inventoryInit(common(opts));
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") return 0;
    if (typeof code === "string" && code.startsWith("commander.")) return 2;
    return fail(error);
  }
  return exitCode;
}

// A reader that stops early (`nhilint --help | head -1`) closes the pipe: stop quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.exitCode = fail(error);
  },
);
