// GitHub Actions' model where the rule tests do not look: what an unnamed step is called in every
// message. A name is what a reader sees (the action, or the first plain words of the command) and
// never carries a value: `docker login -p …` stops at `-p`, a URL's user info is dropped.
import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";
import { recognitionByContent, recognitionByPath } from "./suite.js";

describe("platform github-actions: unnamed steps", () => {
  it("are called by their action (user info dropped) or their command's first plain words (comments and blank lines skipped, three at most, none past a long or unusual word), with their place", async () => {
    const text =
      "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n" +
      // nhilint-disable-next-line hardcoded-secret -- a made-up password in an action's URL: no step name may carry it
      "      - uses: docker://bot:s3cretPa55word@ghcr.io/acme/tool:1\n        env:\n          A: ${{ secrets.A_TOKEN }}\n" +
      "      - run: |\n          # log in\n\n          docker login -p \"$PW\" ghcr.io\n        env:\n          PW: ${{ secrets.REGISTRY_PASSWORD }}\n" +
      "      - run: ./a-very-long-script-name-that-goes-on.sh arg\n        env:\n          B: ${{ secrets.B_TOKEN }}\n" +
      "      - run: make build test lint\n        env:\n          D: ${{ secrets.D_TOKEN }}\n" +
      "      - uses: ./local-action\n        with:\n          token: ${{ secrets.C_TOKEN }}\n";
    const result = await lintFiles([{ path: ".github/workflows/ci.yml", text }]);
    const steps = result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => /step `([^`]+)`/.exec(f.message)?.[1]);
    assert.deepEqual(steps, ["docker://ghcr.io/acme/tool:1 (step 1)", "docker login (step 2)", "step 3", "make build test (step 4)", "./local-action (step 5)"]);
    for (const finding of result.findings) assert.ok(!finding.message.includes("s3cretPa55word") && !finding.message.includes("bot:"), finding.message);
  });
});

describe("platform github-actions: the text an expression holds", () => {
  // A string in `${{ … }}` is sent as written: a fallback (`secrets.KEY || '…'`), a branch of a
  // condition, a format's argument. The fix writes `secrets.NAME` in its place, in the expression.
  const key = new FakeSecrets(91).chars(24);
  const workflow = (env: string) => `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env:\n${env}    steps:\n      - run: ./deploy.sh\n`;
  const cases = [
    { line: `      API_KEY: \${{ secrets.API_KEY || '${key}' }}\n`, fixed: "      API_KEY: ${{ secrets.API_KEY || secrets.API_KEY }}\n" },
    { line: `      DEPLOY_TOKEN: \${{ github.ref == 'refs/heads/main' && '${key}' || secrets.DEV_TOKEN }}\n`, fixed: "      DEPLOY_TOKEN: ${{ github.ref == 'refs/heads/main' && secrets.DEPLOY_TOKEN || secrets.DEV_TOKEN }}\n" },
    { line: `      AUTH_HEADER: "\${{ format('Bearer {0}', '${key}') }}"\n`, fixed: "      AUTH_HEADER: \"${{ format('Bearer {0}', secrets.API_TOKEN) }}\"\n" },
    { line: `      AUTH_HEADER: \${{ 'Bearer ${key}' }}\n`, fixed: "      AUTH_HEADER: ${{ format('Bearer {0}', secrets.API_TOKEN) }}\n" },
    { line: `      PARTNER_KEY: \${{ '${key}' }}\n`, fixed: "      PARTNER_KEY: ${{ secrets.PARTNER_KEY }}\n" },
  ];
  for (const { line, fixed } of cases) {
    it(`${line.trim().replace(key, "<key>")}: found where it is written, fixed inside the expression`, async () => {
      const text = workflow(line);
      const found = (await lintFiles([{ path: ".github/workflows/ci.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.equal(found.length, 1, found.map((f) => f.message).join("\n"));
      assert.equal(text.slice(found[0].span.start, found[0].span.end), key);
      assert.equal(applyEdits(text, found[0].fixes[0].edits), workflow(fixed));
    });
  }

  it("the text judged: each `${{ … }}`, a string or format of constants joined to the text around it, names and hashFiles's paths left out", async () => {
    const model = async (value: string) => {
      const text = workflow(`      X_VALUE: ${value}\n`);
      const literal = (await platformFor(".github/workflows/ci.yml", text).buildModel(".github/workflows/ci.yml", text)).literals.find((l) => l.key === "X_VALUE")!;
      return { value: literal.value, texts: literal.texts };
    };
    assert.deepEqual(await model("a-${{ ('b') }}-${{ format ( '{0}{{x}}{1}{3}' , 'c', format('{0}', 'd') ) }}"), { value: "a-b-c{x}d{3}", texts: undefined });
    assert.deepEqual(await model("${{ 'a' }} x ${{ 'b' 'c' }}"), { value: "${{ 'a' }} x ${{ 'b' 'c' }}", texts: ["a x ", "b", "c"] }, "more after a constant: it reads something");
    // (A format string sends only its text between placeholders: `{0}` alone sends nothing of its own.)
    assert.deepEqual(await model("${{ github.event['k'] || hashFiles('a', 'b') || hashFiles('c') && 'd' || format('{0}', github.sha) }}"), { value: "${{ github.event['k'] || hashFiles('a', 'b') || hashFiles('c') && 'd' || format('{0}', github.sha) }}", texts: ["d"] });
    assert.deepEqual(await model("${{ format('{0:yyyyMMdd}-x{1}y', github.sha, github.ref) }}"), { value: "${{ format('{0:yyyyMMdd}-x{1}y', github.sha, github.ref) }}", texts: ["-x", "y"] });
    assert.deepEqual(await model("${{ format(github.ref, '{0}x') }}"), { value: "${{ format(github.ref, '{0}x') }}", texts: ["{0}x"] }, "not format's first argument: no format string");
    assert.deepEqual(await model("${{ format('{0}') }}"), { value: "{0}", texts: undefined }, "a placeholder with no argument stays");
    assert.deepEqual(await model(`\${{ format('{10}{0}', ${Array.from({ length: 11 }, (_, i) => `'${i}'`).join(", ")}) }}`), { value: "100", texts: undefined }, "placeholders of two digits");
    assert.deepEqual(await model("${{ reformat('{0}', 'a') }}"), { value: "${{ reformat('{0}', 'a') }}", texts: ["{0}", "a"] }, "only format itself is a constant");
    assert.deepEqual(await model("${{ xformat('a') }}"), { value: "${{ xformat('a') }}", texts: ["a"] });
    assert.deepEqual(await model("${{ 'a }} b"), { value: "${{ 'a }} b", texts: [" b"] }, "a string never closed ends at the next `}}`");
    assert.deepEqual(await model("${{ 'a }} b' }} c"), { value: "a }} b c", texts: undefined }, "a `}}` inside a string ends nothing");
    const script = workflow("").replace("./deploy.sh", "echo ${{ 'abc' }}");
    const run = (await platformFor(".github/workflows/ci.yml", script).buildModel(".github/workflows/ci.yml", script)).literals.find((l) => l.key === "run")!;
    assert.equal(run.value, "echo ${{ 'abc' }}", "a script is judged as a script");
  });

  it("a default of a shell expansion in a run: the secret is replaced by the stored secret (the job's shell would not have the variable)", async () => {
    const text = workflow("").replace("./deploy.sh", `curl -H "x-api-key: \${API_KEY:-${key}}" https://x`);
    const found = (await lintFiles([{ path: ".github/workflows/ci.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(found.length, 1);
    assert.match(found[0].fixes[0].edits.map((e) => e.text).join(), /^\$\{\{ secrets\.\w+ \}\}$/);
  });

  it("the fix lands in the expression and the string that hold the secret, the text around it kept (braces doubled for format)", async () => {
    const github = `ghp_${new FakeSecrets(93).chars(36)}`;
    for (const [line, fixed] of [
      [`      X_TOKEN: \${{ 'a' }}-\${{ github.ref == 'x' && '${key}' || secrets.K }}\n`, "      X_TOKEN: ${{ 'a' }}-${{ github.ref == 'x' && secrets.X_TOKEN || secrets.K }}\n"],
      [`      X_NOTE: \${{ github.ref == 'main' && 'id {0} ${github} and more' || '' }}\n`, "      X_NOTE: ${{ github.ref == 'main' && format('id {{0}} {0} and more', secrets.GH_PAT) || '' }}\n"],
      [`      X_NOTE: \${{ github.ref == 'main' && '${github} and more' || '' }}\n`, "      X_NOTE: ${{ github.ref == 'main' && format('{0} and more', secrets.GH_PAT) || '' }}\n"],
    ]) {
      const text = workflow(line);
      const found = (await lintFiles([{ path: ".github/workflows/ci.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.equal(found.length, 1, line);
      assert.equal(applyEdits(text, found[0].fixes[0].edits), workflow(fixed));
    }
  });

  it("a format nested 21 deep is still a constant, 22 deep no longer (a bound on the stack); a single-quoted scalar gets no fix (its quotes would double)", async () => {
    const nested = (depth: number) => `\${{ ${"format('{0}', ".repeat(depth)}'${key}'${")".repeat(depth)} }}`;
    const at = async (depth: number) => {
      const text = workflow(`      X_VALUE: ${nested(depth)}\n`);
      return (await platformFor(".github/workflows/ci.yml", text).buildModel(".github/workflows/ci.yml", text)).literals.find((l) => l.key === "X_VALUE")!.value;
    };
    assert.equal(await at(21), key);
    assert.notEqual(await at(22), key);
    const text = workflow(`      API_KEY: '\${{ secrets.API_KEY || ''${key}'' }}'\n`);
    const found = (await lintFiles([{ path: ".github/workflows/ci.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].fixes, []);
  });

  it("format calls nested deeper than any hand writes are read without exhausting the stack", async () => {
    const text = workflow(`      API_KEY: \${{ ${"format(".repeat(100_000)}'${key}'${")".repeat(100_000)} }}\n`);
    const found = (await lintFiles([{ path: ".github/workflows/ci.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.equal(found.length, 1);
  });

  it("not: what an expression reads, the files hashFiles hashes, a property's name, JSON glue around secrets", async () => {
    const text = workflow(
      [
        `      CACHE_KEY: \${{ hashFiles('**/package-lock.json', '${key}/x') }}`,
        `      TOKEN: \${{ github.event.inputs['${key}'] || secrets.TOKEN }}`,
        `      CREDS: '{"clientId":"\${{ secrets.AZ_CLIENT_ID }}","clientSecret":"\${{ secrets.AZ_SECRET }}","subscriptionId":"\${{ secrets.AZ_SUB }}"}'`,
        "      SIGNING_KEY: ${{ github.actor == 'dependabot[bot]' && secrets.DEP_KEY || secrets.SIGNING_KEY }}",
      ].join("\n") + "\n",
    );
    const found = (await lintFiles([{ path: ".github/workflows/ci.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(found.map((f) => f.message), []);
  });
});

recognitionByContent(
  "github-actions",
  "ci/workflow.yml",
  { "a workflow outside .github (on and jobs)": "on: push\njobs:\n  a:\n    runs-on: x\n", "a spaced on": "on  : [push]\njobs:\n  a:\n    runs-on: x\n" },
  {
    "on without jobs": "on: push\nsteps: []\n",
    "jobs without on": "jobs:\n  a:\n    runs-on: x\n",
    "nested on and jobs": "workflow:\n  on: push\n  jobs: {}\n",
    "a key that only starts with on": "once: push\njobs:\n  a:\n    runs-on: x\n",
    "a key that only starts with jobs": "on: push\njobsx: {}\n",
    "jobs only nested": "on: push\nstages:\n  jobs:\n    a: {}\n",
    "a composite action's text outside action.yml": "runs:\n  using: composite\n  steps: []\n",
  },
);

recognitionByContent(
  "github-actions",
  "tools/setup/action.yml",
  { "a composite action": "name: setup\nruns:\n  using: composite\n  steps:\n    - run: make\n", "a spaced using": "runs:\n    using  : node20\n    main: index.js\n" },
  { "runs not at the top level": "x:\n  runs:\n    using: node20\n", "using at the top level": "runs: {}\nusing: node20\n", "a using-like key": "runs:\n  usings: node20\n", "a runs-like key": "runsx:\n  using: node20\n" },
);

describe("platform of a lockfile", () => {
  it("package managers' lockfiles are plain text (no model of their thousands of keys), other JSON and YAML files are not", () => {
    for (const path of ["package-lock.json", "web/npm-shrinkwrap.json", "src/App/packages.lock.json", "pnpm-lock.yaml"]) assert.equal(platformFor(path, "{}")!.id, "text", path);
    assert.equal(platformFor("config/settings.json", "{}")!.id, "json");
    assert.equal(platformFor("my-package-lock.json", "{}")!.id, "json");
    assert.equal(platformFor("config/pnpm.yaml", "a: 1\n")!.id, "yaml");
  });
});

recognitionByPath("github-actions", [".github/workflows/ci.yml", ".github/workflows/release.yaml"], [".github/workflows/ci.yml.bak", ".github/workflows/sub/ci.yml", "docs/.github/workflows/ci.yml", ".github/ci.yml"]);

describe("platform github-actions: a workflow copied under another repository's path", () => {
  it("a .github/workflows file nested below the root (a vendored copy, a template) is not claimed even by content", () => {
    assert.notEqual(platformFor("vendor/lib/.github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: x\n").id, "github-actions");
  });
});

describe("platform github-actions: scripts, expressions and composite actions", () => {
  const password = new FakeSecrets(41).password(20);

  it("a `run:` is shell, not JavaScript: an unquoted short password after `=` is the value, not a name", async () => {
    const text =
      "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n" +
      // nhilint-disable-next-line hardcoded-secret -- a made-up short password the shell idiom must find
      "      - run: export DB_PASSWORD=Xk9mP2qLz7 && ./migrate.sh\n";
    const found = (await lintFiles([{ path: ".github/workflows/ci.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(found.map((f) => text.slice(f.span.start, f.span.end)), ["Xk9mP2qLz7"]);
  });

  it("actions/github-script's `script:` is JavaScript: its quoted keys bind their values", async () => {
    const key = new FakeSecrets(95).chars(24);
    const text = `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/github-script@v7\n        with:\n          script: |\n            await fetch(url, { headers: { "x-api-key": "${key}" } })\n`;
    const found = (await lintFiles([{ path: ".github/workflows/ci.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(found.map((f) => text.slice(f.span.start, f.span.end)), [key]);
  });

  it("actions/github-script's `with: script:` in a step is a script (its idioms read); `with: script:` of a reusable workflow call is a value", async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/github-script@v7\n        with:\n          script: |\n            require("child_process").execSync("docker login -u bot -p ${password}")\n  b:\n    uses: ./.github/workflows/r.yml\n    with:\n      script: hello\n`;
    const result = await lintFiles([{ path: ".github/workflows/a.yml", text }]);
    assert.deepEqual(result.models[0].model.literals.filter((l) => l.key === "script").map((l) => [l.path.join("."), l.role]), [["jobs.a.steps.0.with.script", "script"], ["jobs.b.with.script", "assignment"]]);
    const secret = result.findings.find((f) => f.ruleId === "hardcoded-secret");
    assert.match(secret?.message ?? "", /password given to a registry login .* in job `a`, step `actions\/github-script@v7 \(step 1\)`/);
  });

  it("expressions: each `${{ … }}` once, side by side too, after a stray `}}`; an unclosed one reads nothing", async () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo "}}" ${{ secrets.A_TOKEN }}${{ secrets.B_TOKEN }} ${{ secrets.C_TOKEN\n';
    const result = await lintFiles([{ path: ".github/workflows/b.yml", text }]);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector), ["A_TOKEN", "B_TOKEN"]);
  });

  it("a composite action's steps are the action's: a secret there names the composite action and the step", async () => {
    const text = `name: x\nruns:\n  using: composite\n  steps:\n    - name: Deploy\n      run: ./deploy.sh --password ${password}\n      shell: bash\n`;
    const secret = (await lintFiles([{ path: "action.yml", text }])).findings.find((f) => f.ruleId === "hardcoded-secret");
    assert.match(secret?.message ?? "", / in the composite action, step `Deploy`:/);
  });
});

describe("platform github-actions: a credential as an input's default", () => {
  const value = new FakeSecrets(62).chars(32);
  it("a workflow_dispatch or workflow_call input's default and a composite action's are judged under the input's name; no reference is offered where no secrets context exists", async () => {
    const workflow = `on:\n  workflow_dispatch:\n    inputs:\n      api_token:\n        description: the token\n        default: ${value}\n  workflow_call:\n    inputs:\n      environment:\n        default: production\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        env:\n          DEPLOY_TOKEN: ${value}\n`;
    const findings = (await lintFiles([{ path: ".github/workflows/release.yml", text: workflow }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(findings.map((f) => [/under `([^`]+)`/.exec(f.message)?.[1], f.fixes.length]), [["api_token", 0], ["DEPLOY_TOKEN", 1]]);
    assert.match(findings[0].help ?? "", /gh secret set API_TOKEN/);
    const action = `name: deploy\ninputs:\n  deploy-token:\n    default: ${value}\nruns:\n  using: composite\n  steps:\n    - run: make\n      shell: bash\n`;
    const [inAction] = (await lintFiles([{ path: "deploy/action.yml", text: action }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.match(inAction.message, /under `deploy-token`/);
    assert.equal(inAction.fixes.length, 0);
    // Nor in any other field of an input (a token pasted into its description is no expression either).
    const described = `on:\n  workflow_dispatch:\n    inputs:\n      target:\n        description: ghp_${value}abcd\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n`;
    const inDescription = (await lintFiles([{ path: ".github/workflows/release.yml", text: described }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(inDescription.map((f) => f.fixes.length), [0]);
  });
});

describe("platform github-actions: each job's token, environment and OIDC", () => {
  const jobsOf = async (head: string, jobs: string) => {
    const result = await lintFiles([{ path: ".github/workflows/ci.yml", text: `${head}jobs:\n${jobs}` }]);
    return result.models[0].model.jobs.map((job) => ({ id: job.id, token: job.token, environment: job.environment, mintsOidc: job.mintsOidc }));
  };
  const job = (id: string, more = "") => `  ${id}:\n    runs-on: x\n${more}    steps:\n      - run: make\n`;

  it("where its permissions come from: the job's, the workflow's, the caller's (only ever called), else the repository's default", async () => {
    const [own, inherited] = await jobsOf("on: push\npermissions: read-all\n", job("a", "    permissions:\n      contents: read\n") + job("b"));
    assert.deepEqual([own.token, inherited.token], [{ from: "job", canWrite: false }, { from: "workflow", canWrite: false }]);
    assert.deepEqual((await jobsOf("on: workflow_call\n", job("a")))[0].token, { from: "caller", canWrite: true });
    assert.deepEqual((await jobsOf("on: [workflow_call]\n", job("a")))[0].token, { from: "caller", canWrite: true });
    // Also run on a push: the repository's default applies then.
    assert.deepEqual((await jobsOf("on: [push, workflow_call]\n", job("a")))[0].token, { from: "default", canWrite: true });
    assert.deepEqual((await jobsOf("on: {}\n", job("a")))[0].token, { from: "default", canWrite: true });
  });

  it("can write when any scope is write, or write-all; not with read scopes only", async () => {
    const token = async (permissions: string) => (await jobsOf(`on: push\npermissions: ${permissions}\n`, job("a")))[0].token;
    assert.deepEqual(await token("{ contents: read, packages: write }"), { from: "workflow", canWrite: true });
    assert.deepEqual(await token("{ packages: write, contents: read }"), { from: "workflow", canWrite: true });
    assert.deepEqual(await token("{ contents: read, actions: read }"), { from: "workflow", canWrite: false });
    assert.deepEqual(await token("write-all"), { from: "workflow", canWrite: true });
    assert.deepEqual(await token("{}"), { from: "workflow", canWrite: false });
  });

  it("an environment by name or as `name:` under it; OIDC with id-token: write or write-all, the job's over the workflow's", async () => {
    const jobs = await jobsOf(
      "on: push\npermissions:\n  id-token: write\n",
      job("a", "    environment: prod\n") + job("b", "    environment:\n      name: staging\n      url: https://x.example\n") + job("c", "    permissions: write-all\n") + job("d", "    permissions:\n      contents: read\n") + job("e", "    permissions:\n      id-token: read\n"),
    );
    assert.deepEqual(
      jobs.map((j) => [j.id, j.environment, j.mintsOidc]),
      [
        ["a", "prod", true],
        ["b", "staging", true],
        ["c", undefined, true],
        ["d", undefined, false],
        ["e", undefined, false],
      ],
    );
  });
});

describe("platform github-actions: where a secret reference is bound", () => {
  it("an env entry at workflow, job or step level binds it under its name; an input, a script, a container's env or a matrix binds nothing", async () => {
    const text =
      "on: push\nenv:\n  W: ${{ secrets.W_TOKEN }}\njobs:\n  a:\n    runs-on: x\n    env:\n      J: ${{ secrets.J_TOKEN }}\n    container:\n      image: node\n      env:\n        C: ${{ secrets.C_TOKEN }}\n" +
      "    strategy:\n      matrix:\n        env:\n          - ${{ secrets.M_TOKEN }}\n    steps:\n      - run: echo ${{ secrets.R_TOKEN }}\n        env:\n          S: ${{ secrets.S_TOKEN }}\n      - uses: acme/x@v1\n        with:\n          env: ${{ secrets.I_TOKEN }}\n";
    const result = await lintFiles([{ path: ".github/workflows/ci.yml", text }]);
    const bindings = Object.fromEntries(result.models[0].model.connectorRefs.map((ref) => [ref.name, ref.binding && `${ref.binding.level} ${ref.binding.name}`]));
    assert.deepEqual(bindings, { W_TOKEN: "workflow W", J_TOKEN: "job J", C_TOKEN: undefined, M_TOKEN: undefined, R_TOKEN: undefined, S_TOKEN: "step S", I_TOKEN: undefined });
  });
});

describe("platform github-actions: what the model holds, construct by construct", () => {
  const modelOf = async (path: string, text: string) => {
    const model = await platformFor(path, text)!.buildModel(path, text);
    const at = (span?: { start: number; end: number }) => span && text.slice(span.start, span.end);
    return {
      model,
      literals: model.literals.map((l) => `${l.path.join("/")} [${l.role}${l.alwaysCredential ? ", always a credential" : ""}]${l.scope.job ? ` in ${l.scope.job}` : ""}${l.scope.step ? `/${l.scope.step}` : ""}`),
      expressions: model.expressions.map((e) => `${e.text} at ${at(e.span)}`),
      refs: model.connectorRefs.map((r) => `${r.kind} ${r.name}${r.binding ? ` bound at ${at(r.binding.keySpan)}` : ""}`),
      jobs: model.jobs.map((j) => `${j.id}${j.composite ? " (composite)" : ""}: ${j.steps.map((s) => s.id).join(", ")}`),
    };
  };

  it("expressions: each `${{ … }}` of a scalar with its text trimmed and its exact place, text around it or not", async () => {
    const text = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo ${{ github.head_ref }} and ${{secrets.A}}!\n";
    const { expressions, refs } = await modelOf(".github/workflows/ci.yml", text);
    assert.deepEqual(expressions, ["github.head_ref at ${{ github.head_ref }}", "secrets.A at ${{secrets.A}}"]);
    assert.deepEqual(refs, ["secret A"]);
  });

  it("step names from a command: words split on any run of blanks, leading blanks ignored; a word of 24 characters is kept, 25 stops; `NAME=value` stops", async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n${["'  make  test --flag'", "export TOKEN=abc", `${"w".repeat(24)} next`, `${"w".repeat(25)} next`].map((run) => `      - run: ${run}\n`).join("")}`;
    const { jobs } = await modelOf(".github/workflows/ci.yml", text);
    assert.deepEqual(jobs, [`a: make test (step 1), export (step 2), ${"w".repeat(24)} next (step 3), step 4`]);
    // A step with neither an action nor a command: its place alone.
    assert.deepEqual((await modelOf(".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - shell: bash\n")).jobs, ["a: step 1"]);
  });

  it("a step-level env binding is placed at its key, through the step list", async () => {
    const text = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: a\n      - env:\n          TOKEN: ${{ secrets.B }}\n        run: b\n";
    assert.deepEqual((await modelOf(".github/workflows/ci.yml", text)).refs, ["secret B bound at TOKEN"]);
  });

  it("an identity input is a connector only on its own action (another action's `role-to-assume` is not)", async () => {
    const text = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n      - uses: other/action@v1\n        with:\n          role-to-assume: arn:aws:iam::1:role/x\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::1:role/deploy\n      - uses: azure/login@v2\n        with:\n          client-id: [not, a, string]\n";
    assert.deepEqual((await modelOf(".github/workflows/ci.yml", text)).refs, ["cloud-role arn:aws:iam::1:role/deploy"]);
  });

  it("scripts are `run:` and github-script's `with: script:`; a `script` env entry is an assignment", async () => {
    const text = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/github-script@v7\n        with:\n          script: console.log(1)\n        env:\n          script: x\n";
    assert.deepEqual((await modelOf(".github/workflows/ci.yml", text)).literals.filter((l) => l.includes("script")), ["jobs/a/steps/0/uses [assignment] in a/actions/github-script@v7 (step 1)", "jobs/a/steps/0/with/script [script] in a/actions/github-script@v7 (step 1)", "jobs/a/steps/0/env/script [assignment] in a/actions/github-script@v7 (step 1)"]);
  });

  it("shapes a workflow should not have are read without failing: an event or a permission that is a list or a map", async () => {
    const text = "on: [push, [nested], { a: 1 }]\npermissions:\n  contents: [read]\n  issues: { x: 1 }\njobs:\n  a:\n    runs-on: x\n    permissions:\n      contents: [write]\n    steps:\n      - run: make\n";
    const result = await lintFiles([{ path: ".github/workflows/ci.yml", text }]);
    assert.deepEqual(result.findings.filter((f) => /internal|parse/.test(f.ruleId)).map((f) => f.message), []);
    const model = result.models[0].model;
    assert.deepEqual(model.triggers?.map((t) => t.value), ["push"]);
    assert.deepEqual(Object.keys(model.permissions!.scopes), []);
  });

  it("only a container's registry `credentials.password` is always a credential, not any `password:`", async () => {
    const text = "on: push\njobs:\n  a:\n    runs-on: x\n    container:\n      image: ghcr.io/acme/app\n      credentials:\n        username: bot\n        password: p\n    steps:\n      - uses: acme/login@v1\n        with:\n          password: p\n";
    const { literals } = await modelOf(".github/workflows/ci.yml", text);
    assert.deepEqual(literals.filter((l) => l.includes("password")), ["jobs/a/container/credentials/password [assignment, always a credential] in a", "jobs/a/steps/0/with/password [assignment] in a/acme/login@v1 (step 1)"]);
  });

  it("a composite action's steps are one job marked composite; a Docker action's `runs.env` is in no job", async () => {
    const composite = await modelOf("action.yml", "name: x\nruns:\n  using: composite\n  steps:\n    - run: make\n      shell: bash\n");
    assert.deepEqual(composite.jobs, ["runs (composite): make (step 1)"]);
    assert.deepEqual(composite.literals.filter((l) => l.startsWith("runs/steps/0/run")), ["runs/steps/0/run [script] in runs/make (step 1)"]);
    const docker = await modelOf("action.yml", "name: x\nruns:\n  using: docker\n  image: Dockerfile\n  env:\n    MODE: fast\n");
    assert.deepEqual(docker.jobs, []);
    assert.deepEqual(docker.literals, ["name [assignment]", "runs/using [assignment]", "runs/image [assignment]", "runs/env/MODE [assignment]"]);
  });
});
