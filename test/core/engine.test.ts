// The engine's own promises, in-process: misused suppressions are findings, a failing rule is named
// and the run goes on, settings apply, compact models change no finding, findings come in order.
import assert from "node:assert/strict";
import { DEFAULT_CONFIG, lint, type SourceFile } from "../../linter-core/index.js";
import { fingerprint } from "../../linter-core/fingerprint.js";
import { platformFor } from "../../linter-core/platforms/index.js";
import type { Rule } from "../../linter-core/rule.js";
import { RULES } from "../../rules/index.js";
import { FakeSecrets, lintFiles, NOW } from "../helpers.js";

const token = `ghp_${new FakeSecrets(4242).chars(36)}`;
const workflow = (env: string) => `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        env:\n${env}`;
const run = (files: SourceFile[], options: Partial<Parameters<typeof lint>[1]> = {}) => lint(files, { rules: RULES, now: NOW, ...options });

describe("engine", () => {
  it("a misused suppression is a finding that says how to fix it; a good one accepts its line's finding", async () => {
    const text = workflow(
      [
        "          # nhilint-disable-next-line",
        `          A: ${token}`,
        "          # nhilint-disable-next-line no-such-rule -- why",
        "          B: x",
        "          # nhilint-disable-next-line hardcoded-secret",
        `          C: ${token}`,
        "          # nhilint-disable-next-line hardcoded-secret -- nothing here",
        "          D: plain",
        "          # nhilint-disable-next-line hardcoded-secret -- a fixture",
        `          E: ${token}`,
        "",
      ].join("\n"),
    );
    const result = await run([{ path: ".github/workflows/a.yml", text }]);
    const invalid = result.findings.filter((f) => f.ruleId === "invalid-suppression").map((f) => `${f.start.line}: ${f.message}`);
    assert.deepEqual(invalid, [
      "10: nhilint-disable-next-line needs the rule id it silences",
      "12: unknown rule id no-such-rule in nhilint-disable-next-line",
      "14: a suppression needs a reason: nhilint-disable-next-line RULE -- why this is acceptable",
      "16: this suppression of hardcoded-secret matches no finding on the next line: remove it",
    ]);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.start.line), [11, 15], "A and C stay: their suppressions silence nothing");
    assert.deepEqual(result.suppressed.map((f) => [f.start.line, f.suppression?.justification]), [[19, "a fixture"]]);
    assert.ok(result.findings.every((f) => f.severity === "error" || f.ruleId !== "hardcoded-secret"));
    assert.ok(result.findings.filter((f) => f.ruleId === "invalid-suppression").every((f) => f.severity === "warning"));
  });

  it("a rule that throws is named in internalErrors; the other rules and files still run", async () => {
    const boom: Rule = { meta: { id: "boom", description: "", defaultSeverity: "error", owasp: [], nist: [], hasFixes: false }, checkFile: () => { throw new Error("kaput\nstack line"); } };
    const deep: Rule = { meta: { id: "deep", description: "", defaultSeverity: "error", owasp: [], nist: [], hasFixes: false }, checkWorkspace: () => { throw new RangeError("Maximum call stack size exceeded"); } };
    const result = await run([{ path: ".github/workflows/a.yml", text: workflow(`          K: ${token}\n`) }, { path: "b.yml", text: `k: ${token}\n` }], { rules: [...RULES, boom, deep] });
    assert.deepEqual(result.internalErrors, [
      { path: ".github/workflows/a.yml", message: "rule boom failed: kaput" },
      { path: "b.yml", message: "rule boom failed: kaput" },
      { path: "nhi-inventory.yaml", message: "rule deep failed: input too deeply nested or too large" },
    ]);
    assert.equal(result.findings.filter((f) => f.ruleId === "hardcoded-secret").length, 2);
  });

  it("a secret detector that throws on a model (zod's `{ constructor: … }` once did) is named in internalErrors; the file is read again as plain text, the run goes on", async () => {
    const broken = { path: ".github/workflows/a.yml", text: workflow(`          K: ${token}\n`) };
    // A rule before hardcoded-secret breaks the model as an internal bug would: a key that is no string.
    const breaker: Rule = {
      meta: { id: "breaker", description: "", defaultSeverity: "error", owasp: [], nist: [], hasFixes: false },
      checkFile: (context) => {
        if (context.file.path === broken.path) for (const literal of context.file.literals) (literal as { key: unknown }).key = Object;
      },
    };
    const result = await run([broken, { path: "b.yml", text: `k: ${token}\n` }], { rules: [breaker, ...RULES] });
    assert.deepEqual(
      result.internalErrors.map((e) => [e.path, e.message.replace(/: .*/, "")]),
      [
        [broken.path, "rule hardcoded-secret failed"],
        [broken.path, "could not be linted"],
      ],
    );
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.path).sort(), [broken.path, "b.yml"]);
  });

  it("a platform whose reading throws: named, the file's secrets found in its plain text, the other files linted; with hardcoded-secret off its secrets still redact every output", async () => {
    const broken = { path: "docker-compose.yml", text: `services:\n  app:\n    environment:\n      TOKEN: ${token}\n` };
    const platform = platformFor(broken.path, broken.text) as { id: string; buildModel: (path: string, text: string) => unknown };
    assert.equal(platform.id, "docker-compose");
    const reading = platform.buildModel;
    platform.buildModel = async () => {
      throw new Error("a reader's bug");
    };
    try {
      const result = await run([broken, { path: "b.yml", text: "k: v\n" }]);
      assert.deepEqual(result.internalErrors, [{ path: broken.path, message: "could not be linted: a reader's bug" }]);
      assert.deepEqual(result.files.map((f) => f.path), ["b.yml"]);
      assert.deepEqual(result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.path), [broken.path]);
      const off = await run([broken], { config: { ...DEFAULT_CONFIG, rules: { "hardcoded-secret": "off" } } });
      assert.deepEqual(off.findings.filter((f) => f.ruleId === "hardcoded-secret"), []);
      assert.equal(off.redact(`the token ${token} here`).includes(token), false);
      // The plain-text reading failing too (the last resort: here its detectors, on a model they
      // cannot read) costs that file's secrets, not the run.
      const plain = platformFor("notes.txt", "") as typeof platform;
      assert.equal(plain.id, "text");
      const plainReading = plain.buildModel;
      plain.buildModel = async (path, text) =>
        Object.defineProperty(await plainReading(path, text), "literals", {
          get: () => {
            throw new Error("a detector's bug");
          },
        });
      try {
        const worse = await run([broken, { path: "b.yml", text: `k: ${token}\n` }]);
        assert.deepEqual(worse.internalErrors, [{ path: broken.path, message: "could not be linted: a reader's bug" }]);
        assert.deepEqual(worse.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.path), ["b.yml"]);
      } finally {
        plain.buildModel = plainReading;
      }
    } finally {
      platform.buildModel = reading;
    }
  });

  it("applies the config: ignored paths are not linted, a severity is overridden, a rule turned off reports nothing", async () => {
    const files = [{ path: ".github/workflows/a.yml", text: workflow(`          K: ${token}\n`) }, { path: "fixtures/b.yml", text: `k: ${token}\n` }];
    const result = await run(files, { config: { ...DEFAULT_CONFIG, ignore: ["fixtures/"], rules: { "hardcoded-secret": "warning" } } });
    assert.deepEqual(result.files.map((f) => f.path), [".github/workflows/a.yml"]);
    // Counted, so a face can say a path it was given was ignored rather than clean.
    assert.equal(result.ignoredByConfig, 1);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.path, f.severity]), [[".github/workflows/a.yml", "warning"]]);
    const off = await run(files, { config: { ...DEFAULT_CONFIG, rules: { "hardcoded-secret": "off" } } });
    assert.equal(off.ignoredByConfig, 0);
    assert.equal(off.findings.filter((f) => f.ruleId === "hardcoded-secret").length, 0);
  });

  it("a file read lazily that turns out not to be text (its text undefined) is not linted; each text is read once", async () => {
    let reads = 0;
    const lazy = (path: string, text: string | undefined) => ({
      path,
      get text() {
        reads++;
        return text;
      },
    });
    const result = await lint([lazy(".github/workflows/bin.yml", undefined), lazy(".github/workflows/a.yml", workflow(`          K: ${token}\n`))], { rules: RULES, now: NOW });
    assert.equal(reads, 2);
    assert.deepEqual(result.files.map((f) => f.path), [".github/workflows/a.yml"]);
    assert.deepEqual([...new Set(result.findings.map((f) => f.path))], [".github/workflows/a.yml"]);
    // Not text is not "ignored by the config".
    assert.equal(result.ignoredByConfig, 0);
  });

  it("compact models (the CLI's memory saver) change no finding, and keep only what the workspace rules read", async () => {
    const files = [
      { path: ".github/workflows/a.yml", text: workflow(`          K: ${token}\n          T: \${{ secrets.DEPLOY_TOKEN }}\n`) },
      { path: ".github/workflows/b.yml", text: workflow("          T: ${{ secrets.DEPLOY_TOKEN }}\n") },
      // Nothing to keep: no finding, no secret, no connector, no job.
      { path: "notes.txt", text: "nothing here\n" },
    ];
    const inventory = { path: "nhi-inventory.yaml", text: "version: 1\nconnectors:\n  - name: DEPLOY_TOKEN\n    owner: o\n    used-by: [.github/workflows/a.yml]\n" };
    const full = await run(files, { inventory, wholeWorkspace: true });
    const compact = await run(files, { inventory, wholeWorkspace: true, compactModels: true });
    const view = (r: typeof full) => r.findings.map((f) => `${f.path}:${f.start.line}:${f.start.column}:${f.ruleId}:${f.message}:${f.fingerprint}`);
    assert.deepEqual(view(compact), view(full));
    const model = compact.models[0].model;
    assert.equal(model.text, "");
    assert.deepEqual(model.literals, []);
    assert.deepEqual(model.jobs.map((j) => [j.id, j.steps.length]), [["a", 0]]);
    assert.equal(model.connectorRefs.length, 1);
  });

  it("findings of file and workspace rules are merged in file, place, then rule order", async () => {
    const workflow = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n";
    const result = await lintFiles([{ path: ".github/workflows/b.yml", text: workflow }, { path: ".github/workflows/a.yml", text: workflow }], { wholeWorkspace: true });
    const perFile = [
      [3, 3, "excessive-permissions"],
      [3, 3, "ungated-privileged-job"],
      [8, 46, "long-lived-cloud-credential"],
      [8, 46, "unowned-connector"],
      [9, 34, "long-lived-cloud-credential"],
      [9, 34, "unowned-connector"],
    ];
    assert.deepEqual(
      result.findings.map((f) => [f.path, f.start.line, f.start.column, f.ruleId]),
      ["a", "b"].flatMap((name) => perFile.map((entry) => [`.github/workflows/${name}.yml`, ...entry])),
    );
  });

  it("findings come sorted by file, then place, then rule; each with a confidence and a list of fixes", async () => {
    // Later files hold their secrets earlier in the text: an order by place alone would differ.
    const files = [
      { path: "z.yml", text: `k: ${token}\n` },
      { path: "m.yml", text: `x: 1\nk: ${token}\n` },
      { path: "a.yml", text: `x: 1\ny: 2\nk: ${token}\n` },
    ];
    for (const order of [files, [...files].reverse(), [files[1], files[0], files[2]]]) {
      const result = await run(order);
      assert.deepEqual(result.findings.map((f) => [f.path, f.start.line]), [["a.yml", 3], ["m.yml", 2], ["z.yml", 1]]);
      for (const finding of result.findings) {
        assert.ok(["high", "medium", "low"].includes(finding.confidence));
        assert.ok(Array.isArray(finding.fixes));
        // A finding of no connector has no `connector` field at all (not one set to undefined).
        assert.equal("connector" in finding, false);
      }
    }
    // At one place, by rule id, whichever order the rules ran in.
    const at = (id: string): Rule => ({ meta: { id, description: id, defaultSeverity: "error", owasp: [], nist: [], hasFixes: false }, checkFile: (context) => context.report({ span: { start: 0, end: 1 }, message: id, identity: id }) });
    for (const rules of [[at("b"), at("a"), at("c")], [at("c"), at("b"), at("a")]]) {
      assert.deepEqual((await lint([{ path: "a.txt", text: "x\n" }], { rules, now: NOW })).findings.map((f) => f.ruleId), ["a", "b", "c"]);
    }
  });
});

