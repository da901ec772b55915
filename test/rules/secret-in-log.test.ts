import assert from "node:assert/strict";
import { secretInLog } from "../../rules/secret-in-log.js";
import { at, lintFiles, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const direct = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo \"token is ${{ secrets.API_TOKEN }}\"\n");
const secondLine = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          set -e\n          echo \"token is ${{ secrets.API_TOKEN }}\"   \n");
const step = (env: string, run: string) => `      - env:\n${env}        run: |\n${run}`;
const job = (name: string, body: string, env = "") => `  ${name}:\n    runs-on: ubuntu-latest\n${env}    steps:\n${body}`;
const groupTo = (target: string) => wf(job("a", step("          KEY: ${{ secrets.KEY }}\n", `          {\n            echo "KEY=$KEY"\n          }${target}\n`)));
const twoSteps = wf(job("a", `      - env:\n          TOKEN: \${{ secrets.API_TOKEN }}\n        run: ./use.sh\n      - run: echo "$TOKEN"\n`));
const jobEnv = wf(job("a", "      - run: echo \"$TOKEN\"\n", "    env:\n      TOKEN: ${{ secrets.API_TOKEN }}\n"));
const otherJob = wf(job("a", "      - run: ./use.sh\n", "    env:\n      TOKEN: ${{ secrets.API_TOKEN }}\n") + job("b", "      - run: echo \"$TOKEN\"\n"));
const workflowEnv = wf(job("b", "      - run: echo \"$TOKEN\"\n"), "permissions:\n  contents: read\nenv:\n  TOKEN: ${{ secrets.API_TOKEN }}\n");
const viaEnv = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: debug\n        env:\n          TOKEN: ${{ secrets.API_TOKEN }}\n        run: |\n          echo \"$TOKEN\" | base64 >> $GITHUB_STEP_SUMMARY\n");
// A secret expression in a program's arguments: on the command line, for ps and audit logs (GitHub's hardening guide).
const run = (script: string) => wf(`  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${script.split("\n").map((l) => `          ${l}`).join("\n")}\n`);
const dockerLogin = run("docker login -u bot -p ${{ secrets.REGISTRY_PASSWORD }} ghcr.io");
const continued = run('java -jar scan.jar \\\n  --api-id "${{ secrets.SCAN_ID }}" \\\n  --api-key "${{ secrets.SCAN_KEY }}"');
const afterKeyword = run("if curl -fsS -H 'Authorization: ${{ secrets.API_KEY }}' https://api.example.com/health; then touch up; fi");
const inSubshell = run("VAULT_TOKEN=$(vault login -token-only token=${{ secrets.VAULT_SEED }})");
// A separator inside quotes is text: the echo goes on to print the secret.
// After a heredoc ends, and after an echo on the same line, commands are judged again.
const afterHeredocAndEcho = run("cat > notes.txt <<EOF\n${{ secrets.NOTE }}\nEOF\necho start; curl -u bot:${{ secrets.PUSH }} https://x");
const quotedSeparators = wf(job("a", step("          TOKEN: ${{ secrets.API_TOKEN }}\n", '          echo "deploying; done && ok || not: $TOKEN"\n')));
// Other platforms: the secrets a script reads as variables, printed.
// Jenkins: a withCredentials variable echoed by the shell (not Groovy-interpolated: the other finding).
const jenkins = (line: string) => `node {\n  withCredentials([usernamePassword(credentialsId: 'registry', usernameVariable: 'USER', passwordVariable: 'PASS')]) {\n    sh '${line}'\n  }\n}\n`;
const jenkinsEcho = jenkins('echo "password is $PASS"');
// `NAME = credentials('id')` of a username and password also sets NAME_PSW (jenkinsci/pipeline-examples).
const jenkinsPassword = "pipeline {\n  agent any\n  environment {\n    FOO = credentials('foo-login')\n  }\n  stages {\n    stage('a') {\n      steps {\n        sh 'echo \"$FOO_PSW\"'\n      }\n    }\n  }\n}\n";
// A YAML script item in quotes is the same command.
const gitlabQuoted = `deploy:\n  script:\n    - 'echo "token: $DEPLOY_TOKEN"'\n`;
const gitlab = (line: string) => `deploy:\n  script:\n    - ${line}\n`;
const azureScript = (line: string) => `steps:\n  - script: ${line}\n`;
const bitbucket = (line: string) => `pipelines:\n  default:\n    - step:\n        script:\n          - ${line}\n`;
ruleTester(secretInLog, {
  valid: [
    { name: "Jenkins: a withCredentials variable given to a tool, and a git credential helper echoing it to git", path: "Jenkinsfile", code: jenkins('echo "$PASS" | docker login -u "$USER" --password-stdin') + jenkins('git config credential.helper "!f() { echo password=$PASS; }; f"') },
    { name: "GitLab: a secret given to a tool, not printed; a predefined variable printed", path: ".gitlab-ci.yml", code: gitlab('docker login -u bot -p "$REGISTRY_PASSWORD" && echo "$CI_COMMIT_SHA"') },
    { name: "Azure: a secret set as a secret variable (issecret=true)", path: "azure-pipelines.yml", code: azureScript('echo "##vso[task.setvariable variable=TOKEN;issecret=true]$(ARM_CLIENT_SECRET)"') },
    { name: "Azure: a secret piped to a tool's stdin", path: "azure-pipelines.yml", code: azureScript("echo $(NPM_TOKEN) | npm login --stdin") },
    { name: "Azure: issecret = true written with spaces", path: "azure-pipelines.yml", code: azureScript('echo "##vso[task.setvariable variable=TOKEN; issecret = true]$(ARM_CLIENT_SECRET)"') },
    { name: "GitLab: GitHub's expression syntax is no substitution there (a copy-paste), so no command line holds a secret", path: ".gitlab-ci.yml", code: gitlab("'curl -u bot:${{ secrets.API_KEY }} https://x'") },
    { name: "a value that is not a script (an env value reading like one) prints nothing", code: wf(job("a", "      - env:\n          MSG: echo ${{ secrets.API_TOKEN }}\n        run: ./notify.sh\n")) },
    { name: "secrets given to builtins, assignments, a pipe's input or a heredoc: no command line holds them", code: run('echo "${{ secrets.REG }}" | docker login -u bot --password-stdin ghcr.io\nexport API=${{ secrets.API }}\nTOKEN=${{ secrets.TOKEN }}\necho "KEY=${{ secrets.KEY }}" >> "$GITHUB_ENV"\ncat > config.json <<EOF\n{"token": "${{ secrets.CONFIG_TOKEN }}"}\nEOF\ngh release create --token ${{ secrets.GITHUB_TOKEN }}\nif [[ "${{ github.event_name }}" == "pull_request" || -z "${{ secrets.HUB_TOKEN }}" ]]; then exit 0; fi\n[ -n "${{ secrets.HUB_TOKEN }}" ] || exit 0') },
    { name: "a secret piped to a tool on stdin", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          PASS: ${{ secrets.REG }}\n        run: echo \"$PASS\" | docker login -u bot --password-stdin r.example.com\n") },
    { name: "written to a file or to GITHUB_ENV, not to the log (apache/opendal, actions/starter-workflows idioms)", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          KEY: ${{ secrets.RSYNC_KEY }}\n        run: |\n          echo \"::add-mask::${{ secrets.OP_TOKEN }}\"\n          echo \"OP_TOKEN=${{ secrets.OP_TOKEN }}\" >> \"$GITHUB_ENV\"\n          printf '%s' \"${KEY}\" > \"${HOME}/.ssh/key\"\n          {\n            echo \"AWS_SECRET_ACCESS_KEY=${KEY}\"\n          } >> \"${GITHUB_ENV}\"\n") },
    { name: "piped into a tool, or `print` inside awk (actions/starter-workflows jfrog-sast, apache/arrow, huggingface/diffusers idioms)", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          JF_TOKEN: ${{ secrets.JF_TOKEN }}\n          KEY: ${{ secrets.GPG_KEY }}\n          HOOK: ${{ secrets.HOOK }}\n        run: |\n          echo $JF_TOKEN | jf c add --access-token-stdin\n          echo \"${KEY}\" | gpg --import\n          SIG=\"$(openssl dgst -hmac \"${HOOK}\" p.json | awk '{print $NF}')\"\n") },
    { name: "piped through tools that still print, then into one that consumes it", code: wf(job("a", step("          KEY: ${{ secrets.KEY }}\n", "          echo \"$KEY\" | tr -d '\\n' | gpg --import\n"))) },
    { name: "a `{ ...; }` group redirected to a file", code: groupTo(' >> "$GITHUB_ENV"') },
    { name: "a group closed as `}>> file`, with no space", code: groupTo('>> "$GITHUB_ENV"') },
    { name: "an env var bound in another step of the job is not this step's", code: twoSteps },
    { name: "an env var bound at another job's level is not this job's", code: otherJob },
    { name: "GITHUB_TOKEN is issued per run (its reach is permissions:), in any case", code: wf(job("a", "      - run: |\n          echo ${{ secrets.GITHUB_TOKEN }}\n          echo ${{ secrets.github_token }}\n")) },
    { name: "a secret used, not printed", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          TOKEN: ${{ secrets.API_TOKEN }}\n        run: curl -H \"Authorization: Bearer $TOKEN\" https://x\n") },
  ],
  invalid: [
    { name: "a secret argument after a heredoc ends, and after an echo on the same line", code: afterHeredocAndEcho, errors: [{ ...at(afterHeredocAndEcho, "echo start"), endColumn: undefined, message: /^secret `PUSH` is put on `curl`'s command line/ }] },
    { name: "a `;`, `&&` or `||` inside quotes does not end the echo", code: quotedSeparators, errors: [{ ...at(quotedSeparators, "$TOKEN"), endColumn: undefined, message: /^secret `API_TOKEN` is printed/ }] },
    { name: "Jenkins: the password half of an environment credential (NAME_PSW) echoed", path: "Jenkinsfile", code: jenkinsPassword, errors: [{ ...at(jenkinsPassword, "$FOO_PSW"), endColumn: undefined, message: /^secret `foo-login` is printed in job `a`/ }] },
    { name: "GitLab: a quoted script item that echoes a secret", path: ".gitlab-ci.yml", code: gitlabQuoted, errors: [{ ...at(gitlabQuoted, "$DEPLOY_TOKEN"), endColumn: undefined, message: /^secret `DEPLOY_TOKEN` is printed in job `deploy`/ }] },
    { name: "Jenkins: a withCredentials variable echoed by the shell", path: "Jenkinsfile", code: jenkinsEcho, errors: [{ ...at(jenkinsEcho, "$PASS"), endColumn: undefined, message: /^secret `registry` is printed/ }] },
    { name: "GitLab: echo $SECRET", path: ".gitlab-ci.yml", code: gitlab('echo "deploying with $DEPLOY_TOKEN"'), errors: [{ ...at(gitlab('echo "deploying with $DEPLOY_TOKEN"'), '$DEPLOY_TOKEN"'), message: /^secret `DEPLOY_TOKEN` is printed in job `deploy`/ }] },
    { name: "Azure: a secret set as a plain variable (##vso without issecret=true)", path: "azure-pipelines.yml", code: azureScript('echo "##vso[task.setvariable variable=TOKEN]$(ARM_CLIENT_SECRET)"'), errors: [{ ...at(azureScript('echo "##vso[task.setvariable variable=TOKEN]$(ARM_CLIENT_SECRET)"'), '$(ARM_CLIENT_SECRET)"'), message: /^secret `ARM_CLIENT_SECRET` is set as a plain pipeline variable \(`##vso\[task\.setvariable\]` without `issecret=true`\)/ }] },
    { name: "Azure: issecret=true outside the command's brackets does not make it secret", path: "azure-pipelines.yml", code: azureScript(`'echo "issecret=true ##vso[task.setvariable variable=T]$(ARM_CLIENT_SECRET)"'`), errors: [{ ...at(azureScript(`'echo "issecret=true ##vso[task.setvariable variable=T]$(ARM_CLIENT_SECRET)"'`), "$(ARM_CLIENT_SECRET)"), endColumn: undefined, message: /is set as a plain pipeline variable/ }] },
    { name: "Azure: a setvariable command never closed by `]` is a plain print", path: "azure-pipelines.yml", code: azureScript('echo "##vso[task.setvariable variable=T;issecret=true $(ARM_CLIENT_SECRET)"'), errors: [{ ...at(azureScript('echo "##vso[task.setvariable variable=T;issecret=true $(ARM_CLIENT_SECRET)"'), "$(ARM_CLIENT_SECRET)"), endColumn: undefined, message: /^secret `ARM_CLIENT_SECRET` is printed/ }] },
    { name: "Azure: a `]` without a setvariable command is a plain print", path: "azure-pipelines.yml", code: azureScript('echo "[info] $(ARM_CLIENT_SECRET)"'), errors: [{ ...at(azureScript('echo "[info] $(ARM_CLIENT_SECRET)"'), "$(ARM_CLIENT_SECRET)"), endColumn: undefined, message: /^secret `ARM_CLIENT_SECRET` is printed/ }] },
    { name: "Azure: a macro in single quotes is still substituted (by Azure, before the shell)", path: "azure-pipelines.yml", code: azureScript(`"echo '$(ARM_CLIENT_SECRET)'"`), errors: [{ ...at(azureScript(`"echo '$(ARM_CLIENT_SECRET)'"`), "$(ARM_CLIENT_SECRET)"), endColumn: undefined, message: /^secret `ARM_CLIENT_SECRET` is printed/ }] },
    { name: "Azure: echo $(SECRET) (a macro)", path: "azure-pipelines.yml", code: azureScript("echo $(ARM_CLIENT_SECRET)"), errors: [{ ...at(azureScript("echo $(ARM_CLIENT_SECRET)"), "$(ARM_CLIENT_SECRET)"), message: /^secret `ARM_CLIENT_SECRET` is printed/ }] },
    { name: "Bitbucket: an encoded secret printed", path: "bitbucket-pipelines.yml", code: bitbucket("echo $DOCKER_PASSWORD | base64"), errors: [{ ...at(bitbucket("echo $DOCKER_PASSWORD | base64"), "$DOCKER_PASSWORD | base64"), message: /^secret `DOCKER_PASSWORD` is printed/ }] },
    { name: "a password in docker login's arguments: a warning, at the command", code: dockerLogin, severity: "warning", errors: [{ ...at(dockerLogin, "docker login -u bot -p ${{ secrets.REGISTRY_PASSWORD }} ghcr.io"), message: /^secret `REGISTRY_PASSWORD` is put on `docker`'s command line in job `a`, step `docker login \(step 1\)`: other processes on the runner see it in the process list/ }] },
    { name: "continued lines are one command: each secret once, at the command's start", code: continued, errors: [{ ...at(continued, "java -jar scan.jar \\"), message: /`SCAN_ID` is put on `java`'s command line/ }, { ...at(continued, "java -jar scan.jar \\"), message: /`SCAN_KEY` is put on `java`'s command line/ }] },
    { name: "a command after `if`", code: afterKeyword, errors: [{ ...at(afterKeyword, "if curl -fsS -H 'Authorization: ${{ secrets.API_KEY }}' https://api.example.com/health; then touch up; fi"), message: /`API_KEY` is put on `curl`'s command line/ }] },
    { name: "a command inside $(...)", code: inSubshell, errors: [{ ...at(inSubshell, "VAULT_TOKEN=$(vault login -token-only token=${{ secrets.VAULT_SEED }})"), message: /`VAULT_SEED` is put on `vault`'s command line/ }] },
    { name: "echo through base64 still prints", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets.K }} | base64\n"), errors: [{ line: 9, column: 19, message: /secret `K` is printed/ }] },
    { name: "piped only through tools that still print it", code: wf(job("a", step("          KEY: ${{ secrets.KEY }}\n", "          echo \"$KEY\" | base64 | tee out.txt\n"))), errors: [{ line: 12, column: 17, message: /secret `KEY` is printed/ }] },
    { name: "a group not redirected prints", code: groupTo(""), errors: [{ line: 13, column: 23, message: /secret `KEY` is printed/ }] },
    { name: "a group redirected to a .log file still writes a log", code: groupTo(" >> build.log"), errors: [{ line: 13, column: 23, message: /secret `KEY` is printed/ }] },
    { name: "an env var bound at the job's level, printed in its step", code: jobEnv, errors: [{ ...at(jobEnv, '$TOKEN"'), message: /secret `API_TOKEN` is printed/ }] },
    { name: "an env var bound at the workflow's level, printed in any job", code: workflowEnv, errors: [{ ...at(workflowEnv, '$TOKEN"'), message: /secret `API_TOKEN` is printed/ }] },
    { name: "an expression written without spaces", code: wf(job("a", "      - run: echo ${{secrets.K}}\n")), errors: [{ line: 9, column: 19, message: /secret `K` is printed/ }] },
    { name: "echo of a secret expression", code: direct, errors: [{ ...at(direct, '${{ secrets.API_TOKEN }}"'), message: /secret `API_TOKEN` is printed in job `a`/ }] },
    // A later line of a block is indented in the file: the finding still ends where the line's text does (blanks after it left out).
    { name: "echo on an indented later line with blanks after it: from the secret to the end of the command", code: secondLine, errors: [{ ...at(secondLine, '${{ secrets.API_TOKEN }}"'), message: /secret `API_TOKEN` is printed/ }] },
    { name: "an env var bound to a secret written to the job summary", code: viaEnv, errors: [{ ...at(viaEnv, '$TOKEN" | base64 >> $GITHUB_STEP_SUMMARY'), message: /in job `a`, step `debug`/ }] },
  ],
});

describe("secret-in-log: a finding's fingerprint", () => {
  it("does not change when the script is indented differently (a baseline survives re-indenting)", async () => {
    // (The echo on the script's second line: a block's first line starts where its text does, past any indentation.)
    const at = (indent: string) => wf(job("a", `      - env:\n          TOKEN: \${{ secrets.API_TOKEN }}\n        run: |\n${indent}set -e\n${indent}echo "$TOKEN"\n`));
    const fingerprints = async (text: string) => (await lintFiles([{ path: ".github/workflows/a.yml", text }])).findings.filter((f) => f.ruleId === "secret-in-log").map((f) => f.fingerprint);
    const two = await fingerprints(at("          "));
    assert.equal(two.length, 1);
    assert.deepEqual(await fingerprints(at("            ")), two);
  });
});

describe("secret-in-log: how a script line is split into commands, and what receives a secret", () => {
  const workflow = (script: string) => `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          TOKEN: \${{ secrets.API_TOKEN }}\n        run: |\n${script.split("\n").map((l) => `          ${l}`).join("\n")}\n`;
  // Each script, and its findings: severity, line and column (the script starts on line 11, column 11).
  const cases: [string, string[]][] = [
    ['echo "done; $TOKEN"', ["error 11:23"]],
    ['[ -n "$TOKEN" ] && echo ok', []],
    ['test -n "$TOKEN" || echo missing', []],
    ['echo ok; echo "$TOKEN"', ["error 11:26"]],
    ['echo ok||echo "$TOKEN"', ["error 11:26"]],
    ['echo "a \\" ; $TOKEN"', ["error 11:24"]],
    ["echo 'x; y' && echo $TOKEN", ["error 11:31"]],
    ["echo a\\; $TOKEN", ["error 11:20"]],
    ["echo ok && printf '%s' \"$TOKEN\" | gpg --import", []],
    ['echo "$TOKEN" | base64', ["error 11:17"]],
    ['sudo env X=1 curl -H "Authorization: ${{ secrets.API_TOKEN }}" https://x', ["warning 11:11 curl"]],
    ['[ -z "${{ secrets.API_TOKEN }}" ] && exit 1', []],
    ["cat <<EOF > cfg\n${{ secrets.API_TOKEN }}\nEOF\nwget --password ${{ secrets.API_TOKEN }} https://x", ["warning 14:11 wget"]],
    // Quotes: an odd run inside double quotes, a backslash inside single quotes (literal there), a `;` inside single quotes.
    ['echo "abc" && [ -n "$TOKEN" ]', []],
    ["echo 'a\\' && [ -n \"$TOKEN\" ]", []],
    ["echo 'done;' $TOKEN", ["error 11:24"]],
    // The shell leaves `'$TOKEN'` as written: no secret printed. A `'` inside double quotes is text; `\` inside single quotes is literal.
    ["echo 'Set $TOKEN in the environment first'", []],
    ['echo "it\'s $TOKEN"', ["error 11:22"]],
    ["echo 'x' \"$TOKEN\"", ["error 11:21"]],
    ["echo 'a\\' \"$TOKEN\"", ["error 11:22"]],
    // An escaped `$` is the name as written; an escaped quote opens nothing.
    ['echo "\\$TOKEN is the variable to set"', []],
    ["echo it\\'s \"$TOKEN\"", ["error 11:23"]],
    // Separators without spaces, and a quote right after one.
    ['echo ok;echo "$TOKEN"', ["error 11:25"]],
    ["x; 'y' >> build.log; [ -n \"$TOKEN\" ]", []],
    // A function's body redirected as a whole, like a `{ …; }` group.
    ['write_env() {\n  echo "KEY=$TOKEN"\n} >> "$GITHUB_ENV"', []],
    ['{\n  echo "KEY=$TOKEN"\n} > out.txt', []],
    ['{ echo start\n  echo "KEY=$TOKEN"\n} > out.txt', []],
    ['echo {a,b}\necho "$TOKEN"', ["error 12:17"]],
    // Inside a test, even after a `$(`; a test closed before the command does not count.
    ['[ "$(cat v)" = "${{ secrets.API_TOKEN }}" ] && exit 0', []],
    ['if [ "$(cat v)" = "${{ secrets.API_TOKEN }}" ]; then exit 0; fi', []],
    ['[ -f x ] && curl -H "X: ${{ secrets.API_TOKEN }}" https://x', ["warning 11:11 curl"]],
    // The program: after `$(`, after two spaces, after prefixes; a word that only ends like a prefix is the program.
    ['$(curl -fsS -H "X: ${{ secrets.API_TOKEN }}" https://x)', ["warning 11:11 curl"]],
    ['sudo  curl -H "X: ${{ secrets.API_TOKEN }}" https://x', ["warning 11:11 curl"]],
    ["nohup ${{ secrets.API_TOKEN }}", ["warning 11:11 nohup"]],
    ["./deploy-env --token ${{ secrets.API_TOKEN }}", ["warning 11:11 ./deploy-env"]],
    ['API_URL1=https://x curl -H "X: ${{ secrets.API_TOKEN }}" "$API_URL1"', ["warning 11:11 curl"]],
    // PowerShell's assignment after another command is no program.
    ['echo a; $key = "${{ secrets.API_TOKEN }}"', []],
    // The command holding the expression is judged, not the line's last one; a print is the print finding alone.
    ['curl -H "X: ${{ secrets.API_TOKEN }}" https://x; echo done', ["warning 11:11 curl"]],
    ["node -e 'console.log(\"${{ secrets.API_TOKEN }}\")'", ["error 11:33"]],
    // Every data line of a heredoc is data.
    ["cat > cfg <<EOF\nuser: bot\ntoken: ${{ secrets.API_TOKEN }}\nEOF", []],
  ];
  for (const [script, expected] of cases) {
    it(JSON.stringify(script), async () => {
      const result = await lintFiles([{ path: ".github/workflows/a.yml", text: workflow(script) }]);
      const found = result.findings.filter((f) => f.ruleId === "secret-in-log").map((f) => `${f.severity} ${f.start.line}:${f.start.column}${f.severity === "warning" ? ` ${/on `([^`]+)`'s command line/.exec(f.message)?.[1]}` : ""}`);
      assert.deepEqual(found, expected);
    });
  }
});
