// The keyword prefilter only saves time: findings are identical with it on and off.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { SourceFile } from "../../linter-core/index.js";
import { mayMatch, registerKeywords, setPrefilter } from "../../linter-core/secrets/prefilter.js";
import { CORPUS, FakeSecrets, lintFiles, ROOT } from "../helpers.js";

function filesUnder(folder: string, root: string): SourceFile[] {
  return (readdirSync(folder, { recursive: true }) as string[])
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path: relative(root, path), text: readFileSync(path, "utf8") }));
}

async function compare(files: SourceFile[]): Promise<number> {
  const summary = async () => (await lintFiles(files, { wholeWorkspace: true })).findings.map((f) => `${f.path}:${f.span.start}-${f.span.end} ${f.ruleId} ${f.fingerprint}`);
  setPrefilter(false);
  const without = await summary();
  setPrefilter(true);
  const withPrefilter = await summary();
  assert.deepEqual(withPrefilter, without);
  return without.length;
}

describe("keyword prefilter", () => {
  afterEach(() => setPrefilter(true));

  it("its one-pass automaton answers as includes() would, keywords overlapping or not, in any case", () => {
    const fake = new FakeSecrets(77);
    // Overlapping and nested keywords (he/she/hers, s./hvs.), and random short ones.
    const keywords = ["he", "she", "his", "hers", "s.", "hvs.", "ey", "key-", "xoxe", "_authtoken", ...Array.from({ length: 60 }, () => fake.chars(2 + (fake.digits(1).charCodeAt(0) % 4), "abcdehksy._-~:"))];
    registerKeywords(keywords);
    for (let round = 0; round < 300; round++) {
      const text = fake.chars(40, "abcdehksyABCDEHKSY._-~: \né");
      for (const keyword of keywords) assert.equal(mayMatch(text, [keyword]), text.toLowerCase().includes(keyword.toLowerCase()), `${JSON.stringify(keyword)} in ${JSON.stringify(text)}`);
    }
  });

  it("changes no finding on the bundled examples", async () => {
    const count = await compare(filesUnder(join(ROOT, "examples"), ROOT));
    assert.ok(count > 20, `the examples should have findings, got ${count}`);
  });

  it("changes no finding on the public corpus (when ../shared/corpus is present)", async function () {
    if (!existsSync(CORPUS)) {
      console.log("      (skipped: ../shared/corpus is not present on this machine)");
      this.skip();
    }
    this.timeout(180_000);
    await compare(filesUnder(CORPUS, CORPUS));
  });
});