describe("engine: severities, core diagnostics and progress", () => {
  it("a finding's severity: the rule's default, the one it reports with, or the config's over both", async () => {
    const rule = (id: string, severity?: "warning"): Rule => ({
      meta: { id, description: id, defaultSeverity: "error", owasp: [], nist: [], hasFixes: false },
      checkFile: (context) => context.report({ span: { start: 0, end: 1 }, message: id, identity: id, ...(severity && { severity }) }),
    });
    const rules = [rule("plain"), rule("own", "warning"), rule("set")];
    const result = await lint([{ path: "a.txt", text: "x\n" }], { rules, now: NOW, config: { ...DEFAULT_CONFIG, rules: { set: "warning" } } });
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.severity]), [["own", "warning"], ["plain", "error"], ["set", "warning"]]);
  });

  it("a core diagnostic turned off (parse-error: off) reports nothing; on, it names the platform and quotes the parser", async () => {
    const broken = { path: ".github/workflows/a.yml", text: "on: push\njobs: [\n" };
    const on = (await run([broken])).findings.filter((f) => f.ruleId === "parse-error");
    assert.equal(on.length, 1);
    assert.match(on[0].message, /^GitHub Actions could not be parsed: [^]*[^.]\. Its secrets were looked for as in plain text; its connectors could not be read\.$/);
    const off = await run([broken], { config: { ...DEFAULT_CONFIG, rules: { "parse-error": "off" } } });
    assert.deepEqual(off.findings.filter((f) => f.ruleId === "parse-error"), []);
  });

  it("progress counts every file once, ignored ones too, and ends at the total", async () => {
    const calls: string[] = [];
    const files = [{ path: "a.yml", text: "a: 1\n" }, { path: "skip/b.yml", text: "b: 1\n" }, { path: "c.yml", text: "c: 1\n" }];
    await run(files, { config: { ...DEFAULT_CONFIG, ignore: ["skip/"] }, onProgress: (done, total) => calls.push(`${done}/${total}`) });
    assert.deepEqual(calls, ["1/3", "2/3", "3/3"]);
  });
});

