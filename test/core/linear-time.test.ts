// Detectors stay linear on adversarial lines (issue 17): each line is timed at two sizes in one run and
// the growth compared — ten times the input may cost about ten times the time, never a hundred. A
// ratio, not a wall-clock limit, so a slow or busy machine does not fail it (a large run over the bound
// is timed once more, and the faster of the two counts).
import { emptyModel } from "../../linter-core/platforms/common.js";
import { detectSecrets, literalsMayMatter } from "../../linter-core/secrets/detect.js";
import { isReference } from "../../linter-core/secrets/values.js";
import { lint } from "../../linter-core/index.js";
import { RULES } from "../../rules/index.js";
import { parseCodeOwners } from "../../linter-core/codeowners.js";
import { markdownLiteral } from "../../linter-core/text.js";
import { assertGrowsLinearly, FakeSecrets } from "../helpers.js";

const LINES: Record<string, (n: number) => string> = {
  "-H-H-H…": (n) => "curl " + "-H".repeat(n / 2),
  "login login …": (n) => "docker " + "login ".repeat(n / 6),
  "curl curl … -u": (n) => "curl ".repeat(n / 5),
  "a long identifier": (n) => "a".repeat(n),
  "--x-x-x…": (n) => " --" + "x-".repeat(n / 2),
  "eyeyey… (JWT shape)": (n) => "ey".repeat(n / 2),
  "AAAA… (one base64 run)": (n) => "A".repeat(n),
  "a.a.a…://": (n) => "a.".repeat(n / 2) + "://",
  "sk_live_ sk_live_ …": (n) => "sk_live_ ".repeat(n / 9),
  "key=key=key=…": (n) => "key=".repeat(n / 4),
  // The assignment idiom reads each `=`'s name backwards (scripts.ts): long runs before it, many of it.
  "export, a long space, then a=": (n) => "export" + " ".repeat(n) + "a=1",
  "a= a= a= …": (n) => "a= ".repeat(n / 3),
  "export a=export a=…": (n) => "export a=".repeat(n / 9),
  "= = = … after a name": (n) => "TOKEN" + " =".repeat(n / 2),
  // Key bindings read each `:` and `=>`'s key backwards; a URL's password may hold `@`.
  "a: a: a: …": (n) => "a: ".repeat(n / 3),
  // Key bindings name a key by the words that lead its line (read back 120 characters at most).
  "a b: a b: … (words before each key)": (n) => "a b: ".repeat(n / 5),
  // Table rows: tried once per line holding a `|`, the cells' words at most four.
  "a | a | a | … (cells)": (n) => "a | ".repeat(n / 4),
  "a a a … then a bar": (n) => "a ".repeat(n / 2) + "| x",
  "rows of words and a bar": (n) => "api key b c |x\n".repeat(n / 15),
  "a key, a long space, then := and =>": (n) => "TOKEN" + " ".repeat(n) + ":= x =>" + " ".repeat(n) + "y",
  '"k":"k":… and :::…': (n) => '"k":'.repeat(n / 8) + ":".repeat(n / 2),
  "://u:@@@… and a@a@…": (n) => "://u:" + "@".repeat(n / 2) + " ://u:" + "a@".repeat(n / 4),
  // Dotted names and the leads of a name (sigils, quotes, `?`, `&`, `=`).
  "a.a.a.…= (a dotted name)": (n) => "a.".repeat(n / 2) + "a=x",
  "$'?&=$'?&=…a=": (n) => "$'?&=".repeat(n / 5) + "a=x",
  // .netrc's entries, MySQL's and sshpass's -p.
  "login a login a … password": (n) => "login a ".repeat(n / 8) + "password",
  "machine, a long host, then password": (n) => "machine " + "h".repeat(n) + " password",
  "login s, a long run of blanks, then no password": (n) => "login s" + " \t".repeat(n / 2) + "x",
  "mysql mysql … -p": (n) => "mysql ".repeat(n / 6) + "-p",
  // Registry and other CLIs' logins, openssl's -k, redis-cli's -a.
  "docker login login … -p": (n) => "docker " + "login ".repeat(n / 6) + "-p",
  "acr\tlogin\t… then a long run of tabs": (n) => "acr\tlogin\t".repeat(n / 20) + "\t".repeat(n / 2),
  "openssl openssl … -k": (n) => "openssl\v".repeat(n / 8) + "-k",
  "redis-cli redis-cli … -a": (n) => "redis-cli\v".repeat(n / 10) + "-a",
  // PowerShell's SecureString, Windows's cmdkey, net use and sqlcmd, a quoted name's `=`.
  "ConvertTo-SecureString \"a ConvertTo-SecureString \"a … (no -AsPlainText)": (n) => 'ConvertTo-SecureString "a '.repeat(n / 26),
  "cmdkey cmdkey … and sqlcmd sqlcmd … -P": (n) => "cmdkey ".repeat(n / 14) + "sqlcmd ".repeat(n / 14) + "-P",
  "net use /user:a net use /user:a …": (n) => "net use /user:a ".repeat(n / 16),
  "echo a echo a … then a long pipe": (n) => "echo a ".repeat(n / 14) + "| " + "x".repeat(n / 2),
  "aws configure set a aws configure set a …": (n) => "aws configure set a ".repeat(n / 20),
  "ldapsearch ldapsearch … and zip zip … -P": (n) => "ldapsearch ".repeat(n / 22) + "zip ".repeat(n / 8) + "-P",
  "smbclient -U a smbclient -U a … (no %)": (n) => "smbclient -U a ".repeat(n / 15),
  "htpasswd -b a a htpasswd -b a a … and mc alias set a a a …": (n) => "htpasswd -b a a ".repeat(n / 32) + "mc alias set a a a ".repeat(n / 38),
  "rabbitmqctl add_user a … and vsce vsce … -p": (n) => "rabbitmqctl add_user a ".repeat(n / 46) + "vsce ".repeat(n / 10) + "-p",
  "\"a\"=\"a\"=\"a\"=…": (n) => '"a"='.repeat(n / 4),
  // Terraform's variable defaults and secret resources: a block opened again and again, never closed.
  'variable "a" { variable "a" { …': (n) => 'variable "a" { '.repeat(n / 15) + "default",
  'resource "github_actions_secret" "a" { … value': (n) => 'resource "github_actions_secret" "a" { '.repeat(n / 39) + "value =",
  // A fallback's assignment read to its `||`, `??` or `or`: assignments without one, again and again.
  "a=b a=b a=b … then || 'x'": (n) => "a=b ".repeat(n / 4) + "|| 'x'",
  // recheck's own attack strings for the idioms whose values may hold a `$` inside single quotes.
  "B{k:({k:(… :'": (n) => "B" + "{k:(".repeat(n / 4) + ":'",
  "JWT.SIGN(T,.JWT.SIGN(T,.…": (n) => "JWT.SIGN(T,.".repeat(n / 12) + "\n",
  "auth=(H,=auth=(H,=…": (n) => "auth=(H,=".repeat(n / 9) + "\n",
  "ENV V ENVENV…'$A$A…": (n) => "ENV\tV\t" + "ENV".repeat(n / 6) + "'" + "$A".repeat(n / 4) + "\n",
  "'A','\\0\\0…": (n) => "'A','" + "\u0000".repeat(n),
  // A `$` inside single quotes looks back for the quote: a long run of them, and quotes never closed.
  "A_TOKEN='$$$$…": (n) => "A_TOKEN='" + "$".repeat(n),
  "'a$'a$'a$…": (n) => "A_TOKEN=" + "'a$".repeat(n / 3),
  // A basic-auth call opened again and again, its user never closed; a variable's default never closed.
  "auth=(auth=(auth=(…": (n) => "auth=(".repeat(n / 6) + '"a", ',
  'SetBasicAuth("a", SetBasicAuth("a", …': (n) => 'SetBasicAuth("a", '.repeat(n / 18),
  "${A:-${A:-${A:-…": (n) => "${A:-".repeat(n / 5) + "x",
  // A call's name and value, a subscript's name, a quoted Authorization key.
  "'k', 'k', …": (n) => "'k', ".repeat(n / 5),
  "['k']['k']… =": (n) => "['k']".repeat(n / 5) + " = x",
  '"authorization", a long space, then ,': (n) => '"authorization"' + " ".repeat(n) + ", x",
  // A quoted value read on past a `(`, `&` or `|` to its closing quote: never closed, again and again.
  'A_TOKEN="a(A_TOKEN="a(…': (n) => 'A_TOKEN="a('.repeat(n / 11),
  'A_TOKEN="a((((…': (n) => 'A_TOKEN="a' + "(&|".repeat(n / 3),
  // A field of a quoted string read back to the line's start: a long line of fields, quoted or not.
  'x="a=b(a=b(…': (n) => 'x="' + "a=b(".repeat(n / 4),
  "a=b(a=b(… on one long line": (n) => "a=b(".repeat(n / 4),
  // The assignment a value holds (`Environment="API_TOKEN=…"`): a long chain of them, names that fail, tokens.
  "a=a=a=… (each value holds the next)": (n) => "a=".repeat(n / 2) + "x",
  "x=+=+=+=… (no name before each =)": (n) => "x=" + "+=".repeat(n / 2),
  'x="token=token=token=…': (n) => 'x="' + "token=".repeat(n / 6),
  // Credential sections: opened again and again and never closed, a long run of blanks before the opener, entries with quotes never closed.
  "secrets={secrets={… then a:b": (n) => "secrets={".repeat(n / 9) + ' "a": "bcdefghijk"',
  "secrets, a long run of blanks, then no opener": (n) => "secrets" + " \t".repeat(n / 2) + "x",
  'api_keys = { "k": "v… never closed, "k": "v…': (n) => "api_keys = {" + '"k": "vvvvvvvvv, '.repeat(n / 18),
};

