// Credentials written into shell scripts (`run:`, `script:`): the usual idioms.
import { matchesOf } from "../text.js";
import { mayMatch, registerKeywords } from "./prefilter.js";
import { isCredentialKey, isPlaceholderBasic, isReference, looksLikeCredential, looksRandom, toSecretName } from "./values.js";

export interface ScriptMatch {
  /** What kind of idiom: shown in the message. */
  title: string;
  /** Suggested secret name for the fix. */
  secretName: string;
  /** The name in the script the secret name was made from (a variable, an option, a header), if it was. */
  nameFrom?: string;
  start: number;
  end: number;
  value: string;
}

interface Idiom {
  title: string;
  keywords: string[];
  pattern: RegExp;
  /** The pattern's matches, found faster than by running it (must give the same captures and values). */
  matches?: (script: string) => Iterable<RegExpExecArray>;
  /** The credential's capture group. */
  group: number;
  /** Judge the value as this kind of key: "token" (long, random) or "password". */
  judgeAs: "token" | "password";
  /** The secret name to suggest: a fixed one, or made from the name the match captured in this group. */
  secretName: string | { fromGroup: number };
}

// A value in a script ends at whitespace, a quote, a comma (argument lists) or a shell metacharacter.
const VALUE = String.raw`([^\s"'\\$;|&<>(),\x60]+)`;
// An opening quote, escaped when the script sits in a JSON string (n8n Code nodes, Logic Apps).
const QUOTE = String.raw`(?:\\?["'])?`;

// `NAME=value` in a script: what the "credential assigned to a variable" idiom reads.
export const ASSIGNMENT = new RegExp(String.raw`(?:^|[\s;(])(?:export\s+|set\s+|\$env:)?([A-Za-z_][A-Za-z0-9_]{0,100})[ \t]?=[ \t]?` + QUOTE + VALUE, "gm");
// The same, tried at one `=` with the name read backwards: the matches then start at the `=`.
const ASSIGNMENT_AT = new RegExp(String.raw`(?<=(?:^|[\s;(])(?:export\s+|set\s+|\$env:)?([A-Za-z_][A-Za-z0-9_]{0,100})[ \t]?)=[ \t]?` + QUOTE + VALUE, "my");
const isWordCode = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/**
 * ASSIGNMENT's matches (the same names and values), each from its `=` (match.index and match[0] start
 * there). Nearly every character of a text can begin ASSIGNMENT (a space before a word), while few are
 * `=`: the regex run over a text was the largest single cost of the secret scan. As in the regex's own
 * search, a match begins after the last one ended: a name inside the last value is no name.
 */
export function* assignments(script: string): Generator<RegExpExecArray> {
  let end = 0;
  for (let at = script.indexOf("="); at !== -1; at = script.indexOf("=", at + 1)) {
    ASSIGNMENT_AT.lastIndex = at;
    const match = ASSIGNMENT_AT.exec(script);
    if (!match) continue;
    const nameEnd = isWordCode(script.charCodeAt(at - 1)) ? at : at - 1;
    if (nameEnd - match[1].length < end) continue;
    end = at + match[0].length;
    yield match;
    at = end - 1;
  }
}

