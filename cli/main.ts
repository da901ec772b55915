// The CLI run against this process: the command line (program.ts) with its arguments and streams.
// Bundled as dist/nhilint.cjs, which the executable (entry.ts) runs.
import { limitHeapGrowth, skipOptimizingCompiler } from "./v8-flags.js";
import { fail, run } from "./program.js";

// A reader that stops early (`nhilint --help | head -1`) closes the pipe: stop quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const surroundings = {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  // This process is nhilint's own: V8 is tuned for the run (v8-flags.ts), a short one without the
  // optimising compiler, a long one with the heap's growth limited.
  beforeShortRun: skipOptimizingCompiler,
  beforeLongRun: limitHeapGrowth,
};

run(process.argv.slice(2), surroundings).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.exitCode = fail(error, surroundings.stderr);
  },
);
