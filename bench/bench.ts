// `npm run bench`: nhilint against peers measured in the same run, alternating, medians quoted.
//   full scan      nhilint CLI vs the secretlint CLI (recommended preset), whole processes, on the corpus
//   library peer   nhilint CLI vs secretlint's preset in-process over the same files (the cheapest peer)
//   floor          nhilint CLI vs a script that only reads every corpus file and parses it once
//   pre-commit     `nhilint --staged` with 10 staged workflows, and with one staged TS file, vs bare `node -e 0`
//   editor relint  in-process lint of the largest workflow vs `yaml.parseDocument` of it
//   editor keystroke  relint of a whole workspace from the per-file cache vs linting the one file alone
//   typing         (only with --only typing: needs code-server) a pasted token to the Problems panel
//   history        `nhilint history` on gitleaks's own repository (../shared/history/gitleaks.bundle) vs
//                  the floor: `git cat-file --batch` reading the same blobs; and on a generated history
//                  of one large key file, against the same floor
//   memory         peak RSS of the full scan, nhilint vs secretlint CLI; and memory growth: the corpus
//                  four times over vs once (peak RSS per MB of input must fall as the input grows)
//   scaling        one pipeline of 8 000 jobs vs one of 2 000 (GitHub Actions, GitLab CI, Azure
//                  Pipelines): linear work takes four times as long, a quadratic path sixteen
// Options: `npm run bench -- --help` (USAGE below).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseDocument } from "yaml";
import { createLintCache, lint } from "../linter-core/index.js";
import { RULES } from "../rules/index.js";
import { CLI, FakeSecrets, ROOT } from "../test/helpers.js";

