// GitHub Actions' model where the rule tests do not look: what an unnamed step is called in every
// message. A name is what a reader sees (the action, or the first plain words of the command) and
// never carries a value: `docker login -p …` stops at `-p`, a URL's user info is dropped.
import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { FakeSecrets, lintFiles } from "../helpers.js";
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
    "a composite action's text outside action.yml": "runs:\n  using: composite\n  steps: []\n",
  },
);

recognitionByContent(
  "github-actions",
  "tools/setup/action.yml",
  { "a composite action": "name: setup\nruns:\n  using: composite\n  steps:\n    - run: make\n", "a spaced using": "runs:\n    using  : node20\n    main: index.js\n" },
  { "runs not at the top level": "x:\n  runs:\n    using: node20\n", "using at the top level": "runs: {}\nusing: node20\n", "a using-like key": "runs:\n  usings: node20\n", "a runs-like key": "runsx:\n  using: node20\n" },
);

recognitionByPath("github-actions", [".github/workflows/ci.yml", ".github/workflows/release.yaml"], [".github/workflows/ci.yml.bak", ".github/workflows/sub/ci.yml", "docs/.github/workflows/ci.yml", ".github/ci.yml"]);

describe("platform github-actions: a workflow copied under another repository's path", () => {
  it("a .github/workflows file nested below the root (a vendored copy, a template) is not claimed even by content", () => {
    assert.notEqual(platformFor("vendor/lib/.github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: x\n").id, "github-actions");
  });
});

describe("platform github-actions: scripts, expressions and composite actions", () => {
  const password = new FakeSecrets(41).password(20);

  it("actions/github-script's `with: script:` in a step is a script (its idioms read); `with: script:` of a reusable workflow call is a value", async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/github-script@v7\n        with:\n          script: |\n            require("child_process").execSync("docker login -u bot -p ${password}")\n  b:\n    uses: ./.github/workflows/r.yml\n    with:\n      script: hello\n`;
    const result = await lintFiles([{ path: ".github/workflows/a.yml", text }]);
    assert.deepEqual(result.models[0].model.literals.filter((l) => l.key === "script").map((l) => [l.path.join("."), l.role]), [["jobs.a.steps.0.with.script", "script"], ["jobs.b.with.script", "assignment"]]);
    const secret = result.findings.find((f) => f.ruleId === "hardcoded-secret");
    assert.match(secret?.message ?? "", /password given to docker login .* in job `a`, step `actions\/github-script@v7 \(step 1\)`/);
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
