// `nhilint history` against an oracle: a generated repository of 5 000 commits where, at random (but
// seeded) commits, secrets of four formats are added to workflows, shell scripts and a large config
// file, removed, pasted again elsewhere, moved with their file, deleted with it, and edited around.
// The oracle replays the same schedule on plain strings: for every value ever committed, the commit
// that first held it, its path there, whether HEAD holds it, and the commit that took its last copy
// out. The scan must report each value exactly once, with exactly those facts.
import assert from "node:assert/strict";
import { FakeSecrets } from "../helpers.js";
import { TempRepo } from "./repo.js";

const COMMITS = 5000;
const fake = new FakeSecrets(5005);

type Kind = "workflow" | "script" | "config";
interface File {
  kind: Kind;
  /** Body lines: fillers and `{name, value}` secret lines. */
  lines: (string | { name: string; value: string })[];
}

function render(file: File): string {
  const line = (entry: File["lines"][number], indent: string, secret: (name: string, value: string) => string) => indent + (typeof entry === "string" ? entry : secret(entry.name, entry.value));
  if (file.kind === "workflow") {
    // Secrets in a job's env: the GitHub Actions platform reads the whole file.
    const body = file.lines.map((entry) => line(entry, "          ", (name, value) => `${name}: ${value}`));
    return `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n${body.join("\n")}\n`;
  }
  if (file.kind === "script") return `#!/bin/sh\n${file.lines.map((entry) => line(entry, "", (name, value) => `export ${name}=${value}`)).join("\n")}\n`;
  return `${file.lines.map((entry) => line(entry, "", (name, value) => `${name.toLowerCase()} = "${value}"`)).join("\n")}\n`;
}

const FORMATS = [() => `ghp_${fake.chars(36)}`, () => `glpat-${fake.chars(20)}`, () => `npm_${fake.chars(36)}`, () => `xoxb-${fake.digits(11)}-${fake.digits(12)}-${fake.chars(24)}`];

interface Expected {
  firstCommit: number;
  path: string;
  inHead: boolean;
  removedIn?: number;
}

/** The fast-import stream, and what the oracle expects of each value (by commit number, 1-based). */
function build(): { stream: string; expected: Map<string, Expected> } {
  const schedule = new FakeSecrets(77);
  const roll = (n: number) => schedule.below(n);
  const files = new Map<string, File>();
  const everCommitted: string[] = [];
  const expected = new Map<string, Expected>();
  const present = new Set<string>();
  let serial = 0;
  const filler = (kind: Kind) => (kind === "workflow" ? `STEP_${++serial}: plain-${serial}` : kind === "script" ? `echo "step ${++serial}"` : `name_${++serial} = "value ${serial}"`);
  const newFile = (): string => {
    const kind = (["workflow", "script", "config"] as const)[roll(3)];
    const path = kind === "workflow" ? `.github/workflows/w${++serial}.yml` : kind === "script" ? `scripts/deploy-${++serial}.sh` : `config/settings-${++serial}.toml`;
    // Config files are long (incremental judging of a large file); the others short.
    const size = kind === "config" ? 400 + roll(400) : 3 + roll(10);
    files.set(path, { kind, lines: Array.from({ length: size }, () => filler(kind)) });
    return path;
  };
  const anyFile = () => [...files.keys()][roll(files.size)];
  const withSecret = () => [...files.keys()].filter((p) => files.get(p)!.lines.some((l) => typeof l !== "string"));
  const insert = (path: string, value: string) => {
    const file = files.get(path)!;
    file.lines.splice(roll(file.lines.length + 1), 0, { name: `DEPLOY_TOKEN_${++serial}`, value });
  };

  const blocks: string[] = [];
  let previous = new Map<string, string>();
  for (let commit = 1; commit <= COMMITS; commit++) {
    const ops: string[] = [];
    if (commit % 40 === 0 || commit === 7) {
      const op = roll(100);
      const holders = withSecret();
      if (op < 35 || files.size === 0 || holders.length === 0) {
        // A new value, in a new or an existing file.
        const value = FORMATS[roll(FORMATS.length)]();
        insert(files.size === 0 || roll(3) === 0 ? newFile() : anyFile(), value);
        everCommitted.push(value);
      } else if (op < 50 && everCommitted.length > 0) {
        // A value committed before, pasted again (perhaps after it was removed).
        insert(anyFile(), everCommitted[roll(everCommitted.length)]);
      } else if (op < 65) {
        const file = files.get(holders[roll(holders.length)])!;
        const at = file.lines.findIndex((l) => typeof l !== "string");
        file.lines.splice(at, 1);
      } else if (op < 75) {
        // Moved: the same text at another path.
        const from = holders[roll(holders.length)];
        const file = files.get(from)!;
        files.delete(from);
        files.set(from.replace(/(\d+)(\.\w+)$/, `$1-moved${++serial}$2`), file);
      } else if (op < 85) {
        files.delete(holders[roll(holders.length)]);
      } else {
        // Edited around a secret: fillers replaced near it, the secret kept.
        const file = files.get(holders[roll(holders.length)])!;
        const at = file.lines.findIndex((l) => typeof l !== "string");
        for (const i of [at - 2, at - 1, at + 1, at + 3]) if (i >= 0 && i < file.lines.length && typeof file.lines[i] === "string") file.lines[i] = filler(file.kind);
      }
    }
    const current = new Map([...files].map(([path, file]) => [path, render(file)]));
    for (const [path] of previous) if (!current.has(path)) ops.push(`D ${path}\n`);
    for (const [path, text] of current) if (previous.get(path) !== text) ops.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
    ops.push(`M 100644 inline counter.txt\ndata ${String(commit).length + 1}\n${commit}\n\n`);
    // The oracle: which values this commit's tree holds.
    const now = new Set(everCommitted.filter((value) => [...current.values()].some((text) => text.includes(value))));
    for (const value of now) {
      if (!expected.has(value)) expected.set(value, { firstCommit: commit, path: [...current].find(([, text]) => text.includes(value))![0], inHead: false });
    }
    for (const value of present) if (!now.has(value)) expected.get(value)!.removedIn = commit;
    present.clear();
    for (const value of now) present.add(value);
    previous = current;
    const message = `commit ${commit}`;
    blocks.push(`commit refs/heads/main\nmark :${commit}\ncommitter Dev <dev@example.com> ${1_700_000_000 + commit * 60} +0000\ndata ${message.length}\n${message}\n${ops.join("")}`);
  }
  for (const value of present) expected.get(value)!.inHead = true;
  for (const entry of expected.values()) if (entry.inHead) delete entry.removedIn;
  return { stream: `${blocks.join("\n")}\n`, expected };
}

