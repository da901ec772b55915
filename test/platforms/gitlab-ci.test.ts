import assert from "node:assert/strict";
import { platformFor } from "../../linter-core/platforms/index.js";
import { applyEdits, FakeSecrets, lintFiles } from "../helpers.js";
import { platformSuite, recognitionByContent, recognitionByPath, validYaml } from "./suite.js";

const key = new FakeSecrets(31).chars(32);
const pipeline = (deploy: string) => `stages: [test, deploy]\nvariables:\n  APP_TOKEN_NAME: web\ndeploy:\n  stage: deploy\n  image: alpine\n  id_tokens:\n    VAULT_ID_TOKEN:\n      aud: https://vault.example.com\n  secrets:\n    DATABASE_PASSWORD:\n      vault: production/db/password@ops\n  script:\n${deploy}`;

platformSuite({
  platform: "gitlab-ci",
  claims: [
    { path: ".gitlab-ci.yml", text: "" },
    { path: "ci/templates/deploy.gitlab-ci.yml", text: "" },
    { path: "pipelines/ci.yml", text: "stages: [build]\nbuild:\n  script:\n    - make\n" },
  ],
  leaves: [
    { path: ".github/workflows/ci.yml", text: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n" },
    { path: "config.yml", text: "name: x\nvalues:\n  a: 1\n" },
  ],
  connectors: {
    path: ".gitlab-ci.yml",
    text: pipeline(`    - 'curl -H "PRIVATE-TOKEN: $DEPLOY_TOKEN" "$CI_API_V4_URL/projects"'\n    - echo $APP_TOKEN_NAME in $PWD\n`),
    expected: ["DATABASE_PASSWORD:secret", "DEPLOY_TOKEN:secret"],
  },
  secret: {
    path: ".gitlab-ci.yml",
    text: pipeline(`    - 'curl -H "Authorization: Bearer ${key}" https://api.example.com'\n`),
    value: key,
    fixed: pipeline(`    - 'curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com'\n`),
  },
  clean: [{ path: ".gitlab-ci.yml", text: pipeline(`    - docker login -u "$CI_REGISTRY_USER" -p "$CI_REGISTRY_PASSWORD" "$CI_REGISTRY"\n    - !reference [.setup, script]\n`) }],
  validate: validYaml,
});

describe("GitLab CI: a secret under `variables:`", () => {
  const token = `glpat-${new FakeSecrets(32).chars(20)}`;
  const fixOf = async (text: string) => {
    const finding = (await lintFiles([{ path: ".gitlab-ci.yml", text }])).findings.find((f) => f.ruleId === "hardcoded-secret")!;
    return { title: finding.fixes[0].title, fixed: applyEdits(text, finding.fixes[0].edits) };
  };
  const job = "release:\n  script:\n    - 'curl -H \"PRIVATE-TOKEN: $GITLAB_API_TOKEN\" https://gitlab.example/api'\n";

  it("is removed, not rewritten as `KEY: $KEY` (the masked CI/CD variable already reaches the job); the job's use then needs an owner", async () => {
    const { title, fixed } = await fixOf(`variables:\n  DEPLOY_ENV: prod\n  GITLAB_API_TOKEN: "${token}"\n${job}`);
    assert.equal(fixed, `variables:\n  DEPLOY_ENV: prod\n${job}`);
    assert.match(title, /^Remove the literal: jobs read the stored variable \$GITLAB_API_TOKEN$/);
    const after = await lintFiles([{ path: ".gitlab-ci.yml", text: fixed }]);
    assert.deepEqual(after.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector), ["GITLAB_API_TOKEN"]);
  });

  it("takes `variables:` with it when it was the only entry (an empty one is invalid), at job level too", async () => {
    assert.equal((await fixOf(`variables:\n  GITLAB_API_TOKEN: ${token}\n${job}`)).fixed, job);
    const inJob = `release:\n  variables:\n    GITLAB_API_TOKEN: ${token}\n  script:\n    - 'curl -H "PRIVATE-TOKEN: $GITLAB_API_TOKEN" https://gitlab.example/api'\n`;
    assert.equal((await fixOf(inJob)).fixed, `release:\n  script:\n    - 'curl -H "PRIVATE-TOKEN: $GITLAB_API_TOKEN" https://gitlab.example/api'\n`);
  });
});

