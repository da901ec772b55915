// The shell knowledge the script-running platforms share (linter-core/platforms/shell.ts): which
// variables a script sets itself, which credential-like ones it reads, and its logical lines.
import assert from "node:assert/strict";
import { assignedIn, logicalLines, shellCredentialRefs } from "../../linter-core/platforms/shell.js";

describe("shell: variables a script sets itself", () => {
  const cases: [string, string[]][] = [
    ["creds=$(curl -s https://vault.example/token)", ["creds"]],
    ["export DEPLOY_TOKEN=$(vault read -field=token x)", ["DEPLOY_TOKEN"]],
    ["export   SPACED_TOKEN=x", ["SPACED_TOKEN"]],
    ["local API_KEY=x; readonly SECRET_A=y && declare -x PASS_A=z; (SUB_TOKEN=w)", ["API_KEY", "SECRET_A", "PASS_A", "SUB_TOKEN"]],
    ["cmd; TOKEN_B=x", ["TOKEN_B"]],
    // Options of docker run, however spaced, set the container's variable, not the script's.
    ["docker run -e API_TOKEN=abc img", []],
    ["docker run -e   API_TOKEN=abc img", []],
    ["docker run --env API_TOKEN=abc img", []],
    ["docker run --env   API_TOKEN=abc img", []],
    ["docker run --env=API_TOKEN=abc img", []],
    // Passing the outside value on is no assignment of the script's own; another variable's value is.
    ['API_TOKEN=$API_TOKEN ./x; B_TOKEN="${B_TOKEN}" ./y', []],
    ["C_TOKEN=$C_TOKEN_OLD", ["C_TOKEN"]],
  ];
  for (const [source, expected] of cases) it(JSON.stringify(source), () => assert.deepEqual([...assignedIn(source)], expected));
});

describe("shell: credential-like variables a script reads", () => {
  const read = (source: string, defined: string[] = [], issued: string[] = []) =>
    shellCredentialRefs(source, 100, { job: "build" }, (n) => defined.includes(n), (n) => issued.includes(n)).map((r) => `${r.name}@${r.span.start}${r.issuedByPlatform ? " issued" : ""}`);

  it("each read at its offset in the file, braced or not; not the file's, the script's own, $PWD, or names that are no credential", () => {
    assert.deepEqual(read("curl -H \"Authorization: $API_TOKEN\" ${DB_PASSWORD} $HOME $PWD $DEFINED_TOKEN; OWN_TOKEN=1; echo $OWN_TOKEN", ["DEFINED_TOKEN"]), ["API_TOKEN@125", "DB_PASSWORD@138"]);
  });

  it("one the platform issues is marked so; a script without a `$` reads nothing", () => {
    assert.deepEqual(read("./x $CI_JOB_TOKEN", [], ["CI_JOB_TOKEN"]), ["CI_JOB_TOKEN@105 issued"]);
    assert.deepEqual(read("echo API_TOKEN"), []);
  });
});

describe("shell: logical lines", () => {
  it("a backslash or a PowerShell backtick continues a line (trailing spaces allowed); each command starts at its first character and its span ends with its first line", () => {
    const source = "  curl -u \\\n    user:pass \\  \n    https://x\necho done\nWrite-Host `\n  hi\n\n";
    assert.deepEqual(logicalLines(source, 10), [
      { text: "curl -u user:pass https://x", start: 12, end: 21 },
      { text: "echo done", start: 54, end: 63 },
      { text: "Write-Host hi", start: 64, end: 76 },
    ]);
  });

  it("a continuation on the last line still yields its command; a backslash inside a line continues nothing", () => {
    assert.deepEqual(logicalLines("echo a\\b c \\", 0), [{ text: "echo a\\b c", start: 0, end: 12 }]);
    // An escaped space is no continuation: only a backslash at the line's end (before blanks) is.
    assert.deepEqual(logicalLines("echo a\\ b\nnext", 0).map((c) => c.text), ["echo a\\ b", "next"]);
  });
});
