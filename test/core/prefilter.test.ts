// The keyword prefilter only saves time: findings are identical with it on and off.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { SourceFile } from "../../linter-core/index.js";
import { keywordsFoundIn, mayMatch, registerKeywords, setPrefilter } from "../../linter-core/secrets/prefilter.js";
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
      // The list the detectors dispatch on: each keyword the text holds, once, and no other.
      const listed = keywordsFoundIn(`${text} `).filter((keyword) => keywords.includes(keyword));
      assert.deepEqual([...listed].sort(), [...new Set(keywords)].filter((keyword) => `${text} `.toLowerCase().includes(keyword)).sort(), JSON.stringify(text));
    }
    // The whole list, not only these keywords: each entry a registered keyword the text holds, once.
    const everyListed = keywordsFoundIn("xoxe he hers _AuthToken");
    assert.equal(new Set(everyListed).size, everyListed.length, everyListed.join());
    assert.ok(everyListed.every((keyword) => typeof keyword === "string" && keyword !== "" && "xoxe he hers _authtoken".includes(keyword)), everyListed.join());
    assert.ok(["xoxe", "he", "hers", "_authtoken"].every((keyword) => everyListed.includes(keyword)), everyListed.join());
    assert.deepEqual(keywordsFoundIn("\u00e9\u00e9 \n"), []);
    setPrefilter(false);
    assert.ok(keywords.every((keyword) => keywordsFoundIn("").includes(keyword)), "with the prefilter off, every keyword is listed");
    assert.equal(mayMatch("", ["he"]), true, "with the prefilter off, every detector runs");
  });

  it("ignores an empty keyword (it would occur in every text)", () => {
    registerKeywords(["", "zqx-empty-test"]);
    assert.ok(!keywordsFoundIn("abc zqx-empty-test").includes(""));
    assert.deepEqual(keywordsFoundIn("abc zqx-empty-test").filter((k) => k.startsWith("zqx")), ["zqx-empty-test"]);
    assert.equal(mayMatch("abc", [""]), false);
  });

  it("changes no finding on the bundled examples", async () => {
    const count = await compare(filesUnder(join(ROOT, "examples"), ROOT));
    assert.ok(count > 20, `the examples should have findings, got ${count}`);
  });

  // Linting the whole corpus twice takes 15 s; a fixed third of it (every third file, sorted) keeps the suite
  // under a minute. NHILINT_CORPUS=all compares every file.
  it("changes no finding on the public corpus (when ../shared/corpus is present)", async function () {
    if (!existsSync(CORPUS)) {
      console.log("      (skipped: ../shared/corpus is not present on this machine)");
      this.skip();
    }
    this.timeout(180_000);
    const files = filesUnder(CORPUS, CORPUS).sort((a, b) => (a.path < b.path ? -1 : 1));
    const share = process.env.NHILINT_CORPUS === "all" ? files : files.filter((_, i) => i % 3 === 0);
    const count = await compare(share);
    assert.ok(count > 100, `the corpus should have findings, got ${count}`);
  });
});

describe("base64 runs (the encoded-token scan)", () => {
  it("finds what the regex it replaces finds, on random text over the characters that matter", async () => {
    const { base64Runs } = await import("../../linter-core/secrets/detect.js");
    const regex = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/_-])/g;
    const fake = new FakeSecrets(64);
    // (Stretches of 1 to 40, so runs of 23, 24 and 25 come up; a separator may open the text; the
    // characters either side of ASCII's end, U+007F and U+0080, break a run.)
    const SEPARATORS = ["=", "==", "===", "_", "-", " ", "\n", "é", ":", "=A", "=_", "\u007f", "\u0080"];
    for (let round = 0; round < 1000; round++) {
      // Long base64-ish stretches broken by the characters the boundaries care about.
      const stretches = Array.from({ length: 6 }, () => fake.chars(1 + fake.below(40), "ABCab01+/") + fake.pick(SEPARATORS));
      const text = (fake.below(2) === 0 ? fake.pick(SEPARATORS) : "") + stretches.join("");
      const expected = [...text.matchAll(regex)].map((m) => [m.index!, m.index! + m[0].length]);
      assert.deepEqual(base64Runs(text).map((r) => [r.start, r.end]), expected, JSON.stringify(text));
    }
  });
});
