// Breadth and precision against gitleaks's default rules, the way a security engineer comparing
// scanners measures it: for every non-generic rule, fresh random credentials generated from the
// rule's own regex are planted in four positions a workflow puts them (GitHub Actions env under a
// neutral or provider name, a run: line as a CLI flag or HTTP header, an n8n HTTP node, a Kubernetes
// env list); gitleaks's own false-positive examples are planted the same way as decoys. Then every
// rule's literal true- and false-positive examples, each judged alone as written.
//
//   node bench/gitleaks-breadth.mjs <gitleaks checkout or mirror work tree> [--seed N] [--verbose]
//
// Needs `npm run build` first. Not a test: gitleaks's files are not part of this repository.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import RandExp from "randexp";
import { parse } from "smol-toml";
import { peerCheckout, secretFindings as findingsIn, seededRandom } from "./peer-suite.mjs";

const { root, args, verbose } = peerCheckout("gitleaks-breadth.mjs", join("config", "gitleaks.toml"), "<gitleaks work tree> [--seed N] [--verbose]");
const random = seededRandom(args);

const config = parse(readFileSync(join(root, "config", "gitleaks.toml"), "utf8"));
const GENERIC = new Set(["generic-api-key", "pkcs12-file", "kubernetes-secret-yaml", "hashicorp-tf-password", "nuget-config-password", "freemius-secret-key", "curl-auth-header", "curl-auth-user"]);

