// What a credential-like key is, and whether a value bound to it looks like a real credential
// rather than a reference, a placeholder, an identifier or a version.

/**
 * Keys that name a credential. Word boundaries are `_`, `-`, `.` or a letter before (apiToken,
 * githubtoken: these words end a name only as what it names).
 */
const CREDENTIAL_KEY =
  /(^|[_\-.]|(?<=[a-z]))(token|secret|passw(or)?d|pwd|passphrase|storepass|keypass|api[_-]?key|apikey|access[_-]?key|private[_-]?key|secret[_-]?key|client[_-]?secret|credentials?|auth[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|license[_-]?key|webhook[_-]?(url|secret)|connection[_-]?string|conn[_-]?str|sas[_-]?token)s?$/i;
/**
 * A bare `key` needs a real boundary, a case change or an all-caps name (`API_KEY`, `deployKey`,
 * `OPENVSXKEY`): `monkey` and `hockey` are words.
 */
const KEY_WORD = /(^|[_\-.])keys?$/i;
const KEY_WORD_CAMEL = /[a-z0-9]Keys?$|^[A-Z0-9_]*[A-Z0-9]KEYS?$/;

/**
 * Keys that look credential-like but name something public or something else: a public key
 * (`SSH_PUBKEY`), a key meant for browsers (Stripe's or Clerk's publishable key, a CAPTCHA's site key),
 * an anti-forgery token (`csrf_token`: a page's, not an identity's), an HTTP client's option, a
 * list's page or a trace's token (`next_page_token`, `Next page token`: where a listing goes on).
 */
const NOT_CREDENTIAL_KEY =
  /(public|pub[_-]?key|publishable|site[_-]?key|(?:csrf|xsrf)[_-]?token|with[_-]?credentials|_id$|-id$|[a-z]Id$|_ids$|name$|_file$|-file$|_path$|-path$|_dir$|_url$|-url$|_uri$|_user(name)?$|_env$|_type$|_version$|_length$|_header$|_endpoint$|_prefix$|_suffix$|_expir|_ttl$|cache|restore|space[_-]?key|project[_-]?key|issue[_-]?key|object[_-]?key|routing[_-]?key|sort[_-]?key|primary[_-]?key|partition|idempotency|^key$|_key_id$|fingerprint|hashed|known[_-]?hosts|_usage$|_scope$|_format$|_algorithm$|key[_-]?vault|_enabled$|_required$|_rotation|to[_-]?pass$|(?:page|next|prev|previous|continuation|cursor|trace|correlation)[_-]?tokens?$)/i;

/** `webhook_url` and connection strings carry the credential inside: keep them even with _url. */
const CREDENTIAL_URL_KEY = /(webhook[_-]?url|connection[_-]?string|conn[_-]?str|dsn)$/i;

/**
 * Short credential words that need a real word boundary (`RELEASE_PAT`, `NPM_AUTH`, `REGISTRY_CREDS`,
 * `SENTRY_DSN`, `ghPat`, `DB_PASS`, `smtpPass`), so that `COMPAT`, `XPATH` or `proxy_bypass` are not
 * read as one.
 */
const SHORT_CREDENTIAL_WORD = /(?:^|[_\-.])(?:pat|auth|creds|dsn|pass)s?$/i;
const SHORT_CREDENTIAL_WORD_CAMEL = /[a-z](?:Pat|Auth|Creds|Dsn|Pass)s?$/;
/** The short words that name nothing but a credential, also before qualifying words (`VSCE_PAT_MARKETPLACE`); not `pass` or `auth` (`PASS_THROUGH`, `AUTH_DOMAIN`). */
const SHORT_CREDENTIAL_NOUN = /(?:^|[_\-.])(?:pat|creds|dsn)s?$/i;

// Names repeat across a file and a run (`$AWS_REGION` in every step): remember the answers.
const credentialKeys = new Map<string, boolean>();

/** Forget what was computed and kept (mutation testing: each test must compute it under its own mutant). */
// Stryker disable next-line BlockStatement: the mutation hook itself (test/mutation-hooks.ts); no user sees it
export function forgetComputedKeys(): void {
  credentialKeys.clear();
}

export function isCredentialKey(key: string): boolean {
  let known = credentialKeys.get(key);
  // (The cache only spares work: computed each time, or kept past any size, the answer is the same.)
  // Stryker disable next-line ConditionalExpression: the cache (above)
  if (known === undefined) {
    const name = joinedWords(key);
    known = name !== undefined && (namesCredential(name) || (!NOT_CREDENTIAL_KEY.test(name) && qualifiedStem(name, namesWholeCredential) !== undefined));
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the cache (above)
    if (credentialKeys.size > 50_000) credentialKeys.clear();
    credentialKeys.set(key, known);
  }
  return known;
}

/**
 * A key written as words (`API Key`, `Client Secret`, `sanity auth token`: JSON a tool exported, a
 * note, a table's row) read as a name (`API_Key`); four words at most, more are a sentence
 * (`Remember to rotate the secret`). A key without blanks as it is.
 */
function joinedWords(key: string): string | undefined {
  // Stryker disable next-line ConditionalExpression: a shortcut: a key of one word joins to itself below
  if (!/[ \t]/.test(key)) return key;
  const words = key.trim().split(/[ \t]+/);
  return words.length <= MOST_WORDS_IN_A_KEY ? words.join("_") : undefined;
}
const MOST_WORDS_IN_A_KEY = 4;

/** A key whose last word names a credential (`API_TOKEN`, `deployKey`, `SENTRY_DSN`). */
function namesCredential(key: string): boolean {
  return CREDENTIAL_URL_KEY.test(key) || ((CREDENTIAL_KEY.test(key) || KEY_WORD.test(key) || KEY_WORD_CAMEL.test(key) || SHORT_CREDENTIAL_WORD.test(key) || SHORT_CREDENTIAL_WORD_CAMEL.test(key)) && !NOT_CREDENTIAL_KEY.test(key));
}

/**
 * The same, by a whole word or phrase: not the short words that are verbs or prefixes too
 * (`PASS_THROUGH`, `AUTH_DOMAIN`; SHORT_CREDENTIAL_NOUN) nor a `KEY` glued to a capitalised word
 * (`MONKEY_BUSINESS`), which a word after them makes likelier still to be something else.
 */
function namesWholeCredential(stem: string, tail: string): boolean {
  // A bare `key` is a noun of many compounds (`KeyMeshing`, `KEY_EXCHANGE`): after it, only words
  // that say which copy of a credential (`DEPLOY_KEY_PROD`, `SSH_KEY_BASE64`).
  return CREDENTIAL_URL_KEY.test(stem) || ((CREDENTIAL_KEY.test(stem) || SHORT_CREDENTIAL_NOUN.test(stem) || (KEY_WORD.test(stem) && QUALIFIERS.test(tail))) && !NOT_CREDENTIAL_KEY.test(stem));
}

/** Words that say which copy of a credential: where it is used, its version, its access, its encoding. */
const QUALIFIERS =
  /^(?:[_\-.](?:prod|production|staging|stage|stg|dev|development|test|testing|qa|uat|live|sandbox|preview|local|ci|release|primary|secondary|backup|old|new|legacy|current|next|previous|prev|base|ro|rw|readonly|read|write|admin|base64|b64|hex|pem|der|encoded|raw|value|v?\d+))+$/i;

/**
 * Words after a credential's name that say what is named is about the credential, not the credential
 * itself: `TOKEN_ISSUER`, `PASSWORD_MIN_LENGTH`, `SECRET_HASH`, `API_KEY_HOST`.
 */
const ABOUT_A_CREDENTIAL =
  /^(?:hash|sha\d*|digest|checksum|crc|count|size|len|length|lifetime|audience|aud|issuer|scopes?|polic(?:y|ies)|interval|timeout|age|expiry|expires?|expiration|validity|duration|provider|store|manager|ref|arn|kind|mode|source|location|region|hint|regex|pattern|field|param|var|label|description|desc|text|title|format|encoding|algorithm|alg|method|strategy|class|service|backend|engine|owner|users?|username|login|email|account|host|port|server|file|path|dir|names?|ids?|url|uri|endpoint|type|version|env|enabled|disabled|required|header|prefix|suffix|ttl|vault|rotation|rotated|created|updated|date|time|flag|salt|public|cache|uid|alias|fpr|grip|attributes?|address|contract|mint|symbol|decimals|supply|pubkey|pool|chain|network|program|commit|revision|rev|tag|branch|refs|scanning|scanner|scan|detection|detector|bucket|exchange|generator|limits?|quota|rate|cost|price|budget|balance|amount|example|placeholder|default|mask|masked|hidden|visible|sent|valid|invalid|missing|error|errors|rule|reset|request|response|retries|retry)$/i;

/**
 * A credential's name with words after it (`API_KEY_PROD`, `SECRET_KEY_BASE`, `TOKEN_GITHUB`,
 * `apiKeyStaging`): the name up to its credential word, when one to three words of at most 20
 * characters follow (gitleaks's generic rule allows as many) and none says the key is about the
 * credential (ABOUT_A_CREDENTIAL). `named` judges a stem and the words after it (each with its separator).
 */
export function qualifiedStem(key: string, named: (stem: string, tail: string) => boolean): string | undefined {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a bound on the work (names are shorter); past it three words are still at most 21 characters
  if (key.length > 100) return undefined;
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1_$2");
  let stem = words;
  for (let tail = 0; tail < 3; tail++) {
    const cut = stem.search(/[_\-.][A-Za-z0-9]+$/);
    // Stryker disable next-line EqualityOperator: a separator first leaves an empty stem, which names nothing, and the next search finds none
    if (cut <= 0 || ABOUT_A_CREDENTIAL.test(stem.slice(cut + 1)) || words.length - cut > 21) return undefined;
    stem = stem.slice(0, cut);
    if (named(stem, words.slice(cut))) return stem;
  }
  return undefined;
}

/** Sections that hold credentials by name (their plural, or one word for them all): `api_keys:`, `const API_KEYS = {`. */
export const CREDENTIAL_SECTION = /^(?:secrets|credentials|creds|tokens|api[_-]?keys|passwords|auth)$/i;

/** A key inside a credential section, named for it (`openweathermap` under `api_keys` is `openweathermap_api_key`), its case kept. */
export function keyInSection(key: string, section: string): string {
  const word = section.replace(/s$/i, "");
  return `${key}_${key === key.toUpperCase() ? word.toUpperCase() : word}`;
}

/** A secret name as platforms accept it: upper snake case, not starting with a digit (a platform's own reserved names: its `secretName`). */
export function toSecretName(key: string): string {
  // (An object's own member is named for the member: `self.api_key` → API_KEY.)
  let name = key.replace(/^(?:self|this|cls)\./, "").replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_");
  // Stryker disable next-line Regex: the line above left one `_` at either end at most
  name = name.replace(/^_+|_+$/g, "").toUpperCase();
  if (!name) name = "SECRET";
  if (/^\d/.test(name)) name = `_${name}`;
  return name;
}

/** Keys that name a password: judged as one (people choose them), not as a random token. */
export function isPasswordKey(spelled: string): boolean {
  // Stryker disable next-line StringLiteral: a sentence (no key) answers no; so does any text without a password's word
  const key = joinedWords(spelled) ?? "";
  return PASSWORD_WORD.test(key) || /(?:^|[_\-.])pass$/i.test(key) || /[a-z]Pass$/.test(key) || qualifiedStem(key, (stem) => PASSWORD_WORD.test(stem)) !== undefined;
}

// (Not the short `pass` before other words: `PASS_THROUGH`.)
const PASSWORD_WORD = /(passw(or)?d|pwd|passphrase|storepass|keypass)s?$/i;

/**
 * A reference to a value kept elsewhere, in any platform's syntax; among them, as whole values,
 * Azure App Service's `@Microsoft.KeyVault(…)`, bank-vaults' `vault:path#key`, Serverless's
 * `${file(…):key}`, a shell or compose expansion with a default or a check (`${NAME-…}`,
 * `${NAME?…}`: a default is judged apart), Symfony's `%env(NAME)%` and `%param.name%`, Perl's `$ENV{NAME}`.
 */
const REFERENCE =
  /\$\{\{|\$\{[A-Za-z_][\w.[\]-]*\}|^\$\$?[A-Za-z_]\w*$|\$\([\w.-]+\)|%[A-Za-z_]\w*%|\{\{.{0,2000}?\}\}|^\{[{%]|^<%|\$\{\w+[:(?+=-]|@parameters\(|@variables\(|^\$\{?env:|#\{|\bsecretKeyRef\b|^!|^@\{|^@[A-Za-z.]+\(|^vault:[\w/.-]+(?:#[\w.-]+)?$|^%env\([\w:.-]+\)%$|^%[A-Za-z_][\w.]*%$|^\$ENV\{\w+\}$/;

/**
 * A secret's id and the JSON key of the value wanted in it, as AWS CodeBuild's `secrets-manager:` and
 * the Secrets Manager references of other tools write them (`prod/pypi:password`, `DeployToken:token`),
 * read in a text that knows no platform (a README, a buildspec quoted in a test): the key names a
 * credential, the id is a name or a path.
 */
const SECRET_ID_AND_FIELD = /^[A-Za-z][\w./+=@-]{0,200}:([A-Za-z_][\w-]{0,60})$/;

export function isReference(value: string): boolean {
  if (REFERENCE.test(value)) return true;
  const field = SECRET_ID_AND_FIELD.exec(value)?.[1];
  return field !== undefined && isCredentialKey(field);
}

/**
 * Values encrypted so that they can be committed, their key kept elsewhere: SOPS
 * (`ENC[AES256_GCM,data:…]`), Jasypt (`ENC(…)`), EJSON (`EJ[1:…]`), Ansible Vault (`$ANSIBLE_VAULT;1.1;…`),
 * Google Cloud KMS's ciphertext in base64 (`CiQA…`: its protobuf's first field, as Cloud Build's
 * `secretEnv` and `envMap` hold it, quoted in a README or a test).
 */
const CIPHERTEXT = /^(?:ENC\[[A-Z0-9_]+,data:[^\]]*\]$|ENC\([A-Za-z0-9+/=]+\)$|EJ\[1:[^\]]+\]$|\$ANSIBLE_VAULT;\d\.\d;|CiQA[A-Za-z0-9+/]+={0,2}$)/;

export function isCiphertext(value: string): boolean {
  return CIPHERTEXT.test(value.trim());
}

/**
 * Placeholders people write instead of a real value, and documented example keys: AWS's, NuGet's
 * passwords, the test key in Stripe's documentation, the token in GitHub's, the API key in Google's,
 * and jwt.io's example token (by its signature). (Written with a one-character class, `gh[p]_`, so that
 * no scanner of the built bundle, vsce's among them, reads a token there.)
 */
const PLACEHOLDER =
  /^<.*>$|^\[.*\]$|\[[a-z]+(?:[ _-][a-z]+)+\]|^\{[\w .-]+\}$|^\*+$|^x{3,}$|x{6,}|X{6,}|\.{3}|…|changeme|change[_-]?(?:me|this|it)\b|replace[_-]?(me|with|this)|your[_-]|[_-]your|^my[_-]|placeholder|example|dummy|redacted|sample|^fake|^test$|^password\d*$|^secret\d*$|^token$|^none$|^null$|^nil$|^undefined$|^todo|^tbd$|fixme|insert[_-]|enter[_-]|^(foo|bar|baz|abc|abcd|abc123|1234|12345|123456|12345678|qwerty|letmein|admin|root|pass|guest|default)$|AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI\/K7MDENG|^33f!!lloppa$|^hal\+9ooo_da!sY$|^sk_tes[t]_4eC39HqLyjWDarjtT1zdp7dc$|^gh[p]_16C7e42F292c6912E7710c838347Ae178B4a$|^AIz[a]SyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe$|\.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c$/i;

/** Fill-in markers: `**PUT_API_KEY_HERE**`, `YOUR_TOKEN_HERE`, `<here>`, `%%SECRET%%`. */
const FILL_IN = /(^|[^a-z])here([^a-z]|$)|^\*\*.*\*\*$|^%%.*%%$|(^|[_-])put[_-]/i;

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return PLACEHOLDER.test(v) || FILL_IN.test(v);
}

/** Four or more ascending digits or letters (`1234`, `abcd`): a made-up value. */
export function hasCountingRun(value: string, length = 4): boolean {
  let run = 1;
  // Stryker disable next-line EqualityOperator: past the end charCodeAt is NaN, which counts no run
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) - value.charCodeAt(i - 1) === 1 && /[0-9a-z]/i.test(value[i]) ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}

const HEX = /^[0-9a-f]+$/i;

/**
 * Counting that marks a made-up value: four counting from where people start (`1234`, `0123`, `abcd`,
 * `ABCD`; in hex, five anywhere), six anywhere, four anywhere in a value of 20 or fewer, counting in groups. Three, or four from elsewhere in a longer
 * random value is chance: `UVWX` or `5678` turns up in one random 40-digit hex key in 140, one 32-letter
 * key in 8 000.
 */
function madeUpCounting(value: string): boolean {
  // (Counting restarted in groups, `abc-_fghi_klmn-pqrs`, `XYZABC123789def456`, is made up too: two runs
  // of four, or runs of three or more that cover a fifth of it. One run of three is chance, even in a
  // short value: `johnsmith123$!` is a password.)
  // (Hex has 16 symbols: `1234` or `abcd` turns up in one random 40-digit key in 400; five in 3 000.)
  const hex = HEX.test(value);
  let run = 1;
  let covered = 0;
  let threes = 0;
  let fours = 0;
  for (let i = 1; i <= value.length; i++) {
    // Stryker disable next-line EqualityOperator: past the end charCodeAt is NaN, which counts no run
    if (i < value.length && value.charCodeAt(i) - value.charCodeAt(i - 1) === 1 && /[0-9a-z]/i.test(value[i])) {
      run++;
      if (run >= (hex ? 5 : 6) || (run === 4 && !hex && /[01aA]/.test(value[i - 3]))) return true;
      continue;
    }
    if (run >= 3) {
      covered += run;
      threes++;
    }
    if (run >= 4) fours++;
    run = 1;
  }
  return fours >= 2 || (fours === 1 && value.length <= 20) || (threes >= 2 && covered / value.length >= 0.2);
}

/** Letters and digits each counting, interleaved: `A1B2C3D4E5F6G7H8I9J0` (prometheus's sample access key). */
function interleavedCounting(value: string): boolean {
  return hasCountingRun(value.replace(/[^A-Za-z]/g, ""), 5) && hasCountingRun(value.replace(/[^0-9]/g, ""), 5);
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ARN = /^arn:aws[\w-]*:/;
// Dotted numbers, then what semver allows after them (`2.0.0-rc.1+build.5`); a number alone. Not digits
// then dashed groups: `647501-6p71dd66-3k6s-…` is a key. A pre-release or build part is short (a
// commit's 40 hex at most): `v1.0-13vvv…-a670d21e…` with 150 characters after a dash is a key
// a version's shape opens (Cloudflare's origin CA key, TruffleHog's test).
const VERSION = /^v?\d+(\.\d+)+([-+][\w.]{1,40})*$|^v?\d+$/;
const DIGEST = /^(sha256|sha512|sha1|md5):[0-9a-f]+$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const PUBLIC_KEY = /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+|-----BEGIN (PUBLIC KEY|CERTIFICATE|PGP PUBLIC)|age1[0-9a-z]{20,})/;
// (`%s` and `{id}`: a path a program fills in, `/v2/projects/%s/environments`.)
const PATH_LIKE = /^(\.{0,2}\/|~\/|[A-Za-z]:\\)[\w.@\\/%{}-]*$|^[\w.-]+\/[\w./-]+$/;
/** A URL with no password: none at all, or a user name only (`https://test@github.com/`, `ssh://git@host`). */
const URL_WITHOUT_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/(?:[^\s/@:]+@)?[^\s/@:]+(:\d+)?([/?#][^\s]*)?$/i;
const TEST_MARKER = /test|local|dev|demo|dummy|sample|insecure|ci[_-]?pass/i;
/**
 * Words and the separators of names, paths and roles (`foo/system:masters`, a static token file's
 * example), brackets among them, at the ends too (`_threading_local._localimpl.`, a prefix code adds
 * to; `settings./.http}`, gitleaks's stop-word case), a URL's fragment mark (`value%23still-query#first`).
 */
const WORDS = /^[ _./:={}()[\]#-]*[A-Za-z]+([ _./:={}()[\]#-]+[A-Za-z]+)*[ _./:={}()[\]#-]*$/;
/** The same, numbered: `decoded-secret-value00`, a test's made-up value (a token's length, not its look). */
const NUMBERED_WORDS = /^[A-Za-z]+([ _./:-][A-Za-z]+)*[_-]?\d{1,4}$/;
/** Three words or more, each perhaps numbered: a name's parts (`token_sha256_to_refresh`, `utf8-base64-v2`). */
const NUMBERED_PARTS = /^[A-Za-z]+\d{0,4}(?:[_./:-][A-Za-z]+\d{0,4}){2,}$/;
/** A package and its version (`jjwt-jackson-0.11.2`, `io.jsonwebtoken:jjwt-api:0.11.5`'s value). */
const VERSIONED_NAME = /^[A-Za-z][\w.:-]*[-_@:]v?\d+(\.\d+)+(?:[-+.][\w]+)*$/;
/**
 * The longest value the two shapes above and below are tried on: their runs overlap (a name's
 * characters and the version's, a subscript's and the next), so a long value costs the square of its
 * length (a Secret's base64 data decoded to `A@0.0.0.…`, 40 KB: 1.9 s). No name, version or
 * expression is this long; a credential checked by looksLikeCredential is at most 1 000 characters.
 */
const LONGEST_SHAPED = 1000;
/** Code, not a value: `stepMap?.items[0]?.key`, `match[2]`, `/^[a-z]+$/` (scripts and Code nodes hold code). */
const CODE_EXPRESSION = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*|\??\.?\[[^\]]*\])*(?:\?\.|\[[^\]]*\])(?:\??\.[A-Za-z_$][\w$]*|\??\.?\[[^\]]*\])*$|^\/\^/;
/**
 * A regular expression's source, not a value: a character class with a quantifier (`[-_.~a-z0-9]{40}`,
 * `[A-Z]+`), a class escape (`\d{6}`, `\w+`) or a special group (`(?:`, `(?=`): what a secret
 * scanner's own rules or a validator bind to `SECRET` or `PASSWORD_PATTERN`.
 */
const REGEX_SOURCE = /\[[^\]\s]{1,80}\](?:\{\d+(?:,\d*)?\}|[+*])|\\[dwsDWS](?:[+*?]|\{\d)|\(\?(?:[:=!]|<[=!])/;
/**
 * Code that names a value kept elsewhere, read where a source line assigns it: a member chain or a
 * path (`base64.b64encode`, `Rack::Protection::AuthenticityToken.token`, Rust's `super::split_patterns`),
 * or a name called, indexed or subscripted (`os.environ.get(`, `self._socks_options[`, `json_data[`,
 * `session[options[:key]]`, `ConfigAttribute[str` — the value ends at a quote, a parenthesis or a
 * space; what follows a `(` is in a value only where a string holds it: `"Password=Kx9p(Q2m…;"` is
 * no call), a constant
 * (`pat = _CLEAN_HEADER_REGEX_STR`), a Go map or slice type (`secrets = map[string]string{}`). Taken
 * as code only when not random-looking (a JWT is dotted too).
 */
const MEMBER_CHAIN = /^[A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*)*(?:(?:\.|::)[A-Za-z_$][\w$]*|\[[\w$.:[\]]*|\()$/;
const CONSTANT_NAME = /^_*[A-Z]+[0-9]*(?:_[A-Z]+[0-9]*)+$/;
const GO_TYPE = /^(?:map\[|\[\])[\w.*[\]]+(?:\{\}?)?$/;
/**
 * Code around a string, read where a value was expected: a PowerShell type's member
 * (`[PSCredential]::new`), a name a format string fills in (`{cloud_iam_key}extra`, `{Token}`; not
 * `{ZqL5kVrX1n8tA2}`, a token in braces), a name
 * concatenated between two strings (`"?token="+generatedToken+"&…"`).
 */
const CODE_AROUND_STRING = /^\[[A-Za-z][\w.]*\]::|\{(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)*|[A-Z][a-z]+)\}|^\+[ \t]*[A-Za-z_$][\w$.]*[ \t]*\+?$/;
/** Another command-line option where a flag's value was expected (`adduser --disabled-password --no-create-home`). */
const OPTION = /^--?[A-Za-z][\w-]*$/;
/** An npm alias (`npm:@octokit/auth-token@2.4.0`), what lockfiles and their caches map package paths to. */
const NPM_SPEC = /^npm:(?:@[\w.-]+\/)?[\w.-]+(?:@[\w.^~<>=*|-]+)?$/;

/** Counts of each ASCII character, and the characters met in the order met: entropy's scratch space. */
const asciiCounts = new Int32Array(128);
const asciiMet = new Int32Array(128);

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  // Nearly every value is ASCII: counted in an array, not a Map (a key file's history asks thousands
  // of times). The sum runs in the order characters are first met, as the Map's does: the same bits.
  let distinct = 0;
  // (One step past the end reads NaN, which counts nowhere.)
  // Stryker disable next-line EqualityOperator: equivalent (above)
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128) {
      for (let j = 0; j < distinct; j++) asciiCounts[asciiMet[j]] = 0;
      return entropyOfAny(value);
    }
    if (asciiCounts[code]++ === 0) asciiMet[distinct++] = code;
  }
  let bits = 0;
  for (let j = 0; j < distinct; j++) {
    const p = asciiCounts[asciiMet[j]] / value.length;
    asciiCounts[asciiMet[j]] = 0;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function entropyOfAny(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** How many of lower case, upper case, digits and symbols a value mixes. */
export function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
}

/** A character's kind, by its code: 0 lower case, 1 upper case, 2 a digit, 3 anything else. */
export function characterKind(code: number): number {
  return code >= 97 && code <= 122 ? 0 : code >= 65 && code <= 90 ? 1 : code >= 48 && code <= 57 ? 2 : 3;
}

/**
 * Random text rather than words: a random value switches between lower case, upper case, digits and
 * symbols at most characters (~0.6 for base64); paths, names and sentences rarely (~0.2). This, not
 * the presence of `/`, tells an AWS secret key (`wJal…/K7MD…`) from `.github/workflows/ci.yml`.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 16) return false;
  // Hex has 16 symbols, not 62: a random 32-digit hex key measures 3.4–3.9 bits, and one in twenty below 3.5.
  if (kindSwitches(value) < 0.35 || entropy(value) < (HEX.test(value) ? 3 : 3.5)) return false;
  // CamelCase words switch case often too (`TestPyPiAPIToken`, `PowerShellNuGetOrgPush`): random text
  // is mostly not made of word-like runs.
  return outsideWords(value) / value.length >= 0.4;
}

/** How often the character kind changes from one character to the next (0 to 1). */
function kindSwitches(value: string): number {
  let switches = 0;
  for (let i = 1; i < value.length; i++) if (characterKind(value.charCodeAt(i)) !== characterKind(value.charCodeAt(i - 1))) switches++;
  return switches / (value.length - 1);
}

/**
 * How many characters are outside word-like runs (`Rabbit` of `RabbitMQ`, `Hub` of `GitHub`). A run
 * is a word when it sounds like one (a vowel, no five consonants in a row) or is a common
 * abbreviation (`Http`, `Npm`): random letters make runs like `Kqhw`, and they are no words.
 */
function outsideWords(value: string): number {
  let outside = value.length;
  for (const run of value.matchAll(WORD_RUN)) if (soundsLikeWord(run[0])) outside -= run[0].length;
  return outside;
}

const WORD_RUN = /[A-Z]?[a-z]{3,}|[A-Z][a-z]{2}/g;
const VOWEL = /[aeiouy]/i;
const CONSONANTS_IN_A_ROW = /[^aeiouy]{5}/i;
/** Abbreviations without a vowel that names and identifiers are made of. */
const ABBREVIATIONS: ReadonlySet<string> = new Set(
  "http https html xml sql cdn dns tls ssl ssh npm pkg pkgs src cmd cmds ctx cfg msg msgs svc mgr jwt jwks pwd rpc grpc std btn img dst tmp txt css pdf png svg sdk crd crl csr csv dll mcp nfs smtp scp sftp ftp vpc vpn tcp cpp rgb rgba hsl dwh frm wrk lst bkp mfa kms".split(" "),
);

/**
 * Letters of one case drawn at random (a Gmail app password's sixteen, `xkqzmwbtrplhvgcn`), not
 * words run together (`mysecretpassword`, `githubactionsbot`): a quarter of its letter pairs or more
 * are pairs words seldom make (random sixteen letters: 95 % so judged; two or three words run
 * together: 0.7 %), and its letters are spread as random text's are.
 */
function randomLetters(value: string): boolean {
  if (!ONE_CASE_LETTERS.test(value) || entropy(value) < 3) return false;
  const letters = value.toLowerCase();
  let rare = 0;
  for (let i = 1; i < letters.length; i++) if (!isWordPair(letters.charCodeAt(i - 1) - 97, letters.charCodeAt(i) - 97)) rare++;
  return rare / (letters.length - 1) >= 0.25;
}

const ONE_CASE_LETTERS = /^(?:[a-z]+|[A-Z]+)$/;

/**
 * Letters of one case and digits drawn at random, dotted or not (`nuhkw7nsrybuvmetium29a6oajxr3xdg.sbpi6e`,
 * TruffleHog's Dovico token): few kind switches, so not looksRandom's, but its letters are random
 * letters; a member chain's (`self.config.database.password`) are words.
 */
function randomOneCase(value: string): boolean {
  // Stryker disable next-line Regex: removing each character or each run of them leaves the same letters
  return value.length >= 20 && randomLetters(value.replace(/[^A-Za-z]+/g, ""));
}

/**
 * The letter pairs words make: the 349 that are 99 % of the pairs in the 13 769 words of the
 * READMEs of this project's dependencies (English prose), as a bit for each of a…z × a…z, in base64.
 */
const WORD_PAIRS = "dv1/6jSaKpsnimpp4v/f/6Mklii5Z4IiKeD+P3ViQIsIqGIDc83yyt8sL7/fL+/38uZ94gAACD/v36vb9+r+ber+nXAioIAImGYioiRCiJ9yIiACAA==";
const WORD_PAIR_BITS = atob(WORD_PAIRS);

function isWordPair(first: number, second: number): boolean {
  const bit = first * 26 + second;
  return ((WORD_PAIR_BITS.charCodeAt(bit >> 3) >> (7 - (bit & 7))) & 1) === 1;
}

function soundsLikeWord(run: string): boolean {
  return (VOWEL.test(run) && !CONSONANTS_IN_A_ROW.test(run)) || ABBREVIATIONS.has(run.toLowerCase());
}

/**
 * Letters whose case changes at random, not at words (`xKqPzRmTwL`, not `RabbitMQ`): a short password
 * made of letters only, too short for looksRandom's measure. (Random letters hold runs of three lower
 * case too, `kQhwrzJq`: words leave at most two letters over, `RabbitMQ`; random letters at least three.)
 */
function scrambledCase(value: string): boolean {
  const notWords = outsideWords(value);
  // (0.3 of a password's eight characters or more: three letters at least.)
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && kindSwitches(value) >= 0.35 && notWords / value.length >= 0.3;
}

/**
 * Keys their owners publish on purpose: Yarn Berry's Algolia search key, in every committed
 * `.yarn/releases/yarn-*.cjs` (yarnpkg/berry#6201; a stop word of gitleaks's generic rule). And the
 * example values of OAuth's standards, which OAuth libraries quote in their docs and tests: RFC 6749's
 * access and refresh tokens, code, client and password (its Basic example decodes to
 * `s6BhdRkqt3:gX1fBat3bV`), RFC 6750's bearer token, OpenID Connect Core's tokens.
 */
const PUBLISHED_KEYS: ReadonlySet<string> = new Set([
  "6fe4476ee5a1832882e326b506d14126",
  "2YotnFZFEjr1zCsicMWpAA",
  "tGzv3JOkF0XG5Qx2TlKWIA",
  "SplxlOBeZQQYbYS6WxSbIA",
  "7Fjfp0ZBr1KtDRbnfVdmIw",
  "gX1fBat3bV",
  "czZCaGRSa3F0MzpnWDFmQmF0M2JW",
  "A3ddj3w",
  "8xLOxBtZp8",
  "489dks293j39",
  "mF_9.B5f-4.1JqM",
  "SlAV32hkKG",
]);

/** Values that are never credentials whatever key they sit under. */
export function isBenign(value: string): boolean {
  const v = value.trim();
  return (
    v.length === 0 ||
    PUBLISHED_KEYS.has(v) ||
    isReference(v) ||
    isCiphertext(v) ||
    isPlaceholder(v) ||
    UUID.test(v) ||
    ARN.test(v) ||
    VERSION.test(v) ||
    DIGEST.test(v) ||
    EMAIL.test(v) ||
    PUBLIC_KEY.test(v) ||
    (v.length <= LONGEST_SHAPED && CODE_EXPRESSION.test(v)) ||
    REGEX_SOURCE.test(v) ||
    GO_TYPE.test(v) ||
    CODE_AROUND_STRING.test(v) ||
    NPM_SPEC.test(v) ||
    (v.length <= LONGEST_SHAPED && VERSIONED_NAME.test(v)) ||
    (OPTION.test(v) && !looksRandom(v)) ||
    ((MEMBER_CHAIN.test(v) || CONSTANT_NAME.test(v)) && !looksRandom(v) && !randomOneCase(v)) ||
    (PATH_LIKE.test(v) && !looksRandom(v)) ||
    URL_WITHOUT_CREDENTIALS.test(v) ||
    /^(true|false|yes|no|on|off|\d+)$/i.test(v)
  );
}

/**
 * Does a value bound to a credential-like key look like a real credential? Tokens and keys must be
 * long and random; passwords may be shorter but not a plain word (test-container passwords such as
 * `postgres` are left alone: they guard nothing).
 */
export function looksLikeCredential(value: string, key: string): boolean {
  const v = value.trim();
  // A URL that carries a user and password is judged by its password, as anywhere in a text:
  // `postgres://postgres:postgres@localhost/db` under `DB_CREDENTIALS` guards a test container.
  if (URL_WITH_USERINFO.test(v)) return findUrlPasswords(v).length > 0;
  // Base64 of a placeholder is one too: `ZHVtbXkgdGV4dCBkYXRh…` is `dummy text data…` (secretlint's suite, aws);
  // and a Basic credential, `user:password` (a Docker config's `auth`), is as strong as its password.
  if (BASE64_VALUE.test(v)) {
    const decoded = decodeBase64(v);
    if (decoded !== undefined && PRINTABLE_TEXT.test(decoded) && (isPlaceholder(decoded) || isPlaceholderBasic(v))) return false;
  }
  if (isGpgKeyId(key, v)) return false;
  if (/\s/.test(v) || v.length > 1000 || isBenign(v) || madeUpCounting(v) || interleavedCounting(v) || /([A-Za-z0-9])\1{4}/.test(v)) return false;
  if (isPasswordKey(key)) {
    // A Gmail app password: sixteen random lower-case letters (one class: the test below would not pass it).
    if (v.length >= 16 && randomLetters(v)) return true;
    // Passwords of throw-away test containers say so: `Localtestpass1!`, `dev-password`.
    // …unless the value is random text, where a word inside is chance (`xQdevK…`).
    if (v.length < 8 || ((WORDS.test(v) || TEST_MARKER.test(v)) && !looksRandom(v) && !scrambledCase(v))) return false;
    // A short value cannot measure 3 bits (8 characters hold at most exactly 3): it may repeat a
    // character or two (`hub24aoeu`, a real password in secretlint's suite).
    return characterClasses(v) >= 3 || (characterClasses(v) >= 2 && entropy(v) >= Math.min(3, Math.log2(v.length) - 0.5));
  }
  // (Words URL-encoded are words: `secret%3Dpassword` in a query string.)
  // Stryker disable next-line StringLiteral: decoding a value without `%` gives it back
  const plain = v.includes("%") ? decodeURIComponentSafe(v) : v;
  if (v.length >= 20 && randomLetters(v)) return true;
  if (v.length < SHORTEST_TOKEN || ((WORDS.test(plain) || NUMBERED_WORDS.test(plain) || NUMBERED_PARTS.test(plain)) && !looksRandom(v))) return false;
  if (v.length < 16) return shortToken(v);
  // Hex has 16 symbols: a random 16-digit hex token measures 3.3 bits on average, one in six under 3.
  return entropy(v) >= (HEX.test(v) ? 2.5 : 3) && characterClasses(v) >= 2;
}

/**
 * A token of 12 to 15 characters (Eagle Eye's `Y6YWq0NfYgyJCL0`, Cashboard's `F1A-NEI-HY4-PZK`, Debounce's
 * `OTM0Bp42sFTRB`: TruffleHog's tests; gitleaks's generic rule takes 10): too short for entropy to tell,
 * so held to more than a password is: the characters of tokens (not a regex's `[0-9A-Fa-f]{1`, a
 * value cut at its comma), three classes of them switching as random text's do (not a name,
 * `PEM_string2key`), a digit beside a letter, none repeated much, and at least a third outside
 * word-like runs (`supersecret1!`).
 */
const SHORTEST_TOKEN = 12;
const SHORT_TOKEN_CHARACTERS = /^[\w.~+/=-]+$/;
// Random text puts a digit beside a letter somewhere (97 % of 12 random characters do); words and
// numbers joined do not (`DOC_Vector_5_32`, gitleaks's generic rule's false-positive example).
const LETTER_BY_DIGIT = /[A-Za-z][0-9]|[0-9][A-Za-z]/;
function shortToken(value: string): boolean {
  return (
    SHORT_TOKEN_CHARACTERS.test(value) &&
    characterClasses(value) >= 3 &&
    LETTER_BY_DIGIT.test(value) &&
    // (No length from 12 to 15 puts a value exactly at 0.4: 11 to 14 places, none a multiple of 2.5.)
    // Stryker disable next-line EqualityOperator: equivalent (above)
    kindSwitches(value) >= 0.4 &&
    // (A sum of p·log p of counts out of 12 to 15 never equals log2 of the length less a half.)
    // Stryker disable next-line EqualityOperator: equivalent (above)
    entropy(value) >= Math.log2(value.length) - 0.5 &&
    outsideWords(value) / value.length >= 1 / 3
  );
}

/** A GPG key's fingerprint or id under its name (`Release GPG key: 9554F04D…`, a README's): public; its secret half is armoured. */
export function isGpgKeyId(key: string, value: string): boolean {
  return GPG_KEY_NAME.test(key) && GPG_FINGERPRINT.test(value);
}
const GPG_KEY_NAME = /(?:gpg|pgp)[\s_.-]*(?:signing[\s_.-]*)?key/i;
const GPG_FINGERPRINT = /^(?:0x)?(?:[0-9A-F]{16}|[0-9A-F]{40})$/i;

const BASE64_VALUE = /^[A-Za-z0-9+/]{16,}={0,2}$/;
const PRINTABLE_TEXT = /^[\x20-\x7e]+$/;
const URL_WITH_USERINFO = /^[a-z][a-z0-9+.-]{0,30}:\/\/[^\s/@]+@/i;

/** `Bearer abc…`, `Basic abc…`, `token abc…`: an Authorization header value held in a field. */
const AUTH_VALUE = /^(?:bearer|basic|token|bot)\s+(\S+)$/i;

export function authorizationCredential(value: string): { offset: number; credential: string } | undefined {
  const match = AUTH_VALUE.exec(value.trim());
  // Stryker disable next-line StringLiteral: any key that names no password judges the value as a token, as "token" does
  if (!match || !looksLikeCredential(match[1], "token") || isPlaceholderBasic(match[1])) return undefined;
  return { offset: value.indexOf(match[1]), credential: match[1] };
}

/**
 * A Basic credential whose decoded `user:password` is a placeholder
 * (`eW91cl9lbWFpbEBkb21haW4uY29tOnlvdXJfdXNlcl9hcGlfdG9rZW4=` is `your_email@domain.com:your_user_api_token`);
 * or a header's value shorter than a token's sixteen characters that is no `user:password` at all:
 * short tokens are found under a key's name, and in a header such a value is a test's mangled
 * Basic credential (cherrypy's `Basic dGVzdDp0ZX60`).
 */
export function isPlaceholderBasic(credential: string): boolean {
  const decoded = decodeBase64(credential);
  // `user:password`: printable, a `:` after the user (tested apart: one regex for both is quadratic in
  // a run of `:`, though the values judged here are 1 000 characters at most).
  // Stryker disable next-line ConditionalExpression: undefined tested as the text "undefined" has no `:` either
  if (decoded === undefined || !PRINTABLE_TEXT.test(decoded) || decoded.indexOf(":") < 1) return credential.length < 16;
  const password = decoded.slice(decoded.indexOf(":") + 1);
  // No password: the user is the credential, as Stripe's and Mailchimp's keys are sent (`sk_live_…:`);
  // `browser:` is none (gitleaks's curl rule's test).
  // Stryker disable next-line StringLiteral: the key only says whether a password is named: "" names none either
  if (password === "") return !looksLikeCredential(decoded.slice(0, -1), "token");
  // (A UUID is a password here: Docker Hub's access tokens are UUIDs.)
  return isPlaceholder(decoded) || isPlaceholder(password) || !(UUID.test(password) ? isIssuedUuid(password) : looksLikeCredential(password, "password"));
}

/**
 * Keys whose UUID value is the secret (services issue UUIDs as API keys, secrets and tokens: Heroku,
 * DocuSign, Codecov's upload token), not an identifier: a secret, a password, an API, access or
 * auth key, a token that is not a page's, a request's or a one-time link's. Read on the key split into
 * lower-case words (`clientSecret`, `X-Api-Key`: `client_secret`, `x_api_key`).
 */
const UUID_SECRET_KEY = /(?:^|_)(?:secret|password|passwd|pwd|passphrase|api_?key|access_?key|auth_?key|token)s?$/;
const NOT_A_SECRET_TOKEN = /(?:^|_)(?:page|next|prev|previous|continuation|cursor|trace|request|csrf|xsrf|correlation|idempotency|sync|session|cache|nonce|state|resume|invite|invitation|reset|confirmation|unsubscribe)_tokens?$/;

/** A UUID under a key that names it the secret (UUID_SECRET_KEY), unless made up. */
export function isUuidSecret(value: string, key: string): boolean {
  if (!UUID.test(value)) return false;
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().replace(/[^a-z0-9]+/g, "_");
  return UUID_SECRET_KEY.test(words) && !NOT_A_SECRET_TOKEN.test(words) && isIssuedUuid(value);
}

/** A UUID where a key is expected (a header's, a Basic password's) is the key, unless made up: five alike, or counting. */
export function isIssuedUuid(value: string): boolean {
  return !/([0-9a-f])\1{4}/i.test(value) && !hasCountingRun(value.replace(/-/g, ""));
}

/** PostgreSQL's password file: `~/.pgpass`, or `pgpass.conf` on Windows. */
const PGPASS_PATH = /(?:^|\/)(?:\.pgpass|pgpass\.conf)$/;

export function isPgpassFile(path: string): boolean {
  return PGPASS_PATH.test(path);
}

/**
 * The passwords of a PostgreSQL password file, `host:port:database:user:password` a line (a `:` or
 * `\` in a field escaped by a `\`; `#` starts a comment line): the fifth field, as written, when it
 * is judged a password. Offsets of the password.
 */
export function findPgpassPasswords(text: string): { start: number; end: number; value: string }[] {
  const found: { start: number; end: number; value: string }[] = [];
  let lineStart = 0;
  // Stryker disable next-line EqualityOperator: one more turn reads an empty line, which holds nothing
  while (lineStart < text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    // Stryker disable next-line Regex: a line holds a carriage return at its end only
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    if (!line.startsWith("#")) {
      // The fifth field starts after the fourth colon no backslash escapes.
      let colons = 0;
      let at = 0;
      // Stryker disable next-line EqualityOperator: past the line's end a character is undefined, neither a backslash nor a colon
      for (; at < line.length && colons < 4; at++) {
        if (line[at] === "\\") at++;
        else if (line[at] === ":") colons++;
      }
      const value = line.slice(at);
      // Stryker disable next-line ConditionalExpression: a line of fewer fields is read to its end, and an empty value is no password
      if (colons === 4 && looksLikeCredential(value.replace(/\\(.)/g, "$1"), "password")) found.push({ start: lineStart + at, end: lineStart + at + value.length, value });
    }
    lineStart = lineEnd + 1;
  }
  return found;
}

/**
 * `scheme://user:password@host` anywhere in a text, whatever the scheme (mongodb+srv, redis with no
 * user, amqps, mssql, https…) or the host: the password is what is judged. Offsets of the password.
 */
export function findUrlPasswords(text: string): { start: number; end: number; value: string }[] {
  const found: { start: number; end: number; value: string }[] = [];
  // Found from the literal `://` (fast to look for), the scheme checked behind it.
  // (A password may hold `@` unencoded, `user:myR3alP@ssw0rd@host`: the user information ends at the
  // last `@` before the host's `/`, `?` or `#`.)
  for (const match of text.matchAll(/:\/\/([^\s:/@"'<>\\$`{}]*)(?::((?:[^\s@/"'<>\\`]|@(?=[^\s@/?#"'<>\\`]*@))+))?@[\w.[\]-]/g)) {
    if (!/\b[a-z][a-z0-9+.-]{0,30}$/i.test(text.slice(Math.max(0, match.index! - 32), match.index!))) continue;
    const [whole, user, password] = match;
    if (password === undefined || password === "x-oauth-basic") {
      // A token given as the user name (`https://<token>@github.com`, `https://<token>:x-oauth-basic@…`).
      if (user.length < 20 || !/^[A-Za-z0-9_-]+$/.test(user) || (!looksRandom(user) && !/^[0-9a-f]{40}$/.test(user))) continue;
      // Not a Sentry DSN (`https://<32 hex>@o1.ingest.sentry.io/<project>`): its key only sends events, and
      // Sentry publishes it in every browser bundle (getsentry/self-hosted's CI env).
      if (password === undefined && SENTRY_DSN.test(text.slice(match.index!))) continue;
      const start = match.index! + 3;
      found.push({ start, end: start + user.length, value: user });
      continue;
    }
    if (/^[$%{]|\{\{|\$\{|\$\(/.test(password) || !looksLikeCredential(decodeURIComponentSafe(password), "password")) continue;
    const start = match.index! + whole.indexOf(`:${password}@`, 3) + 1;
    found.push({ start, end: start + password.length, value: password });
  }
  return found;
}

const SENTRY_DSN = /^:\/\/[0-9a-f]{32}@[\w.-]+(?::\d+)?\/(?:[\w.-]+\/)*\d+(?![\w/.-])/;

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The kind a private key's armour names: "RSA", "EC", "OPENSSH", "ENCRYPTED", "PGP"… */
export interface PrivateKeyMatch {
  start: number;
  end: number;
  kind: string;
}

/**
 * Private keys of every kind and length (RSA, EC of any curve, Ed25519, DSA, OpenSSH, PKCS#8
 * encrypted or not, PGP private blocks, PuTTY files), in a block scalar, a heredoc or a JSON string
 * with `\n` escapes. A block whose body is too short or not random (`...`, `<key>`) is an example.
 */
export function findPrivateKeys(text: string): PrivateKeyMatch[] {
  const found: PrivateKeyMatch[] = [];
  const armour = /-----BEGIN([ A-Z0-9_-]{0,100})PRIVATE KEY(?: BLOCK)?-----([\s\S]{0,20000}?)(?:-----END[ A-Z0-9_-]{0,100})?KEY(?: BLOCK)?-----/gi;
  for (const match of text.matchAll(armour)) {
    if (!randomBody(match[2])) continue;
    const kind = match[1].trim().toUpperCase() || "PKCS#8";
    found.push({ start: match.index!, end: match.index! + match[0].length, kind: kind === "ENCRYPTED" ? "encrypted PKCS#8" : kind });
  }
  // Stryker disable next-line Regex: the lazy `[\s\S]` after the key's type and the lazy body after the blanks take what one `+` fewer leaves
  const putty = /PuTTY-User-Key-File-\d: [\w-]+[\s\S]{0,20000}?Private-Lines: \d+((?:\s|\\[nr])+[A-Za-z0-9+/=\s\\]+?)Private-MAC: [0-9a-f]+/g;
  for (const match of text.matchAll(putty)) {
    if (randomBody(match[1])) found.push({ start: match.index!, end: match.index! + match[0].length, kind: "PuTTY" });
  }
  return found;
}

/**
 * A key body, headers (`Proc-Type:`, `Version:`) and escapes aside, long and varied enough to be a
 * key: not `...`, `<your key>`, `xxxx` or a short stub.
 */
function randomBody(body: string): boolean {
  const lines = body.replace(/\\[nrt]/g, "\n").split("\n");
  // Stryker disable next-line Regex: a line of base64 holds no `: `, so only a header's line matches either way
  const joined = lines.filter((line) => !/^\s*[\w-]+: /.test(line)).join("");
  // Stryker disable next-line Regex: \s or \s+, every blank goes
  const content = joined.replace(/\s+/g, "");
  return content.length >= 40 && entropy(content) >= 4 && !/\.{3}|…|<[^>]*>|x{6,}/i.test(body);
}

/**
 * The text a base64 value encodes (a Kubernetes Secret's `data`), or undefined when it is not base64.
 * Binary content comes back with U+FFFD where it is not UTF-8.
 */
export function decodeBase64(value: string): string | undefined {
  // Stryker disable next-line Regex: \s or \s+, every blank goes
  const compact = value.replace(/\s+/g, "");
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral,Regex: the regex rejects "" too, and atob (below) throws on what it lets through unanchored
  if (compact === "" || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  // (atob still throws on a misplaced `=` or a length it cannot decode.)
  // Stryker disable BlockStatement: an empty catch returns undefined as well (an empty try is seen at once)
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(compact), (ch) => ch.charCodeAt(0)));
  } catch {
    return undefined;
  }
  // Stryker restore BlockStatement
}