describe("GitLab CI: a secret re-bound in the top-level `variables:`", () => {
  it("is a connector (reported unowned like any other), bound for the whole pipeline; the name it is bound to is not", async () => {
    const text = "variables:\n  DEPLOY_TOKEN: $PROD_DEPLOY_TOKEN\n  MIRROR:\n    value: ${MIRROR_API_KEY}\ndeploy:\n  script:\n    - ./deploy.sh --token \"$DEPLOY_TOKEN\"\n";
    const result = await lintFiles([{ path: ".gitlab-ci.yml", text }]);
    const { model } = result.models[0];
    assert.deepEqual(
      model.connectorRefs.map((ref) => [ref.name, ref.binding?.level, ref.binding?.name]),
      [["PROD_DEPLOY_TOKEN", "workflow", "DEPLOY_TOKEN"], ["MIRROR_API_KEY", "workflow", "MIRROR"]],
    );
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector), ["PROD_DEPLOY_TOKEN", "MIRROR_API_KEY"]);
  });
});

describe("GitLab CI: what a top-level variable's value names", () => {
  const refs = async (text: string) => (await lintFiles([{ path: ".gitlab-ci.yml", text }])).models[0].model.connectorRefs.map((ref) => ref.name);
  it("its own name (`DEPLOY_TOKEN: $DEPLOY_TOKEN`) is the CI/CD variable of that name, a connector; another variable of the file is not; a value-less entry names nothing", async () => {
    const text = "variables:\n  SHARED_TOKEN: $VAULT_TOKEN\n  DEPLOY_TOKEN: $DEPLOY_TOKEN\n  OTHER_TOKEN: ${SHARED_TOKEN}x\n  CHOICE:\n    description: pick one\n    options: [a, b]\ndeploy:\n  script:\n    - ./deploy $DEPLOY_TOKEN $OTHER_TOKEN\n";
    assert.deepEqual(await refs(text), ["VAULT_TOKEN", "DEPLOY_TOKEN"]);
  });
  it("a secret pasted there is in no job", async () => {
    const finding = (await lintFiles([{ path: ".gitlab-ci.yml", text: `variables:\n  API_TOKEN: ${key}\nbuild:\n  script: make\n` }])).findings.find((f) => f.ruleId === "hardcoded-secret")!;
    assert.doesNotMatch(finding.message, / in job /);
  });
  it("a job's own variables define names for its script; a script's assignment does too, a variable's value does not; job secrets and id_tokens are the job's", async () => {
    const text = "deploy:\n  variables:\n    API_TOKEN: $PROD_TOKEN\n    NOTE: \"SET_TOKEN=later\"\n  id_tokens:\n    VAULT_ID:\n      aud: https://vault.example.com\n  secrets:\n    DB_PASSWORD:\n      vault: db/password@ops\n  script:\n    - export RUN_TOKEN=$(./mint)\n    - ./deploy $API_TOKEN $RUN_TOKEN $SET_TOKEN\n";
    const model = (await lintFiles([{ path: ".gitlab-ci.yml", text }])).models[0].model;
    assert.deepEqual(
      model.connectorRefs.map((ref) => `${ref.name}:${ref.kind}:${ref.scope.job}${ref.issuedByPlatform ? ":issued" : ""}`).sort(),
      ["DB_PASSWORD:secret:deploy", "PROD_TOKEN:secret:deploy", "SET_TOKEN:secret:deploy", "VAULT_ID:cloud-role:deploy:issued"],
    );
  });

  it("a job's environment comes from the first template in `extends:` that has one", async () => {
    const text = ".base:\n  image: x\n.prod:\n  environment: production\ndeploy:\n  extends: [.base, .prod]\n  script: make\n";
    const jobs = (await lintFiles([{ path: ".gitlab-ci.yml", text }])).models[0].model.jobs;
    assert.equal(jobs.find((job) => job.id === "deploy")?.environment, "production");
  });

  it("a job's artifacts: its listed paths and dotenv report only; none listed, none; a trigger with no project or include starts the downstream pipeline", async () => {
    const text = "a:\n  script: make\n  artifacts:\n    paths: [out/, {x: y}]\n    reports:\n      dotenv: build.env\nb:\n  script: make\n  artifacts:\n    expire_in: 1 week\nc:\n  trigger:\n    strategy: depend\n";
    const jobs = (await lintFiles([{ path: ".gitlab-ci.yml", text }])).models[0].model.jobs;
    assert.deepEqual(jobs.map((job) => [job.id, job.artifactPaths, job.uses]), [["a", ["out/", "build.env"], undefined], ["b", undefined, undefined], ["c", undefined, "the downstream pipeline"]]);
  });
});

