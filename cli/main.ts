// The CLI run against this process: the command line (program.ts) with its arguments and streams.
// Bundled as dist/nhilint.cjs, which the executable (entry.ts) runs.
import { skipOptimizingCompiler } from "./code-cache.js";
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
  // This process is nhilint's own: a short run goes without V8's optimising compiler (code-cache.ts).
  beforeShortRun: skipOptimizingCompiler,
};

run(process.argv.slice(2), surroundings).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.exitCode = fail(error, surroundings.stderr);
  },
);