describe("detectors on adversarial lines grow linearly", function () {
  this.timeout(120_000);
  for (const [name, make] of Object.entries(LINES)) {
    it(name, () => assertGrowsLinearly((n) => detectSecrets(emptyModel("text", "line.txt", make(n))), { warm: 2_000, small: 40_000, floorMs: 1 }));
  }
  // Functions on one long input each, not the whole detector.
  const ONE_FUNCTION: [string, (n: number) => void][] = [
    ["the parse gate of a TypeScript version (history) on a-a-a-…", (n) => literalsMayMatter("a-".repeat(n / 2))],
    ["the parse gate of a TypeScript version (history) on token /*token /*… (a comment never closed)", (n) => literalsMayMatter("token /*".repeat(n / 8))],
    ["CODEOWNERS: #\t#\t#… then a U+2028 on one line", (n) => parseCodeOwners(`${"#\t".repeat(n / 2)}\u2028x @team\n`)],
    ["a reference check on a long value with many {{", (n) => isReference("{{ ".repeat(n))],
    ["a record's field shown in Markdown: a long run of blanks between words", (n) => markdownLiteral(`a${" ".repeat(n)}b\n${" \t".repeat(n / 2)}c`)],
    ["a quoted value read past `$` where it is text (Python): A_TOKEN=\"a$A_TOKEN=\"a$…", (n) => detectSecrets(emptyModel("text", "settings.py", 'A_TOKEN="a$'.repeat(n / 11)))],
    // A header compared by its name (Python, where the comparison idioms run): many openings, long blanks.
    ['a header compared: ["aaa…["aaa… and .get(  …  then ==', (n) => detectSecrets(emptyModel("text", "app.py", '["aaaaaaaa'.repeat(n / 20) + ".get(" + " ".repeat(n / 2) + '"a"' + " ".repeat(n / 2) + ") == 'x'"))],
  ];
  for (const [name, run] of ONE_FUNCTION) {
    it(name, () => assertGrowsLinearly(run, { warm: 1_000, small: 20_000, floorMs: 0.5 }));
  }
});