describe("platform gitlab-ci: the fix for a secret under `variables:`", () => {
  // The masked CI/CD variable of the same name reaches the job already: the entry goes, and the
  // `variables:` line too when it held nothing else (an empty `variables:` is an error in GitLab).
  const value = new FakeSecrets(77).chars(40);
  const fixed = async (text: string) => {
    const finding = (await lintFiles([{ path: ".gitlab-ci.yml", text }])).findings.find((f) => f.ruleId === "hardcoded-secret");
    assert.ok(finding, text);
    return applyEdits(text, finding.fixes[0].edits);
  };
  const job = (variables: string) => `deploy:\n  variables:\n${variables}  script:\n    - ./deploy.sh\n`;
  it("the only entry: the entry and the `variables:` line go (a comment after the value too)", async () => {
    assert.equal(await fixed(job(`    API_TOKEN: ${value}\n`)), "deploy:\n  script:\n    - ./deploy.sh\n");
    assert.equal(await fixed(job(`    API_TOKEN: ${value}   # from the vendor\n`)), "deploy:\n  script:\n    - ./deploy.sh\n");
    assert.equal(await fixed(`variables:\n  API_TOKEN: ${value}`), "");
    assert.equal(await fixed(`variables:\n  API_TOKEN: ${value}\n\n`), "\n");
    // A line of blanks after it, and `variables :` spaced.
    assert.equal(await fixed(`deploy:\n  variables:\n    API_TOKEN: ${value}\n      \n  script:\n    - ./deploy.sh\n`), "deploy:\n      \n  script:\n    - ./deploy.sh\n");
    assert.equal(await fixed(job(`    API_TOKEN: ${value}\n`).replace("  variables:\n", "  variables :\n")), "deploy:\n  script:\n    - ./deploy.sh\n");
    assert.equal(await fixed(job(`    API_TOKEN: ${value}\n`).replace("  variables:\n", "  variables:   # shared\n")), "deploy:\n  script:\n    - ./deploy.sh\n");
  });
  it("a secret inside a longer value (a URL's password) gets no in-place fix: the variable of that name would take the whole value's place", async () => {
    const text = job(`    DB_URL: postgres://app:${value}@db.internal.example.com/app\n`);
    const finding = (await lintFiles([{ path: ".gitlab-ci.yml", text }])).findings.find((f) => f.ruleId === "hardcoded-secret")!;
    assert.deepEqual(finding.fixes, []);
    assert.match(finding.help!, /CI\/CD variable/);
  });
  it("a variable's expanded form (`NAME: { value: …, description: … }`) is judged under NAME, at pipeline and job level; its fix removes the whole entry, description and options with it", async () => {
    for (const text of [`variables:\n  DB_PASSWORD:\n    value: "${value}"\n    description: the database's\nbuild:\n  script: make\n`, job(`    API_TOKEN: { value: ${value}, expand: false }\n`)]) {
      const findings = (await lintFiles([{ path: ".gitlab-ci.yml", text }])).findings.filter((f) => f.ruleId === "hardcoded-secret");
      assert.deepEqual(findings.map((f) => [/under `(\w+)`/.exec(f.message)?.[1], f.fixes.length]), [[text.includes("DB_PASSWORD") ? "DB_PASSWORD" : "API_TOKEN", 1]]);
    }
    // The only entry: `variables:` goes with it (an empty one is an error in GitLab).
    assert.equal(await fixed(`variables:\n  DB_PASSWORD:\n    value: "${value}"\n    description: the database's\nbuild:\n  script: make\n`), "build:\n  script: make\n");
    assert.equal(await fixed(job(`    API_TOKEN: { value: ${value}, expand: false }\n`)), "deploy:\n  script:\n    - ./deploy.sh\n");
    // One of several: from its key to its map's last line (a block description, blank and comment lines inside it), nothing of its siblings.
    assert.equal(
      await fixed(`variables:\n  REGION: eu\n  DB_PASSWORD:\n    description: |\n      the db\n      password\n\n    # rotated yearly\n    value: ${value}\n    expand: false\n  OTHER: x\nbuild:\n  script: make\n`),
      "variables:\n  REGION: eu\n  OTHER: x\nbuild:\n  script: make\n",
    );
    assert.equal(await fixed(job(`    X: 1\n    API_TOKEN: { value: ${value}, expand: false }  # c\n`)), job("    X: 1\n"));
    // Blank and comment lines after the value, even at the key's indentation or less, are inside the entry when it goes on below them; the key spaced, a comment after it; CRLF.
    assert.equal(
      await fixed(`variables:\n  REGION: eu\n  DB_PASSWORD :   # the db's\n    value: ${value}\n  \n# kept apart\n  # one more\n    expand: false\n  # after it\n  OTHER: x\nbuild:\n  script: make\n`),
      "variables:\n  REGION: eu\n  # after it\n  OTHER: x\nbuild:\n  script: make\n",
    );
    assert.equal(await fixed(`variables:\r\n  REGION: eu\r\n  DB_PASSWORD:\r\n    value: ${value}\r\n# c\r\n    expand: false\r\nbuild:\r\n  script: make\r\n`), "variables:\r\n  REGION: eu\r\nbuild:\r\n  script: make\r\n");
    // The last entry of the file, with no line break after it.
    assert.equal(await fixed(`build:\n  script: make\nvariables:\n  REGION: eu\n  DB_PASSWORD:\n    value: ${value}`), "build:\n  script: make\nvariables:\n  REGION: eu\n");
    // A secret inside a longer value, or a flow map over several lines: no edit (the steps say how).
    for (const text of [`variables:\n  DB_URL:\n    value: postgres://app:${value}@db.internal.example.com/app\nbuild:\n  script: make\n`, `variables:\n  API_TOKEN: { value: ${value},\n    expand: false }\nbuild:\n  script: make\n`, `variables:\n  DB_PASSWORD: &db\n    value: ${value}\nbuild:\n  variables:\n    DB: *db\n  script: make\n`]) {
      const finding = (await lintFiles([{ path: ".gitlab-ci.yml", text }])).findings.find((f) => f.ruleId === "hardcoded-secret")!;
      assert.deepEqual(finding.fixes, [], text);
    }
    // Only a map entry's `value:` under `variables:` is the expanded form: not under `secrets:`, not a list item's, not its description.
    const keys = async (text: string) => (await platformFor(".gitlab-ci.yml", text).buildModel(".gitlab-ci.yml", text)).literals.map((l) => `${l.key}=${l.value}`);
    assert.deepEqual(await keys("deploy:\n  script: make\n  secrets:\n    API_TOKEN:\n      value: a\n  variables:\n    REGION:\n      description: c\n      value: d\n"), ["script=make", "value=a", "description=c", "REGION=d"]);
    assert.deepEqual(await keys("variables:\n  - value: b\nbuild:\n  script: make\n"), ["value=b", "script=make"]);
    // Its description and options are no values of it.
    assert.deepEqual((await lintFiles([{ path: ".gitlab-ci.yml", text: `variables:\n  REGION:\n    value: eu\n    description: ${value}\nbuild:\n  script: make\n` }])).findings.filter((f) => f.ruleId === "hardcoded-secret"), []);
  });
  it("however the key is spaced, its line goes; an anchored value (used elsewhere by its alias) and a key outside `variables:` become the reference", async () => {
    assert.equal(await fixed(job(`    REGION: eu\n    API_TOKEN:   ${value}\n`)), job("    REGION: eu\n"));
    assert.equal(await fixed(job(`    REGION: eu\n    API_TOKEN : ${value}\n`)), job("    REGION: eu\n"));
    assert.equal(await fixed(job(`    API_TOKEN: &token ${value}\n    COPY: *token\n`)), job("    API_TOKEN: &token $API_TOKEN\n    COPY: *token\n"));
    assert.equal(await fixed(`.config:\n  API_TOKEN: ${value}\nbuild:\n  script: make\n`), ".config:\n  API_TOKEN: $API_TOKEN\nbuild:\n  script: make\n");
  });
  it("one of several entries, quoted or not: only its line goes", async () => {
    assert.equal(await fixed(job(`    REGION: eu\n    API_TOKEN: ${value}\n`)), job("    REGION: eu\n"));
    assert.equal(await fixed(job(`    API_TOKEN: "${value}"\n    OTHER: x\n`)), job("    OTHER: x\n"));
  });
  it("a key that is not the variable's name, or a flow map: the value becomes the reference", async () => {
    assert.equal(await fixed(job(`    api_token: ${value}\n`)), job("    api_token: $API_TOKEN\n"));
    assert.equal(await fixed(`deploy:\n  variables: { API_TOKEN: ${value} }\n  script:\n    - ./deploy.sh\n`), "deploy:\n  variables: { API_TOKEN: $API_TOKEN }\n  script:\n    - ./deploy.sh\n");
  });
});

