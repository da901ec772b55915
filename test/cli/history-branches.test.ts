// `nhilint history` on random branchy histories, checked against the generator's own record of every
// commit's tree: side branches merged back (a merge's tree chosen freely, as a conflict resolution
// does), tokens added, copied to other files, moved, deleted and added again, in plain text, YAML and
// .env files, with commit dates in order or at random. Each token must be reported exactly once; its
// first commit is the first whose tree holds it in git's date order (parents first), and no ancestor
// held it; it is in HEAD exactly when HEAD's tree holds it; and a removed one names a commit whose tree
// lacks it and whose first parent's tree holds it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { scanHistory } from "../../cli/history.js";
import { FakeSecrets } from "../helpers.js";
import { TempRepo } from "./repo.js";

type Tree = Map<string, string>;

interface Generated {
  stream: string;
  /** Each commit's tree by its mark, and its first parent's mark. */
  trees: Map<number, Tree>;
  firstParent: Map<number, number | undefined>;
  tokens: string[];
}

const PATHS = ["notes/a.txt", "notes/b.txt", "config/app.yaml", ".env", ".github/workflows/ci.yml", "deploy/run.sh"];

function render(path: string, held: string[], version: number): string {
  const filler = Array.from({ length: 30 }, (_, i) => `line ${i} of ${path}, unchanged`);
  const entries = held.map((token, i) => (path.endsWith(".yaml") ? `token_${i}: ${token}` : path.endsWith(".yml") ? `      TOKEN_${i}: ${token}` : path.endsWith(".sh") ? `curl -H "Authorization: Bearer ${token}" https://api.example.com` : `TOKEN_${i}=${token}`));
  if (path.endsWith(".yml")) return `# version ${version}\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n    env:\n${entries.join("\n")}${entries.length ? "\n" : "      NONE: x\n"}`;
  if (path.endsWith(".yaml")) return `# version ${version}\n${filler.map((line, i) => `k${i}: "${line}"`).join("\n")}\n${entries.join("\n")}\n`;
  // Tokens in the middle of the filler: a version is judged from the one before, around its changes.
  return [`# version ${version}`, ...filler.slice(0, 15), ...entries, ...filler.slice(15)].join("\n") + "\n";
}

/** `skewed`: commit dates at random, as wrong clocks and imports leave them (a child dated before its parent). */
function generate(seed: number, commits: number, skewed = false): Generated {
  const random = new FakeSecrets(seed);
  // Stripe keys of 24 lengths: each is told apart by its redaction's length alone.
  const tokens = Array.from({ length: 24 }, (_, i) => `sk_live_${random.chars(20 + i)}`);
  /** What each file holds, per branch: path → tokens. */
  const branches = new Map<string, Map<string, string[]>>([["main", new Map()]]);
  const heads = new Map<string, number>();
  const trees = new Map<number, Tree>();
  const firstParent = new Map<number, number | undefined>();
  const blocks: string[] = [];
  let mark = 0;
  let version = 0;
  const commit = (branch: string, files: Map<string, string[]>, merge?: number) => {
    mark++;
    const tree: Tree = new Map([...files].map(([path, held]) => [path, render(path, held, ++version)]));
    // A file whose text is unchanged keeps its blob: render it as the parent had it.
    const parent = heads.get(branch);
    const parentTree = parent === undefined ? undefined : trees.get(parent)!;
    for (const [path, held] of files) if (parentTree?.get(path) !== undefined && sameTokens(parentTree.get(path)!, held) && random.below(3) > 0) tree.set(path, parentTree.get(path)!);
    trees.set(mark, tree);
    firstParent.set(mark, parent);
    const ops = ["deleteall", ...[...tree].map(([path, text]) => `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}`)];
    blocks.push(`commit refs/heads/${branch}\nmark :${mark}\ncommitter Dev <dev@example.com> ${1_700_000_000 + (skewed ? random.below(commits) : mark) * 60} +0000\ndata 1\nc\n${parent === undefined ? "" : `from :${parent}\n`}${merge === undefined ? "" : `merge :${merge}\n`}${ops.join("\n")}\n`);
    heads.set(branch, mark);
  };
  const sameTokens = (text: string, held: string[]) => held.every((t) => text.includes(t)) && (text.match(/sk_live_\w+/g) ?? []).length === held.length;
  const clone = (files: Map<string, string[]>) => new Map([...files].map(([path, held]) => [path, [...held]]));

  commit("main", new Map([["notes/a.txt", []]]));
  for (let i = 1; i < commits; i++) {
    const names = [...branches.keys()];
    const branch = names[random.below(names.length)];
    const files = clone(branches.get(branch)!);
    const roll = random.below(100);
    if (roll < 6 && branch === "main" && branches.size < 4) {
      // A side branch from here.
      const name = `side${i}`;
      branches.set(name, clone(files));
      heads.set(name, heads.get("main")!);
      continue;
    }
    if (roll < 12 && branch !== "main") {
      // Merged into main: main's files, then the side's (its version wins, as a resolution may choose).
      const merged = clone(branches.get("main")!);
      for (const [path, held] of files) merged.set(path, [...held]);
      if (random.below(4) === 0 && merged.size > 1) merged.delete([...merged.keys()][random.below(merged.size)]);
      branches.set("main", merged);
      commit("main", merged, heads.get(branch));
      branches.delete(branch);
      heads.delete(branch);
      continue;
    }
    const path = PATHS[random.below(PATHS.length)];
    const held = files.get(path) ?? [];
    if (roll < 45) held.push(tokens[random.below(tokens.length)]); // a token added (or added again)
    else if (roll < 60 && held.length > 0) held.splice(random.below(held.length), 1); // one removed
    else if (roll < 70 && held.length > 0) {
      // Copied to another file.
      const to = PATHS[random.below(PATHS.length)];
      files.set(to, [...(files.get(to) ?? []), held[random.below(held.length)]]);
    } else if (roll < 78 && files.size > 1) {
      // A file moved: its tokens under another name.
      const to = PATHS[random.below(PATHS.length)];
      if (to !== path && files.has(path)) {
        files.set(to, files.get(path)!);
        files.delete(path);
      }
    } else if (roll < 84 && files.size > 1) files.delete(path); // a file deleted
    if (files.has(path) || roll < 45) files.set(path, [...new Set(held)]);
    branches.set(branch, files);
    commit(branch, files);
  }
  // Every side branch left is merged, so HEAD's ancestry holds every commit.
  for (const [name, files] of [...branches].filter(([name]) => name !== "main")) {
    const merged = clone(branches.get("main")!);
    for (const [path, held] of files) merged.set(path, [...held]);
    branches.set("main", merged);
    commit("main", merged, heads.get(name));
  }
  return { stream: blocks.join("\n") + "\n", trees, firstParent, tokens };
}

