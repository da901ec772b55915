import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseGroovy } from "../../linter-core/documents/groovy.js";
import { jenkins } from "../../linter-core/platforms/jenkins.js";
import { secretInLog } from "../../rules/secret-in-log.js";
import { FakeSecrets, lintFiles, ROOT } from "../helpers.js";
import { platformSuite, recognitionByContent, recognitionByPath } from "./suite.js";

const token = `ghp_${new FakeSecrets(4711).chars(36)}`;
// Declarative, with the three ways a Jenkinsfile names a credential (after jenkinsci/pipeline-examples).
const declarative = (environment: string, steps = "        sh 'make'\n") =>
  `pipeline {\n  agent any\n  environment {\n${environment}  }\n  stages {\n    stage('Build') {\n      steps {\n${steps}      }\n    }\n  }\n}\n`;

async function validGroovy(text: string): Promise<void> {
  const tree = await parseGroovy(text);
  assert.ok(tree && tree !== "gave up" && !tree.rootNode.hasError, "the fixed file parses");
}

platformSuite({
  platform: "jenkins",
  claims: [
    { path: "Jenkinsfile", text: "" },
    { path: ".ci/jenkins/Jenkinsfile.release", text: "" },
    { path: "Jenkinsfile-owasp", text: "" },
    { path: "Jenkinsfile.d/core/release", text: "" },
    { path: "vars/deployApp.groovy", text: "def call() {}\n" },
    { path: "ci/build.groovy", text: "node {\n  stage('Build') {\n    sh 'make'\n  }\n}\n" },
    { path: "release.jenkinsfile", text: "" },
  ],
  leaves: [
    // Pipeline-as-YAML (a plugin) is YAML, not Groovy.
    { path: "Jenkinsfile.yml", text: "pipeline:\n  agent:\n    any:\n" },
    { path: "src/main/groovy/Util.groovy", text: "class Util {\n  static int twice(int x) { x * 2 }\n}\n" },
    { path: ".github/workflows/ci.yml", text: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n" },
  ],
  connectors: {
    path: "Jenkinsfile",
    text: declarative(
      "    AWS_KEY = credentials('aws-prod-key')\n",
      "        withCredentials([usernamePassword(credentialsId: 'nexus-creds', usernameVariable: 'NEXUS_USER', passwordVariable: 'NEXUS_PASS')]) {\n          sh 'mvn deploy -Dnexus.user=$NEXUS_USER'\n        }\n        sshagent(['deploy-key']) {\n          sh 'ssh deploy@host ./release.sh'\n        }\n        git url: 'https://example.com/repo.git', credentialsId: 'git-read'\n        script {\n          docker.withRegistry('https://registry.example.com', 'registry-push') {\n            sh 'docker push app'\n          }\n        }\n",
    ),
    expected: ["aws-prod-key:secret", "nexus-creds:secret", "deploy-key:ssh-key", "git-read:secret", "registry-push:secret"],
  },
  secret: {
    path: "Jenkinsfile",
    text: declarative(`    API_TOKEN = "${token}"\n`),
    value: token,
    fixed: declarative("    API_TOKEN = credentials('API_TOKEN')\n"),
  },
  clean: [
    { path: "Jenkinsfile", text: declarative("    API_TOKEN = credentials('api-token')\n    REGION = 'eu-west-1'\n    PASSWORD_FILE = \"${env.WORKSPACE}/password.txt\"\n", "        sh 'curl -H \"Authorization: Bearer $API_TOKEN\" https://api.example.com'\n        sh \"echo ${env.BUILD_NUMBER}\"\n") },
  ],
  validate: validGroovy,
});

describe("Jenkins: a credential interpolated by Groovy into a command (secret-in-log)", () => {
  const findings = async (text: string) => (await lintFiles([{ path: "Jenkinsfile", text }], { rules: [secretInLog] })).findings;
  const withCredentials = (body: string, binding = "usernamePassword(credentialsId: 'nexus', usernameVariable: 'USER', passwordVariable: 'PASS')") =>
    `node {\n  stage('Deploy') {\n    withCredentials([${binding}]) {\n${body}    }\n  }\n}\n`;

  it('"${PASS}" and "$PASS" in a double-quoted sh: each a warning at the interpolation, in its stage', async () => {
    const text = withCredentials('      sh "curl -u ${USER}:$PASS https://nexus.example.com"\n');
    const found = await findings(text);
    assert.deepEqual(
      found.map((f) => [f.severity, text.slice(f.span.start, f.span.end)]),
      [["warning", "${USER}"], ["warning", "$PASS"]],
    );
    assert.match(found[1].message, /^credential variable `PASS` is interpolated by Groovy into the `sh` command in job `Deploy` before the shell runs it/);
    assert.match(found[1].help!, /sh '… \$PASS …'/);
  });

  it("a finding is the credential in its command: the same command keeps its fingerprint, another command is another finding", async () => {
    const fingerprints = async (command: string) => (await findings(withCredentials(`      sh "${command}"\n`))).map((f) => f.fingerprint);
    const first = await fingerprints("curl -u ${USER}:$PASS https://nexus.example.com");
    assert.equal(new Set(first).size, 2);
    assert.deepEqual(await fingerprints("curl -u ${USER}:$PASS https://nexus.example.com"), first);
    const other = await fingerprints("curl -u ${USER}:$PASS https://mirror.example.com");
    assert.equal(other.filter((fingerprint) => first.includes(fingerprint)).length, 0);
  });

  it("an environment credential, ${env.X}, sh(script: …), bat and triple quotes count too", async () => {
    const text = `pipeline {\n  agent any\n  environment {\n    TOKEN = credentials('api')\n  }\n  stages {\n    stage('A') {\n      steps {\n        sh(script: "curl -H 'X: \${env.TOKEN}' x", returnStdout: true)\n        bat """deploy.cmd \${TOKEN}"""\n      }\n    }\n  }\n}\n`;
    assert.deepEqual((await findings(text)).map((f) => text.slice(f.span.start, f.span.end)), ["${env.TOKEN}", "${TOKEN}"]);
  });

  it("not: single quotes (the shell expands it), an escaped \\$, a file credential's path, a variable outside its withCredentials", async () => {
    assert.deepEqual(await findings(withCredentials("      sh 'curl -u $USER:$PASS https://nexus.example.com'\n")), []);
    assert.deepEqual(await findings(withCredentials('      sh "curl -u \\$USER:\\$PASS https://nexus.example.com"\n')), []);
    assert.deepEqual(await findings(withCredentials('      sh "gpg --import ${KEY_FILE}"\n', "file(credentialsId: 'gpg', variable: 'KEY_FILE')")), []);
    assert.deepEqual(await findings(`node {\n  withCredentials([string(credentialsId: 'a', variable: 'PASS')]) {\n    sh 'x'\n  }\n  sh "echo \${PASS}"\n}\n`), []);
  });
});

describe("Jenkins: what the model holds", () => {
  it("stages are the jobs; a top-level environment credential is bound for the whole pipeline (broad-secret-scope)", async () => {
    const text = declarative("    DEPLOY_TOKEN = credentials('deploy-token')\n").replace("    stage('Build') {", "    stage('Test') {\n      steps {\n        sh 'make test'\n      }\n    }\n    stage('Build') {");
    const result = await lintFiles([{ path: "Jenkinsfile", text }]);
    assert.deepEqual(result.models[0].model.jobs.map((j) => j.id), ["Test", "Build"]);
    const broad = result.findings.filter((f) => f.ruleId === "broad-secret-scope");
    assert.equal(broad.length, 1);
    assert.match(broad[0].message, /^secret `deploy-token` is bound to `DEPLOY_TOKEN` for the whole pipeline: all 2 jobs get it, 0 name it in a script\.$/);
    assert.match(broad[0].help!, /environment \{\}` of the stage/);
  });

  it("a file tree-sitter can read only partly is linted where it can; one it can hardly read is a parse error", async () => {
    const partly = `${declarative("    TOKEN = credentials('api')\n")}def names = items.collect { it.name }.join(',')\n`;
    const result = await lintFiles([{ path: "Jenkinsfile", text: partly }]);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "parse-error"), []);
    assert.deepEqual(result.models[0].model.connectorRefs.map((r) => r.name), ["api"]);
    const unreadable = await lintFiles([{ path: "Jenkinsfile", text: "@@@@ #### ~~~~ ;;;; ::::\n".repeat(20) }]);
    assert.equal(unreadable.findings.filter((f) => f.ruleId === "parse-error").length, 1);
  });

  it("the Groovy parser is never loaded for a repository without a Jenkinsfile", () => {
    const folder = mkdtempSync(join(tmpdir(), "nhilint-groovy-"));
    try {
      mkdirSync(join(folder, "a"));
      mkdirSync(join(folder, "b"));
      writeFileSync(join(folder, "a", "azure-pipelines.yml"), "steps:\n  - script: make\n");
      writeFileSync(join(folder, "b", "Jenkinsfile"), "node {\n  sh 'make'\n}\n");
      const script = `
        const { run } = await import(${JSON.stringify(join(ROOT, "out", "cli", "program.js"))});
        const groovy = await import(${JSON.stringify(join(ROOT, "out", "linter-core", "documents", "groovy.js"))});
        const io = (cwd) => ({ cwd, env: {}, stdout: () => {}, stderr: () => {}, stdoutIsTTY: false, stderrIsTTY: false });
        await run([], io(${JSON.stringify(join(folder, "a"))}));
        const before = groovy.groovyParserLoaded();
        await run([], io(${JSON.stringify(join(folder, "b"))}));
        console.log(JSON.stringify([before, groovy.groovyParserLoaded()]));
      `;
      const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
      assert.equal(child.stdout.trim(), "[false,true]", child.stderr);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("platform jenkins: ids, variables and syntax errors at their edges", () => {
  const findings = async (text: string) => (await lintFiles([{ path: "Jenkinsfile", text }])).findings.map((f) => `${f.ruleId}${f.connector ? ` ${f.connector}` : ""}`);

  it("an id computed at run time or empty is no connector; `env.NAME = credentials(...)` binds NAME; `${env.NAME}` in a double-quoted sh is the leak", async () => {
    const text = `pipeline {\n  agent any\n  environment {\n    TOKEN = credentials("\${params.CRED_ID}")\n    env.API_KEY = credentials('api-key')\n    EMPTY = credentials('')\n  }\n  stages {\n    stage('a') {\n      steps {\n        sh "curl -H 'X: \${env.API_KEY}' https://x"\n      }\n    }\n  }\n}\n`;
    assert.deepEqual(await findings(text), ["unowned-connector api-key", "secret-in-log"]);
  });

  it("a secret pasted into an sh command is found, with no in-place fix (the steps say how to bind a credential)", async () => {
    const value = new FakeSecrets(91).chars(40);
    const result = await lintFiles([{ path: "Jenkinsfile", text: `node {\n  sh 'curl -H "Authorization: Bearer ${value}" https://api.example.com'\n}\n` }]);
    const secret = result.findings.find((f) => f.ruleId === "hardcoded-secret");
    assert.ok(secret);
    assert.deepEqual(secret.fixes, []);
  });

  it("a parse error only where the grammar could read almost nothing; constructs it does not know are read around", async () => {
    assert.deepEqual(await findings("}}}} ((( ]]] ;;; @@@ ### \n".repeat(20)), ["parse-error"]);
    const partial = "pipeline {\n  agent any\n  stages {\n    stage('a') {\n      steps {\n        script {\n          def x = [1,2].collect { it * 2 }.join(',')\n        }\n        sh 'make'\n      }\n    }\n  }\n}\n";
    assert.deepEqual(await findings(partial), []);
  });
});

describe("platform jenkins: each step that takes a credential, and its kind", () => {
  it("git's credentialsId, sshagent (a list or `credentials:`), docker.withRegistry and an SSH key binding", async () => {
    const text = "node {\n  stage('checkout') {\n    git url: 'https://github.com/acme/app.git', credentialsId: 'github-read'\n    sshagent(credentials: ['deploy-ssh']) {\n      sh 'ssh host uptime'\n    }\n    sshagent(['backup-ssh']) {\n      sh 'ssh backup uptime'\n    }\n    docker.withRegistry('https://registry.acme.io', 'registry-push') {\n      sh 'docker push app'\n    }\n    withCredentials([sshUserPrivateKey(credentialsId: 'jump-key', keyFileVariable: 'KEY')]) {\n      sh 'ssh -i $KEY jump'\n    }\n  }\n}\n";
    const unowned = (await lintFiles([{ path: "Jenkinsfile", text }])).findings.filter((f) => f.ruleId === "unowned-connector").map((f) => /^(\S+ `[^`]+`)/.exec(f.message)?.[1]);
    assert.deepEqual(unowned, ["secret `github-read`", "ssh-key `deploy-ssh`", "ssh-key `backup-ssh`", "secret `registry-push`", "ssh-key `jump-key`"]);
  });
});

recognitionByContent(
  "jenkins",
  "ci/release.groovy",
  {
    "a declarative pipeline": "pipeline {\n  agent any\n}\n",
    "a compact pipeline{": "pipeline{ agent any }\n",
    "a scripted node block": "node {\n  echo 'x'\n}\n",
    "a node with a label": "node('linux') {\n}\n",
    "a compact node{": "node{ echo 'x' }\n",
    "a stage call": "stage('Build') {\n}\n",
    "a stage call with a space": "stage ('Build') {\n}\n",
    "withCredentials with a space": "withCredentials ([]) {\n}\n",
    "podTemplate with a space": "podTemplate (yaml: '') {\n}\n",
    "withCredentials": "withCredentials([]) {\n}\n",
    "podTemplate": "podTemplate(yaml: '') {\n}\n",
    "sh with a string": "def build() {\n  sh 'make'\n}\n",
    "bat with parentheses": "def build() {\n  bat(\"make\")\n}\n",
    "powershell with a string": "def build() {\n  powershell \"make\"\n}\n",
    "an env. variable": "def call() {\n  return env.BRANCH_NAME\n}\n",
    "build job:": "def trigger() {\n  build job: 'deploy'\n}\n",
    "build  job : with more spaces": "def trigger() {\n  build  job : 'deploy'\n}\n",
    "currentBuild": "def mark() {\n  currentBuild.result = 'FAILURE'\n}\n",
    "slackSend": "def notify() {\n  slackSend channel: '#ci'\n}\n",
    "a shared library": "@Library('ci-lib') _\n",
  },
  {
    "a plain class": "class Util {\n  static int twice(int x) { x * 2 }\n}\n",
    "pipeline as a word": "def pipelineName = 'x'\nString pipeline = 'y'\n",
    "node as a variable": "def node = nodes.first()\nnode.name\n",
    "stage as a word": "String stage = 'prod'\n",
    "a method named like a step": "def shell(String s) { s }\nshell('x')\nbash 'y'\n",
    "environment as a word": "def environment = [:]\n",
    "build as a word": "def build = new Build()\nbuild.job = 'x'\n",
  },
);
recognitionByContent("jenkins", "ci/release.gvy", {}, { "a Groovy script with another extension": "pipeline {\n  agent any\n}\n" });
recognitionByContent("jenkins", "docs/release.groovy.md", {}, { "notes about a Groovy file": "pipeline {\n  agent any\n}\n" });

recognitionByPath(
  "jenkins",
  ["Jenkinsfile", "ci/Jenkinsfile.release", "deploy.jenkinsfile", "Jenkinsfile.d/nightly", "vars/deployApp.groovy", "lib/vars/notify.groovy"],
  ["Jenkinsfile.yml", "Jenkinsfile.yaml", "docs/deploy.jenkinsfile.md", "vars/deploy.groovy.bak", "vars/sub/deploy.groovy", "src/vars.groovy"],
);

describe("platform jenkins: strings, fixes and bindings in every shape", () => {
  const value = new FakeSecrets(108).chars(40);
  const all = async (text: string) => (await lintFiles([{ path: "Jenkinsfile", text }])).findings;

  it("a secret in a triple-quoted environment value is found inside the quotes and fixed as a credential", async () => {
    for (const quote of ["'''", '"""', "'", '"']) {
      const text = declarative(`    API_TOKEN = ${quote}${value}${quote}\n`);
      const finding = (await all(text)).find((f) => f.ruleId === "hardcoded-secret");
      assert.ok(finding, quote);
      assert.equal(text.slice(finding.span.start, finding.span.end), value, quote);
      assert.equal(finding.fixes[0].edits[0].text, "credentials('API_TOKEN')", quote);
    }
  });

  it("only a parameter's `defaultValue:` (or a build's `value:`) is bound to its name: a random-looking description or choice is not the credential", async () => {
    const text = `pipeline {\n  agent any\n  parameters {\n    string(name: 'API_TOKEN', defaultValue: '', description: '${value}')\n  }\n  stages {\n    stage('a') {\n      steps {\n        build job: 'deploy', parameters: [[$class: 'StringParameterValue', name: 'API_TOKEN', value: '${value}z']]\n      }\n    }\n  }\n}\n`;
    const found = (await all(text)).filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(found.map((f) => text.slice(f.span.start, f.span.end)), [`${value}z`]);
    assert.match(found[0].message, /`API_TOKEN`/);
  });

  it("a secret inside a longer environment value (a URL's password) gets no in-place fix: `credentials()` would leave the variable holding the password alone", async () => {
    const text = declarative(`    DB_URL = "postgres://app:${value}@db.internal.example.com/app"\n`);
    const finding = (await all(text)).find((f) => f.ruleId === "hardcoded-secret");
    assert.ok(finding);
    assert.deepEqual(finding.fixes, []);
    assert.match(finding.help!, /Jenkins credential/);
  });

  it("a parameter's default is judged under the parameter's name (`string(name: 'API_TOKEN', defaultValue: …)`), not a plain default", async () => {
    const text = `pipeline {\n  agent any\n  parameters {\n    string(name: 'API_TOKEN', defaultValue: '${value}', description: 'x')\n    password(name: 'DB_PASS', defaultValue: 'Zq8vRt2Lm9!')\n    string(name: 'REGION', defaultValue: 'eu-west-1')\n    string(defaultValue: '${value}y')\n  }\n  stages {\n    stage('a') {\n      steps {\n        sh 'make'\n      }\n    }\n  }\n}\n`;
    const findings = (await all(text)).filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(findings.map((f) => /under `([^`]+)`/.exec(f.message)?.[1]), ["API_TOKEN", "DB_PASS"]);
  });

  it("a secret assigned in a script block (a def, not the environment) is found with no in-place fix", async () => {
    const text = `node {\n  def apiToken = '${value}'\n  env.DEPLOY_TOKEN = "${value}x"\n}\n`;
    const findings = (await all(text)).filter((f) => f.ruleId === "hardcoded-secret");
    assert.deepEqual(findings.map((f) => [text.slice(f.span.start, f.span.end), f.fixes.length]), [[value, 0], [`${value}x`, 0]]);
  });

  it("credentials('id') outside an environment block (assigned in a script) is a connector; with no id, none", async () => {
    const text = "node {\n  def creds = credentials('script-creds')\n  def none = credentials()\n  withEnv([\"T=${creds}\"]) {\n    sh 'make'\n  }\n}\n";
    const unowned = (await all(text)).filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector);
    assert.deepEqual(unowned, ["script-creds"]);
  });

  it("withCredentials bindings of every shape: $class maps, a file and a keystore (paths, not the secret), each variable bound", async () => {
    const text =
      "node {\n  withCredentials([[$class: 'StringBinding', credentialsId: 'slack-hook', variable: 'HOOK'], file(credentialsId: 'kubeconfig', variable: 'KUBECONFIG'), certificate(credentialsId: 'signing-cert', keystoreVariable: 'KEYSTORE'), string(credentialsId: 'api-token', variable: 'API_TOKEN')]) {\n    sh \"curl -d @$KUBECONFIG -H 'X: ${HOOK}' ${API_TOKEN} ${KEYSTORE}\"\n  }\n}\n";
    const findings = await all(text);
    assert.deepEqual(findings.filter((f) => f.ruleId === "unowned-connector").map((f) => f.connector), ["slack-hook", "kubeconfig", "signing-cert", "api-token"]);
    // Groovy interpolates the secrets into the command line; a file credential's variable is only a path.
    const leaked = findings.filter((f) => f.ruleId === "secret-in-log").map((f) => text.slice(f.span.start, f.span.end));
    assert.deepEqual(leaked, ["${HOOK}", "${API_TOKEN}"]);
  });

  it("a stage gated by an input before it or inside it; not by one after it", async () => {
    const text =
      "pipeline {\n  agent any\n  stages {\n    stage('early') {\n      steps {\n        withCredentials([string(credentialsId: 'prod-deploy-token', variable: 'T')]) {\n          sh './deploy.sh'\n        }\n      }\n    }\n    stage('approve') {\n      steps {\n        input message: 'Deploy?'\n      }\n    }\n    stage('late') {\n      steps {\n        withCredentials([string(credentialsId: 'prod-deploy-token', variable: 'T')]) {\n          sh './deploy.sh'\n        }\n      }\n    }\n  }\n}\n";
    const ungated = (await all(text)).filter((f) => f.ruleId === "ungated-privileged-job").map((f) => /job `([^`]+)`/.exec(f.message)?.[1]);
    assert.deepEqual(ungated, ["early"]);
  });

  it("a stage between two inputs is gated by the first; two stages of one name each where it stands", async () => {
    const deploy = (name: string) => `    stage('${name}') {\n      steps {\n        withCredentials([string(credentialsId: 'prod-deploy-token', variable: 'T')]) {\n          sh './deploy.sh'\n        }\n      }\n    }\n`;
    const approve = (name: string) => `    stage('${name}') {\n      steps {\n        input message: 'Go?'\n      }\n    }\n`;
    const text = `pipeline {\n  agent any\n  stages {\n${deploy("first")}${approve("approve")}${deploy("between")}${approve("again")}${deploy("first")}  }\n}\n`;
    const ungated = (await all(text)).filter((f) => f.ruleId === "ungated-privileged-job").map((f) => /job `([^`]+)`/.exec(f.message)?.[1]);
    assert.deepEqual(ungated, ["first"]);
  });

  it("a parse error is reported where the grammar stopped reading, with its message", async () => {
    const text = "}}}} ((( ]]] ;;; @@@ ### \n".repeat(20);
    const [error] = (await all(text)).filter((f) => f.ruleId === "parse-error");
    assert.match(error.message, /^Jenkins could not be parsed: Groovy syntax error \(tree-sitter could read almost nothing of this file\)/);
    assert.equal(error.span.end - error.span.start, 1);
    assert.ok(error.span.start < 10, `at ${error.span.start}`);
  });

  it("a file whose parse runs over its budget (many `/*` never closed: quadratic in the grammar's error recovery) is given up, said, and read as text", async function () {
    this.timeout(60_000);
    const text = `pipeline {\n  environment {\n    API_TOKEN = '${token}'\n  }\n}\n${"/*\n".repeat(40_000)}`;
    const findings = await all(text);
    const [error] = findings.filter((f) => f.ruleId === "parse-error");
    assert.match(error.message, /^Jenkins could not be parsed: tree-sitter's Groovy parser gave up after 2\.2 s \(its error recovery is slow on some broken files, such as many `\/\*` never closed\)\. Its secrets were looked for as in plain text/);
    assert.deepEqual(error.span, { start: 0, end: 1 }, "at the file's start: no part of it was read");
    assert.equal(findings.filter((f) => f.ruleId === "hardcoded-secret").length, 1, "the token is still found");
    // The stopped parse is not resumed by the next file's (tree-sitter's parser is reset).
    const next = await all(declarative("    A = credentials('a')\n"));
    assert.deepEqual(next.filter((f) => f.ruleId === "parse-error"), []);
  });

  it("a tree nested deeper than it is walked (3 000 nested stages overflowed the stack: an internal error, exit 2) is a parse-error at the level it stops; its secrets are still found", async () => {
    const text = `pipeline {\n  environment {\n    API_TOKEN = '${token}'\n  }\n  ${"stage('x') { ".repeat(3_000)}${"}".repeat(3_000)}\n}\n`;
    const result = await lintFiles([{ path: "Jenkinsfile", text }]);
    assert.deepEqual(result.internalErrors, []);
    const [error] = result.findings.filter((f) => f.ruleId === "parse-error");
    assert.match(error.message, /^Jenkins could not be parsed: nested over 1000 levels deep: not read past that\./);
    assert.ok(error.span.start > text.indexOf("stage('x')"), `at ${error.span.start}`);
    assert.equal(result.findings.filter((f) => f.ruleId === "hardcoded-secret").length, 1);
    // Real nesting is read as always.
    assert.deepEqual((await all(declarative("    A = credentials('a')\n"))).filter((f) => f.ruleId === "parse-error"), []);
  });

  it("each syntax tree is freed once read: linting a 30 KB Jenkinsfile 300 times holds no more memory than after 20", function () {
    this.timeout(120_000);
    // In a process of its own: a mocha worker's memory moves with the other tests it runs.
    const script = `
      const { registerParsers } = await import(${JSON.stringify(join(ROOT, "out/cli/parsers.js"))});
      const { lint } = await import(${JSON.stringify(join(ROOT, "out/linter-core/index.js"))});
      const { RULES } = await import(${JSON.stringify(join(ROOT, "out/rules/index.js"))});
      registerParsers();
      const stages = Array.from({ length: 120 }, (_, i) => "    stage('Step " + i + "') {\\n      steps {\\n        withCredentials([string(credentialsId: 'c" + i + "', variable: 'T" + i + "')]) {\\n          sh 'curl -H \\"Authorization: Bearer $T" + i + "\\" https://example.com/" + i + "'\\n        }\\n      }\\n    }\\n").join("");
      const text = "pipeline {\\n  agent any\\n  stages {\\n" + stages + "  }\\n}\\n";
      const run = async (from, to) => { for (let i = from; i < to; i++) { const r = await lint([{ path: "Jenkinsfile", text: text + "// " + i + "\\n" }], { rules: RULES }); if (r.files[0].platform !== "jenkins" || r.findings.length === 0) throw new Error("not read as a Jenkinsfile"); } };
      await run(0, 20);
      const before = process.memoryUsage().rss;
      await run(20, 320);
      console.log(JSON.stringify({ length: text.length, grownMb: (process.memoryUsage().rss - before) / 1e6 }));`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(child.status, 0, child.stderr);
    const { length, grownMb } = JSON.parse(child.stdout) as { length: number; grownMb: number };
    assert.ok(length > 25_000, `${length}`);
    // A tree kept was about 0.7 MB each here: over 200 MB for these 300.
    assert.ok(grownMb < 60, `RSS grew ${grownMb.toFixed(0)} MB over 300 parses`);
  });
});

describe("platform jenkins: what the model holds, construct by construct", () => {
  // What rules read: the literals (with their key, place and stage), the credential references (with
  // the variable each is bound to), the stages and the parse errors.
  const modelOf = async (text: string) => {
    const model = await jenkins.buildModel("Jenkinsfile", text);
    const at = (span: { start: number; end: number }) => text.slice(span.start, span.end);
    return {
      literals: model.literals.map((l) => ({ key: l.key, path: l.path.join("/"), value: l.value, role: l.role, job: l.scope.job, ...(l.keySpan && { keyAt: at(l.keySpan) }), ...(l.interpolated && { interpolated: l.interpolated.map((i) => at(i.span)) }), ...(l.secretVariables && { variables: l.secretVariables.map((v) => `${v.name}=${v.connector}`) }) })),
      refs: model.connectorRefs.map((r) => `${r.kind} ${r.name}${r.scope.job ? ` in ${r.scope.job}` : ""}${r.binding ? ` as ${r.binding.level} ${r.binding.name} at ${at(r.binding.keySpan)}` : ""}`),
      jobs: model.jobs.map((j) => j.id),
      errors: model.parseErrors.map((e) => ({ message: e.message, at: e.span.start, length: e.span.end - e.span.start })),
    };
  };

  it("credentials: each way of naming one, with its kind, its stage and the variable it is bound to; nothing else is a credential", async () => {
    const text = [
      "pipeline {",
      "  agent any",
      "  environment {",
      "    TOOL = tool('maven')",
      "    TOP = credentials('top-id')",
      "    DYN = credentials(idVar)",
      `    COMPUTED = credentials("deploy-\${ENV}")`,
      "  }",
      "  stages {",
      "    stage('Build') {",
      "      environment { STAGE_CRED = credentials('stage-id') }",
      "      steps {",
      `        withCredentials([string(credentialsId: "\${params.CRED}", variable: 'TOKEN'), [$class: 'FooBinding', credentialsId: 'foo-id', secretVariable: 'FOO'], azureServicePrincipal('sp-id'), usernamePassword(credentialsId: 'up-id', usernameVariable: 'U', passwordVariable: 'P')]) {`,
      "          sh 'make'",
      "        }",
      "        git('https://example.com/app.git', 'main')",
      "        git url: repoUrl, credentialsId: gitCred",
      "        sshagent([keyVar]) { sh 'ssh host' }",
      "        docker.withRegistry(registryUrl, registryCred) { sh 'docker push app' }",
      "        script {",
      "          def loose = credentials('loose-id')",
      "        }",
      "      }",
      "    }",
      "  }",
      "}",
      "",
    ].join("\n");
    const model = await modelOf(text);
    assert.deepEqual(model.refs, [
      "secret top-id as workflow TOP at TOP",
      "secret stage-id in Build as job STAGE_CRED at STAGE_CRED",
      "secret sp-id in Build as step AZURE_CLIENT_SECRET at sp-id",
      "secret foo-id in Build as step FOO at FOO",
      "secret up-id in Build as step P at P",
      "secret loose-id in Build",
    ]);
    assert.deepEqual(model.jobs, ["Build"]);
    assert.deepEqual(model.errors, []);
    // The variables a script sees: environment credentials (any level), withCredentials' own (a username's
    // too). A computed id (`"${params.CRED}"`, `"deploy-${ENV}"`) is known by its variable; `tool(...)`
    // holds no credential; `def` outside `environment {}` binds no variable.
    const make = model.literals.find((l) => l.value === "make")!;
    assert.deepEqual(make.variables, ["TOP=top-id", "TOP_PSW=top-id", "COMPUTED=COMPUTED", "COMPUTED_PSW=COMPUTED", "STAGE_CRED=stage-id", "STAGE_CRED_PSW=stage-id", "TOKEN=TOKEN", "FOO=foo-id", "U=up-id", "P=up-id"]);
    assert.equal(make.path, "steps/sh");
    assert.equal(make.role, "script");
    assert.equal(make.keyAt, undefined);
  });

  it("interpolations: `${NAME}`, `$NAME` and `${env.NAME}` of a credential variable; not `${params.NAME}`, not another variable", async () => {
    const text = `pipeline {\n  agent any\n  environment {\n    TOKEN = credentials('t')\n    TOOL = tool('maven')\n  }\n  stages {\n    stage('a') {\n      steps {\n        sh "deploy \${TOKEN} $TOKEN \${env.TOKEN} \${params.TOKEN} \${TOOL} \${TOKEN.trim()}"\n        sh 'plain $TOKEN'\n      }\n    }\n  }\n}\n`;
    const [interpolating, plain] = (await modelOf(text)).literals.filter((l) => l.key === "sh");
    assert.deepEqual(interpolating.interpolated, ["${TOKEN}", "$TOKEN", "${env.TOKEN}"]);
    assert.equal(plain.interpolated, undefined);
  });

  it("literals: a step's named string arguments, assignments and declarations (typed or `def`), in their stage, keyed where the key is written", async () => {
    const text = `node {\n  stage('deploy') {\n    def apiKey = 'a1'\n    String other = "q'''z"\n    env.DB_USER = 'admin'\n    config['x'] = 'not a name'\n    x = /sla"shy/\n    sh(script: 'make', label: 'compile')\n    sh script: cmd\n    notify(credentials: 'words', script: 'notes')\n    slackSend(channel: '#ci', tokenCredentialId: 'slack')\n    string(name: 'API_TOKEN', defaultValue: 'd1')\n  }\n  stage(stageName) { sh 'stage by variable' }\n}\n`;
    const { literals, jobs } = await modelOf(text);
    assert.deepEqual(literals, [
      { key: "apiKey", path: "assign/apiKey", value: "a1", role: "assignment", job: "deploy", keyAt: "apiKey" },
      { key: "other", path: "assign/other", value: "q'''z", role: "assignment", job: "deploy", keyAt: "other" },
      { key: "DB_USER", path: "assign/DB_USER", value: "admin", role: "assignment", job: "deploy", keyAt: "env.DB_USER" },
      { key: "sh", path: "steps/sh", value: "make", role: "script", job: "deploy" },
      { key: "label", path: "arguments/label", value: "compile", role: "assignment", job: "deploy", keyAt: "label" },
      { key: "credentials", path: "arguments/credentials", value: "words", role: "assignment", job: "deploy", keyAt: "credentials" },
      { key: "script", path: "arguments/script", value: "notes", role: "assignment", job: "deploy", keyAt: "script" },
      { key: "channel", path: "arguments/channel", value: "#ci", role: "assignment", job: "deploy", keyAt: "channel" },
      { key: "tokenCredentialId", path: "arguments/tokenCredentialId", value: "slack", role: "assignment", job: "deploy", keyAt: "tokenCredentialId" },
      { key: "name", path: "arguments/name", value: "API_TOKEN", role: "assignment", job: "deploy", keyAt: "name" },
      { key: "API_TOKEN", path: "arguments/defaultValue", value: "d1", role: "assignment", job: "deploy", keyAt: "defaultValue" },
      { key: "sh", path: "steps/sh", value: "stage by variable", role: "script", job: undefined },
    ]);
    assert.deepEqual(jobs, ["deploy"]);
  });

  it("a parse error points at the first part tree-sitter could not read, not at the file's start", async () => {
    const text = `// notes\n${"}}}} ((( ]]] ;;; @@@ ### \n".repeat(20)}`;
    const { errors } = await modelOf(text);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /Groovy syntax error/);
    assert.ok(errors[0].at >= text.indexOf("}"), `at ${errors[0].at}`);
    assert.equal(errors[0].length, 1);
  });

  it("nesting past the limit: one error, one character long, where reading stopped", async () => {
    const text = `node {\n${"stage('x') {\n".repeat(1100)}${"}\n".repeat(1101)}`;
    const { errors } = await modelOf(text);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].length, 1);
    assert.ok(errors[0].at > text.indexOf("stage('x')"));
  });
});