recognitionByContent(
  "gitlab-ci",
  "ci/pipeline.yml",
  {
    "stages and a job's script": "stages: [build]\nbuild:\n  script: make\n",
    "a hidden template job, multi-letter": ".base:\n  script: make\n",
    "a deploy-production job (a key ending in `on`)": "image: alpine\ndeploy-production:\n  script: make\n",
    "variables and a spaced script key": "variables:\n  A: b\njob:\n  script  : make\n",
    "a CI/CD component's template: a `spec: inputs:` header, then its job": "spec:\n  inputs:\n    stage:\n      default: test\n---\ncomponent-job:\n  script: echo job 1\n  stage: $[[ inputs.stage ]]\n",
    "a component's template opening with comments, blanks spaced": "# yaml-language-server: $schema=x\n\nspec:  \n  inputs:\n    stage:\n      default: test\n--- \ncomponent-job:\n  script: echo job 1\n",
    "a spaced top-level key": "image : alpine\nbuild:\n  script: make\n",
  },
  {
    "a script at the top level only": "stages: [a]\nscript: make\n",
    "a scripts key": "stages: [a]\njob:\n  scripts: make\n",
    "a GitHub workflow with stages": "on: push\nstages: [a]\nx:\n  script: y\n",
    "a versioned file": "version: 2\nstages: [a]\nx:\n  script: y\n",
    "a script without any GitLab top-level key": "build:\n  script: make\n",
    "a GitHub workflow with a spaced `on :`": "on : push\nstages: [a]\nx:\n  script: y\n",
    "a `spec:` after a job, not opening the file": "build:\n  script: x\nspec:\n  inputs:\n    a: b\n---\n",
    "a `spec:` header with no document after it": "spec:\n  inputs:\n    script:\n      default: x\n",
    "a `spec:` header with a line that is no document marker": "spec:\n  inputs:\n    script:\n      default: x\n----\nb: a---\n",
    "a Tekton task (a `spec:` with steps' scripts)": "apiVersion: tekton.dev/v1\nkind: Task\nspec:\n  steps:\n    - script: |\n        echo\n",
  },
);