describe("engine: which files a finding may land on, and the cache's key", () => {
  const inventoryText = "version: 2\nconnectors:\n  - name: UNUSED_TOKEN\n    owner: '@a'\n    purpose: p\n    expires: 2030-01-01\n";
  it("the inventory's problems and the workspace rules' findings on it are reported only when the inventory is among the files linted (a hook run of one workflow says nothing of it)", async () => {
    const wf = { path: ".github/workflows/a.yml", text: workflow("          K: ${{ secrets.OTHER_TOKEN }}\n") };
    const inventory = { path: "nhi-inventory.yaml", text: inventoryText };
    const alone = await run([wf], { inventory, wholeWorkspace: true });
    assert.deepEqual(alone.findings.filter((f) => f.path === "nhi-inventory.yaml"), []);
    const both = await run([wf, inventory], { inventory, wholeWorkspace: true });
    assert.ok(both.findings.some((f) => f.path === "nhi-inventory.yaml" && f.ruleId === "invalid-inventory"));
    assert.ok(both.findings.some((f) => f.path === "nhi-inventory.yaml" && f.ruleId !== "invalid-inventory"));
  });

  it("a suppression accepts its rule's finding on a line that holds another rule's finding too; each unknown id is named", async () => {
    // Both rules' findings, each way round (which rule reports first must not matter).
    for (const [silenced, kept] of [["hardcoded-secret", "unowned-connector"], ["unowned-connector", "hardcoded-secret"]]) {
      const text = workflow(`          # nhilint-disable-next-line ${silenced} -- tracked elsewhere\n          K: \${{ secrets.DEPLOY_TOKEN }} ${token}\n`);
      const result = await run([{ path: ".github/workflows/a.yml", text }]);
      assert.deepEqual(result.suppressed.map((f) => f.ruleId), [silenced]);
      assert.ok(result.findings.some((f) => f.ruleId === kept && f.start.line === 11), kept);
    }
    const text = workflow("          # nhilint-disable-next-line nope, nada -- why\n          L: x\n");
    const result = await run([{ path: ".github/workflows/a.yml", text }]);
    assert.ok(result.findings.some((f) => f.message === "unknown rule id nope, nada in nhilint-disable-next-line"));
  });

  it("a cache is keyed by the rules that run too: the same files with fewer rules give fewer findings, and a run with no inventory keeps it", async () => {
    const { createLintCache } = await import("../../linter-core/index.js");
    const cache = createLintCache();
    const files = [{ path: ".github/workflows/a.yml", text: workflow(`          K: ${token}\n`) }];
    const all = await run(files, { cache });
    const fewer = await run(files, { cache, rules: RULES.filter((rule) => rule.meta.id !== "hardcoded-secret") });
    assert.ok(all.findings.some((f) => f.ruleId === "hardcoded-secret"));
    assert.ok(!fewer.findings.some((f) => f.ruleId === "hardcoded-secret"));
  });
});

