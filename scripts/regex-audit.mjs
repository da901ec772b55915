// ReDoS audit: every regex literal in linter-core/, rules/ and cli/, and every credential format's
// shapes, checked by recheck (https://makenowjust-labs.github.io/recheck/), which proves a regex
// linear or finds an input it backtracks on in polynomial or exponential time. A regex it flags must
// be made linear (and get a growth-ratio test in test/core/linear-time.test.ts), or be listed below
// with the reason its input stays short. Exit 1 when one is flagged and not listed.
//
//   npm run audit:regex            (after `npx tsc -p .`; about a minute, one recheck agent)
//
// Not in `npm test`: it takes a few minutes, and what it finds is checked there by the growth-ratio tests.
// Regexes built at run time (`new RegExp(…)`: the script idioms, a format's name-bound shape) are
// collected while the built linter lints examples/, and checked as well.
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { check } from "recheck";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Flagged, and why that costs nothing: keyed by file (or "formats") and the regex's source. */
const ACCEPTED = {
  "cli/files.ts": { [String.raw`(^|\/)(node_modules|bower_components|vendor\/bundle|vendor\/[^/]+\.[^/]+)\/`]: "a path (at most a few thousand characters)" },
  "cli/formatters/stylish.ts": { [String.raw`: anyone who can read.*$`]: "nhilint's own message" },
  "cli/scan.ts": { [String.raw`: anyone who can read.*$`]: "nhilint's own message" },
  "cli/git.ts": { [String.raw`([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@`]: "the origin remote's URL, one line of git config" },
  "cli/init.ts": { [String.raw`\s*(?:&&|;)\s*`]: "package.json's prepare script, split once at init" },
  "linter-core/engine.ts": { [String.raw`\.+$`]: "a parser's error message" },
  "linter-core/platforms/azure-pipelines.ts": { [String.raw`(^|\/)\.(azure-?)?pipelines\/.+\.ya?ml$`]: "a path" },
  "linter-core/platforms/cloud-build.ts": { [String.raw`^([\w.-]+[.-])?cloudbuild([._-][\w.-]+)?\.ya?ml$`]: "a file name" },
  "linter-core/platforms/gitlab-ci.ts": { [String.raw`(^|\/)\.gitlab\/.+\.ya?ml$`]: "a path" },
  "linter-core/platforms/common.ts": { [String.raw`^[\w.-]+?\+[\w.-]+?__(.+)$`]: "a file name" },
  "linter-core/secrets/incremental.ts": { [String.raw`-----begin[ a-z0-9_-]{0,100}private key(?: block)?-----`]: "bounded repetition: at most 100 characters tried from each start" },
  "linter-core/secrets/providers.ts": { [String.raw`[pP]\{[^}]*\}`]: "sticky, on a format's own regex source" },
  "linter-core/secrets/values.ts": {
    [String.raw`^_+|_+$`]: "a key, made a secret name only for a finding",
    "REFERENCE": "`.{0,2000}?` bounds each start (linear-time test: {{ {{ {{ …)",
    [String.raw`^[A-Za-z][\w.:-]*[-_@:]v?\d+(\.\d+)+(?:[-+.][\w]+)*$`]: "tried on values up to LONGEST_SHAPED characters",
    "CODE_EXPRESSION": "tried on values up to LONGEST_SHAPED characters",
    "REGEX_SOURCE": "`{1,80}` bounds each start",
    [String.raw`^[a-z][a-z0-9+.-]*:\/\/(?:[^\s/@:]+@)?[^\s/@:]+(:\d+)?([/?#][^\s]*)?$`]: "anchored at the start: one try, linear (linear-time tests on URL-shaped runs)",
    [String.raw`\b[a-z][a-z0-9+.-]{0,30}$`]: "on the 32 characters before a URL",
    "PRIVATE_KEY_ARMOUR": "`{0,20000}` and `{0,100}` bound each start",
    "PUTTY": "`{0,20000}` bounds each start",
    [String.raw`\.{3}|…|<[^>]*>|x{6,}`]: "a private key's body",
    "PLACEHOLDER": "anchored alternatives; unanchored ones are single runs",
  },
  built: {
    SCRIPT_ASSIGNMENT: "sticky at one `=`, its name read backwards by a lookbehind of at most 100 characters (linear-time tests: `=`, `:`, `:=` idioms)",
    CURL_USER: "`[^\\n]{0,300}?` over at most four lines bounds each start (linear-time test: curl curl … -u)",
    MYSQL_P: "`[^\\n]{0,200}?` bounds each start (linear-time test: mysql mysql … -p)",
    SSHPASS: "`[^\\n]{0,100}?` bounds each start",
    REGISTRY_LOGIN: "`[ \\t]{1,10}` and `[^\\n]{0,200}?` bound each start (linear-time tests: docker login login …, acr\\tlogin\\t…)",
    OTHER_LOGIN: "a lookbehind of at most 30 characters, then `[^\\n]{0,200}?` bounds each start (linear-time test: login, a long run of blanks)",
    OPENSSL_K: "`[^\\n]{0,200}?` bounds each start (linear-time test: openssl openssl … -k)",
    REDIS_CLI: "`[^\\n]{0,200}?` bounds each start (linear-time test: redis-cli redis-cli … -a)",
    SECURE_STRING: "`[^\\n]{0,100}?` in a lookahead bounds each start (linear-time test: ConvertTo-SecureString \"a …)",
    WINDOWS_PASSWORD: "`[^\\n]{0,200}?` bounds each start (linear-time tests: cmdkey …, net use …)",
    QUOTED_NAME: "`{0,60}` and `{1,500}` bound each start (linear-time test: \"a\"=\"a\"=…)",
    TOOL_PASSWORD: "`[^\\n]{0,200}?` and `\\S{1,300}` bound each start (linear-time tests: ldapsearch … zip … -P, smbclient -U a …, htpasswd -b a a …, mc alias set a a a …, rabbitmqctl add_user a …)",
    TOOL_TOKEN: "`[^\\n]{0,200}?` bounds each start (linear-time test: vsce vsce … -p)",
    PIPED_PASSWORD: "`[^\\n|]{0,200}?` in a lookahead bounds each start (linear-time test: echo a echo a … then a long pipe)",
    CONFIG_SET: "`{0,100}` and `{1,500}` bound each start (linear-time test: aws configure set a …)",
    POETRY_CONFIG: "`{0,100}` and `{1,500}` bound each start",
    TF_VARIABLE: "at most sixteen lines of 200 characters from each start (linear-time test: variable \"a\" { …)",
    TF_SECRET_RESOURCE: "at most sixteen lines of 200 characters from each start (linear-time test: resource \"github_actions_secret\" …)",
    HEADER: "`[\\w-]{0,40}?` bounds each start (linear-time test: -H-H-H…)",
    PUBLISH: "a script's command line, run once per script: `twine==…` repeated measured linear at 200 KB",
    FALLBACK: "`[^\\n]{0,200}?` bounds each start (linear-time test: a=b a=b … then || 'x')",
    KEY_BINDING: "a value's `$` is matched only by the lookbehind's branch, every other character only by the class: one way to match each (recheck reads the lookbehind as ambiguous); measured linear on recheck's attack strings (linear-time tests)",
    JWT_KEY: "`[^,()\\n]{1,200}` bounds each start; a value's `$` is matched only by the lookbehind's branch, every other character only by the class: one way to match each (recheck reads the lookbehind as ambiguous); measured linear on recheck's attack strings (linear-time tests)",
    BASIC_AUTH_CALL: "`{0,100}` bounds the user; a value's `$` is matched only by the lookbehind's branch, every other character only by the class: one way to match each (recheck reads the lookbehind as ambiguous); measured linear on recheck's attack strings (linear-time tests)",
    DOCKERFILE_ENV: "anchored at a line's start; a value's `$` is matched only by the lookbehind's branch, every other character only by the class: one way to match each (recheck reads the lookbehind as ambiguous); measured linear on recheck's attack strings (linear-time tests)",
    CALL_NAME_VALUE: "`{0,100}` bounds the name; a value's `$` is matched only by the lookbehind's branch, every other character only by the class: one way to match each (recheck reads the lookbehind as ambiguous); measured linear on recheck's attack strings (linear-time tests)",
  },
  formats: { "*": "a credential format's bounded repetitions (gitleaks's shapes): linear at any length, measured on recheck's own attack strings at 200 KB" },
};