describe("nhilint history: random branchy histories against the generator's record", function () {
  this.timeout(300_000);
  for (const [seed, skewed] of [[11, false], [12, false], [13, true], [14, true]] as const) {
    it(`seed ${seed}${skewed ? ", dates at random" : ""}: each token once, its first commit in git's order, HEAD state, the commit that took its last copy out`, async () => {
      const { stream, trees, firstParent, tokens } = generate(seed, 400, skewed);
      const repo = new TempRepo();
      try {
        const marks = join(repo.dir, ".git", "marks");
        const imported = repo.exec("git", ["fast-import", "--quiet", `--export-marks=${marks}`], { input: stream });
        assert.equal(imported.code, 0, imported.stderr);
        const shaOf = new Map<number, string>();
        for (const line of readFileSync(marks, "utf8").trim().split("\n")) {
          const [mark, sha] = line.split(" ");
          shaOf.set(Number(mark.slice(1)), sha);
        }
        const markOf = new Map([...shaOf].map(([mark, sha]) => [sha, mark]));
        // Parents before children, otherwise by date: a commit dated before its parent still comes after it.
        const order = repo.git("rev-list", "--reverse", "--date-order", "main").trim().split("\n");
        assert.equal(order.length, trees.size, "every commit is in main's ancestry");
        const holds = (mark: number | undefined, token: string) => mark !== undefined && [...trees.get(mark)!.values()].some((text) => text.includes(token));
        const head = markOf.get(order.at(-1)!)!;

        const scan = await scanHistory(repo.dir, ["main"], { workers: 0 });
        const ever = tokens.filter((token) => order.some((sha) => holds(markOf.get(sha), token)));
        assert.ok(ever.length >= 10, `${ever.length} tokens committed`);
        const found = new Map<string, (typeof scan.secrets)[number]>();
        for (const secret of scan.secrets) {
          const length = Number(/\((\d+) chars\)/.exec(secret.redacted)![1]);
          const token = tokens.find((t) => t.length === length)!;
          assert.ok(!found.has(token), `token ${tokens.indexOf(token)} reported twice`);
          found.set(token, secret);
        }
        assert.equal(scan.secrets.length, ever.length, "each token once, none twice");
        for (const token of ever) {
          const secret = found.get(token)!;
          const first = order.find((sha) => holds(markOf.get(sha), token))!;
          assert.equal(secret.firstCommit, first, `first commit of token ${tokens.indexOf(token)}`);
          // The commit that brought it in: none of its ancestors held it.
          const ancestors = repo.git("rev-list", `${first}^@`).trim().split("\n").filter(Boolean);
          assert.ok(!ancestors.some((sha) => holds(markOf.get(sha), token)), `token ${tokens.indexOf(token)} was in an ancestor of its first commit`);
          assert.ok(trees.get(markOf.get(first)!)!.get(secret.path)?.includes(token), "its path is where the first commit holds it");
          assert.equal(secret.inHead, holds(head, token), `HEAD state of token ${tokens.indexOf(token)}`);
          if (!secret.inHead) {
            const removal = markOf.get(secret.removedIn!)!;
            assert.ok(!holds(removal, token) && holds(firstParent.get(removal), token), `the removal of token ${tokens.indexOf(token)}`);
            assert.equal(secret.lastCommit, shaOf.get(firstParent.get(removal)!));
          }
        }
        // The history is what it claims to be: merges, and tokens gone from HEAD as well as still there.
        assert.ok(repo.git("rev-list", "--merges", "main").trim().split("\n").length >= 5, "merges");
        assert.ok(scan.secrets.filter((secret) => !secret.inHead).length >= 3 && scan.secrets.some((secret) => secret.inHead), "removed and kept tokens");
        // Worker threads find the same.
        assert.deepEqual(await scanHistory(repo.dir, ["main"], { workers: 2 }), scan);
      } finally {
        repo.remove();
      }
    });
  }
});