/** Go RE2 → JS, enough for sample generation. */
function goToJs(re) {
  let flags = "";
  if (re.startsWith("(?i)")) {
    flags = "i";
    re = re.slice(4);
  }
  re = re.replace(/\[\[:alnum:\]\]/g, "[A-Za-z0-9]").replace(/\[:alnum:\]/g, "A-Za-z0-9").replace(/\\z/g, "$").replace(/\(\?s:\.\)/g, "[\\s\\S]");
  const mid = re.indexOf("(?i)");
  if (mid >= 0) re = re.slice(0, mid) + re.slice(mid + 4).replace(/a-z/g, "a-zA-Z").replace(/a-f/g, "a-fA-F").replace(/a-h/g, "a-hA-H");
  re = re.replace(/\(\?-?i:/g, "(?:").replace(/\(\?P</g, "(?<");
  return new RegExp(re, flags);
}

const SEMI = /^(?:\(\?i\))?\[\\w\.-\]\{0,50\}\?\(\?(?:i)?:(?:\[\\w\.-\]\{0,50\}\?\(\?:)?(.*?)\)\(\?:\[ \\t\\w\.-\]\{0,20\}\)\[\\s'"\]\{0,3\}\)?\(\?:=\|>\|:\{1,3\}=\|\\\|\\\|\|:\|=>\|\\\?=\|,\)\[\\x60'"\\s=\]\{0,5\}\((.*)\)\(\?:\[\\x60'"\\s;\]\|\\\\\[nr\]\|\$\)$/;
const SUFFIX = "(?:[\\x60'\"\\s;]|\\\\[nr]|$)";

function samplerFor(rule) {
  // A rule that is a semi-generic part OR a token of its own (Atlassian): sample the token.
  const regex = rule.regex.includes(SUFFIX + "|") ? rule.regex.slice(rule.regex.indexOf(SUFFIX + "|") + SUFFIX.length + 1) : rule.regex;
  const semi = SEMI.exec(regex);
  let secret;
  let name;
  if (semi) {
    // The provider's name as a person would write it: the first identifier's leading word.
    const first = semi[1].replace(/\(\?-i:/g, "").replace(/\[([A-Z])[a-z]\]/g, (_, c) => c.toLowerCase()).replace(/\[_-\]\?/g, "").split("|")[0].replace(/[()]/g, "");
    name = /^[A-Za-z][\w-]+$/.test(first) ? first.toLowerCase() : (rule.keywords?.[0] ?? "key");
    secret = goToJs((regex.startsWith("(?i)") ? "(?i)" : "") + semi[2]);
  } else {
    let re = regex.replace(/^\\b/, "");
    const at = re.lastIndexOf(SUFFIX);
    if (at > 0 && at + SUFFIX.length === re.length) re = re.slice(0, at);
    re = re.replace(/\\b$/, "");
    secret = goToJs(re);
  }
  // An unescaped `.` in a format (hooks.slack.com, xoxe.xoxp) stands for the dot every real one has.
  const gen = new RandExp(new RegExp(secret.source.replace(/(?<![\\[])\.(?![*+?{])/g, "\\."), secret.flags));
  gen.max = 40;
  gen.randInt = (a, b) => a + Math.floor(random() * (b - a + 1));
  return { name, make: () => gen.gen() };
}

function fixturesOf(ruleId) {
  const dir = join(root, "cmd", "generate", "config", "rules");
  for (const file of readdirSync(dir)) {
    const src = readFileSync(join(dir, file), "utf8");
    const at = src.indexOf(`"${ruleId}"`);
    if (at < 0) continue;
    const end = src.indexOf("\nfunc ", at);
    const body = src.slice(at, end < 0 ? undefined : end);
    const fps = /fps\s*:?=\s*\[\]string\{([\s\S]*?)\n\t\}/.exec(body);
    if (!fps) return [];
    return [...fps[1].matchAll(/^\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`)/gm)].map((m) => (m[1] !== undefined ? JSON.parse(`"${m[1]}"`) : m[2])).filter((s) => s.length >= 8 && !s.includes("\n"));
  }
  return [];
}

const upper = (s) => s.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
const POSITIONS = {
  "actions env": (v, name) => ({ path: ".github/workflows/p.yml", text: `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          ${name ? `${upper(name)}_KEY` : "SETTING_A"}: ${JSON.stringify(v)}\n        run: ./deploy.sh\n` }),
  "run line": (v, name) => ({
    path: ".github/workflows/r.yml",
    text: `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          ${name ? `./release --${name.toLowerCase()}-token=${v}` : `curl -fsS -H "X-Api-Key: ${v}" https://api.example.net/v1`}\n`,
  }),
  "n8n http node": (v, name) => ({
    path: "workflows/w.json",
    text: JSON.stringify(
      { name: "w", nodes: [{ id: "1", name: "HTTP Request", type: "n8n-nodes-base.httpRequest", typeVersion: 4, position: [0, 0], parameters: { method: "POST", url: "https://api.example.net/v1", sendHeaders: true, headerParameters: { parameters: [{ name: name ? `X-${name}` : "Authorization", value: name ? v : `Bearer ${v}` }] } } }], connections: {} },
      null,
      2,
    ),
  }),
  "kubernetes env": (v, name) => ({
    path: "deploy/app.yaml",
    text: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n          env:\n            - name: ${name ? `${upper(name)}_TOKEN` : "APP_SETTING"}\n              value: ${JSON.stringify(v)}\n`,
  }),
};

const rules = config.rules.filter((r) => r.regex && !GENERIC.has(r.id));
let planted = 0;
let found = 0;
let decoys = 0;
let decoysFlagged = 0;
const missedByRule = new Map();
const flagged = [];
for (const rule of rules) {
  const sampler = samplerFor(rule);
  for (let n = 0; n < 2; n++) {
    const value = sampler.make();
    for (const [position, place] of Object.entries(POSITIONS)) {
      const file = place(value, sampler.name);
      // Where the value is written as a JSON (or YAML double-quoted) string, its backslashes are escaped.
      const at = Math.max(file.text.indexOf(value), file.text.indexOf(JSON.stringify(value).slice(1, -1)));
      const hits = await findingsIn(file);
      planted++;
      // Found whole, not a fragment (a capture group that repeats keeps only its last turn).
      if (hits.some((f) => f.span.start < at + value.length && at < f.span.end && f.span.end - f.span.start >= Math.min(16, value.length))) found++;
      else missedByRule.set(rule.id, [...(missedByRule.get(rule.id) ?? []), `${position}: ${verbose ? value : value.slice(0, 12)} (${value.length})`]);
    }
  }
  for (const fp of fixturesOf(rule.id)) {
    for (const [position, place] of Object.entries(POSITIONS)) {
      if (position === "n8n http node" || position === "run line") continue;
      decoys++;
      const hits = await findingsIn(place(fp, undefined));
      if (hits.length > 0) {
        decoysFlagged++;
        flagged.push(`${rule.id} ${position}: ${fp}`);
      }
    }
  }
}
const pct = (a, b) => `${((100 * a) / b).toFixed(1)} %`;
console.log(`gitleaks rules: ${rules.length}; planted ${planted}, found ${found} (recall ${pct(found, planted)}); decoys ${decoys}, flagged ${decoysFlagged} (${pct(decoysFlagged, decoys)})`);
console.log(`rules with a miss: ${missedByRule.size}`);
if (verbose) {
  for (const [id, misses] of missedByRule) console.log(`  missed ${id}: ${misses.join("; ")}`);
  for (const line of flagged) console.log(`  decoy flagged ${line}`);
}

// gitleaks's own literal examples, each judged alone as a text file, as written: every rule's `tps`
// (true positives; generated ones, `utils.Generate…`, are left out) and `fps` (false positives of that
// rule: a generic detector may rightly find some, e.g. mailchimp.go's own "False Negative").
const literals = (body) => [...body.matchAll(/^\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`)\s*,?\s*(?:\/\/.*)?$/gm)].map((m) => (m[1] !== undefined ? JSON.parse(`"${m[1]}"`) : m[2]));
const examples = { tps: { count: 0, found: 0, missed: [] }, fps: { count: 0, found: 0, missed: [] } };
const rulesDir = join(root, "cmd", "generate", "config", "rules");
for (const file of readdirSync(rulesDir)) {
  const source = readFileSync(join(rulesDir, file), "utf8");
  for (const [, kind, body] of source.matchAll(/(tps|fps)\s*:?=\s*(?:append\([^\n]*)?\[\]string\{([\s\S]*?)\n\t\}/g)) {
    for (const example of literals(body)) {
      if (example.length < 8) continue;
      const tally = examples[kind];
      tally.count++;
      const found = (await findingsIn({ path: "example.txt", text: `${example}\n` })).length > 0;
      if (found) tally.found++;
      // (For fps, `missed` lists the ones flagged: the examples that disagree with gitleaks.)
      if (found === (kind === "fps")) tally.missed.push(`${file}: ${example.split("\n")[0].slice(0, 100)}`);
    }
  }
}
console.log(`gitleaks's literal examples: true positives found ${examples.tps.found} of ${examples.tps.count} (${pct(examples.tps.found, examples.tps.count)}); false positives flagged ${examples.fps.found} of ${examples.fps.count}`);
if (verbose) for (const line of examples.tps.missed) console.log(`  example missed ${line}`);
if (verbose) for (const line of examples.fps.missed) console.log(`  false-positive example flagged ${line}`);