/** Long regexes are named by their constant in the list above. */
const NAMES = {
  SCRIPT_ASSIGNMENT: /^\(\?<=\(\?:\^\|/,
  CURL_USER: /^\\b\(\?:curl\|wget\|http\)/,
  MYSQL_P: /^\\bmysql/,
  SSHPASS: /^\\bsshpass/,
  REGISTRY_LOGIN: /^\\b\(\?:docker\|podman/,
  OTHER_LOGIN: /^\(\?<!\\b\(\?:docker\|podman/,
  OPENSSL_K: /^\\bopenssl\\b\[\^\\n\]\{0,200\}\?\\s-k/,
  REDIS_CLI: /^\\bredis-cli/,
  SECURE_STRING: /^\\bConvertTo-SecureString/,
  WINDOWS_PASSWORD: /^\(\?:\\bcmdkey/,
  QUOTED_NAME: /^\["'\]\(\[A-Za-z_\]\[\\w\.-\]\{0,60\}\)\["'\]\[ \\t\]\*=/,
  TOOL_PASSWORD: /^\(\?:\\bldap\(\?:search/,
  TOOL_TOKEN: /^\(\?:\\b\(\?:vsce\|ovsx\)/,
  PIPED_PASSWORD: /^\\b\(\?:echo\(\?:\[ \\t\]\+-n\)\?/,
  CONFIG_SET: /^\\b\(\?:aws\[ \\t\]\+configure/,
  POETRY_CONFIG: /^\\bpoetry\[ \\t\]\+config/,
  TF_VARIABLE: /^\\bvariable\[ \\t\]\+"/,
  FALLBACK: /^\(\?:\^\|\[\\s;\(,\{\]\)\(\[A-Za-z_\]\[\\w\.\]\{0,100\}\)\[ \\t\]\*\(\?::\?=\|:\)\(\?!=\)/,
  KEY_BINDING: /^\(\?:\^\|\[\\s;\(\\\[\{,:\]\)\(\?:\\\\\?\["'\]\)\?\(\?<!\\\$\\\{\)\(/,
  JWT_KEY: /^\\bjwt\\\.\(\?:sign/,
  BASIC_AUTH_CALL: /^\(\?:\\b\(\?:HTTPBasicAuth/,
  DOCKERFILE_ENV: /^\^\[ \\t\]\*ENV\[ \\t\]\+/,
  CALL_NAME_VALUE: /^\["'\]\(\[A-Za-z_\]\[\\w\.-\]\{0,100\}\)\["'\]\[ \\t\]\*,\[ \\t\]\*\["'\]/,
  TF_SECRET_RESOURCE: /^\\bresource\[ \\t\]\+"/,
  HEADER: /^\(\?:-H\|--header\)/,
  PUBLISH: /twine\(\?:==\\S\+\)\?/,
  REFERENCE: /^\\\$\\\{\\\{\|/,
  CODE_EXPRESSION: /^\^\[A-Za-z_\$\]\[\\w\$\]\*\(\?:\\\?\?\\\./,
  REGEX_SOURCE: /^\\\[\[\^\\\]\\s\]\{1,80\}/,
  PRIVATE_KEY_ARMOUR: /^-----BEGIN\(/,
  PUTTY: /^PuTTY-User-Key-File/,
  PLACEHOLDER: /^\^<\.\*>\$\|/,
};

function sourceFiles(folder) {
  return readdirSync(join(ROOT, folder), { recursive: true })
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
    .map((name) => join(folder, name));
}

const regexes = [];
for (const file of ["linter-core", "rules", "cli"].flatMap(sourceFiles)) {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.text;
      const slash = text.lastIndexOf("/");
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      regexes.push({ file, where: `${file}:${line}`, pattern: text.slice(1, slash), flags: text.slice(slash + 1) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
// Every RegExp the linter builds, recorded by source (before its modules load), while it lints examples/.
const built = new Map();
const NativeRegExp = RegExp;
globalThis.RegExp = new Proxy(NativeRegExp, {
  construct(target, args, newTarget) {
    const regex = Reflect.construct(target, args, newTarget === globalThis.RegExp ? target : newTarget);
    built.set(`${regex.source}/${regex.flags}`, { file: "built", where: "built at run time", pattern: regex.source, flags: regex.flags });
    return regex;
  },
});
const { lint } = await import(join(ROOT, "out", "linter-core", "index.js"));
const { RULES } = await import(join(ROOT, "out", "rules", "index.js"));
const examples = join(ROOT, "examples");
const exampleFiles = readdirSync(examples, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name))
  .map((path) => ({ path: relative(examples, path), text: readFileSync(path, "utf8") }));
await lint(exampleFiles, { rules: RULES, now: new Date() });
globalThis.RegExp = NativeRegExp;
const { CREDENTIAL_FORMATS } = await import(join(ROOT, "out", "linter-core", "secrets", "formats.js"));
for (const format of CREDENTIAL_FORMATS) {
  for (const part of ["token", "value"]) if (format[part]) regexes.push({ file: "formats", where: `formats: ${format.id} (${part})`, pattern: format[part], flags: format.flags ?? "" });
}

// A built regex with a literal's source (a literal passed to `new RegExp`) is checked once, as the literal.
const literalSources = new Set(regexes.map((regex) => regex.pattern));
for (const regex of built.values()) if (!literalSources.has(regex.pattern)) regexes.push(regex);

const accepted = (regex, result) => {
  const list = ACCEPTED[regex.file] ?? {};
  // A blanket reason covers bounded repetitions: polynomial at worst, never exponential or undecided.
  if (list["*"] && result.complexity?.type === "polynomial") return list["*"];
  if (list[regex.pattern]) return list[regex.pattern];
  const name = Object.keys(NAMES).find((key) => NAMES[key].test(regex.pattern));
  return name && list[name];
};

const problems = [];
let flagged = 0;
const started = Date.now();
for (const [i, regex] of regexes.entries()) {
  if (process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${regexes.length}`);
  // Recheck reads the flags that change what matches; `g`, `y` and `d` change only where a search starts.
  const result = await check(regex.pattern, regex.flags.replace(/[gyd]/g, ""), { timeout: 10_000 });
  if (result.status === "safe") continue;
  flagged++;
  if (accepted(regex, result)) continue;
  const what = result.status === "vulnerable" ? `${result.complexity.type}${result.complexity.degree ? ` (degree ${result.complexity.degree})` : ""}, e.g. ${result.attack.pattern.slice(0, 80)}` : `not decided (${result.error?.kind ?? result.status})`;
  problems.push(`${regex.where}: /${regex.pattern.slice(0, 100)}/${regex.flags} is ${what}`);
}
if (process.stderr.isTTY) process.stderr.write("\r");
console.log(`${regexes.length} regexes checked in ${((Date.now() - started) / 1000).toFixed(0)} s: ${flagged} flagged, ${flagged - problems.length} of them listed with the reason their input stays short.`);
for (const problem of problems) console.log(`  ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);
