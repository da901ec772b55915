// Credentials written into shell scripts (`run:`, `script:`): the usual idioms.
import { matchesOf } from "../text.js";
import { mayMatch, registerKeywords } from "./prefilter.js";
import { isCredentialKey, isGpgKeyId, isIssuedUuid, isPasswordKey, isPlaceholderBasic, isReference, isUuidSecret, keyInSection, looksLikeCredential, looksRandom, toSecretName, UUID } from "./values.js";

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
  /** A value bound to the name in group 1: reported only when the name is credential-like. */
  bindsName?: boolean;
  /** A value bound to a key (reported "under" it), read only where asked (`keyBindings`): plain text and program source, not a parsed document. */
  keyBinding?: boolean;
  /** Read only where key bindings are (plain text and program source), reported with its own title. */
  textOnly?: boolean;
  /** Read only in program source (`programSource`). */
  programSourceOnly?: boolean;
  /** Not read in program source, where its shape is code too (`winreg.KEY_READ | winreg.KEY_WOW64_32KEY`). */
  outsideProgramSource?: boolean;
  /** Reported "under" the name it binds, as a key binding is, wherever it is read. */
  underName?: boolean;
  /** A UUID is the credential here (an API key sent as a header), not an identifier. */
  uuidIsCredential?: boolean;
  /** The name may be words that lead its line (`API Key: …`, `- Client Secret: …`), not only the last of them. */
  wordsLeadingTheLine?: boolean;
}

// A value in a script ends at whitespace, a quote, a comma (argument lists) or a shell metacharacter;
// a `$` too, where it would expand, but not inside single quotes, which no shell, PHP or Python
// expands (a WordPress salt, `define('AUTH_KEY', 'k9#q…$m4v…')`). (The quote looked back for within
// 200 characters: a bound on the work. The loop unrolled, a run of the class first: the common value
// with no `$` is one run, matched as fast as the class alone.) An unquoted value never opens a map or
// a list (`"default": {"PASSWORD": …}`, `config = {password = …}`): taken for one, the `{` a nested
// key follows was spent, and that key went unread.
const VALUE = String.raw`((?:(?<=["'])|(?![{[]))[^\s"'\\$;|&<>(),\x60]+(?:(?<='[^'\s]{0,200})\$[^\s"'\\$;|&<>(),\x60]*)*)`;
// An opening quote, escaped when the script sits in a JSON string (n8n Code nodes, Logic Apps).
const QUOTE = String.raw`(?:\\?["'])?`;

// `NAME=value` in a script: what the "credential assigned to a variable" idiom reads. Also with the
// spaces of aligned assignments (`SECRET_KEY   = …`) and the operators of Go and Make (`:=`, `::=`,
// `?=`), as gitleaks's generic rule reads them. The name may be dotted (`self.api_key = …`,
// `spring.datasource.password=…`, Helm's `--set db.password=…`) and dashed (Spring's relaxed names in a
// .properties file, `…github.client-secret=…`, a query's `?api-key=`), and follow a sigil or what leads a
// parameter (PowerShell's and PHP's `$apiKey`, Ruby's `@token`, PHP's `$this->password`, a URL's
// `?password=` and `&token=`, `--from-literal=password=…`, `-var 'db_password=…'`, a JVM system
// property `-Dspring.datasource.password=…`, Maven's `-Dgpg.passphrase=…`). Not a shell expansion's
// default (`${NAME:=…}`: its own idiom).
const LEAD_CHARACTERS = String.raw`[\s;(,{\[$@>?&='"]`;
const NAME_LEAD = `(?:^|${LEAD_CHARACTERS})`;
const LEAD_CHARACTER = new RegExp(`^${LEAD_CHARACTERS}$`);
export const ASSIGNMENT = new RegExp(NAME_LEAD + String.raw`(?:export\s+|set\s+|\$env:|-D)?(?<!\$\{)([A-Za-z_][\w.-]{0,100})[ \t]*(?::{1,3}|\?)?=[ \t]*` + QUOTE + VALUE, "gm");
// The same, tried at one `=` with the name read backwards: the matches then start at the `=`.
const ASSIGNMENT_AT = new RegExp(String.raw`(?<=` + NAME_LEAD + String.raw`(?:export\s+|set\s+|\$env:|-D)?(?<!\$\{)([A-Za-z_][\w.-]{0,100})[ \t]*(?::{1,3}|\?)?)=[ \t]*` + QUOTE + VALUE, "my");

/**
 * ASSIGNMENT's matches (the same names and values), each from its `=` (match.index and match[0] start
 * there). Nearly every character of a text can begin ASSIGNMENT (a space before a word), while few are
 * `=`: the regex run over a text was the largest single cost of the secret scan. As in the regex's own
 * search, a match begins after the last one ended: a name inside the last value is no name.
 */
export function assignments(script: string): Generator<RegExpExecArray> {
  return fromEachEquals(script, ASSIGNMENT_AT, (match, at) => {
    // The name ends before the operator's other characters (`:`, `?`) and the blanks.
    let nameEnd = at;
    for (let code = script.charCodeAt(nameEnd - 1); code === 32 || code === 9 || code === 58 || code === 63; code = script.charCodeAt(--nameEnd - 1));
    // The regex's match begins at what leads the name (which may end the last value: `?`, `=`, `@`), or
    // at the text's start; else (`:` before the name) at what leads PowerShell's `$env:`.
    const nameStart = nameEnd - match[1].length;
    // Stryker disable next-line ConditionalExpression: without it the lines below give 0 as well (script[-1] leads nothing)
    if (nameStart === 0) return 0;
    if (LEAD_CHARACTER.test(script[nameStart - 1])) return nameStart - 1;
    if (script.startsWith("-D", nameStart - 2)) return Math.max(0, nameStart - 3);
    return Math.max(0, nameStart - "$env:".length - 1);
  });
}

/**
 * assignments(), and after each the first assignment its value holds: a systemd unit's
 * `Environment="API_TOKEN=…"`, Python's `url = "https://…?token=…"`, where the outer name is no
 * credential's and took the text. (Only the first: each match reads its value to the end, so reading
 * every one a value holds would be quadratic in a run of `a=a=a=…`; a failed try costs only its
 * lookbehind.)
 */
export function* assignmentsAndNested(script: string): Generator<RegExpExecArray> {
  for (const match of assignments(script)) {
    yield match;
    // (Most values hold no `=`: nothing more to read.)
    // Stryker disable next-line ConditionalExpression: a shortcut: the loop below finds no `=` in such a value
    if (!match[2].includes("=")) continue;
    const valueEnd = match.index + match[0].length;
    // (Every `=` of the value; the character after it is none: a value runs on over `=`.)
    // Stryker disable next-line StringLiteral,EqualityOperator: equivalent: from any character, the sticky regex matches only at an `=` (above)
    for (let at = script.indexOf("=", valueEnd - match[2].length); at !== -1 && at < valueEnd; at = script.indexOf("=", at + 1)) {
      ASSIGNMENT_AT.lastIndex = at;
      const nested = ASSIGNMENT_AT.exec(script);
      if (nested) {
        yield nested;
        break;
      }
    }
  }
}

/**
 * The matches of a regex that reads backwards from an `=` (sticky, its lookbehind the part before),
 * tried at each `=`, as a forward regex would find them: one begins after the last one ended. `start`
 * says where the forward regex's match would begin.
 */
function* fromEachEquals(script: string, atEquals: RegExp, start: (match: RegExpExecArray, at: number) => number): Generator<RegExpExecArray> {
  let end = 0;
  // Stryker disable next-line StringLiteral: from indexOf(""), 0, the sticky regex fails where no `=` is
  for (let at = script.indexOf("="); at !== -1; at = script.indexOf("=", at + 1)) {
    atEquals.lastIndex = at;
    const match = atEquals.exec(script);
    if (!match || start(match, at) < end) continue;
    end = at + match[0].length;
    yield match;
    // Stryker disable next-line ArithmeticOperator: a match ends before a character no name holds, so no `=` there begins one
    at = end - 1;
  }
}

