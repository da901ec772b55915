// Every platform's model over every cut of a real file: the bundled examples (one per platform),
// truncated at each line and mid-line, and with each line dropped. Half-written files are what the
// editor lints on every keystroke: none may crash a rule or the model (an internal error).
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { platformFor } from "../../linter-core/platforms/index.js";
import { lintFiles, ROOT } from "../helpers.js";

const EXAMPLES = join(ROOT, "examples");
const files = (readdirSync(EXAMPLES, { recursive: true }) as string[])
  .filter((file) => statSync(join(EXAMPLES, file)).isFile() && !/README|nhi-inventory|\.nhilint/.test(file))
  .sort()
  .map((file) => ({ path: relative(EXAMPLES, join(EXAMPLES, file)).split("\\").join("/"), text: readFileSync(join(EXAMPLES, file), "utf8") }));

/** The file cut after each line, in the middle of each line, and without each line. */
function cuts(text: string): string[] {
  const lines = text.split("\n");
  const result: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const before = lines.slice(0, i).join("\n");
    result.push(before, `${before}${i > 0 ? "\n" : ""}${lines[i].slice(0, Math.ceil(lines[i].length / 2))}`, [...lines.slice(0, i), ...lines.slice(i + 1)].join("\n"));
  }
  return result;
}

describe("platforms: every cut of a real file lints without an internal error", function () {
  this.timeout(60_000);
  for (const file of files) {
    it(`${file.path} (${platformFor(file.path, file.text).id})`, async () => {
      const variants = cuts(file.text);
      // One lint over all variants at once, each under its own name that the same platform claims.
      const platform = platformFor(file.path, file.text).id;
      const named = [(i: number) => `cut${i}/${file.path}`, (i: number) => file.path.replace(/(\.[^./]+)$/, `-cut${i}$1`)].find((name) => platformFor(name(1), file.text).id === platform)!;
      assert.ok(named, `a name for the cuts of ${file.path} that ${platform} claims`);
      const result = await lintFiles(variants.map((text, i) => ({ path: named(i), text })));
      assert.deepEqual(result.internalErrors, [], file.path);
    });
  }
});