recognitionByPath("gitlab-ci", [".gitlab-ci.yml", "gitlab-ci.yml", "ci/deploy.gitlab-ci.yaml", ".gitlab/ci/build.yml", "sub/.gitlab/ab.yml"], [".gitlab-ci.yml.bak", "my-gitlab-ci.yml", ".gitlab/ci/README.md", "x.gitlab/a.yml", ".gitlab/ci/a.yml.orig"]);

describe("platform gitlab-ci: extends", () => {
  it("a cycle of extends ends (no environment found), and the job is judged ungated", async () => {
    const text = "stages: [deploy]\n.a:\n  extends: .b\n.b:\n  extends: [.a]\ndeploy:\n  extends: .a\n  script:\n    - ./deploy.sh --token $PROD_DEPLOY_TOKEN\n";
    const findings = (await lintFiles([{ path: ".gitlab-ci.yml", text }])).findings.filter((f) => f.ruleId === "ungated-privileged-job");
    assert.deepEqual(findings.map((f) => /job `([^`]+)`/.exec(f.message)?.[1]), ["deploy"]);
  });
});

describe("GitLab CI: a pipeline after a `spec:` header (inputs)", () => {
  it("is the pipeline: its jobs, their variables and scripts are read; a credential in an input's default too", async () => {
    const fake = new FakeSecrets(33);
    const [first, second] = [fake.chars(32), fake.chars(32)];
    const text = `spec:\n  inputs:\n    api_token:\n      default: ${first}\n---\n.template:\n  DEPLOY_TOKEN: ${second}\nrelease:\n  variables:\n    NPM_TOKEN: $RELEASE_NPM_TOKEN\n  script:\n    - npm publish\n`;
    const findings = (await lintFiles([{ path: ".gitlab-ci.yml", text }])).findings;
    const secrets = findings.filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(secrets.map((f) => text.slice(f.span.start, f.span.end)), [first, second]);
    assert.match(secrets[1].message, /in job `.template`/);
    assert.deepEqual(findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector), ["RELEASE_NPM_TOKEN"]);
  });
  it("only a header of `spec:` alone: a pipeline first (with `spec` among its keys, or before another document) is the pipeline", async () => {
    const connectors = async (text: string) => (await lintFiles([{ path: ".gitlab-ci.yml", text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => `${f.connector} ${/job `([^`]+)`/.exec(f.message)?.[1]}`);
    const job = "release:\n  script:\n    - ./deploy.sh --token $RELEASE_TOKEN\n";
    assert.deepEqual(await connectors(`${job}---\nnotes: a second document\n`), ["RELEASE_TOKEN release"]);
    assert.deepEqual(await connectors(`spec:\n  inputs: {}\n${job}---\nother:\n  script: echo $OTHER_TOKEN\n`), ["RELEASE_TOKEN release"]);
  });
});
