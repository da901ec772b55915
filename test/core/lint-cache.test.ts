// The editor's incremental relint: a file whose text and context are unchanged is not parsed again,
// yet every run's findings equal a run from scratch (workspace rules, suppressions, deleted files).
import assert from "node:assert/strict";
import { createLintCache, lint } from "../../linter-core/index.js";
import { platformFor } from "../../linter-core/platforms/index.js";
import { RULES } from "../../rules/index.js";
import { FakeSecrets, NOW } from "../helpers.js";

const token = `ghp_${new FakeSecrets(808).chars(36)}`;
const workflow = (secret: string, extra = "") => `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        env:\n          T: \${{ secrets.${secret} }}\n${extra}`;
const inventory = (names: string[]) => ({ path: "nhi-inventory.yaml", text: `version: 1\nconnectors:\n${names.map((n) => `  - name: ${n}\n    kind: secret\n    owner: "@a"\n    purpose: p\n    expires: 2099-01-01\n`).join("")}` });

const summary = (result: Awaited<ReturnType<typeof lint>>) => result.findings.map((f) => `${f.path}:${f.start.line}:${f.ruleId}:${f.message}:${f.fingerprint}`).sort();

describe("lint cache (incremental relint)", () => {
  const base = (inv = inventory(["A", "B"])) => ({ rules: RULES, now: NOW, wholeWorkspace: true, inventory: inv, config: undefined });

  it("parses only the file that changed, and the findings equal a run from scratch", async () => {
    const cache = createLintCache();
    const files = [
      { path: ".github/workflows/a.yml", text: workflow("A") },
      { path: ".github/workflows/b.yml", text: workflow("B") },
    ];
    await lint(files, { ...base(), cache });
    const models = () => [...cache.files.values()].map((f) => f.pass.entry?.model);
    const before = models();
    const changed = [files[0], { path: files[1].path, text: workflow("B", `      - run: echo\n        env:\n          K: ${token}\n`) }];
    const cached = await lint(changed, { ...base(), cache });
    const after = models();
    assert.equal(after[0], before[0], "the unchanged file's model is reused");
    assert.notEqual(after[1], before[1], "the changed file is parsed again");
    assert.deepEqual(summary(cached), summary(await lint(changed, base())));
    assert.ok(summary(cached).some((line) => line.includes("hardcoded-secret")));
  });

  it("judges every file again when the inventory changes (file rules read it)", async () => {
    const cache = createLintCache();
    const files = [{ path: ".github/workflows/a.yml", text: workflow("C") }];
    const first = await lint(files, { ...base(inventory(["A"])), cache });
    assert.ok(summary(first).some((line) => line.includes("unowned-connector")));
    const second = await lint(files, { ...base(inventory(["A", "C"])), cache });
    assert.deepEqual(summary(second), summary(await lint(files, base(inventory(["A", "C"])))));
    assert.ok(!summary(second).some((line) => line.includes("unowned-connector")));
  });

  it("forgets deleted files: a record only they used becomes stale", async () => {
    const cache = createLintCache();
    const files = [
      inventory(["A", "B"]),
      { path: ".github/workflows/a.yml", text: workflow("A") },
      { path: ".github/workflows/b.yml", text: workflow("B") },
    ];
    const before = await lint(files, { ...base(), cache });
    assert.ok(!summary(before).some((line) => line.includes("stale-connector")), summary(before).join("\n"));
    const after = await lint(files.slice(0, 2), { ...base(), cache });
    assert.equal(cache.files.size, 2);
    assert.ok(summary(after).some((line) => line.includes("stale-connector") && line.includes("`B`")), summary(after).join("\n"));
  });

  it("keeps a reused file's suppressions: its finding stays accepted on every run, none reported unused", async () => {
    const cache = createLintCache();
    const text = workflow("A", `      - run: echo\n        env:\n          # nhilint-disable-next-line hardcoded-secret -- a test fixture\n          K: ${token}\n`);
    const files = [{ path: ".github/workflows/a.yml", text }];
    for (let run = 0; run < 3; run++) {
      const result = await lint(files, { ...base(), cache });
      assert.deepEqual(result.findings.filter((f) => f.ruleId === "invalid-suppression"), [], `run ${run}`);
      assert.equal(result.suppressed.filter((f) => f.ruleId === "hardcoded-secret").length, 1, `run ${run}`);
    }
    assert.equal(platformFor(files[0].path, text).id, "github-actions");
  });
});
