// Recall in real files: a fresh random credential planted in each of the public corpus's workflows and
// pipelines (../shared/corpus), where people put one, then the file linted as a whole. Three plantings:
//   - keyed:  a sibling `DEPLOY_TOKEN: <value>` beside an existing upper-case `KEY: value` (an env block,
//             variables), or `password: <value>` beside a lower-case key (`with:` inputs, settings);
//   - script: one of ten shell idioms (Authorization header, export, --api-key, docker login -p,
//             curl -u, a URL's password, npm's _authToken two ways, PGPASSWORD=, mysql -p) as a line of
//             an existing `|` or `>` block, or a Jenkinsfile's `sh '…'`;
//   - low-code JSON: a property named like a credential beside a random object's strings in an n8n,
//             Logic Apps or Power Automate export, or `?api_key=…` after one of its URLs.
// A planting whose YAML no longer parses with the key where it was put (inside a block scalar) is not
// counted, nor one beside values that are no credential by design: Cloud Build's `secretEnv` (KMS
// ciphertext), CodeBuild's `secrets-manager` and `parameter-store` (names of secrets kept there).
//
//   node bench/corpus-plants.mjs [--seed N] [--verbose]
//
// Needs `npm run build` first and ../shared/corpus. Not a test: the corpus is not part of this repository.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import { secretFindings, seededRandom } from "./peer-suite.mjs";

const root = join(import.meta.dirname, "..", "..", "shared", "corpus");
if (!existsSync(root)) {
  console.log(`corpus-plants: ${root} is absent; nothing measured.`);
  process.exit(0);
}
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const random = seededRandom(args);
const pick = (list) => list[Math.floor(random() * list.length)];
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const chars = (n) => Array.from({ length: n }, () => pick(ALNUM)).join("");

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(ya?ml|json)$/.test(name) || /Jenkinsfile|\.groovy$/.test(name)) files.push(path);
  }
};
walk(root);

/** The key of the mapping a line sits in: the nearest line above it with less indentation. */
function parentKey(lines, i) {
  const indent = /^\s*/.exec(lines[i])[0].length;
  for (let j = i - 1; j >= 0; j--) if (/\S/.test(lines[j]) && /^\s*/.exec(lines[j])[0].length < indent) return /([\w-]+):\s*$/.exec(lines[j])?.[1];
  return undefined;
}
// Values there are not credentials by design: KMS ciphertext (Cloud Build), secret ids (CodeBuild).
const NOT_LITERALS = new Set(["secretEnv", "secrets-manager", "parameter-store"]);

/** Whether `key: value` is a mapping entry of the parsed documents (the planting landed where meant). */
function parsesAsKey(text, key, value) {
  try {
    const stack = parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: 1000, mapAsMap: true }));
    while (stack.length > 0) {
      const node = stack.pop();
      if (node instanceof Map)
        for (const [k, v] of node) {
          if (k === key && v === value) return true;
          stack.push(v);
        }
      else if (Array.isArray(node)) stack.push(...node);
    }
  } catch {
    // Not YAML any more: not counted.
  }
  return false;
}

const KEYED = [
  { line: /^(\s+)[A-Z][A-Z0-9_]{2,}:\s+[^|>\s]/, names: ["DEPLOY_TOKEN", "DB_PASSWORD", "API_KEY", "SLACK_WEBHOOK_SECRET", "CLIENT_SECRET"] },
  { line: /^(\s+)[a-z][a-z0-9_-]{2,}:\s+[^|>\s]/, names: ["password", "api_token", "client_secret", "access_key", "webhook_secret"] },
];
// Each idiom, and the part of the value a finding must cover (a password idiom plants a shorter value).
const IDIOMS = [
  (v) => [`curl -sS -H "Authorization: Bearer ${v}" https://api.example.com/deploy`, v],
  (v) => [`export DEPLOY_TOKEN=${v}`, v],
  (v) => [`./release.sh --api-key ${v}`, v],
  (v) => [`docker login -u bot -p ${v.slice(0, 14)}!x registry.example.com`, v.slice(0, 14)],
  (v) => [`curl -u admin:${v.slice(0, 14)}!x https://nexus.example.com/upload`, v.slice(0, 14)],
  (v) => [`git clone https://oauth2:${v}@gitlab.example.com/group/repo.git`, v],
  (v) => [`npm config set //registry.npmjs.org/:_authToken ${v}`, v],
  (v) => [`echo "//registry.npmjs.org/:_authToken=${v}" > ~/.npmrc`, v],
  (v) => [`PGPASSWORD=${v.slice(0, 14)}!x psql -h db -U app`, v.slice(0, 14)],
  (v) => [`mysql -uroot -p${v.slice(0, 14)}!x app < dump.sql`, v.slice(0, 14)],
];