describe("nhilint history against an oracle: 5 000 commits of secrets added, pasted again, moved, edited around and deleted", function () {
  this.timeout(180_000);
  let repo: TempRepo;
  let commits: string[];
  let expected: Map<string, Expected>;
  before(() => {
    const built = build();
    expected = built.expected;
    repo = new TempRepo();
    commits = repo.importHistory(built.stream);
    repo.git("checkout", "-q", "main");
    assert.equal(commits.length, COMMITS);
  });
  after(() => repo.remove());

  it("reports every value once, with the oracle's first commit, path, HEAD state and removal", async () => {
    // The schedule exercises each case: values removed and still held, moved, pasted again.
    const facts = [...expected.values()];
    assert.ok(facts.length >= 30, `only ${facts.length} values`);
    assert.ok(facts.filter((f) => f.inHead).length >= 5 && facts.filter((f) => !f.inHead).length >= 5);
    const run = await repo.nhilint("history", "--format", "json");
    assert.equal(run.code, 1, run.stderr);
    const { secrets } = JSON.parse(run.stdout) as { secrets: { firstCommit: string; path: string; inHead: boolean; removedIn?: string; lastCommit?: string }[] };
    // One new value per commit at most: a value is known by the commit that first held it.
    const sha = (n: number) => commits[n - 1];
    const want = facts.map((f) => ({ firstCommit: sha(f.firstCommit), path: f.path, inHead: f.inHead, removedIn: f.removedIn && sha(f.removedIn), lastCommit: f.removedIn && sha(f.removedIn - 1) }));
    const got = secrets.map((s) => ({ firstCommit: s.firstCommit, path: s.path, inHead: s.inHead, removedIn: s.removedIn, lastCommit: s.lastCommit }));
    const order = (a: { firstCommit: string }, b: { firstCommit: string }) => commits.indexOf(a.firstCommit) - commits.indexOf(b.firstCommit);
    assert.deepEqual(got.sort(order), want.sort(order));
    assert.equal(new Set(got.map((s) => s.firstCommit)).size, got.length, "a value reported twice");
    for (const value of expected.keys()) assert.ok(!run.stdout.includes(value.slice(4, 16)), "a secret was printed");
  });
});
