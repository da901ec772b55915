// Seeded mutation fuzzing (issue 17), a few seconds in every run: real workflow and pipeline files
// (a sample of ../shared/corpus, or the bundled examples without it) cut, duplicated, truncated and
// sprinkled with syntax, each with a planted token and password. No mutation may crash a file (an
// internal error), and no output format may print a planted secret. A failure names the seed, file
// and mutation, so it can be replayed.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { lint } from "../../linter-core/index.js";
import { RULES } from "../../rules/index.js";
import { parseAllDocuments } from "yaml";
import { applyEdits, CORPUS, FakeSecrets, NOW, ROOT } from "../helpers.js";
import { TempRepo } from "./repo.js";

const SEED = Number(process.env.NHILINT_FUZZ_SEED ?? 20261126);
const random = new FakeSecrets(SEED);
const FILES = 30;
const MUTATIONS = 6;

function sample(): { path: string; text: string }[] {
  const root = existsSync(CORPUS) ? CORPUS : join(ROOT, "examples");
  const all = (readdirSync(root, { recursive: true }) as string[])
    .filter((file) => /\.(ya?ml|json|ts|js)$|Jenkinsfile$/.test(file) && statSync(join(root, file)).isFile())
    .sort();
  const picked = new Set<string>();
  while (picked.size < Math.min(FILES, all.length)) picked.add(random.pick(all));
  return [...picked].map((file) => ({ path: relative(root, join(root, file)), text: readFileSync(join(root, file), "utf8") }));
}

const SYNTAX = ["{", "}", "[", "]", ":", "- ", "&a ", "*a", "<<: *a", "${{ ", "}}", '"', "'", "`", "\t", "\u0000", "\r", "\u001b[2J", "#", "\\", "|", ">-", "---\n", "%", "@", "\uFEFF", "\uD800"];

/** One mutation of `text`, named for the failure message. */
function mutate(text: string): { name: string; text: string } {
  const at = Math.floor(Number(`0.${random.digits(6)}`) * text.length);
  const span = Math.floor(text.length / (2 + Number(random.digits(1))));
  switch (random.pick(["delete", "duplicate", "truncate", "syntax", "swap-lines", "nest"] as const)) {
    case "delete":
      return { name: `delete ${span} at ${at}`, text: text.slice(0, at) + text.slice(at + span) };
    case "duplicate":
      return { name: `duplicate ${span} at ${at}`, text: text.slice(0, at + span) + text.slice(at, at + span) + text.slice(at + span) };
    case "truncate":
      return { name: `truncate at ${at}`, text: text.slice(0, at) };
    case "syntax": {
      const inserted = Array.from({ length: 5 }, () => random.pick(SYNTAX)).join("");
      return { name: `insert ${JSON.stringify(inserted)} at ${at}`, text: text.slice(0, at) + inserted + text.slice(at) };
    }
    case "swap-lines": {
      const lines = text.split("\n");
      const i = Math.floor((at / Math.max(text.length, 1)) * lines.length);
      [lines[i], lines[lines.length - 1 - i]] = [lines[lines.length - 1 - i], lines[i]];
      return { name: `swap line ${i}`, text: lines.join("\n") };
    }
    case "nest":
      return { name: "nest 300 deep", text: "[".repeat(300) + text + "]".repeat(300) };
  }
}

const yamlErrors = (text: string) => parseAllDocuments(text).reduce((sum, doc) => sum + ("errors" in doc ? doc.errors.length : 1), 0);

/** Plant a token and a password where a value would go (and, on a cut file, wherever the cut left us). */
function plant(text: string, token: string, password: string): string {
  const line = text.indexOf("\n", Math.floor(text.length / 2));
  const at = line === -1 ? text.length : line + 1;
  return `${text.slice(0, at)}          GH_TOKEN: ${token}\n          DB_PASSWORD: "${password}"\n${text.slice(at)}`;
}

describe("fuzz: seeded mutations of real files", function () {
  this.timeout(120_000);
  const files = sample();
  const cases = files.flatMap((file) =>
    Array.from({ length: MUTATIONS }, () => {
      const mutation = mutate(file.text);
      const token = `ghp_${random.chars(36)}`;
      const password = `Zq8v${random.chars(10)}!7`;
      return { file, mutation: mutation.name, text: plant(mutation.text, token, password), token, password };
    }),
  );

  it(`${cases.length} mutated files: no crash, no planted secret in any finding, no fix that breaks YAML that parsed (seed ${SEED})`, async () => {
    let fixesChecked = 0;
    for (const c of cases) {
      const result = await lint([{ path: c.file.path, text: c.text }], { rules: RULES, now: NOW, compactModels: true });
      assert.deepEqual(result.internalErrors, [], `${c.file.path}, ${c.mutation}: ${JSON.stringify(result.internalErrors)}`);
      const out = JSON.stringify([result.findings, result.suppressed]);
      for (const secret of [c.token, c.password]) {
        assert.ok(!out.includes(secret.slice(4)), `${c.file.path}, ${c.mutation}: a finding holds a planted secret`);
      }
      // A fix in a file that parses leaves it parsing. (In a broken one the parser's recovery, not the
      // fix, decides how many errors it counts.)
      if (!/\.ya?ml$/.test(c.file.path) || yamlErrors(c.text) > 0) continue;
      for (const finding of result.findings) {
        const edits = finding.fixes[0]?.edits.filter((edit) => edit.path === c.file.path && !edit.createFile);
        if (!edits?.length) continue;
        fixesChecked++;
        assert.equal(yamlErrors(applyEdits(c.text, edits)), 0, `${c.file.path}, ${c.mutation}: the ${finding.ruleId} fix breaks the YAML`);
      }
    }
    assert.ok(fixesChecked > 0, "no fix was checked");
  });

  it("every output format of the CLI over all of them holds no planted secret", async () => {
    const repo = new TempRepo();
    try {
      cases.forEach((c, i) => repo.write(`fuzz/${i}/${c.file.path}`, c.text));
      // Formats that carry fingerprints derive each planted secret slowly (0.1 s each, by design):
      // they read a tenth of the files, the others all of them.
      const some = cases.slice(0, Math.ceil(cases.length / 10)).map((_, i) => `fuzz/${i}`);
      for (const format of ["stylish", "json", "sarif", "github", "gitlab"]) {
        const paths = format === "stylish" || format === "github" ? [] : some;
        const run = await repo.nhilint("--format", format, "--show-suppressed", ...paths);
        assert.ok(run.code === 0 || run.code === 1, `${format}: exit ${run.code}: ${run.stderr.slice(0, 500)}`);
        const out = run.stdout + run.stderr;
        assert.doesNotMatch(out, /internal error/, format);
        for (const c of cases) {
          for (const secret of [c.token, c.password]) assert.ok(!out.includes(secret.slice(4)), `${format}: ${c.file.path}, ${c.mutation}: a planted secret was printed`);
        }
      }
    } finally {
      repo.remove();
    }
  });
});