// An Authorization value's scheme before the credential: `auth_token: "Bearer …"`.
const SCHEME = String.raw`(?:(?:[Bb]earer|[Bb]asic|[Tt]oken|[Bb]ot)[ \t]+)?`;
// `key: value`, `"key": "value"`, `'key' => 'value'`, `:key => value`: a value bound to a key in program
// source or configuration read as plain text (a Python dict, a Go struct literal, a Ruby or PHP hash, a
// .properties line, JSON in a README); a key may begin with a digit (`2fa_secret`, `8x8_secret`: a name
// in a file, not a variable). Not `::`, `:=` or `://`, nor a shell expansion's `${NAME:-…}`. Documents a platform parses (YAML,
// JSON) bind their keys in their own model, where a literal's key is judged (detect.ts).
// (Its quotes escaped too: `{\"x-api-key\": \"…\"}` in code held in a JSON string, an n8n Code node.)
// A key's value quoted, or in Markdown's backquotes (`API Key: \x60…\x60` in a README).
const KEY_VALUE_QUOTE = String.raw`(?:\\?["']|\x60)?`;
export const KEY_BINDING = new RegExp(String.raw`(?:^|[\s;(\[{,:])(?:\\?["'])?(?<!\$\{)(\w[\w.-]{0,100})(?:\\?["'])?[ \t]*(?::(?![:=/])|=>)[ \t]*` + KEY_VALUE_QUOTE + SCHEME + VALUE, "gm");
// The same, tried at one `:` or `=>` with the key read backwards (as ASSIGNMENT_AT).
const KEY_BINDING_AT = new RegExp(String.raw`(?<=(?:^|[\s;(\[{,:])(?:\\?["'])?(?<!\$\{)(\w[\w.-]{0,100})(?:\\?["'])?[ \t]*)(?::(?![:=/])|=>)[ \t]*` + KEY_VALUE_QUOTE + SCHEME + VALUE, "my");
const OPERATOR = /:|=>/g;
const isQuoteCode = (code: number) => code === 34 || code === 39;
// The characters a key ends with (`[\w.-]`), by code: tried at every `:` in a text.
const NAME_CODES = new Uint8Array(128);
for (const character of "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.-") NAME_CODES[character.charCodeAt(0)] = 1;
// Stryker disable next-line ConditionalExpression: a shortcut (keyBindings below): the regex decides
const isNameCode = (code: number) => NAME_CODES[code] === 1;

/** KEY_BINDING's matches (the same keys and values), each from its operator, as assignments() does. */
export function* keyBindings(script: string): Generator<RegExpExecArray> {
  let end = 0;
  OPERATOR.lastIndex = 0;
  for (let operator = OPERATOR.exec(script); operator; operator = OPERATOR.exec(script)) {
    const at = operator.index;
    // Most `:` bind nothing (`:=`, `::`, `://`, a line's end, no name before): ruled out before the regex.
    // (Only a shortcut: weakened, it hands the regex what the regex rejects.)
    const next = script.charCodeAt(at + operator[0].length);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a shortcut (above)
    if (next === 10 || next === 13 || (operator[0] === ":" && (next === 58 || next === 61 || next === 47))) continue;
    // The key ends before the blanks and its closing quote.
    let keyEnd = at;
    while (script.charCodeAt(keyEnd - 1) === 32 || script.charCodeAt(keyEnd - 1) === 9) keyEnd--;
    if (isQuoteCode(script.charCodeAt(keyEnd - 1))) keyEnd -= script.charCodeAt(keyEnd - 2) === 92 ? 2 : 1;
    // Stryker disable next-line ConditionalExpression: a shortcut, as above
    if (!isNameCode(script.charCodeAt(keyEnd - 1))) continue;
    KEY_BINDING_AT.lastIndex = at;
    const match = KEY_BINDING_AT.exec(script);
    if (!match) continue;
    // Where the regex's own match would begin: the character before the key and its opening quote.
    let keyStart = keyEnd - match[1].length;
    if (isQuoteCode(script.charCodeAt(keyStart - 1))) keyStart -= script.charCodeAt(keyStart - 2) === 92 ? 2 : 1;
    if (Math.max(0, keyStart - 1) < end) continue;
    end = at + match[0].length;
    yield match;
    OPERATOR.lastIndex = end;
  }
}

// A table's row (`| API key | … |`, `sanity auth token |…`): the first cell a name of up to four words,
// the next the value alone (perhaps in backquotes), ending at the cell's `|` or the line's end.
const tableRow = (leadingBar: string) =>
  String.raw`^[ \t]*${leadingBar}([A-Za-z0-9][\w.-]{0,100}(?:[ \t]+[A-Za-z0-9][\w.-]{0,100}){0,3})[ \t]*\|[ \t]*\x60?` + VALUE + String.raw`\x60?[ \t]*(?=\||\r?$)`;
export const TABLE_ROW = new RegExp(tableRow(String.raw`(?:\|[ \t]*)?`), "gm");
export const PIPE_LED_TABLE_ROW = new RegExp(tableRow(String.raw`\|[ \t]*`), "gm");
const TABLE_ROW_AT = new RegExp(TABLE_ROW.source, "my");
const PIPE_LED_TABLE_ROW_AT = new RegExp(PIPE_LED_TABLE_ROW.source, "my");

/** TABLE_ROW's and PIPE_LED_TABLE_ROW's matches, each tried only at the start of a line that holds a `|`. */
export const tableRows = (script: string) => rowsAtBars(script, TABLE_ROW_AT);
export const pipeLedTableRows = (script: string) => rowsAtBars(script, PIPE_LED_TABLE_ROW_AT);

function* rowsAtBars(script: string, rowAt: RegExp): Generator<RegExpExecArray> {
  for (let bar = script.indexOf("|"); bar !== -1; ) {
    const lineStart = script.lastIndexOf("\n", bar) + 1;
    rowAt.lastIndex = lineStart;
    const match = rowAt.exec(script);
    if (match) yield match;
    const lineEnd = script.indexOf("\n", bar);
    if (lineEnd === -1) break;
    bar = script.indexOf("|", lineEnd);
  }
}

// A declaration with a type between the name and `=`, in program source: Python's and Rust's, Kotlin's
// and Swift's `api_key: str = "…"`, Go's `const apiKey string = "…"`. The value quoted: a typed name bound
// to anything else is code.
export const TYPED_DECLARATION = new RegExp(String.raw`(?:^|[\s;(])([A-Za-z_][A-Za-z0-9_]{0,100})(?:[ \t]*:[ \t]*|[ \t]+)[A-Za-z_&*[][\w.<>[\]&*]{0,40}[ \t]*=[ \t]*(?:\\?["'])` + VALUE, "gm");
const TYPED_DECLARATION_AT = new RegExp(String.raw`(?<=(?:^|[\s;(])([A-Za-z_][A-Za-z0-9_]{0,100})(?:[ \t]*:[ \t]*|[ \t]+)[A-Za-z_&*[][\w.<>[\]&*]{0,40}[ \t]*)=[ \t]*(?:\\?["'])` + VALUE, "myd");

/** TYPED_DECLARATION's matches, each from its `=` (as assignments() does). */
export function typedDeclarations(script: string): Generator<RegExpExecArray> {
  // The regex's own match begins before the name (its place kept by the `d` flag, in the lookbehind too).
  // (It never begins inside the last match: the name follows a blank, `;` or `(`, which end a value.)
  // Stryker disable next-line ArrowFunction,ArithmeticOperator: so where it begins never decides (above)
  return fromEachEquals(script, TYPED_DECLARATION_AT, (match) => Math.max(0, match.indices![1][0] - 1));
}

// The container registry clients whose `login` takes a registry's password (`docker login`, `helm registry login`).
// (Blanks bounded: `\s+` before `login` backtracks over a long run of them from every start.)
const REGISTRY_LOGIN = String.raw`(?:docker|podman|buildah|nerdctl|oras|skopeo|helm[ \t]{1,10}registry|crane[ \t]{1,10}auth|regctl[ \t]{1,10}registry|acr)`;
// A login's password option and what separates it from its value, in a command line or a list of
// arguments (Cloud Build's `args: ['login', '-u', 'bot', '-p', '…']`).
const LOGIN_PASSWORD_OPTION = String.raw`[\s"'](?:-p|--password)(?:=|\s+|["'][ \t]*,[ \t]*)`;