const FIGURES = ["floor", "library", "secretlint-cli", "pre-commit", "relint", "workspace-relint", "memory", "typing", "history", "scaling"];
const USAGE = `usage: npm run bench -- [--runs N] [--only ${FIGURES.join(",")}] [--skip-secretlint-cli] [--corpus DIR]
  --runs N               timed runs of each figure, alternating with its peer; medians quoted (default 3)
  --only A,B             only these figures (default: all but typing, which needs code-server)
  --skip-secretlint-cli  leave out secretlint's CLI (it takes minutes)
  --corpus DIR           the files to scan (default: ../shared/corpus)
`;
// Node's own parser: an unknown or misspelt option is an error, not a silent full run.
const BENCH_OPTIONS = { runs: { type: "string" }, only: { type: "string" }, corpus: { type: "string" }, "skip-secretlint-cli": { type: "boolean" }, help: { type: "boolean", short: "h" } } as const;
let parsed: ReturnType<typeof parseArgs<{ options: typeof BENCH_OPTIONS }>>["values"];
try {
  parsed = parseArgs({ options: BENCH_OPTIONS }).values;
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (parsed.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const RUNS = Number(parsed.runs ?? "3");
const CORPUS = resolve(parsed.corpus ?? join(ROOT, "..", "shared", "corpus"));
const ONLY = (parsed.only ?? "").split(",").filter(Boolean);
const unknownFigures = ONLY.filter((figure) => !FIGURES.includes(figure));
if (!Number.isInteger(RUNS) || RUNS < 1 || unknownFigures.length > 0) {
  process.stderr.write(`bench: ${unknownFigures.length > 0 ? `no figure ${unknownFigures.join(", ")}` : `--runs takes a whole number ≥ 1, not ${parsed.runs}`}\n${USAGE}`);
  process.exit(2);
}
const wants = (figure: string) => ONLY.length === 0 || ONLY.includes(figure);
const SKIP_SECRETLINT_CLI = parsed["skip-secretlint-cli"] === true || !wants("secretlint-cli");
const TIME = "/usr/bin/time";

interface Sample {
  seconds: number;
  peakKb?: number;
}

function run(command: string, commandArgs: string[], cwd = ROOT): Sample {
  const start = process.hrtime.bigint();
  const result = spawnSync(TIME, ["-f", "%M", command, ...commandArgs], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peak = Number(/(\d+)\s*$/.exec(result.stderr ?? "")?.[1]);
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${commandArgs.join(" ")} exited ${result.status}: ${result.stderr.slice(-500)}`);
  return { seconds, peakKb: Number.isFinite(peak) ? peak : undefined };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Alternate ours and the peer, `runs` times each (the peer `peerRuns` times when one run takes
 * minutes: ours still runs `runs` times, interleaved, so its median is not one noisy sample); medians of both.
 */
function versus(runs: number, ours: () => Sample, peer: () => Sample, peerRuns = runs) {
  const a: Sample[] = [];
  const b: Sample[] = [];
  for (let i = 0; i < Math.max(runs, peerRuns); i++) {
    if (i < runs) a.push(ours());
    if (i < peerRuns) b.push(peer());
  }
  return {
    ours: median(a.map((s) => s.seconds)),
    peer: median(b.map((s) => s.seconds)),
    oursPeakMb: median(a.map((s) => s.peakKb ?? 0)) / 1024,
    peerPeakMb: median(b.map((s) => s.peakKb ?? 0)) / 1024,
  };
}

function corpusFiles(): string[] {
  return (readdirSync(CORPUS, { recursive: true }) as string[]).map((f) => join(CORPUS, f)).filter((f) => statSync(f).isFile());
}

const work = mkdtempSync(join(tmpdir(), "nhilint-bench-"));
const results: Record<string, unknown> = { machine: `${process.platform} ${process.arch}, node ${process.version}`, runs: RUNS, date: new Date().toISOString() };
const rows: string[][] = [];
const row = (figure: string, oursLabel: string, ours: number, peerLabel: string, peer: number, goal: string, unit = "s") => {
  rows.push([figure, `${ours.toFixed(unit === "s" ? 2 : 0)} ${unit}`, `${peerLabel}: ${peer.toFixed(unit === "s" ? 2 : 0)} ${unit}`, `${(ours / peer).toFixed(3)}×`, goal]);
  results[figure] = { [oursLabel]: ours, [peerLabel]: peer, ratio: ours / peer, goal, unit };
};

try {
  const files = corpusFiles();
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  results.corpus = { files: files.length, mib: bytes / 1048576 };
  console.log(`corpus: ${files.length} files, ${(bytes / 1048576).toFixed(1)} MiB (${CORPUS})`);
  const nhilintScan = () => run(process.execPath, [CLI, CORPUS, "--format", "json", "--output", join(work, "nhilint.json")]);

  // The floor: read every file and parse it once, with the parser it needs (Jenkinsfiles with the same
  // tree-sitter Groovy grammar nhilint loads for them).
  const floorScript = join(work, "floor.mjs");
  writeFileSync(
    floorScript,
    `import { readdirSync, readFileSync, statSync } from "node:fs"; import { join } from "node:path";
     import { parseAllDocuments } from ${JSON.stringify(join(ROOT, "node_modules/yaml/dist/index.js"))};
     import jsonc from ${JSON.stringify(join(ROOT, "node_modules/jsonc-parser/lib/umd/main.js"))};
     import { Parser, Language } from ${JSON.stringify(join(ROOT, "node_modules/web-tree-sitter/web-tree-sitter.js"))};
     const root = ${JSON.stringify(CORPUS)};
     let groovy;
     for (const f of readdirSync(root, { recursive: true })) { const p = join(root, f); if (!statSync(p).isFile()) continue;
       const text = readFileSync(p, "utf8"); if (/\\.json$/.test(p)) jsonc.parseTree(text); else if (/\\.ya?ml$/.test(p)) parseAllDocuments(text);
       else if (/jenkinsfile|\\.groovy$/i.test(f)) {
         if (!groovy) {
           await Parser.init({ wasmBinary: readFileSync(${JSON.stringify(join(ROOT, "node_modules/web-tree-sitter/web-tree-sitter.wasm"))}) });
           groovy = new Parser(); groovy.setLanguage(await Language.load(readFileSync(${JSON.stringify(join(ROOT, "node_modules/@lumis-sh/wasm-groovy/tree-sitter-groovy.wasm"))})));
         }
         groovy.parse(text);
       } }`,
  );
  if (wants("floor")) {
    // `nhilint <folder>` as users run it (stylish, the default, here to a file); then the same scan as
    // JSON, whose fingerprints put each secret through the salted slow derivation (PBKDF2, 600 000
    // iterations, on the thread pool: about a second of CPU for the corpus's secrets on two cores).
    const asUsersRunIt = () => run(process.execPath, [CLI, CORPUS, "--output", join(work, "nhilint.txt")]);
    const floor = versus(RUNS, asUsersRunIt, () => run(process.execPath, [floorScript]));
    row("full scan vs the floor (read + parse once)", "nhilint", floor.ours, "floor", floor.peer, "≤ 2×");
    const json = versus(RUNS, nhilintScan, () => run(process.execPath, [floorScript]));
    row("  the same as JSON (+ each secret's salted fingerprint)", "nhilint", json.ours, "floor", json.peer, "(context)");
  }

  // secretlint's preset in-process, over the same files (profiler as shipped).
  const libraryScript = join(work, "secretlint-library.mjs");
  writeFileSync(
    libraryScript,
    `import { lintSource } from ${JSON.stringify(join(ROOT, "node_modules/@secretlint/core/module/index.js"))};
     import { creator } from ${JSON.stringify(join(ROOT, "node_modules/@secretlint/secretlint-rule-preset-recommend/module/index.js"))};
     import { readdirSync, readFileSync, statSync } from "node:fs"; import { join } from "node:path";
     const root = ${JSON.stringify(CORPUS)}; const config = { rules: [{ id: creator.meta.id, rule: creator }] };
     for (const f of readdirSync(root, { recursive: true })) { const p = join(root, f); if (!statSync(p).isFile()) continue;
       await lintSource({ source: { content: readFileSync(p, "utf8"), filePath: p, contentType: "text" }, options: { config, maskSecrets: true } }); }`,
  );
  // The peer once: at about 150 s a run it is context, not a goal.
  if (wants("library")) {
    const library = versus(RUNS, nhilintScan, () => run(process.execPath, [libraryScript]), 1);
    row("full scan vs secretlint preset in-process", "nhilint", library.ours, "secretlint library", library.peer, "(context)");
  }

  if (!SKIP_SECRETLINT_CLI) {
    const rc = join(work, ".secretlintrc.json");
    writeFileSync(rc, JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
    const secretlintCli = () => run(process.execPath, [join(ROOT, "node_modules/secretlint/bin/secretlint.js"), "--secretlintrc", rc, "--format", "json", "--output", join(work, "secretlint.json"), `${CORPUS}/**/*`]);
    const cli = versus(RUNS, nhilintScan, secretlintCli, 1);
    row("full scan vs secretlint CLI", "nhilint", cli.ours, "secretlint CLI", cli.peer, "≤ 0.05×");
    row("peak RSS of the full scan", "nhilint", cli.oursPeakMb, "secretlint CLI", cli.peerPeakMb, "≤ 1.5×", "MB");
  }

  // Memory growth: the same scan on four copies of the corpus. Flat memory means the ×4 run peaks at
  // far less than four times the ×1 run (each file's text and model are dropped once it is linted).
  if (wants("memory")) {
    const bigger = join(work, "corpus-x4");
    mkdirSync(bigger, { recursive: true });
    for (let copy = 1; copy <= 4; copy++) spawnSync("cp", ["-r", CORPUS, join(bigger, `copy${copy}`)]);
    const megabytes = (dir: string) => Number(spawnSync("du", ["-sm", dir], { encoding: "utf8" }).stdout.split("\t")[0]);
    const once = versus(RUNS, nhilintScan, () => run(process.execPath, [CLI, bigger, "--format", "json", "--output", join(work, "x4.json")]));
    row("peak RSS: corpus ×4 vs ×1", "×4", once.peerPeakMb, "×1", once.oursPeakMb, "≤ 2×", "MB");
    console.log(`  peak RSS per MB of input: ×1 ${(once.oursPeakMb / megabytes(CORPUS)).toFixed(1)} MB/MB, ×4 ${(once.peerPeakMb / megabytes(bigger)).toFixed(1)} MB/MB`);
  }

  // Pre-commit: 10 staged workflows in a real repository.
  const repo = join(work, "repo");
  mkdirSync(join(repo, ".github", "workflows"), { recursive: true });
  const git = (...gitArgs: string[]) => spawnSync("git", gitArgs, { cwd: repo, encoding: "utf8" });
  git("init", "-q");
  files.filter((f) => f.includes("github-actions/")).slice(0, 10).forEach((f, i) => writeFileSync(join(repo, ".github", "workflows", `w${i}.yml`), readFileSync(f)));
  git("add", "-A");
  if (wants("pre-commit")) {
    const hook = versus(Math.max(RUNS, 5), () => run(process.execPath, [CLI, "--staged"], repo), () => run(process.execPath, ["-e", "0"], repo));
    row("pre-commit: --staged, 10 workflows", "nhilint --staged", hook.ours, "node -e 0", hook.peer, "≤ 3×");
    // A commit of program source: the TypeScript parser is loaded (with V8's code cache after the first
    // run, cli/code-cache.ts: the median is the steady state a developer committing again sees) and the file parsed.
    const codeRepo = join(work, "code-repo");
    mkdirSync(join(codeRepo, "src"), { recursive: true });
    spawnSync("git", ["init", "-q"], { cwd: codeRepo });
    writeFileSync(join(codeRepo, "src", "scan.ts"), readFileSync(join(ROOT, "cli", "scan.ts")));
    spawnSync("git", ["add", "-A"], { cwd: codeRepo });
    const code = versus(Math.max(RUNS, 5), () => run(process.execPath, [CLI, "--staged"], codeRepo), () => run(process.execPath, ["-e", "0"], codeRepo));
    row("pre-commit: --staged, one TypeScript file (this repository's cli/scan.ts)", "nhilint --staged", code.ours, "node -e 0", code.peer, "≤ 3×");
  }

  // Editor relint: the largest workflow, in-process, warm.
  const workflows = files.filter((f) => f.includes("/github-actions/"));
  const largest = workflows.reduce((a, b) => (statSync(a).size >= statSync(b).size ? a : b));
  const text = readFileSync(largest, "utf8");
  const file = { path: ".github/workflows/large.yml", text };
  await lint([file], { rules: RULES });
  const timeIt = async (fn: () => unknown, n = 20) => {
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = process.hrtime.bigint();
      await fn();
      samples.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    return median(samples);
  };
  if (wants("relint")) {
    // A keystroke's relint comes after the editor has linted its workspace: the code is warm. Timed
    // after ten lints of the file (and ten parses), the two alternating, medians; and, for context,
    // as before, each timed in a run of its own after a single lint (V8 still compiling the rules).
    const cold = { relint: await timeIt(() => lint([file], { rules: RULES })), parse: await timeIt(() => parseDocument(text)) };
    for (let i = 0; i < 10; i++) {
      await lint([file], { rules: RULES });
      parseDocument(text);
    }
    const samples = { relint: [] as number[], parse: [] as number[] };
    for (let i = 0; i < 20; i++) {
      samples.relint.push(await timeIt(() => lint([file], { rules: RULES }), 1));
      samples.parse.push(await timeIt(() => parseDocument(text), 1));
    }
    row(`editor relint: ${(text.length / 1024).toFixed(0)} KiB workflow, warm`, "lint", median(samples.relint) * 1000, "yaml.parseDocument", median(samples.parse) * 1000, "≤ 3×", "ms");
    row("  the same after a single lint", "lint", cold.relint * 1000, "yaml.parseDocument", cold.parse * 1000, "(context)", "ms");
  }
  // The editor lints every file of the workspace; a keystroke re-checks one file from the cache and
  // reruns the workspace rules. Against linting that one file alone.
  if (wants("workspace-relint")) {
    const workspace = workflows.map((f, i) => ({ path: `.github/workflows/w${i}.yml`, text: readFileSync(f, "utf8") }));
    const cache = createLintCache();
    await lint([...workspace, file], { rules: RULES, cache, wholeWorkspace: true });
    let edits = 0;
    const incremental = await timeIt(() => lint([...workspace, { ...file, text: `${text}\n# edit ${edits++}\n` }], { rules: RULES, cache, wholeWorkspace: true }));
    const alone = await timeIt(() => lint([{ ...file, text: `${text}\n# edit ${edits++}\n` }], { rules: RULES }));
    row(`editor keystroke: ${workspace.length + 1}-file workspace, cached`, "lint (cache)", incremental * 1000, "the file alone", alone * 1000, "≤ 2×", "ms");
  }
  // A pasted token to its line in the Problems panel, in a real VS Code (code-server + Chromium), in
  // the largest workflow; median of 7. Its peer is the debounce the extension waits by design.
  if (wants("typing") && ONLY.includes("typing")) {
    const { pasteToDiagnostic } = await import("./typing.js");
    const latency = await pasteToDiagnostic(text, 7);
    if (latency !== undefined) row(`editor paste → Problems panel, ${(text.length / 1024).toFixed(0)} KiB (code-server)`, "median", latency, "debounce", 300, "≤ 2×", "ms");
  }

  // The history scan on a real history: every blob `git log --raw` names, read once, vs reading them alone.
  const bundle = join(ROOT, "..", "shared", "history", "gitleaks.bundle");
  if (wants("history")) {
    if (!existsSync(bundle)) console.log(`history: ${bundle} is absent; skipped`);
    else {
      const clone = join(work, "gitleaks");
      spawnSync("git", ["clone", "-q", bundle, clone]);
      const blobs = [
        ...new Set(
          spawnSync("git", ["log", "--raw", "--no-abbrev", "--no-renames", "--format=", "--diff-merges=first-parent", "HEAD"], { cwd: clone, encoding: "utf8", maxBuffer: 1 << 28 })
            .stdout.split("\n")
            .map((line) => line.split(" ")[3])
            .filter((id) => id && !/^0+$/.test(id)),
        ),
      ];
      const list = join(work, "blobs.txt");
      writeFileSync(list, blobs.join("\n") + "\n");
      const floorScript = join(work, "history-floor.sh");
      writeFileSync(floorScript, `git log --raw --no-abbrev --no-renames --format= --diff-merges=first-parent HEAD > /dev/null && git cat-file --batch < ${JSON.stringify(list)} > /dev/null\n`);
      const scan = versus(RUNS, () => run(process.execPath, [CLI, "history", "--format", "json"], clone), () => run("sh", [floorScript], clone));
      const found = JSON.parse(spawnSync(process.execPath, [CLI, "history", "--format", "json"], { cwd: clone, encoding: "utf8", maxBuffer: 1 << 28 }).stdout) as { secrets: unknown[] };
      // The judging runs on worker threads (one per core but one): the core count says what the figure means.
      const cores = availableParallelism();
      row(`history: gitleaks (${blobs.length} blobs), ${found.secrets.length} secrets, ${cores} cores`, "nhilint history", scan.ours, "git log + cat-file --batch", scan.peer, "≤ 3×");
    }
  }
  // The history of one large key file (a .env of 3 000 tokens, 20 of them replaced in each of 200
  // versions): every version carries thousands of detections from the one before. What it costs must
  // grow with the detections, not with their product with the file's runs (it did).
  if (wants("history")) {
    const repo = join(work, "key-file");
    mkdirSync(repo);
    spawnSync("git", ["init", "-q"], { cwd: repo });
    const fake = new FakeSecrets(5);
    const lines = Array.from({ length: 3000 }, (_, i) => `KEY_${i}=ghp_${fake.chars(36)}`);
    const commits: string[] = [];
    for (let version = 1; version <= 200; version++) {
      for (let k = 0; k < 20; k++) {
        const i = fake.below(lines.length);
        lines[i] = `KEY_${i}=ghp_${fake.chars(36)}`;
      }
      const content = lines.join("\n") + "\n";
      commits.push(`commit refs/heads/main\nmark :${version}\ncommitter Dev <dev@example.com> ${1_700_000_000 + version * 60} +0000\ndata 1\nc\nM 100644 inline keys.env\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    }
    spawnSync("git", ["fast-import", "--quiet"], { cwd: repo, input: commits.join("\n") + "\n" });
    spawnSync("git", ["checkout", "-q", "main"], { cwd: repo });
    const floorScript = join(work, "key-file-floor.sh");
    writeFileSync(floorScript, "git log --raw --no-abbrev --format= HEAD | cut -d' ' -f4 | git cat-file --batch > /dev/null\n");
    const scan = versus(RUNS, () => run(process.execPath, [CLI, "history", "--format", "json"], repo), () => run("sh", [floorScript], repo));
    row("history: one key file, 3 000 tokens, 200 versions", "nhilint history", scan.ours, "git log + cat-file --batch", scan.peer, "(context)");
  }

  // Growth with the size of one file: a pipeline of 2 000 jobs against one of 8 000, on three
  // platforms. A lookup over the whole model made per job or per script is quadratic (it was: 8 000
  // GitLab jobs took 24 s); linear work takes four times as long, plus start-up.
  if (wants("scaling")) {
    const pipelines: Record<string, { path: string; text: (jobs: number) => string }> = {
      "GitHub Actions": {
        path: ".github/workflows/many.yml",
        text: (jobs) => ["on: pull_request_target", "env:", "  SHARED: ${{ secrets.SHARED }}", "jobs:", ...Array.from({ length: jobs }, (_, j) => [`  job${j}:`, "    runs-on: ubuntu-latest", "    env:", `      JOB_TOKEN: \${{ secrets.JOB_${j} }}`, "    steps:", "      - uses: actions/checkout@v4", "      - run: echo $JOB_TOKEN", "        env:", `          AWS_ACCESS_KEY_ID: \${{ secrets.AWS_${j} }}`].join("\n"))].join("\n") + "\n",
      },
      "GitLab CI": {
        path: ".gitlab-ci.yml",
        text: (jobs) => ["stages: [build]", "variables:", ...Array.from({ length: 20 }, (_, i) => `  T${i}_DEPLOY_TOKEN: $PROD_T${i}_DEPLOY_TOKEN`), ...Array.from({ length: jobs }, (_, j) => [`job${j}:`, "  stage: build", "  script:", `    - echo $SECRET_${j}`, `    - curl -H "Authorization: Bearer $API_TOKEN_${j}" https://example.com`].join("\n"))].join("\n") + "\n",
      },
      "Azure Pipelines": {
        path: "azure-pipelines.yml",
        text: (jobs) => ["trigger: [main]", "jobs:", ...Array.from({ length: jobs }, (_, j) => [`- job: job${j}`, "  steps:", `  - script: echo $(SECRET_${j})`, "  - task: AzureCLI@2", "    inputs:", `      azureSubscription: connection${j}`].join("\n"))].join("\n") + "\n",
      },
    };
    for (const [platform, { path, text }] of Object.entries(pipelines)) {
      const sized = (jobs: number) => {
        const folder = join(work, "scaling", `${jobs}`);
        mkdirSync(join(folder, path, ".."), { recursive: true });
        writeFileSync(join(folder, path), text(jobs));
        return () => run(process.execPath, [CLI, path, "--format", "json", "--output", join(work, "scaling.json")], folder);
      };
      const growth = versus(RUNS, sized(8000), sized(2000));
      row(`scaling: ${platform}, 8 000 jobs vs 2 000`, "8 000 jobs", growth.ours, "2 000 jobs", growth.peer, "≤ 5×");
    }
  }

  console.log("");
  const widths = rows[0].map((_, i) => Math.max(...[["figure", "nhilint", "peer", "ratio", "goal"], ...rows].map((r) => r[i].length)));
  for (const r of [["figure", "nhilint", "peer", "ratio", "goal"], ...rows]) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join("  "));
  mkdirSync(join(ROOT, ".bench"), { recursive: true });
  writeFileSync(join(ROOT, ".bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
  console.log(`\nwritten to .bench/results.json`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
