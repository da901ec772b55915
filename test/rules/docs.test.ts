// Every rule and core diagnostic has its docs page (what, why, bad, good, how to fix) and its tests,
// like ESLint's checkRuleFiles.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CORE_DIAGNOSTICS } from "../../linter-core/index.js";
import { RULES } from "../../rules/index.js";
import { ROOT } from "../helpers.js";

describe("rule files", () => {
  for (const rule of RULES) {
    const id = rule.meta.id;
    it(`${id}: has docs with what, why (OWASP and NIST), bad, good and how to fix; tests; a README entry`, () => {
      const docs = join(ROOT, "docs", "rules", `${id}.md`);
      assert.ok(existsSync(docs), `missing docs/rules/${id}.md`);
      const text = readFileSync(docs, "utf8");
      for (const heading of ["## What it flags", "## Why", "## Bad", "## Good", "## How to fix"]) assert.ok(text.includes(heading), `${id}.md lacks "${heading}"`);
      for (const owasp of rule.meta.owasp) assert.ok(text.includes(owasp), `${id}.md does not name ${owasp}`);
      for (const nist of rule.meta.nist) assert.ok(text.includes(nist), `${id}.md does not name ${nist}`);
      assert.ok(existsSync(join(ROOT, "test", "rules", `${id}.test.ts`)), `missing test/rules/${id}.test.ts`);
      assert.ok(existsSync(join(ROOT, "rules", `${id}.ts`)), `missing rules/${id}.ts`);
      assert.ok(readFileSync(join(ROOT, "README.md"), "utf8").includes(`docs/rules/${id}.md`), `README does not link ${id}`);
    });
  }
  for (const id of Object.keys(CORE_DIAGNOSTICS)) {
    it(`${id}: core diagnostic has a docs page`, () => {
      assert.ok(existsSync(join(ROOT, "docs", "rules", `${id}.md`)));
    });
  }
});

describe("docs/credential-formats.md", () => {
  it("is what scripts/formats-doc.mjs renders from the format table (regenerate it after changing the table)", async () => {
    const { render } = (await import(join(ROOT, "scripts", "formats-doc.mjs"))) as { render: () => Promise<string> };
    assert.equal(readFileSync(join(ROOT, "docs", "credential-formats.md"), "utf8"), await render());
  });
});