// curl, wget or HTTPie, then an option on its line or a `\` continuation line (`curl … \` then `  --user …`).
// (At most three continuations: what decides a match spans four lines at most, incremental.ts.)
const CURL_COMMAND = String.raw`\b(?:curl|wget|http)\b[^\n]{0,300}?(?:\\\r?\n[^\n]{0,300}?){0,3}\s`;

/** An idiom that binds a value (group 2) to a name (group 1): reported when the name is credential-like, named after it. */
function nameBinding(title: string, keywords: string[], pattern: RegExp, where: Pick<Idiom, "matches" | "keyBinding" | "textOnly" | "programSourceOnly" | "outsideProgramSource" | "underName" | "wordsLeadingTheLine"> = {}): Idiom {
  return { title, keywords, pattern, group: 2, judgeAs: "token", secretName: { fromGroup: 1 }, bindsName: true, ...where };
}

/**
 * An idiom whose password follows what `lead` matches (a command and its option), perhaps quoted,
 * perhaps with `tail` looked ahead at after it: judged as a password, under a fixed name.
 */
function passwordAfter(title: string, keywords: string[], lead: string, secretName: string, { tail = "", flags = "g", uuidIsCredential = false } = {}): Idiom {
  return { title, keywords, pattern: new RegExp(lead + QUOTE + VALUE + tail, flags), group: 1, judgeAs: "password", secretName, ...(uuidIsCredential && { uuidIsCredential }) };
}

// What a Terraform block's idioms read between its `{` and the key: sixteen lines at most of 200
// characters, no nested block (incremental.ts reads such a block from its start to its first brace).
const TERRAFORM_BLOCK_LINES = String.raw`(?:[^{}\n]{0,200}\n){0,15}?[^{}\n]{0,200}?`;