const IDIOMS: Idiom[] = [
  {
    title: "token in an Authorization header",
    keywords: ["authorization"],
    pattern: new RegExp(String.raw`authorization:\s*(?:bearer|token|basic|bot)\s+` + VALUE, "gi"),
    group: 1,
    judgeAs: "token",
    secretName: "API_TOKEN",
  },
  {
    title: "credential in a request header",
    keywords: ["-h", "--header"],
    pattern: new RegExp(String.raw`(?:-H|--header)\s*(?:\\?["'])?([\w-]{0,40}?(?:api[-_]?key|token|secret|auth[-_]?key))\s*:\s*` + VALUE, "gi"),
    group: 2,
    judgeAs: "token",
    secretName: { fromGroup: 1 },
  },
  {
    title: "password given to docker login",
    keywords: ["login"],
    pattern: new RegExp(String.raw`\blogin\b[^\n]{0,200}?\s(?:-p|--password)(?:=|\s+)` + QUOTE + VALUE, "g"),
    group: 1,
    judgeAs: "password",
    secretName: "REGISTRY_PASSWORD",
  },
  {
    title: "password in a curl/wget user option",
    keywords: ["-u", "--user"],
    pattern: new RegExp(String.raw`\b(?:curl|wget|http)\b[^\n]{0,300}?\s(?:-u|--user|--http-password)(?:=|\s+)["']?[^\s:"']{1,100}:` + VALUE, "g"),
    group: 1,
    judgeAs: "password",
    secretName: "BASIC_AUTH_PASSWORD",
  },
  {
    title: "credential passed as a command-line option",
    keywords: ["--", "key", "token", "secret", "pass", "pat", "credential"],
    // `--api-token x`, `--api-key=x`, PowerShell's `-ApiKey x` and `-NuGetApiKey x` (Publish-Module), and
    // argument lists (`["--access-token", "x"]`: the value quoted too, not `Secret(name + "-secret", metadata=…`).
    pattern: new RegExp(
      String.raw`(?:^|[\s"'\[,])--?((?:[\w-]{0,40}-|[A-Za-z]{1,30}?)?(?:token|password|passwd|passphrase|api-?key|secret|client-?secret|auth-?token|access-?key|account-?key|access-?token|api-?token|private-?key|signing-?key|sas-?token|pat|credentials?))(?:=|\s+|\\?["']\s*,\s*(?=\\?["']))` + QUOTE + VALUE,
      "gi",
    ),
    group: 2,
    judgeAs: "token",
    secretName: { fromGroup: 1 },
  },
  {
    title: "npm auth token in a script",
    keywords: ["_auth"],
    pattern: new RegExp(String.raw`_auth(?:Token)?\s*=\s*` + QUOTE + VALUE, "g"),
    group: 1,
    judgeAs: "token",
    secretName: "NPM_TOKEN",
  },
  {
    title: "credential assigned to a variable",
    keywords: ["="],
    // The `=` and its value on one line: `PUSHER_APP_SECRET=` with nothing after it is empty, not the next line.
    pattern: ASSIGNMENT,
    matches: assignments,
    group: 2,
    judgeAs: "token",
    secretName: { fromGroup: 1 },
  },
];

registerKeywords(IDIOMS.flatMap((idiom) => idiom.keywords));

/**
 * Program source read as text (by extension): there an unquoted name as a value is code
 * (`User(hashed_password=argon2_hash)`), unless it looks random; the same text inside a string
 * (`password=ZGVj…` in a Go test's backquotes) is still a value. In shell, `.env`, Dockerfiles and
 * config, an unquoted name is the value.
 */
const PROGRAM_SOURCE = /\.(?:py|pyi|rb|go|java|kt|kts|scala|cs|fs|vb|php|rs|swift|dart|c|h|cc|cpp|cxx|hpp|m|mm|lua|ex|exs|clj|erl|hs|ml|r|jl)$/i;

export function isProgramSource(path: string): boolean {
  return PROGRAM_SOURCE.test(path);
}

/** The idioms' matches in a script; `programSource`: an assignment's unquoted name is code (above). */
export function findScriptSecrets(script: string, options: { programSource?: boolean } = {}): ScriptMatch[] {
  const matches: ScriptMatch[] = [];
  for (const idiom of IDIOMS) {
    if (!mayMatch(script, idiom.keywords)) continue;
    for (const match of idiom.matches?.(script) ?? matchesOf(script, idiom.pattern)) {
      const value = match[idiom.group];
      if (!value || isReference(value)) continue;
      if (idiom.title === "credential assigned to a variable") {
        if (!isCredentialKey(match[1])) continue;
        // In program source an unquoted name is code (PROGRAM_SOURCE above).
        const quoted = /["']$/.test(match[0].slice(0, match[0].length - value.length));
        if (options.programSource && !quoted && /^[A-Za-z_]\w*$/.test(value) && !looksRandom(value)) continue;
      }
      const judgeKey = idiom.judgeAs === "password" || /passw|pwd/i.test(match[1] ?? "") ? "password" : "token";
      if (!looksLikeCredential(value, judgeKey) || (idiom.title.includes("Authorization") && isPlaceholderBasic(value))) continue;
      const start = match.index! + match[0].lastIndexOf(value);
      const named = idiom.secretName;
      const nameFrom = typeof named === "string" ? undefined : (match[named.fromGroup] ?? "");
      matches.push({ title: idiom.title, secretName: nameFrom === undefined ? (named as string) : toSecretName(nameFrom), ...(nameFrom !== undefined && { nameFrom }), start, end: start + value.length, value });
    }
  }
  return matches;
}
