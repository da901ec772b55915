// Files no platform claims. YAML still yields key-value literals (credential-like keys are worth
// checking in any config); every other text file gets the provider-pattern scan only.
import type { FileModel, LiteralValue } from "../model.js";
import { parseJson } from "../documents/json.js";
import { parseYaml } from "../documents/yaml.js";
import { documentLiterals, emptyModel } from "./common.js";
import { jsonLiterals } from "./json-literals.js";
import { CREDENTIAL_SECTION, keyInSection } from "../secrets/values.js";
import type { Platform } from "./platform.js";

/**
 * Package managers' lockfiles: machine-written names, versions, URLs and hashes, no key a person
 * binds a credential to. They are plain text here (a registry password in a `resolved` URL is found
 * there too); their models cost more than anything else in a JS repository's history (an npm
 * lockfile of 300 KB at every dependency bump).
 */
const LOCKFILE = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|packages\.lock\.json|pnpm-lock\.yaml)$/;

export function isLockfile(path: string): boolean {
  return LOCKFILE.test(path);
}

/**
 * A config's bare `Key` names nothing alone; its section does: ASP.NET's `"Jwt": { "Key": … }`, a
 * `stripe: { key: … }` section. Such a literal is keyed `Jwt.Key` (a cache's key stays no credential's).
 * And a section named for what it holds names each entry: `secrets: { mailgun: … }`, `"ApiKeys":
 * { "Stripe": … }`, `tokens: { slack: … }` are keyed `mailgun_secret`, `Stripe_ApiKey`, `slack_token`.
 * (A value named beside it is first keyed by that name: nameValuesByTheirName.)
 */
function qualifyBareKeys(literals: LiteralValue[]): LiteralValue[] {
  nameValuesByTheirName(literals);
  for (const literal of literals) {
    const section = literal.path.at(-2);
    if (typeof section !== "string") continue;
    // Stryker disable next-line Regex: a longer key that starts with `key` names a credential, or not, with its section as without
    if (/^key$/i.test(literal.key)) literal.key = `${section}.${literal.key}`;
    else if (CREDENTIAL_SECTION.test(section)) literal.key = keyInSection(literal.key, section);
  }
  return literals;
}

/**
 * A value whose name is given beside it, not above it, is keyed by that name: a name/value pair
 * (`{"key": "x-api-key", "value": …}`: Postman's headers, auth and variables; an ECS task's
 * `{"name": "DB_PASSWORD", "value": …}`); and a parameter's value or default, by the parameter
 * (`"adminPassword": {"type": "securestring", "defaultValue": …}` in an ARM template, `{"value": …}`
 * in its parameters file, CloudFormation's `DBPassword: {Default: …}`).
 */
function nameValuesByTheirName(literals: LiteralValue[]): void {
  const parentOf = (literal: LiteralValue) => literal.path.slice(0, -1).join("\u0000");
  const names = new Map<string, string>();
  for (const literal of literals) if (NAME_KEY.test(literal.key) && NAME.test(literal.value)) names.set(parentOf(literal), literal.value);
  for (const literal of literals) {
    if (!VALUE_KEY.test(literal.key)) continue;
    const parent = literal.path.at(-2);
    const name = names.get(parentOf(literal)) ?? (typeof parent === "string" ? parent : undefined);
    if (name !== undefined) literal.key = name;
  }
}

const VALUE_KEY = /^(?:value|default|defaultValue|parameterValue)$/i;
const NAME_KEY = /^(?:key|name|parameterKey|parameterName)$/i;
/** A name a value can be given under (not a sentence: `name: Install the tools`). */
const NAME = /^[A-Za-z_][\w.-]{0,100}$/;

export const genericYaml: Platform = {
  id: "yaml",
  readsEveryDocument: true,
  title: "YAML file",
  matchesPath: () => false,
  matchesContent: (path) => /\.ya?ml$/i.test(path),
  buildModel(path, text): FileModel {
    const yaml = parseYaml(text);
    const literals = qualifyBareKeys(yaml.documents.flatMap((doc) => documentLiterals(doc.contents)));
    // A YAML file no platform claims that does not parse is most likely a template (Helm, Jinja):
    // not worth a finding; the provider-pattern scan still runs over its text.
    return { ...emptyModel("yaml", path, text), literals };
  },
};

export const genericJson: Platform = {
  id: "json",
  title: "JSON file",
  matchesPath: () => false,
  matchesContent: (path) => /\.(json|jsonc)$/i.test(path),
  buildModel(path, text): FileModel {
    const literals = qualifyBareKeys(jsonLiterals(parseJson(text).root));
    return { ...emptyModel("json", path, text), literals };
  },
};

export const plainText: Platform = {
  id: "text",
  title: "text file",
  matchesPath: () => false,
  // Stryker disable next-line BooleanLiteral: the last resort either way (platformFor falls back to it)
  matchesContent: () => true,
  buildModel: (path, text) => emptyModel("text", path, text),
};