describe("engine: project roots, parse errors, and fingerprints that survive edits", () => {
  it("a folder named as a project root reads its own .github/workflows; the longest root holding a file wins; `.` and `` are the repository", async () => {
    const text = workflow(`          K: \${{ secrets.DEPLOY_TOKEN }}\n`);
    const files = [{ path: "vendor/acme/.github/workflows/ci.yml", text }, { path: "vendor/acme/sub/.github/workflows/ci.yml", text }, { path: ".github/workflows/ci.yml", text }];
    const platforms = async (projectRoots?: string[]) => (await run(files, { projectRoots })).files.map((f) => f.platform);
    assert.deepEqual(await platforms(), ["yaml", "yaml", "github-actions"]);
    assert.deepEqual(await platforms(["vendor/acme", "vendor/acme/sub", ".", ""]), ["github-actions", "github-actions", "github-actions"]);
    assert.deepEqual(await platforms(["vendor/acme/sub"]), ["yaml", "github-actions", "github-actions"]);
  });

  it("only a file's first parse error is reported: the rest usually follow from it", async () => {
    const result = await run([{ path: ".github/workflows/a.yml", text: "on: push\njobs: [\n  a: {\nb: ]\n" }]);
    assert.ok(result.models[0].model.parseErrors.length > 1);
    assert.equal(result.findings.filter((f) => f.ruleId === "parse-error").length, 1);
  });

  it("a connector named by a secret is dropped; the file's other connectors stay", async () => {
    const text = workflow(`          A: \${{ secrets.${token} }}\n          B: \${{ secrets.DEPLOY_TOKEN }}\n`);
    const result = await run([{ path: ".github/workflows/a.yml", text }]);
    assert.deepEqual(result.models[0].model.connectorRefs.map((ref) => ref.name), ["DEPLOY_TOKEN"]);
  });

  it("a secret's fingerprint does not change when the file's other secrets do (up to POOLED_ABOVE of them), nor when a pooled file's lines move", async () => {
    const { POOLED_ABOVE } = await import("../../linter-core/fingerprint.js");
    const secrets = Array.from({ length: POOLED_ABOVE + 1 }, (_, i) => `ghp_${new FakeSecrets(900 + i).chars(36)}`);
    const fingerprints = async (values: string[]) => {
      const text = workflow(values.map((value, i) => `          K${i}: ${value}\n`).join(""));
      const result = await run([{ path: ".github/workflows/a.yml", text }], { secretFingerprints: { salt: "s", iterations: 1 } });
      return new Map(result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.start.line, f.fingerprint]));
    };
    // POOLED_ABOVE values: each derived alone; one changed leaves the others' fingerprints.
    const some = secrets.slice(0, POOLED_ABOVE);
    const before = await fingerprints(some);
    const after = await fingerprints([...some.slice(0, -1), secrets[POOLED_ABOVE]]);
    assert.equal(before.size, POOLED_ABOVE);
    for (let line = 10; line < 10 + POOLED_ABOVE - 1; line++) assert.equal(after.get(line), before.get(line), `line ${line}`);
    // One more: pooled; the same values in another order, the same fingerprints.
    const forward = [...(await fingerprints(secrets)).values()].sort();
    const backward = [...(await fingerprints([...secrets].reverse())).values()].sort();
    assert.deepEqual(backward, forward);
  });
});