const rows = [];
const found = async (path, text, probe) => (await secretFindings({ path, text })).some((f) => text.slice(f.span.start, f.span.end).includes(probe));

for (const [index, keyed] of KEYED.entries()) {
  const row = { what: `keyed (${index === 0 ? "UPPER_CASE beside an env entry" : "lower-case beside an input or setting"})`, planted: 0, found: 0, missed: [] };
  for (const path of files.filter((p) => /\.ya?ml$/.test(p))) {
    const lines = readFileSync(path, "utf8").split("\n");
    const at = lines.flatMap((line, i) => (keyed.line.test(line) && !/\$\{\{|secrets\./.test(line) ? [i] : []));
    if (at.length === 0) continue;
    const i = pick(at);
    if (NOT_LITERALS.has(parentKey(lines, i))) continue;
    const name = pick(keyed.names);
    const value = `${chars(8)}9${chars(23)}`;
    const text = [...lines.slice(0, i + 1), `${keyed.line.exec(lines[i])[1]}${name}: ${value}`, ...lines.slice(i + 1)].join("\n");
    if (!parsesAsKey(text, name, value)) continue;
    row.planted++;
    if (await found(relative(root, path), text, value)) row.found++;
    else row.missed.push(`${relative(root, path)}:${i + 2}`);
  }
  rows.push(row);
}

const scriptRow = { what: "script idioms (a line of a | or > block, a Jenkinsfile's sh)", planted: 0, found: 0, missed: [] };
for (const path of files.filter((p) => !p.endsWith(".json"))) {
  const lines = readFileSync(path, "utf8").split("\n");
  const jenkins = !/\.ya?ml$/.test(path);
  const at = [];
  for (let i = 0; i < lines.length - 1; i++) {
    if (jenkins ? /^\s+sh\s+['"]/.test(lines[i]) : /(:|-)\s*[|>][-+]?\s*$/.test(lines[i]) && !/^\s*#/.test(lines[i]) && /^\s+\S/.test(lines[i + 1])) at.push(jenkins ? i : i + 1);
  }
  if (at.length === 0) continue;
  const i = pick(at);
  const which = Math.floor(random() * IDIOMS.length);
  const [line, probe] = IDIOMS[which](`${chars(8)}9${chars(31)}`);
  const indent = /^(\s*)/.exec(lines[i])[1];
  const planted = jenkins ? `${indent}sh '${line.replace(/'/g, "\\'")}'` : indent + line;
  const text = [...lines.slice(0, i), planted, ...lines.slice(i)].join("\n");
  scriptRow.planted++;
  if (await found(relative(root, path), text, probe)) scriptRow.found++;
  else scriptRow.missed.push(`${relative(root, path)}:${i + 1} idiom ${which}`);
}
rows.push(scriptRow);

// Low-code exports (n8n, Logic Apps, Power Automate): a sibling property named like a credential in a
// random object of the JSON, or a URL's query parameter, as a citizen developer pastes a key.
const jsonRow = { what: "low-code JSON (a sibling property, or a URL's ?api_key=)", planted: 0, found: 0, missed: [] };
for (const path of files.filter((p) => /\/(n8n|logic-apps|power-automate)\//.test(p) && p.endsWith(".json"))) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    continue;
  }
  const objects = [];
  const walkJson = (node) => {
    if (Array.isArray(node)) node.forEach(walkJson);
    else if (node && typeof node === "object") {
      if (Object.values(node).some((v) => typeof v === "string")) objects.push(node);
      Object.values(node).forEach(walkJson);
    }
  };
  walkJson(doc);
  if (objects.length === 0) continue;
  const target = pick(objects);
  const value = `${chars(8)}9${chars(23)}`;
  const url = ["url", "uri"].find((k) => typeof target[k] === "string" && /^https?:\/\/[^\s?#]+$/.test(target[k]));
  if (url && random() < 0.5) target[url] += `?api_key=${value}`;
  else target[pick(["apiKey", "password", "x-api-key", "client_secret", "accessToken"])] = value;
  jsonRow.planted++;
  if (await found(relative(root, path), JSON.stringify(doc, null, 2), value)) jsonRow.found++;
  else jsonRow.missed.push(relative(root, path));
}
rows.push(jsonRow);

for (const row of rows) {
  console.log(`${row.what}: planted ${row.planted}, found ${row.found} (${((100 * row.found) / Math.max(row.planted, 1)).toFixed(1)} %)`);
  for (const miss of row.missed.slice(0, verbose ? Infinity : 5)) console.log(`  missed ${miss}`);
}