// The whole pipeline (platform model and every rule) on files built around one adversarial line.
const FILES: Record<string, (n: number) => { path: string; text: string }> = {
  "secret-in-log: echo $TOKEN >>>>…": (n) => ({
    path: ".github/workflows/a.yml",
    text: `on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      TOKEN: \${{ secrets.T }}\n    steps:\n      - run: echo $TOKEN ${">".repeat(n)}\n`,
  }),
  "GitHub: ${{ ${{ ${{ … in a run": (n) => ({ path: ".github/workflows/b.yml", text: `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo ${"${{ ".repeat(n / 4)}\n` }),
  "Azure: ${{ ${{ … before parameters.": (n) => ({ path: "azure-pipelines.yml", text: `steps:\n  - script: echo ${"${{ ".repeat(n / 4)}x\n` }),
  "compose: ${A:${A:${A:…": (n) => ({ path: "docker-compose.yml", text: `services:\n  web:\n    image: x\n    environment:\n      TOKEN: "${"${A:".repeat(n / 4)}"\n` }),
  "Kubernetes Secret: {{ {{ {{ … in stringData": (n) => ({ path: "k8s/secret.yaml", text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: "${"{{ ".repeat(n / 3)}"\n` }),
  // Every `- *big` step is the anchored step again: following each one in full would be quadratic.
  "GitHub: thousands of `- *big` steps aliasing one big anchored step": (n) => ({
    path: ".github/workflows/c.yml",
    text: `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - &big\n        run: make\n        env:\n${Array.from({ length: n / 200 }, (_, i) => `          T${i}: \${{ secrets.T${i} }}\n`).join("")}${"      - *big\n".repeat(n / 20)}`,
  }),
  "GitLab: $$$$… in a script": (n) => ({ path: ".gitlab-ci.yml", text: `build:\n  script:\n    - echo ${"$".repeat(n)}\n` }),
  // TypeScript's parser is quadratic on a run of modifiers (typescript.ts does not parse one).
  "TypeScript: export export … (a run of modifiers)": (n) => ({ path: "src/a.ts", text: "export\n".repeat(n / 7) }),
  "TypeScript: 64 modifiers, a name, 64 modifiers, …": (n) => ({ path: "src/b.ts", text: `${"public ".repeat(64)}x;\n`.repeat(n / 450) }),
  // Platform sniffing reads a .yml no path claims for every platform's keys (platforms/common.ts lineStartKey).
  "a .yml of blank lines": (n) => ({ path: "config/a.yml", text: " \n".repeat(n / 2) }),
  // The quick fix of a secret in a TS string escapes each backtick and `${` the template literal would read.
  "TypeScript: a secret in a string of backticks (its fix escapes each)": (n) => ({ path: "src/d.ts", text: `const url = "${"`".repeat(n)} https://api.example.com/?token=${new FakeSecrets(5).chars(32)}";\n` }),
  // A Secret's data is judged by what it decodes to, of any length: a version's shape, code's shape.
  "Kubernetes Secret: base64 data of A@0.0.0.… and $?[][]?…": (n) => ({
    path: "k8s/secret.yaml",
    text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  token: ${btoa("A@0." + "0.".repeat(n / 4) + "+")}\n  key: ${btoa("$?" + "[][]?".repeat(n / 10) + "[")}\n`,
  }),
  // Runs that regexes with overlapping quantifiers split every way (found with recheck, the ReDoS checker).
  "a value of spaces (is it embedded JSON?), in YAML, JSON and TypeScript": (n) => ({ path: ".github/workflows/d.yml", text: `on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      API_TOKEN: "${" ".repeat(n)}"\n    steps:\n      - run: echo hi\n` }),
  "a JSON value of blanks": (n) => ({ path: "config.json", text: JSON.stringify({ apiToken: "\t".repeat(n) + "\u2028x" }) }),
  "a TypeScript string of spaces": (n) => ({ path: "src/c.ts", text: `const apiToken = "${" ".repeat(n)}";\n` }),
  "xtrace: blank lines, then sh -xxx… in a run that sees a secret": (n) => ({
    path: ".github/workflows/e.yml",
    text: `on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      T: \${{ secrets.T }}\n    steps:\n      - run: ${JSON.stringify("echo $T" + "\n\t".repeat(n / 4) + "\nsh -" + "x".repeat(n / 2))}\n`,
  }),
  "secret-in-log: >a>a>… and [ [ [ … around a secret": (n) => ({
    path: ".github/workflows/f.yml",
    text: `on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      T: \${{ secrets.T }}\n    steps:\n      - run: ${JSON.stringify("echo $T " + "a>".repeat(n / 4) + "\n" + "[ ".repeat(n / 4) + "${{ secrets.T }}")}\n`,
  }),
  "Azure: ##vso[task.setvariable ##vso[task.setvariable …": (n) => ({ path: "azure-pipelines.yml", text: `steps:\n  - script: ${JSON.stringify("echo $(T) " + "##vso[task.setvariable ".repeat(n / 23))}\n    env:\n      T: $(T)\n` }),
  // The rules look up each job's secrets, bindings and scripts: indexed once per file (rules/model-index.ts), not a pass per job.
  "a workflow of many jobs, each with its own secret and script": (n) => ({
    path: ".github/workflows/h.yml",
    text: `on: push\npermissions: {}\njobs:\n${Array.from({ length: Math.ceil(n / 40) }, (_, i) => `  j${i}:\n    runs-on: x\n    env:\n      T${i}: \${{ secrets.T${i} }}\n    steps:\n      - run: ./a.sh "$T${i}"\n`).join("")}`,
  }),
  // Each literal finds its step by its path: an index, not a search of every step.
  "a Buildkite pipeline of many steps, each with its secret and command": (n) => ({
    path: ".buildkite/pipeline.yml",
    text: `steps:\n${Array.from({ length: Math.ceil(n / 60) }, (_, i) => `  - key: s${i}\n    secrets: [T${i}_TOKEN]\n    command: ./a.sh $$T${i}_TOKEN\n`).join("")}`,
  }),
  // Expressions whose literal text is judged (platforms/expressions.ts): calls nested deep, delimiters never closed.
  "GitHub: format(format(format(… secrets in an env expression": (n) => ({ path: ".github/workflows/i.yml", text: `on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      API_KEY: \${{ ${"format(".repeat(n / 7)}'a', secrets }}\n    steps:\n      - run: x\n` }),
  "Logic Apps: @concat(concat(… and @{'@{'… in headers": (n) => ({
    path: "workflow.json",
    text: JSON.stringify({ definition: { $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#", triggers: {}, actions: { C: { type: "Http", inputs: { headers: { "x-api-key": "@" + "concat(".repeat(n / 7), Authorization: "@{'".repeat(n / 3) } } } } } }),
  }),
  "n8n: ={{ {{ {{ … and ={{ 'a' + 'a' + … in parameters": (n) => ({ path: "workflows/w.json", text: JSON.stringify({ nodes: [{ parameters: { a: "=" + "{{ ".repeat(n / 3), "x-api-key": "={{ " + "'a' + ".repeat(n / 6) + "}}" } }], connections: {} }) }),
  "unredacted-secret: tee -a and blanks, an artifact path of `*`": (n) => ({
    path: ".github/workflows/g.yml",
    text: `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ${JSON.stringify("echo ${{ secrets.T }} | tee -a" + " ".repeat(n / 2) + "\u0001\necho ${{ secrets.T }} > f.txt")}\n      - uses: actions/upload-artifact@v4\n        with:\n          path: ${JSON.stringify("*".repeat(n / 4) + "\u2028x\n" + "/".repeat(n / 4) + "x")}\n`,
  }),
};

describe("the whole pipeline on adversarial files grows linearly", function () {
  this.timeout(180_000);
  for (const [name, make] of Object.entries(FILES)) {
    it(name, () => assertGrowsLinearly((n) => lint([make(n)], { rules: RULES, now: new Date("2026-11-26") }), { warm: 2_000, small: 20_000, floorMs: 2 }));
  }
});