describe("engine: what every finding carries, and in what order", () => {
  it("the same finding more than once in a file: each its own fingerprint, and the first keeps the one it had alone (copies added below change nothing above)", async () => {
    // A rule reporting one identity at each line starting `x` (as a rule does for the same thing written twice).
    const twice: Rule = {
      meta: { id: "same-thing", description: "", defaultSeverity: "warning", owasp: [], nist: [], hasFixes: false },
      checkFile: (context) => {
        for (const match of context.file.text.matchAll(/^x/gm)) context.report({ span: { start: match.index, end: match.index + 1 }, message: "x", identity: "x", help: "Write something other than x." });
      },
    };
    const prints = async (lines: number, rule = twice) => (await run([{ path: "notes.txt", text: "x\n".repeat(lines) }], { rules: [rule] })).findings.map((f) => f.fingerprint);
    const [alone] = await prints(1);
    const three = await prints(3);
    assert.equal(new Set(three).size, 3, "three fingerprints");
    assert.equal(three[0], alone);
    assert.deepEqual(await prints(2), three.slice(0, 2), "the second keeps its own when a third comes");
    // Numbered from the top of the file, whatever order the rule reports in; `#2`, `#3` as baselines written before hold them.
    const upwards: Rule = { ...twice, checkFile: (context) => { for (const match of [...context.file.text.matchAll(/^x/gm)].reverse()) context.report({ span: { start: match.index, end: match.index + 1 }, message: "x", identity: "x", help: "Write something other than x." }); } };
    assert.deepEqual(await prints(3, upwards), three);
    assert.deepEqual(three, [await fingerprint("same-thing", "notes.txt", "x"), await fingerprint("same-thing", "notes.txt", "x\u0000#2"), await fingerprint("same-thing", "notes.txt", "x\u0000#3")]);
  });

  it("findings come by path, then place, then rule id; a rule that says no confidence and no fixes gives `high` and none", async () => {
    const plain: Rule = {
      meta: { id: "a-plain-rule", description: "", defaultSeverity: "warning", owasp: [], nist: [], hasFixes: false },
      checkFile: (context) => context.report({ span: { start: 0, end: 2 }, message: "plain", identity: "plain", help: "Do nothing about it at all." }),
    };
    const files = [
      { path: "z/.github/workflows/b.yml", text: workflow(`          K: ${token}\n`) },
      { path: ".github/workflows/a.yml", text: workflow(`          K: ${token}\n          L: ${token}\n`) },
    ];
    const { findings } = await run(files, { rules: [...RULES, plain] });
    const order = findings.map((f) => `${f.path}:${f.start.line}:${f.ruleId}`);
    assert.deepEqual(order, [...order].sort((a, b) => {
      const [pa, la, ra] = a.split(":");
      const [pb, lb, rb] = b.split(":");
      return pa < pb ? -1 : pa > pb ? 1 : Number(la) - Number(lb) || (ra < rb ? -1 : ra > rb ? 1 : 0);
    }));
    assert.equal(order[0], ".github/workflows/a.yml:1:a-plain-rule");
    assert.equal(order.at(-1)?.startsWith("z/.github/workflows/b.yml:"), true);
    assert.equal(findings.filter((f) => f.path === ".github/workflows/a.yml" && f.ruleId === "hardcoded-secret").length, 2);
    const mine = findings.find((f) => f.ruleId === "a-plain-rule")!;
    assert.equal(mine.confidence, "high");
    assert.deepEqual(mine.fixes, []);
  });

  it("a suppression naming several rules that silences nothing names them all", async () => {
    const text = workflow("          # nhilint-disable-next-line hardcoded-secret, unowned-connector -- nothing here\n          D: plain\n");
    const [invalid] = (await run([{ path: ".github/workflows/a.yml", text }])).findings.filter((f) => f.ruleId === "invalid-suppression");
    assert.match(invalid.message, /^this suppression of hardcoded-secret, unowned-connector matches no finding on the next line/);
  });

  it("records no file uses are reported only by a run over the whole workspace (a run over some files cannot know)", async () => {
    const inventory = { path: "nhi-inventory.yaml", text: 'version: 1\nconnectors:\n  - name: OLD_TOKEN\n    kind: secret\n    owner: "@acme/ops"\n    purpose: Old\n    expires: 2030-01-01\n' };
    const files = [{ path: ".github/workflows/a.yml", text: workflow("          K: plain\n") }, inventory];
    const stale = async (options: Partial<Parameters<typeof lint>[1]>) => (await run(files, { inventory, ...options })).findings.filter((f) => f.ruleId === "stale-connector").map((f) => f.connector);
    assert.deepEqual(await stale({}), []);
    assert.deepEqual(await stale({ wholeWorkspace: true }), ["OLD_TOKEN"]);
  });
});