const IDIOMS: Idiom[] = [
  {
    title: "token in an Authorization header",
    keywords: ["authorization"],
    // Any scheme (`Bearer`, `Api-Token`, `SSWS`, `GenieKey`…) or none: `Authorization: <key>`; as a
    // quoted key (`{"Authorization": "Bearer …"}`) or a call's name and value
    // (`setRequestProperty("Authorization", "Bearer …")`, Go's `Header.Set`, `xhr.setRequestHeader`).
    pattern: new RegExp(String.raw`authorization(?:\\?["'][ \t]*[:,]|:)[ \t]*` + QUOTE + String.raw`(?:[A-Za-z][\w-]{0,30}[ \t]+)?` + VALUE, "gi"),
    group: 1,
    judgeAs: "token",
    secretName: "API_TOKEN",
    uuidIsCredential: true,
  },
  {
    title: "credential in a request header",
    keywords: ["-h", "--header"],
    pattern: new RegExp(String.raw`(?:-H|--header)(?:\s*|=)(?:\\?["'])?([\w-]{0,40}?(?:api[-_]?key|token|secret|auth[-_]?key))\s*:\s*` + VALUE, "gi"),
    group: 2,
    judgeAs: "password",
    secretName: { fromGroup: 1 },
    uuidIsCredential: true,
  },
  passwordAfter("password given to a registry login", ["login"], String.raw`\b${REGISTRY_LOGIN}[ \t]{1,10}login\b[^\n]{0,200}?` + LOGIN_PASSWORD_OPTION, "REGISTRY_PASSWORD"),
  // Any other CLI's `login … -p` (`az login`, `oc login`, `cf login`, `argocd login`).
  passwordAfter("password given to a login command", ["login"], String.raw`(?<!\b${REGISTRY_LOGIN}[ \t]{1,10})\blogin\b[^\n]{0,200}?` + LOGIN_PASSWORD_OPTION, "LOGIN_PASSWORD"),
  // The user may be empty (`-u ":pw"`) or quoted apart from the password (`kevin:'pw'`, `"id":"pw"`).
  passwordAfter("password in a curl/wget user option", ["-u", "--user"], CURL_COMMAND + String.raw`(?:-u|--user|--http-password)(?:=|[ \t]+)["']?[^\s:"']{0,100}["']?:`, "BASIC_AUTH_PASSWORD"),
  {
    // The key as the user, with no password (`curl -u sk_…:`, `-u "$KEY:"`: Stripe's, Mailgun's, Twilio's
    // documented form), gitleaks's curl case.
    title: "credential in a curl/wget user option",
    keywords: ["-u", "--user"],
    pattern: new RegExp(CURL_COMMAND + String.raw`(?:-u|--user)(?:=|[ \t]+)["']?([^\s:"'\\$;|&<>(),\x60]{1,200}):(?=["']?(?:\s|$))`, "g"),
    group: 1,
    judgeAs: "password",
    secretName: "BASIC_AUTH_USER_KEY",
  },
  // A JWT signed or checked with a literal key: `jwt.sign(payload, "…")`, PyJWT's `jwt.encode(payload, "…", …)`.
  passwordAfter("JWT signing key in code", ["jwt."], String.raw`\bjwt\.(?:sign|verify|encode|decode)\s*\([^,()\n]{1,200},\s*`, "JWT_SECRET", { tail: String.raw`(?=\\?["'])`, flags: "gi" }),
  {
    // OpenSSL's `-passin`/`-passout`/`-pass pass:…` (the other sources, `env:`, `file:`, `fd:`, name one).
    title: "passphrase given to openssl",
    keywords: ["pass:"],
    pattern: new RegExp(String.raw`\s-pass(?:in|out)?[ \t]+` + QUOTE + String.raw`pass:` + VALUE, "g"),
    group: 1,
    judgeAs: "password",
    secretName: "OPENSSL_PASSPHRASE",
  },
  // OpenSSL's legacy `-k <passphrase>` (`openssl enc -aes-256-cbc -k …`).
  passwordAfter("passphrase given to openssl", ["openssl"], String.raw`\bopenssl\b[^\n]{0,200}?\s-k[ \t]+`, "OPENSSL_PASSPHRASE"),
  // redis-cli's `-a <password>` (also `--pass`, its long form).
  passwordAfter("password given to redis-cli", ["redis-cli"], String.raw`\bredis-cli\b[^\n]{0,200}?\s(?:-a|--pass)[ \t]+`, "REDIS_PASSWORD"),
  // PowerShell: a plain-text password made a SecureString (`ConvertTo-SecureString "…" -AsPlainText -Force`).
  passwordAfter("password given to ConvertTo-SecureString", ["convertto-securestring"], String.raw`\bConvertTo-SecureString[ \t]+(?:-String[ \t]+)?`, "PASSWORD", { tail: String.raw`(?=\\?["']?[^\n]{0,100}?-AsPlainText)`, flags: "gi" }),
  // Windows: `cmdkey … /pass:…`, `net use \\host\share /user:name …`, SQL Server's `sqlcmd`/`bcp … -P …`.
  passwordAfter("password given to a Windows command", ["cmdkey", "net use", "sqlcmd", "bcp"], String.raw`(?:\bcmdkey\b[^\n]{0,200}?\s/pass:|\bnet[ \t]+use\b[^\n]{0,200}?\s/user:\S{1,100}[ \t]+|\b(?:sqlcmd|bcp)\b[^\n]{0,200}?\s-P[ \t]*)`, "WINDOWS_PASSWORD", { flags: "gi" }),
  // Other tools' password options: LDAP clients' `-w`, smbclient's `-U user%…`, zip's and unzip's
  // `-P`, 7-Zip's joined `-p…`, lftp's `-u user,…`, Mosquitto's `-P`, the MongoDB shells' `-p`, macOS
  // `security`'s keychain `-p`, rclone's `pass …`, mysqladmin's `password …`; and positional ones:
  // `htpasswd -b file user …`, `rabbitmqctl add_user user …`, MinIO's `mc alias set name url key …`.
  passwordAfter(
    "password given to a command",
    ["ldap", "smbclient", "zip", "7z", "lftp", "mosquitto_", "mongo", "keychain", "rclone", "mysqladmin", "htpasswd", "rabbitmqctl", "mc "],
    String.raw`(?:\bldap(?:search|modify|add|delete|passwd|whoami|compare|exop)\b[^\n]{0,200}?\s-w[ \t]+|\bsmbclient\b[^\n]{0,200}?\s-U[ \t]*[^\s%]{1,100}%|\b(?:un)?zip\b[^\n]{0,200}?\s-P[ \t]+|\b7za?\b[^\n]{0,200}?\s-p|\blftp\b[^\n]{0,200}?\s-u[ \t]+[^\s,]{1,100},|\bmosquitto_(?:pub|sub)\b[^\n]{0,200}?\s-P[ \t]+|\bmongo(?:sh|dump|restore|import|export)?\b[^\n]{0,200}?\s-p[ \t]+|\bsecurity[ \t]{1,10}(?:unlock|create)-keychain\b[^\n]{0,200}?\s-p[ \t]+|\brclone\b[^\n]{0,200}?\spass[ \t]+|\bmysqladmin\b[^\n]{0,200}?\spassword[ \t]+|\bhtpasswd[ \t]{1,10}-\w{0,5}b\w{0,5}[ \t]{1,10}\S{1,200}[ \t]{1,10}\S{1,100}[ \t]{1,10}|\brabbitmqctl[ \t]{1,10}(?:add_user|change_password)[ \t]{1,10}\S{1,100}[ \t]{1,10}|\bmc[ \t]{1,10}(?:alias[ \t]{1,10}set|config[ \t]{1,10}host[ \t]{1,10}add)[ \t]{1,10}\S{1,100}[ \t]{1,10}\S{1,300}[ \t]{1,10}\S{1,200}[ \t]{1,10})`,
    "PASSWORD",
  ),
  // A publishing CLI's token after its short option: `vsce publish -p …`, `ovsx publish -p …`, the
  // Codecov uploader's `-t …` (a UUID: a credential here); `gh secret set NAME --body …` (`-b`).
  passwordAfter(
    "token given to a command",
    ["vsce", "ovsx", "codecov", "gh secret"],
    String.raw`(?:\b(?:vsce|ovsx)\b[^\n]{0,200}?\s-p[ \t]+|\bcodecov(?:cli)?\b[^\n]{0,200}?\s-t[ \t]+|\bgh[ \t]{1,10}secret[ \t]{1,10}set\b[^\n]{0,200}?\s(?:-b[ \t]*|--body(?:=|[ \t]+)))`,
    "API_TOKEN",
    { uuidIsCredential: true },
  ),
  // A literal piped into a command that reads a password from its input: `echo "…" | docker login
  // --password-stdin`, `printf '%s' '…' | helm registry login … --password-stdin`, `echo … | sudo -S`.
  passwordAfter("password piped to a command's standard input", ["--password-stdin", "sudo", "chpasswd"], String.raw`\b(?:echo(?:[ \t]+-n)?|printf[ \t]+(?:'%s'|"%s"))[ \t]+`, "PASSWORD", { tail: String.raw`(?=\\?["']?[ \t]*\|[^\n|]{0,200}?(?:--password-stdin|\bsudo[ \t]+(?:-\w+[ \t]+)*-S\b|\bchpasswd\b))` }),
  // A user and a password given to an HTTP client's basic auth in code: Python's `auth=("u", "…")`,
  // `HTTPBasicAuth("u", "…")`, Go's `req.SetBasicAuth("u", "…")`, .NET's `new NetworkCredential("u", "…")`,
  // Java's `UsernamePasswordCredentials`, OkHttp's `Credentials.basic`, superagent's `.auth("u", "…")`.
  passwordAfter(
    "password given to a basic-auth call",
    ["auth", "credential"],
    String.raw`(?:\b(?:HTTPBasicAuth|HTTPDigestAuth|HTTPProxyAuth|BasicAuth|SetBasicAuth|UsernamePasswordCredentials|NetworkCredential|PasswordAuthentication|basic_auth|basicAuth|Credentials\.basic)|\.auth|\bauth[ \t]*=[ \t]*)[ \t]*\([ \t]*(?:["'][^"'\n]{0,100}["']|[\w.]{1,100})[ \t]*,[ \t]*`,
    "BASIC_AUTH_PASSWORD",
    { tail: String.raw`(?=\\?["'][ \t]*[,)])` },
  ),
  passwordAfter("password given to sshpass", ["sshpass"], String.raw`\bsshpass\b[^\n]{0,100}?\s-p[ \t]*`, "SSH_PASSWORD"),
  // MySQL's clients take the password joined to `-p` (`-p secret` would prompt and read `secret` as a database).
  passwordAfter("password given to a MySQL client", ["mysql"], String.raw`\bmysql(?:dump|admin|import|show|check|sh)?\b[^\n]{0,200}?\s-p`, "MYSQL_PASSWORD"),
  {
    // `machine api.example.com login bot password …`, on one line or one token per line.
    // (Three lines at most: what decides a match spans four lines at most, incremental.ts.)
    title: "password in a .netrc entry",
    keywords: ["machine ", "machine\t", "login ", "login\t"],
    // (Blanks, then at most one line break and blanks: `[ \t]*\r?\n?[ \t]*` split a run of blanks every
    // way, quadratic in its length.)
    pattern: new RegExp(String.raw`\b(?:machine|login)[ \t]+\S+(?:[ \t]*(?:(?:\r\n?|\n)[ \t]*)?(?:machine|login|account)[ \t]+\S+){0,2}[ \t]*(?:(?:\r\n?|\n)[ \t]*)?\bpassword[ \t]+` + QUOTE + VALUE, "g"),
    group: 1,
    judgeAs: "password",
    secretName: "NETRC_PASSWORD",
  },
  {
    title: "credential passed as a command-line option",
    keywords: ["--", "key", "token", "secret", "pass", "pat", "credential"],
    // `--api-token x`, `--api-key=x`, PowerShell's `-ApiKey x` and `-NuGetApiKey x` (Publish-Module), and
    // argument lists (`["--access-token", "x"]`: the value quoted too, not `Secret(name + "-secret", metadata=…`).
    pattern: new RegExp(
      String.raw`(?:^|[\s"'\[,])--?((?:[\w-]{0,40}-|[A-Za-z]{1,30}?)?(?:token|password|passwd|passphrase|storepass|keypass|api-?key|secret|client-?secret|auth-?token|access-?key|account-?key|access-?token|api-?token|private-?key|signing-?key|sas-?token|pat|credentials?))(?:=|\s+|\\?["']\s*,\s*(?=\\?["']))` + QUOTE + VALUE,
      "gi",
    ),
    group: 2,
    judgeAs: "token",
    secretName: { fromGroup: 1 },
  },
  // Maven's settings.xml `<password>…</password>`, any config's `<apiToken>…</apiToken>`.
  // (What follows the value is looked ahead at, not matched: a match ends with its value.)
  nameBinding("credential-like value under a key", ["</"], /<([A-Za-z_][\w.-]{0,60})>[ \t]*([^<>\s"']{1,500})(?=[ \t]*<\/\1>)/g, { keyBinding: true }),
  // A tool's own config set from the command line: `aws configure set aws_secret_access_key …`,
  // `yarn config set npmAuthToken …`, `poetry config pypi-token.pypi …`, `git config --global x.token …`.
  nameBinding(
    "credential assigned to a variable",
    ["configure set", "config set", "git config"],
    /\b(?:aws[ \t]+configure[ \t]+set|(?:yarn|npm|pnpm)[ \t]+config[ \t]+set|git[ \t]+config(?:[ \t]+--(?:global|local|system))?)[ \t]+([A-Za-z_][\w./:-]{0,100})[ \t]+["']?([^\s"'\\$;|&<>(),`]{1,500})/g,
  ),
  // Poetry names the setting before the repository's name: `pypi-token.<repository>`.
  nameBinding("credential assigned to a variable", ["poetry config"], /\bpoetry[ \t]+config[ \t]+([A-Za-z_][\w-]{0,100})(?:\.[\w-]{1,100})?[ \t]+["']?([^\s"'\\$;|&<>(),`]{1,500})/g),
  // Terraform: a credential-named variable's `default` (`variable "db_password" { default = "…" }`),
  // before any nested block and within sixteen lines of the block's start (a description, a type,
  // `sensitive`, … before it; incremental.ts reads such a block as a block, from its start to its first
  // brace). (The value quoted and without `${`: an interpolation is no literal.)
  nameBinding("credential-like value under a key", ["variable"], new RegExp(String.raw`\bvariable[ \t]+"([A-Za-z_][\w-]{0,100})"[ \t]*\{` + TERRAFORM_BLOCK_LINES + String.raw`\bdefault[ \t]*=[ \t]*"([^"\s\\$]{1,500})(?=")`, "g"), { keyBinding: true }),
  {
    // Terraform resources whose whole job is to store a secret, written with its value
    // (`resource "github_actions_secret" "npm" { plaintext_value = "…" }`): named by the resource. Sixteen lines at most, as above.
    title: "secret value in a Terraform secret resource",
    keywords: ["resource"],
    pattern:
      new RegExp(String.raw`\bresource[ \t]+"(?:azurerm_key_vault_secret|github_actions_(?:organization_|environment_)?secret|github_dependabot_(?:organization_)?secret|google_secret_manager_secret_version|aws_secretsmanager_secret_version)"[ \t]+"([A-Za-z_][\w-]{0,100})"[ \t]*\{` + TERRAFORM_BLOCK_LINES + String.raw`\b(?:value|plaintext_value|secret_data|secret_string)[ \t]*=[ \t]*"([^"\s\\$]{1,500})(?=")`, "g"),
    group: 2,
    judgeAs: "password",
    secretName: { fromGroup: 1 },
    textOnly: true,
  },
  // A quoted name then `=` and a quoted value: PowerShell's hashtables (`@{ "X-Api-Key" = "…" }`), HCL's maps.
  nameBinding("credential-like value under a key", ['" =', "' =", '"=', "'="], /["']([A-Za-z_][\w.-]{0,60})["'][ \t]*=(?![=~>])[ \t]*["']([^"'\s\\$`]{1,500})(?=["'])/g, { underName: true }),
  // .NET's appSettings and NuGet's packageSourceCredentials: `<add key="ApiToken" value="…" />`.
  nameBinding("credential-like value under a key", ["key="], /<add\s+key\s*=\s*["']([A-Za-z_][\w.:-]{0,100})["']\s+value\s*=\s*["']([^"'<>\s]{1,500})(?=["'])/gi, { keyBinding: true }),
  {
    // npm's legacy `_password` (base64 of the password) beside `username`, in an `.npmrc` line.
    title: "npm password in a config",
    keywords: ["_password"],
    pattern: new RegExp(String.raw`(?:^|[\s:])_password(?:\s*=\s*|[ \t]+)` + QUOTE + VALUE, "gm"),
    group: 1,
    judgeAs: "password",
    secretName: "NPM_PASSWORD",
  },
  {
    title: "npm auth token in a script",
    keywords: ["_auth"],
    // (Also as `npm config set //registry…/:_authToken <token>` writes it: a space, not `=`.)
    pattern: new RegExp(String.raw`_auth(?:Token)?(?:\s*=\s*|[ \t]+)` + QUOTE + VALUE, "g"),
    group: 1,
    judgeAs: "token",
    secretName: "NPM_TOKEN",
  },
  // A variable's default in a shell or compose expansion (`${DB_PASSWORD:-…}`, `${TOKEN-…}`, `${KEY:=…}`):
  // what is used when nothing is set, written in the file.
  nameBinding("credential given as a variable's default", ["${"], /\$\{([A-Za-z_]\w{0,100}):?[-=]([^\s"'\\$`{}]{1,500})(?=\})/g),
  // The `=` and its value on one line: `PUSHER_APP_SECRET=` with nothing after it is empty, not the next line.
  nameBinding("credential assigned to a variable", ["="], ASSIGNMENT, { matches: assignmentsAndNested }),
  nameBinding("credential assigned to a variable", ["="], TYPED_DECLARATION, { matches: typedDeclarations, textOnly: true }),
  // A Dockerfile's `ENV NAME value` (the form without `=`).
  nameBinding("credential assigned to a variable", ["env ", "env\t"], new RegExp(String.raw`^[ \t]*ENV[ \t]+([A-Za-z_][\w.]{0,100})[ \t]+` + QUOTE + VALUE + String.raw`(?=\\?["']?[ \t]*\r?$)`, "gm")),
  // A literal fallback for a credential read from the environment, in code: Python's
  // `token = os.getenv("SERVICE_TOKEN") or "…"`, Ruby's `TOKEN = ENV["SERVICE_TOKEN"] || "…"`, a
  // `?? "…"`. Named by what is assigned; on its line, within 200 characters.
  nameBinding(
    "credential given as a fallback",
    ["||", "??", " or "],
    new RegExp(String.raw`(?:^|[\s;(,{])([A-Za-z_][\w.]{0,100})[ \t]*(?::?=|:)(?!=)[^\n]{0,200}?(?:\|\||\?\?|[ \t]or)[ \t]*\\?["']` + VALUE + String.raw`(?=\\?["'])`, "g"),
    { textOnly: true },
  ),
  // `if api_key == "…"`, `if ("…" !== password)`: a credential the code compares with is in the code.
  nameBinding("credential compared with in code", ["==", "!="], /(?:^|[\s(!&|$])([A-Za-z_][\w.]{0,100})[ \t]*[!=]==?[ \t]*\\?["']([^"'\s\\]{1,200})(?=["'])/g, { programSourceOnly: true }),
  // A header or a field read by its name: `request.headers["X-Api-Key"] != "…"`, `req.get("x-api-key") === "…"`.
  nameBinding("credential compared with in code", ["==", "!="], /(?:\[|\.(?:get|header|getHeader)\()[ \t]*["']([\w.-]{1,100})["'][ \t]*[\])][ \t]*[!=]==?[ \t]*\\?["']([^"'\s\\]{1,200})(?=["'])/g, { programSourceOnly: true }),
  // The literal first: the name, read in a lookahead, is group 1 as for every idiom that binds one.
  nameBinding("credential compared with in code", ["==", "!="], /["'](?=[^"'\s\\]{1,200}["'][ \t]*[!=]==?[ \t]*([A-Za-z_][\w.]{0,100})\b)([^"'\s\\]{1,200})/g, { programSourceOnly: true }),
  nameBinding("credential-like value under a key", [":", "=>"], KEY_BINDING, { matches: keyBindings, keyBinding: true, wordsLeadingTheLine: true }),
  // A table's row: a name, then its value in the next cell (`| API key | … |` in Markdown, `apiKey |…`
  // as a Postman variables table is pasted; TruffleHog's Meraki and Sanity tests). In program source
  // only a row that opens with `|` (a table in a comment or a docstring): there `a | b` is code.
  nameBinding("credential-like value under a key", ["|"], TABLE_ROW, { matches: tableRows, keyBinding: true, outsideProgramSource: true }),
  nameBinding("credential-like value under a key", ["|"], PIPE_LED_TABLE_ROW, { matches: pipeLedTableRows, keyBinding: true, programSourceOnly: true }),
  // A quoted name, then its quoted value as the next argument: PHP's `define('DB_PASSWORD', '…')`,
  // `os.environ.setdefault("SECRET_KEY", "…")`, `os.Setenv`, `System.setProperty("db.password", "…")`,
  // `addHeader("X-Api-Key", "…")` (gitleaks's generic rule reads `,` as an operator too). The call's
  // last argument: in a list of strings (`'hash-iterate-key', 'hash-iterate-key+value',`) nothing is bound.
  nameBinding("credential-like value under a key", ["',", '",', "' ,", '" ,'], new RegExp(String.raw`["']([A-Za-z_][\w.-]{0,100})["'][ \t]*,[ \t]*["']` + VALUE + String.raw`(?=["'][ \t]*\))`, "g"), { keyBinding: true }),
  // A subscript a quoted name keys: `os.environ['API_KEY'] = '…'`, PHP's `$db['default']['password'] = '…'`, Ruby's `ENV["TOKEN"] = "…"`.
  nameBinding("credential-like value under a key", ["']", '"]'], new RegExp(String.raw`\[["']([A-Za-z_][\w.-]{0,100})["']\][ \t]*=(?![=>~])[ \t]*` + QUOTE + VALUE, "g"), { keyBinding: true }),
];

/**
 * The names a map or list of credentials has in code (CREDENTIAL_SECTION_OPENING, below, and the
 * keyword pass). Not `tokens` nor `auth`, which YAML's sections are (values.ts CREDENTIAL_SECTION): in
 * code a lexer's `tokens = {…}` holds its rules, regexes and all, and `auth = (user, …)` is a call's argument.
 */
const SECTION_KEYWORDS = ["secrets", "credentials", "creds", "api_keys", "api-keys", "apikeys", "passwords"];

/** Every idiom's keywords: a script holding none of them is matched by no idiom (each needs one of its own). */
const IDIOM_KEYWORDS = [...new Set(IDIOMS.flatMap((idiom) => idiom.keywords))];
registerKeywords([...IDIOM_KEYWORDS, ...SECTION_KEYWORDS]);

// The key a value is judged under when no password is named (looksLikeCredential reads a key's name).
// Stryker disable next-line StringLiteral: any key that names no password judges the same
const TOKEN_KEY = "token";

/**
 * Program source read as text (by extension): there an unquoted name as a value is code
 * (`User(hashed_password=argon2_hash)`), unless it looks random; the same text inside a string
 * (`password=ZGVj…` in a Go test's backquotes) is still a value. In shell, `.env`, Dockerfiles and
 * config, an unquoted name is the value. (TypeScript's declaration files and minified JavaScript are
 * program source too: no platform builds their model.)
 */
const PROGRAM_SOURCE = /\.(?:py|pyi|rb|go|java|kt|kts|scala|cs|fs|vb|php|rs|swift|dart|c|h|cc|cpp|cxx|hpp|m|mm|lua|ex|exs|clj|erl|hs|ml|r|jl|d\.ts|min\.js)$/i;

const CODE_HEAD = /^[A-Za-z_][\w.]*(?=[{}[\]:]|$)/;
// What ends a match before a quoted value: its opening quote, then perhaps a scheme (`"token": "Bearer …"`).
const OPENING_QUOTE = new RegExp(`["']${SCHEME}$`);

export function isProgramSource(path: string): boolean {
  return PROGRAM_SOURCE.test(path);
}

/**
 * Languages whose double-quoted strings never expand a `$` (Python, Go, Java, C#, Rust, Ruby without
 * `#`…, and Java's `.properties`, INI and TOML files): there `"k3$x9…"` is all one value. Not shell,
 * PHP, Perl, Kotlin, Groovy or Dart, where `"…$name…"` reads a variable.
 */
const LITERAL_DOLLAR = /\.(?:py|pyi|rb|go|java|scala|cs|fs|vb|rs|swift|c|h|cc|cpp|cxx|hpp|m|mm|lua|ex|exs|clj|erl|hs|ml|r|jl|properties|ini|toml)$/i;

export function expandsNoDollar(path: string): boolean {
  return LITERAL_DOLLAR.test(path);
}

/** How far past where an idiom's value stopped its closing quote is looked for: a bound on the work. */
const QUOTED_REST = 500;

/**
 * A quoted value an idiom's value stopped short of its closing quote, at a character only a bare
 * shell word ends at (`;|&<>()`, literal inside quotes in every language and in shell too), or at a
 * `$` in double quotes where the language expands none (`literalDollar`; a Django key,
 * `"k3$x9(…)&…"`, a Laravel token `49|07KJ…`): the value to that quote, when nothing else lies
 * before it that a secret holds none of, and what it adds starts no field (`&user_token=%s`,
 * `;Password=…`: a query string or a connection string, whose fields are judged one by one). Else
 * the value as matched.
 */
export function wholeQuotedValue(text: string, start: number, value: string, literalDollar: boolean): string {
  const quote = text[start - 1];
  // Opened by an escaped quote (a script in a JSON string): closed by one.
  const escaped = text[start - 2] === "\\";
  const cut = start + value.length;
  // (Only a value the idiom let go on were it quoted: one it ends by itself, `user:` of `-u "user:"`, stays.)
  if (text[cut] !== "$" && !SHELL_WORD_END.test(text[cut])) return value;
  const end = readOn(text, cut, quote, literalDollar, (c, at) => (escaped ? c === "\\" && text[at + 1] === quote : c === quote));
  return end === undefined || NEXT_FIELD.test(text.slice(cut, end)) ? value : text.slice(start, end);
}

/**
 * A value inside a quoted string that opened before it, a field of it (a connection string's
 * `"Server=db;Password=ab(cd…;"`, a URL's `"…?token=ab(cd…&x=1"`), cut at a character only a bare
 * shell word ends at (`|()`, or a `$` the string does not expand): the value to the field's end
 * (`;`, `&`, a blank: libpq's `"host=db password=…"`) or the string's. Else the value as matched;
 * outside any quotes, less the closing braces and brackets it does not open (withoutClosers).
 */
export function fieldValue(text: string, start: number, value: string, literalDollar: boolean): string {
  const cut = start + value.length;
  // Cut short at a `$`, `|`, `(` or `)`: not at a field's `;` or `&`, nor a tag's `<` (`"<password>s3cr3t</password>"`).
  const next = text[cut];
  const cutShort = next === "$" || next === "|" || next === "(" || next === ")";
  // (Most values end at a blank, a quote or a line's end: nothing to read on, no string to look back for.)
  const last = value[value.length - 1];
  // Stryker disable next-line ConditionalExpression: a shortcut; below, such a value comes back as it is
  if (!cutShort && last !== "}" && last !== "]") return value;
  const quote = enclosingQuote(text, start);
  if (quote === undefined) return withoutClosers(value);
  if (!cutShort) return value;
  const end = readOn(text, cut, quote, literalDollar, (c) => c === quote || FIELD_END.test(c));
  return end === undefined ? value : text.slice(start, end);
}

/**
 * Where a value held in a string ends, read on from `cut` (within QUOTED_REST): the first place
 * `ends`; undefined at a character a secret holds none of first, or a `$` the string expands.
 */
function readOn(text: string, cut: number, quote: string, literalDollar: boolean, ends: (c: string, at: number) => boolean): number | undefined {
  const limit = Math.min(text.length, cut + QUOTED_REST);
  for (let at = cut; at < limit; at++) {
    const c = text[at];
    if (ends(c, at)) return at;
    if (c === "$" ? quote === '"' && !literalDollar : NOT_IN_A_QUOTED_VALUE.test(c)) return undefined;
  }
  return undefined;
}

/** The quote a string that is open at `at` opened with (its line read from its start, within QUOTED_REST), or undefined. */
export function enclosingQuote(text: string, at: number): string | undefined {
  // (The line's start looked for within the bound only: on a long line, looking further for every value was quadratic.)
  let lineStart = at;
  while (lineStart > 0 && text[lineStart - 1] !== "\n") if (at - --lineStart > QUOTED_REST) return undefined;
  let open: string | undefined;
  // Stryker disable next-line EqualityOperator: the character at `at` starts a value, and a value never starts with a quote
  for (let i = lineStart; i < at; i++) {
    const c = text[i];
    // (An escaped character is no quote, inside a string or out.)
    if (c === "\\") i++;
    else if (open === undefined ? c === '"' || c === "'" : c === open) open = open === undefined ? c : undefined;
  }
  return open;
}

/**
 * An unquoted value less the closing braces and brackets it does not open: the ends of the maps and
 * lists it sits in (`{b: {api_key: abc…}}`). A template's own (`{{x}}`, `${x}`) balance and stay.
 */
export function withoutClosers(value: string): string {
  let braces = 0;
  let brackets = 0;
  for (const c of value) {
    if (c === "{") braces++;
    else if (c === "}") braces--;
    else if (c === "[") brackets++;
    else if (c === "]") brackets--;
  }
  let end = value.length;
  // Stryker disable next-line EqualityOperator: before the first character is undefined, no closer: the loop ends there either way
  for (; end > 0; end--) {
    const c = value[end - 1];
    if (c === "}" && braces < 0) braces++;
    else if (c === "]" && brackets < 0) brackets++;
    else break;
  }
  return value.slice(0, end);
}

/**
 * What a quoted secret holds none of: a blank, a backslash, a backquote, a quote (the other one), a
 * comma (a list's or a struct tag's: `protobuf_key:"bytes,1,opt,name=key"`).
 */
const NOT_IN_A_QUOTED_VALUE = /^[\s\\`"',]$/;
/** What ends a bare shell word, not a quoted string (VALUE stops at these, and at `$`). */
const SHELL_WORD_END = /^[;|&<>()]$/;
/** What ends a field of a string: a connection string's `;`, a query's `&`, a blank between libpq's `key=value`s. */
const FIELD_END = /^[;& \t]$/;
/** A field of a query string or a connection string (`&name=`, `;Password=`; a blank would have ended the value first). */
const NEXT_FIELD = /[&;][A-Za-z_][\w.-]*=/;

/**
 * Where a map or list named for the credentials it holds (SECTION_KEYWORDS) opens (`API_KEYS = {`,
 * `"credentials": {`, PHP's `$passwords = [`, Go's `apiKeys := map[string]string{`, Python's
 * `dict(`), the name in group 1. (Each run of blanks follows a part of its own: two runs side by side
 * would split a long run every way. What may come before the name, a `$` and no other name character,
 * is checked apart: a leading lookbehind made the search a third slower, and it runs over every
 * version of a file in a history.)
 */
const CREDENTIAL_SECTION_OPENING = new RegExp(String.raw`(${SECTION_KEYWORDS.join("|")})["']?[ \t]{0,20}(?:(?:=>|:=|=|:)[ \t]{0,20})?(?:(?:dict|array|map\[[^\]\n]{0,40}\][\w.]{0,40})[ \t]{0,20})?[{[(]`, "gi");
const NAME_OR_SIGIL = /^[\w.$-]$/;
/** The shortest value looked up in a credential section: a password's (a token's is longer). */
const MIN_SECTION_VALUE = 8;
/** How far a credential section is read for its closer: a bound on the work. */
const SECTION_REACH = 20_000;

/** A credential section: its name, where it lies (its name to its closer), and the stretches its own entries lie in (not those of maps inside it). */
export interface CredentialSection {
  name: string;
  span: { start: number; end: number };
  entries: { start: number; end: number }[];
}

/** Where a credential section opens: its name's start, the end of its opener, and the name. */
export interface SectionOpening {
  start: number;
  end: number;
  name: string;
}

/** The longest opening CREDENTIAL_SECTION_OPENING matches (the name, blanks, an operator, a map's type, the opener), and more. */
export const LONGEST_OPENING = 256;

/**
 * The credential sections' openings that start in script[from, to) (CREDENTIAL_SECTION_OPENING, the
 * name alone, perhaps after a `$`), in order; those inside a section too (credentialSections skips them).
 */
export function sectionOpenings(script: string, from = 0, to = script.length): SectionOpening[] {
  const openings: SectionOpening[] = [];
  // Searched in a copy of that part (the two characters before it, and an opening's reach after it):
  // a search from `from` in the whole text would read on to its end for the next match.
  // (Searching more, or in the whole text, finds the same openings there: only the time differs.)
  const offset = Math.max(0, from - 2);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,MethodExpression: equivalent (above)
  const part = from === 0 && to === script.length ? script : script.slice(offset, Math.min(script.length, to + LONGEST_OPENING));
  // Stryker disable next-line ConditionalExpression: equivalent (above): a whole text's part starts at 0
  const base = part === script ? 0 : offset;
  CREDENTIAL_SECTION_OPENING.lastIndex = from - base;
  // Stryker disable next-line EqualityOperator,ConditionalExpression,ArithmeticOperator: equivalent (above): openingsFrom keeps each opening once
  for (let opening = CREDENTIAL_SECTION_OPENING.exec(part); opening && opening.index + base < to; opening = CREDENTIAL_SECTION_OPENING.exec(part)) {
    // The name alone, perhaps after a `$` (PHP's): not the end of another (`mysecrets`, `self.secrets`).
    const before = part.charCodeAt(opening.index - 1) === 36 ? opening.index - 2 : opening.index - 1;
    // Stryker disable next-line ConditionalExpression: `before >= 0`: part[-1] is undefined, which the test rejects anyway
    if (before >= 0 && NAME_OR_SIGIL.test(part[before])) CREDENTIAL_SECTION_OPENING.lastIndex = opening.index + 1;
    else openings.push({ start: opening.index + base, end: opening.index + base + opening[0].length, name: opening[1] });
  }
  return openings;
}

/**
 * The credential sections of a text, from their openings (sectionOpenings), each read from its opener
 * to its closer (brackets counted, strings passed over, within SECTION_REACH), in order, none inside
 * another: an entry of one is named for it (`"openweathermap": "…"` in `API_KEYS = {…}`), as YAML's
 * and JSON's sections name theirs.
 */
export function credentialSections(script: string, openings = sectionOpenings(script)): CredentialSection[] {
  const sections: CredentialSection[] = [];
  let after = 0;
  for (const opening of openings) {
    // (What opens inside a section is inside it.)
    if (opening.start < after) continue;
    // Stryker disable next-line ArrayDeclaration: equivalent: an entry that is no span lies around no place
    const section: CredentialSection = { name: opening.name, span: { start: opening.start, end: opening.start }, entries: [] };
    let from = opening.end;
    const limit = Math.min(script.length, from + SECTION_REACH);
    let depth = 1;
    let at = from;
    // Stryker disable next-line EqualityOperator: a bound on the work: a character more or less at 20 000
    for (; at < limit && depth > 0; at++) {
      const c = script[at];
      if (c === "{" || c === "[" || c === "(") {
        if (depth++ === 1) section.entries.push({ start: from, end: at });
      } else if (c === "}" || c === "]" || c === ")") {
        // Stryker disable next-line ArithmeticOperator: equivalent: the closer itself is no entry's place
        if (--depth === 1) from = at + 1;
      }
      // A string's brackets are its own (`"k(": …`): it ends at its quote or its line's end.
      else if (c === '"' || c === "'" || c === "`") at = stringEnd(script, at, limit);
    }
    if (depth <= 1) section.entries.push({ start: from, end: at });
    section.span.end = after = at;
    sections.push(section);
  }
  return sections;
}

// A line's lead before a key's operator: an indent, a list's or a quote's mark, then up to four words.
const LEADING_WORDS = /^[ \t]*(?:[-*>#]{1,3}[ \t]+)?["']?([A-Za-z0-9][\w.-]*(?:[ \t]+[A-Za-z0-9][\w.-]*){1,3})["']?[ \t]*$/;
// (Past this a line's lead is no name: not read.)
const LONGEST_LEAD = 120;

/**
 * The words that lead the line a key ends (its operator at `operator`), when they are the key's
 * whole lead: `API Key: …`, `- Client Secret: …` name `API Key` and `Client Secret`, where the key
 * idiom read only `Key` (no credential's name alone) or `Secret`. Else the key as read.
 */
function wordsLeadingTheLine(script: string, operator: number, key: string): string {
  // Most keys are their line's first word (`\tToken: …`, `  api_key: …`): nothing before them to read.
  // (A shortcut: what follows finds no words before such a key either.)
  // Stryker disable next-line ArithmeticOperator,ConditionalExpression,UpdateOperator,LogicalOperator,EqualityOperator: a shortcut (above)
  let before = script.lastIndexOf(key, operator) - 1;
  // Stryker disable next-line ConditionalExpression,UpdateOperator: a shortcut (above)
  if (isQuoteCode(script.charCodeAt(before))) before--;
  // Stryker disable next-line ConditionalExpression,UpdateOperator,LogicalOperator: a shortcut (above)
  while (script.charCodeAt(before) === 32 || script.charCodeAt(before) === 9) before--;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: a shortcut (above)
  if (before < 0 || script.charCodeAt(before) === 10) return key;
  // (Looked back for within LONGEST_LEAD only: a long line's many keys would each read it from its start.
  // Its lead then is no line's whole lead; a sentence's last two words still are what they are.)
  const from = Math.max(0, operator - LONGEST_LEAD);
  const window = script.slice(from, operator);
  const newline = window.lastIndexOf("\n");
  const lead = window.slice(newline + 1);
  const words = newline !== -1 || from === 0 ? LEADING_WORDS.exec(lead)?.[1] : undefined;
  // (The words after the last that only joins or points: `The token`, `Use this monkey key`.)
  if (words?.endsWith(key)) return words.split(/[ \t]+/).reduce((name, word) => (FUNCTION_WORDS.has(word.toLowerCase()) ? "" : name ? `${name} ${word}` : word), "") || key;
  // In a sentence, the word before a bare `key` says which (`Here is the API key: …`): `key` alone names nothing.
  // (Its last word is the key: the lead ends with it.)
  const pair = WORD_AND_KEY.exec(lead);
  return pair && !FUNCTION_WORDS.has(pair[1].toLowerCase()) && !isCredentialKey(key) ? `${pair[1]} ${key}` : key;
}
const WORD_AND_KEY = /(?:^|[ \t])([A-Za-z0-9][\w.-]*)[ \t]+[A-Za-z0-9][\w.-]*["']?[ \t]*$/;
/** Words that join or point (`the`, `for`, `is`): they name no credential. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set("a an the this that these those my your our their his her its for of to in on at by with from and or is are was be".split(" "));

/** `key` as a URL query's parameter: right before the `=` at `operator`, after `?` or `&`. */
function isQueryKey(script: string, operator: number, name: string): boolean {
  const lead = script.charCodeAt(operator - name.length - 1);
  // (The `=` itself a guard: only the assignment idiom's matches start at their operator.)
  // Stryker disable next-line ConditionalExpression: the guard (above)
  return (lead === 63 || lead === 38) && /^key$/i.test(name) && script.charCodeAt(operator) === 61;
}

/** Where the string opened by the quote at `open` closes (its escapes passed over), or its line ends; within `limit`. */
function stringEnd(script: string, open: number, limit: number): number {
  const quote = script[open];
  let at = open + 1;
  // Stryker disable next-line EqualityOperator: `at < limit`: a bound on the work, a character more or less
  for (; at < limit && script[at] !== quote && script[at] !== "\n"; at++) if (script[at] === "\\") at++;
  return at;
}

/**
 * The idioms' matches in a script; `programSource`: an assignment's unquoted name is code (above);
 * `keyBindings`: values bound to keys (`key: value`) are read too (plain text and program source).
 */
export function findScriptSecrets(script: string, options: { programSource?: boolean; keyBindings?: boolean; literalDollar?: boolean } = {}): ScriptMatch[] {
  const matches: ScriptMatch[] = [];
  // Read once, when a name no credential's binds a value long enough to be one.
  let sections: ReturnType<typeof credentialSections> | undefined;
  // (The keyword pass has read the script already: most name no section, and are not searched for one.
  // A binding's place, its operator, is never a stretch's first or last character: an opener or a closer is.)
  // Stryker disable next-line EqualityOperator: equivalent (above)
  const sectionAt = (at: number) => (sections ??= mayMatch(script, SECTION_KEYWORDS) ? credentialSections(script) : []).find((section) => section.entries.some((entry) => entry.start <= at && at < entry.end));
  // (Most of a program's string literals hold no keyword: asked once, not once per idiom.)
  // Stryker disable next-line ConditionalExpression: a shortcut; each idiom asks for its own keywords below.
  if (!mayMatch(script, IDIOM_KEYWORDS)) return matches;
  for (const idiom of IDIOMS) {
    if (((idiom.keyBinding || idiom.textOnly) && !options.keyBindings) || (idiom.programSourceOnly && !options.programSource) || (idiom.outsideProgramSource && options.programSource) || !mayMatch(script, idiom.keywords)) continue;
    for (const match of idiom.matches?.(script) ?? matchesOf(script, idiom.pattern)) {
      const matched = match[idiom.group];
      // (A shortcut: looksLikeCredential rejects a reference too, and a UUID is none.)
      // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut (above)
      if (!matched || isReference(matched)) continue;
      // (Most names bound in code are no credential's: ruled out before the value is read on.) A name
      // inside a credential section is named for it: `openweathermap` in `API_KEYS = {…}`.
      let boundName = idiom.wordsLeadingTheLine ? wordsLeadingTheLine(script, match.index!, match[1]) : match[1];
      // In a URL's query a bare `key` is the API key (`?key=…`, `&key=…`: Google's and most APIs' way),
      // where elsewhere `key` alone names nothing (a cache's, a map's).
      if (idiom.bindsName && isQueryKey(script, match.index!, boundName)) boundName = "api_key";
      if (idiom.bindsName && !isCredentialKey(boundName)) {
        // Stryker disable next-line ConditionalExpression: a shortcut: a shorter value is judged no credential's below
        const section = matched.length >= MIN_SECTION_VALUE ? sectionAt(match.index!) : undefined;
        if (!section) continue;
        boundName = keyInSection(boundName, section.name);
      }
      const start = match.index! + match[0].lastIndexOf(matched);
      const literalDollar = options.literalDollar ?? false;
      const value = isQuoteCode(script.charCodeAt(start - 1)) ? wholeQuotedValue(script, start, matched, literalDollar) : fieldValue(script, start, matched, literalDollar);
      if (idiom.bindsName) {
        // In program source an unquoted name is code (PROGRAM_SOURCE above): a name, a member chain, or
        // one that code follows (`config.DetectorID{ID:`, `map[string]any{`, `s.password}`).
        const quoted = OPENING_QUOTE.test(match[0].slice(0, match[0].length - matched.length));
        const head = options.programSource && !quoted ? CODE_HEAD.exec(value)?.[0] : undefined;
        if (head && !looksRandom(head)) continue;
        // (A list, a call or a block: `fds_to_pass = [listener.fileno(), r]`.)
        if (options.programSource && !quoted && /^[[({]/.test(value)) continue;
      }
      // The name the value is given under (a variable, an option, a header), when the idiom reads one.
      const fixedName = typeof idiom.secretName === "string" ? idiom.secretName : undefined;
      // (An idiom with a fixed name given "" as its name would be the same: an empty name names nothing.)
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent (above)
      const name = typeof idiom.secretName === "string" ? undefined : idiom.bindsName ? boundName : (match[idiom.secretName.fromGroup] ?? "");
      const passwordNamed = name !== undefined && (/passw|pwd/i.test(name) || isPasswordKey(name));
      const judgeKey = idiom.judgeAs === "password" || passwordNamed ? "password" : TOKEN_KEY;
      const credential = idiom.uuidIsCredential && UUID.test(value) ? isIssuedUuid(value) : looksLikeCredential(value, judgeKey) || (name !== undefined && isUuidSecret(value, name));
      // Stryker disable next-line ConditionalExpression: equivalent: an idiom with no name of its own names no GPG key
      if (!credential || (name !== undefined && isGpgKeyId(name, value)) || (idiom.title.includes("Authorization") && isPlaceholderBasic(value))) continue;
      const title = idiom.keyBinding || idiom.underName ? `credential-like value under \`${boundName}\`` : idiom.title;
      matches.push({ title, secretName: fixedName ?? toSecretName(name!), nameFrom: name, start, end: start + value.length, value });
    }
  }
  return matches;
}
