// The script idioms (linter-core/secrets/scripts.ts), the checksums and the provider table's helpers
// (checksums.ts, providers.ts), and secret names (detect.ts): one case per idiom and rule.
import assert from "node:assert/strict";
import { base62, base62Crc32, crc32, hasValidBase62Crc32, hasValidHexCrc32 } from "../../linter-core/secrets/checksums.js";
import { toSecretName } from "../../linter-core/secrets/values.js";
import { CREDENTIAL_FORMATS } from "../../linter-core/secrets/formats.js";
import { caseless, findNamedSecret, findProviderSecrets, hasLiteralRuns, isPlaceholderToken, namedFormatsIn, namesProvider } from "../../linter-core/secrets/providers.js";
import { entropy } from "../../linter-core/secrets/values.js";
import { ASSIGNMENT, assignments, enclosingQuote, fieldValue, findScriptSecrets, KEY_BINDING, keyBindings, PIPE_LED_TABLE_ROW, pipeLedTableRows, TABLE_ROW, tableRows, TYPED_DECLARATION, typedDeclarations, wholeQuotedValue, withoutClosers } from "../../linter-core/secrets/scripts.js";
import { matchesOf } from "../../linter-core/text.js";
import { FakeSecrets } from "../helpers.js";

const fake = new FakeSecrets(105);
/** Random characters no two of which count (their codes are all odd, or all even): a body no placeholder test trips on. */
const uncounted = (length: number) => fake.chars(length, "acegikmoqsuwyACEGIKMOQSUWY2468");

/** Random texts of the pieces a matcher's regex turns on (its property test: the fast matcher finds what the regex finds). */
function* randomTexts(seed: number, pieces: readonly string[], count = 3000): Generator<string> {
  const random = new FakeSecrets(seed);
  for (let i = 0; i < count; i++) {
    let text = "";
    for (let n = random.below(24); n >= 0; n--) text += random.pick(pieces);
    yield text;
  }
}
const token = fake.chars(32);
const uuid = [fake.hex(8), fake.hex(4), `4${fake.hex(3)}`, `a${fake.hex(3)}`, fake.hex(12)].join("-");
// nhilint-disable-next-line hardcoded-secret -- a made-up password the idioms must find
const password = "Xk9mP2qLz7";

describe("secret idioms in scripts: each idiom, its name and the value's place", () => {
  const found = (script: string) => findScriptSecrets(script).map((m) => [m.title, m.secretName, script.slice(m.start, m.end) === m.value ? m.value : "misplaced"]);
  const cases: [string, string, string[][]][] = [
    ["an Authorization header, any scheme", `curl -H "Authorization: token ${token}" x`, [["token in an Authorization header", "API_TOKEN", token]]],
    ["a Bot authorization", `Authorization:   Bot ${token}`, [["token in an Authorization header", "API_TOKEN", token]]],
    ["a request header named like a key", `curl --header "X-Api-Key: ${token}" x`, [["credential in a request header", "X_API_KEY", token]]],
    ["a short header option", `curl -H 'PRIVATE-TOKEN: ${token}' x`, [["credential in a request header", "PRIVATE_TOKEN", token]]],
    // A header named for a credential is judged as a password is: a short key is still one (gitleaks's curl case).
    ["a short value in a credential header", `curl -X POST --header "Api-Token: ${password}" x`, [["credential in a request header", "API_TOKEN", password]]],
    ["docker login -p", `docker login -u bot -p ${password} ghcr.io`, [["password given to a registry login", "REGISTRY_PASSWORD", password]]],
    ["other CLIs' login -p, and registry clients' own", `az login --service-principal -u app -p ${password} --tenant t\npodman login -u bot -p ${password} quay.io\nhelm registry login ghcr.io --password ${password}`, [["password given to a registry login", "REGISTRY_PASSWORD", password], ["password given to a registry login", "REGISTRY_PASSWORD", password], ["password given to a login command", "LOGIN_PASSWORD", password], ["credential passed as a command-line option", "PASSWORD", password]]],
    ["docker login --password= (also an option naming a password)", `docker login --password="${password}" ghcr.io`, [["password given to a registry login", "REGISTRY_PASSWORD", password], ["credential passed as a command-line option", "PASSWORD", password]]],
    ["curl -u user:password", `curl -fsS -u admin:${password} https://x`, [["password in a curl/wget user option", "BASIC_AUTH_PASSWORD", password]]],
    ["wget --user=", `wget --user=bot:${password} https://x`, [["password in a curl/wget user option", "BASIC_AUTH_PASSWORD", password]]],
    ["an --api-token option", `deploy --api-token ${token}`, [["credential passed as a command-line option", "API_TOKEN", token]]],
    ["an --api-key= option", `deploy --api-key=${token}`, [["credential passed as a command-line option", "API_KEY", token]]],
    ["a PowerShell -ApiKey", `Publish-Module -NuGetApiKey ${token}`, [["credential passed as a command-line option", "NU_GET_API_KEY", token]]],
    ["an argument list", `["--access-token", "${token}"]`, [["credential passed as a command-line option", "ACCESS_TOKEN", token]]],
    ["an npm _authToken", `//registry.npmjs.org/:_authToken=${token}`, [["npm auth token in a script", "NPM_TOKEN", token]]],
    ["an npm _auth (also a variable named auth)", `_auth = "${token}"`, [["npm auth token in a script", "NPM_TOKEN", token], ["credential assigned to a variable", "AUTH", token]]],
    ["an export", `export DEPLOY_TOKEN=${token}`, [["credential assigned to a variable", "DEPLOY_TOKEN", token]]],
    ["a PowerShell $env: assignment", `$env:API_KEY = "${token}"`, [["credential assigned to a variable", "API_KEY", token]]],
    ["a set in cmd", `set CLIENT_SECRET=${token}`, [["credential assigned to a variable", "CLIENT_SECRET", token]]],
    // Operators and spacing of other languages, as gitleaks's generic rule reads them (secretlint's own
    // suite: azure, ng.azure_client_secret, is Go's `:=`).
    ["Go's :=", `azureClientSecret := "${token}"`, [["credential assigned to a variable", "AZURE_CLIENT_SECRET", token]]],
    ["Make's ?= and ::=", `API_TOKEN ?= ${token}\nDEPLOY_KEY ::= ${token}`, [["credential assigned to a variable", "API_TOKEN", token], ["credential assigned to a variable", "DEPLOY_KEY", token]]],
    ["aligned assignments", `SECRET_KEY      =   '${token}'`, [["credential assigned to a variable", "SECRET_KEY", token]]],
    // Nineteenth session: sshpass, MySQL's joined -p, .netrc, a Dockerfile's ENV without `=`.
    ["sshpass -p", `sshpass -p '${password}' ssh bot@host`, [["password given to sshpass", "SSH_PASSWORD", password]]],
    ["a MySQL client's joined -p", `mysql -u root -p${password} app\nmysqldump -uroot -p'${password}' db > x.sql`, [["password given to a MySQL client", "MYSQL_PASSWORD", password], ["password given to a MySQL client", "MYSQL_PASSWORD", password]]],
    [".netrc, on one line or one token per line", `machine api.example.com login bot password ${password}\nmachine h\n  login bot\n  password ${password}`, [["password in a .netrc entry", "NETRC_PASSWORD", password], ["password in a .netrc entry", "NETRC_PASSWORD", password]]],
    ["a JWT signed with a literal key (PyJWT, jsonwebtoken in text)", `token = jwt.encode({"sub": user}, "${password}", algorithm="HS256")\nconst t = jwt.sign({ id }, '${password}x')`, [["JWT signing key in code", "JWT_SECRET", password], ["JWT signing key in code", "JWT_SECRET", `${password}x`]]],
    ["openssl's pass: source", `openssl pkcs12 -export -passout pass:${password} -in a`, [["passphrase given to openssl", "OPENSSL_PASSPHRASE", password]]],
    ["keytool's and jarsigner's -storepass and -keypass", `keytool -genkey -storepass ${password} -keypass ${password}`, [["credential passed as a command-line option", "STOREPASS", password], ["credential passed as a command-line option", "KEYPASS", password]]],
    ["npm config set, with a space (what it writes has `=`)", `npm config set //registry.npmjs.org/:_authToken ${token}\nnpm config set //r.example/:_password ${btoa(password)}`, [["npm password in a config", "NPM_PASSWORD", btoa(password)], ["npm auth token in a script", "NPM_TOKEN", token]]],
    ["npm's legacy _password", `//registry.example.com/:_password=${btoa(password)}`, [["npm password in a config", "NPM_PASSWORD", btoa(password)]]],
    ["a Dockerfile's ENV NAME value", `FROM x\nENV API_TOKEN ${token}\nENV PATH /usr/bin\n`, [["credential assigned to a variable", "API_TOKEN", token]]],
    // Dotted names and what leads a name besides a blank (nineteenth session).
    ["an attribute (Python, Ruby, Java)", `self.api_key = '${token}'\nsettings.SECRET_KEY = "${token}"`, [["credential assigned to a variable", "API_KEY", token], ["credential assigned to a variable", "SETTINGS_SECRET_KEY", token]]],
    [".properties and Helm's --set", `spring.datasource.password=${password}\nhelm install x ./c --set db.password=${password}`, [["credential assigned to a variable", "SPRING_DATASOURCE_PASSWORD", password], ["credential assigned to a variable", "DB_PASSWORD", password]]],
    ["redis-cli's -a and --pass, openssl's legacy -k", `redis-cli -h cache -a ${password} ping\nredis-cli --pass '${password}' info\nopenssl enc -aes-256-cbc -k ${password} -in a -out b\nredis-cli -a $REDIS_PASSWORD\nssh-keygen -k x`, [["passphrase given to openssl", "OPENSSL_PASSPHRASE", password], ["password given to redis-cli", "REDIS_PASSWORD", password], ["password given to redis-cli", "REDIS_PASSWORD", password]]],
    ["PowerShell: a plain-text SecureString, a hashtable's quoted key", `$pw = ConvertTo-SecureString "${password}" -AsPlainText -Force\n$c = (ConvertTo-SecureString -String '${password}' -asplaintext -force)\nConvertTo-SecureString "${password}x"\n$s = ConvertTo-SecureString $plain -AsPlainText -Force\nInvoke-RestMethod -Headers @{ "X-Api-Key" = "${token}"; 'Name' = 'web-01' }`, [["password given to ConvertTo-SecureString", "PASSWORD", password], ["password given to ConvertTo-SecureString", "PASSWORD", password], ["credential-like value under \`X-Api-Key\`", "X_API_KEY", token]]],
    ["Windows: cmdkey /pass:, net use /user: name password, sqlcmd and bcp -P", `cmdkey /generic:host /user:admin /pass:${password}\nnet use \\\\srv\\share /user:CORP\\svc ${password}\nsqlcmd -S db -U sa -P ${password} -Q "select 1"\nbcp t out f.dat -U sa -P${password}\nsqlcmd -S db -P $(SqlPassword)\npsql -P pager=off`, [["password given to a Windows command", "WINDOWS_PASSWORD", password], ["password given to a Windows command", "WINDOWS_PASSWORD", password], ["password given to a Windows command", "WINDOWS_PASSWORD", password], ["password given to a Windows command", "WINDOWS_PASSWORD", password]]],
    ["LDAP's -w, smbclient's user%password, zip's -P, 7-Zip's -p, lftp's user,password, Mosquitto's -P", `ldapsearch -x -D "cn=admin" -w ${password} -b dc=x\nsmbclient //srv/share -U backup%${password} -c ls\nzip -P ${password} b.zip f\nunzip -P ${password} b.zip\n7z x -p${password} a.7z\nlftp -u deploy,${password} ftp.example.com\nmosquitto_pub -u dev -P ${password} -t x\n7z a -p a.7z\nunzip -P $ZIP_PASSWORD b.zip\nldapsearch -w password`, Array.from({ length: 7 }, () => ["password given to a command", "PASSWORD", password])],
    ["the MongoDB shells' -p, a keychain's -p, rclone's pass, mysqladmin's password; htpasswd -b, rabbitmqctl add_user and mc alias set's positional secret", `mongosh "mongodb://admin@db" -p ${password}\nmongodump --uri x -p '${password}'\nsecurity unlock-keychain -p ${password} build.keychain\nrclone config create r sftp host x user u pass ${password}\nmysqladmin -u root password ${password}\nhtpasswd -Bb .htpasswd admin ${password}\nrabbitmqctl add_user deploy ${password}\nmc alias set s3 https://s3.example.com AKIAEXAMPLEKEYID01 ${password}\nmongosh -p $MONGO_PASSWORD\nhtpasswd -c .htpasswd admin\nsecurity unlock-keychain -p "$KEYCHAIN_PASSWORD" x`, Array.from({ length: 8 }, () => ["password given to a command", "PASSWORD", password])],
    ["a publishing CLI's short option: vsce's and ovsx's -p, Codecov's -t (a UUID), gh secret set's --body", `npx vsce publish -p ${token}\novsx publish x.vsix -p ${token}\ncodecov -t ${uuid}\ngh secret set API_TOKEN --body ${token}\ngh secret set X -b"${token}"\ngh secret set X --body "$VALUE"\nvsce package -o x.vsix`, Array.from({ length: 5 }, () => ["token given to a command", "API_TOKEN", token]).map((row, i) => (i === 2 ? [row[0], row[1], uuid] : row))],
    ["a variable's default in an expansion (shell, compose): `:-`, `-`, `:=`; not a placeholder, a reference or a name that is no credential", `export DB_PASSWORD=\${DB_PASSWORD:-${password}}\ncurl -H "x-api-key: \${API_KEY-${token}}" x\n: "\${SIGNING_SECRET:=${token}}"\nX=\${DB_PASSWORD:-postgres}\nY=\${API_TOKEN:-$FALLBACK_TOKEN}\nZ=\${REGION:-${token}}\nW=\${TOKEN:-}`, [["credential given as a variable's default", "DB_PASSWORD", password], ["credential given as a variable's default", "API_KEY", token], ["credential given as a variable's default", "SIGNING_SECRET", token]]],
    // nhilint-disable-next-line hardcoded-secret -- a made-up UUID key the assignment idiom must find
    ["a UUID assigned to a name that says it is the secret; not to an identifier's or a page token's", `export API_KEY=8e1c4b7a-2d5f-4a9c-8b3e-6f0d2a7c9e14\nCLIENT_ID=8e1c4b7a-2d5f-4a9c-8b3e-6f0d2a7c9e14\nPAGE_TOKEN=8e1c4b7a-2d5f-4a9c-8b3e-6f0d2a7c9e14`, [["credential assigned to a variable", "API_KEY", "8e1c4b7a-2d5f-4a9c-8b3e-6f0d2a7c9e14"]]],
    ["a password given to an HTTP client's basic auth in code: Python's auth tuple and HTTPBasicAuth, Go's SetBasicAuth, .NET's NetworkCredential, OkHttp, superagent; not a variable or a call", `r = requests.get(u, auth=("svc", "${password}"))\nHTTPBasicAuth('svc', '${password}')\nreq.SetBasicAuth(user, "${password}")\nnew NetworkCredential("svc", "${password}", "CORP")\nCredentials.basic("svc", "${password}")\nrequest.get(u).auth('svc', '${password}')\nauth=("svc", password)\nreq.SetBasicAuth("svc", os.Getenv("PW"))\nauth=("svc", "${password}" + suffix)`, Array.from({ length: 6 }, () => ["password given to a basic-auth call", "BASIC_AUTH_PASSWORD", password])],
    ["a login's password in a list of arguments (Cloud Build's args, a container's command)", `args: ['login', '-u', 'bot', '-p', '${password}', 'registry.example.com']\ncommand: ["docker", "login", "--password", "${password}"]\nargs: ['login', '-u', 'bot', '-p', "$$PW"]`, [["password given to a login command", "LOGIN_PASSWORD", password], ["password given to a login command", "LOGIN_PASSWORD", password], ["credential passed as a command-line option", "PASSWORD", password]]],
    ["a `$` inside single quotes is text (no shell, PHP or Python expands it there): a WordPress salt, a Python key; in double quotes it still expands", `SECRET_KEY = 'django-insecure-k9#q2z!r7xl$m4v^w8p3b@c6h1j0d5f'\nexport DB_PASSWORD='${password}$'\nexport API_TOKEN="abc$HOME"\nexport API_KEY='$API_KEY'`, [["credential assigned to a variable", "SECRET_KEY", "django-insecure-k9#q2z!r7xl$m4v^w8p3b@c6h1j0d5f"], ["credential assigned to a variable", "DB_PASSWORD", `${password}$`]]],
    ["wget's --header=", `wget --header="X-Auth-Token: ${token}" https://x`, [["credential in a request header", "X_AUTH_TOKEN", token]]],
    ["a literal piped to a password's standard input; a tool's config set from the command line", `echo "${password}" | docker login -u bot --password-stdin ghcr.io\nprintf '%s' '${password}' | helm registry login ghcr.io -u bot --password-stdin\necho -n ${password} | sudo -S apt-get update\necho "$REGISTRY_PASSWORD" | docker login --password-stdin\necho "${password}" | tee notes.txt\naws configure set aws_secret_access_key ${token}\nyarn config set npmAuthToken ${token}\npoetry config pypi-token.pypi ${token}\ngit config --global user.name ${token}\naws configure set region eu-west-1`, [["password piped to a command's standard input", "PASSWORD", password], ["password piped to a command's standard input", "PASSWORD", password], ["password piped to a command's standard input", "PASSWORD", password], ["credential assigned to a variable", "AWS_SECRET_ACCESS_KEY", token], ["credential assigned to a variable", "NPM_AUTH_TOKEN", token], ["credential assigned to a variable", "PYPI_TOKEN", token]]],
    ["a JVM system property, Maven's -D", `java -Dspring.datasource.password=${password} -jar app.jar\nmvn deploy -Dgpg.passphrase=${password} -Dskip.tests=true`, [["credential assigned to a variable", "SPRING_DATASOURCE_PASSWORD", password], ["credential assigned to a variable", "GPG_PASSPHRASE", password]]],
    ["dashed names: Spring's relaxed names in .properties and -D, a query's api-key", `spring.security.oauth2.client.registration.github.client-secret=${token}\napp.jwt.secret-key = ${token}\njava -Dapp.auth.client-secret=${token} -jar app.jar\ncurl 'https://x/v1?api-key=${token}'\nspring.application.name=billing-service-prod-eu-west-1\n--token-file=/run/secrets/token-file-location`, [["credential assigned to a variable", "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_GITHUB_CLIENT_SECRET", token], ["credential assigned to a variable", "APP_JWT_SECRET_KEY", token], ["credential assigned to a variable", "APP_AUTH_CLIENT_SECRET", token], ["credential assigned to a variable", "API_KEY", token]]],
    ["sigils: PowerShell's and PHP's $, Ruby's @, PHP's ->", `$apiKey = "${token}"\n@api_token = '${token}'\n$this->password = '${password}';`, [["credential assigned to a variable", "API_KEY", token], ["credential assigned to a variable", "API_TOKEN", token], ["credential assigned to a variable", "PASSWORD", password]]],
    ["a query string, a flag's value, a quoted variable", `curl 'https://x/api?user=bot&password=${password}'\nkubectl create secret generic db --from-literal=token=${token}\nterraform apply -var 'db_password=${password}'`, [["credential assigned to a variable", "PASSWORD", password], ["credential assigned to a variable", "TOKEN", token], ["credential assigned to a variable", "DB_PASSWORD", password]]],
    // gitleaks's own curl cases (cmd/generate/config/rules/curl.go), with made-up values.
    ["curl -u with no user", `curl -u ":${password}" https://localhost:9200`, [["password in a curl/wget user option", "BASIC_AUTH_PASSWORD", password]]],
    ["curl -u with the key as the user and no password (gitleaks's case, Stripe's form)", `curl -u "${password}:" https://localhost:9200\ncurl https://api.example.com/v1 \\\n  -u ${token}:`, [["credential in a curl/wget user option", "BASIC_AUTH_USER_KEY", password], ["credential in a curl/wget user option", "BASIC_AUTH_USER_KEY", token]]],
    ["curl --user with the password quoted", `curl --user kevin:'${password}' -iX PATCH https://x`, [["password in a curl/wget user option", "BASIC_AUTH_PASSWORD", password]]],
    ["curl --user on a continuation line", `curl https://api.example.net/oauth2/token \\\n  --user appid:${password} -d x`, [["password in a curl/wget user option", "BASIC_AUTH_PASSWORD", password]]],
    ["an Authorization header of any scheme", `curl -H "Authorization: Api-Token ${token}" x`, [["token in an Authorization header", "API_TOKEN", token]]],
    ["an Authorization header with no scheme, a UUID", `curl --header  'Authorization:  ${uuid}'`, [["token in an Authorization header", "API_TOKEN", uuid]]],
    ["a UUID sent as an API key header", `curl -X GET \\\n  -H "apikey: ${uuid}" x`, [["credential in a request header", "APIKEY", uuid]]],
  ];
  for (const [what, script, expected] of cases) it(what, () => assert.deepEqual(found(script), expected));

  const none: [string, string][] = [
    ["a reference", "curl -H \"Authorization: Bearer $TOKEN\" x"],
    ["a placeholder Basic credential", `Authorization: Basic ${btoa("your_email@domain.com:your_user_api_token")}`],
    // (Its base64 looks random: only the header's own check reads the password inside.)
    ["a Basic credential whose password is a test container's", `curl -H "Authorization: Basic ${btoa("admin:postgres")}" x`],
    // (Counting across a dash: `…ab-cd…` reads `abcd`.)
    ["a UUID that counts across a dash", `curl -H "Authorization: 7f3e91ab-cd42-4e8f-9a6b-1c3d5e7f9a0b" x`],
    ["a weak docker password", "docker login -p password ghcr.io"],
    ["a non-credential variable", `export BUILD_ID=${token}`],
    ["a header that names no credential", `curl -H "X-Request-Id: ${token}" x`],
    ["a credential header's placeholder, word or number", `curl -H "X-Api-Key: YOUR_API_KEY" -H "X-Auth-Token: changeme" -H "Api-Token: 12345678" -H "X-Api-Key: xxxxxxxx" x`],
    ["an option that names no credential", `deploy --build-id ${token}`],
    ["a script without any idiom's keyword", `echo ${token}`],
    ["a UUID nobody would issue as a key", `curl -H "X-Api-Key: 00000000-0000-0000-0000-000000000000" -H "Authorization: 12345678-1234-1234-1234-123456789abc" x`],
    ["an empty curl user and password, a user name alone, a reference", `curl -u ":" https://localhost:9200\ncurl -u admin: https://x\ncurl -u "$API_KEY:" https://x`],
    ["an Authorization header's reference or prose", `curl -H "Authorization: Bearer $API_KEY" x\nAuthorization: the step that checks a caller's rights`],
    // laravel's .env.example: an empty value, then the next variable's line.
    // pulumi/examples' kubernetes-py-jenkins: a string ending in a credential word, then a keyword argument.
    ["a string naming a credential, then other code", `secret = Secret(\n    name + "-secret",\n    metadata=ObjectMetaArgs${"x".repeat(20)}(`],
    ["a MySQL client's -p alone (it prompts), sshpass given a reference, openssl's other sources", `mysql -u root -p app\nsshpass -p$PW ssh x\nsshpass -e ssh x\nopenssl rsa -passin env:PW -passout file:pw.txt`],
    ["a JWT key from a variable or the environment, a placeholder key", `jwt.decode(token, SECRET_KEY, algorithms=["HS256"])\njwt.verify(token, process.env.JWT_SECRET)\njwt.encode(payload, "secret")`],
    ["prose about logging in with a password", "Enter the password when asked; login with the password you set, then password reset"],
    ["an empty value followed by another variable", `PUSHER_APP_SECRET=\nPUSHER_APP_CLUSTER_${token}=mt1\n`],
    // Code around a string where a value was expected (microsoft/terminal's pipeline, gitleaks's and Python's own source).
    ["a PowerShell type's member, a format field, a concatenation, a prefix", `$Credential = [PSCredential]::new("x", $t)\nkey := "{cloud_iam_key}extra"\nu := "?token="+generatedToken+"&o=1"\nself.key = '_threading_local._localimpl.' + str(id(self))`],
  ];
  for (const [what, script] of none) it(`not ${what}`, () => assert.deepEqual(found(script), []));

  it("only a name is judged for a password word, never the value (`Authorization: …pwd…` is a token)", () => {
    // (Eleven characters: a password's length, under a token's twelve.)
    assert.deepEqual(found(`curl -H "Authorization: Bearer pwd${password.slice(0, 8)}" x`), []);
    assert.deepEqual(found(`curl -H "Authorization: Bearer passw${password.slice(0, 6)}" x`), []);
  });
  it("a password-named variable is judged as a password (shorter values count)", () => {
    assert.deepEqual(found(`export DB_PASSWORD=${password}`), [["credential assigned to a variable", "DB_PASSWORD", password]]);
    assert.deepEqual(found(`export API_TOKEN=${password}`), []);
  });
  it("so is one named a passphrase or a `pass` (`DB_PASS`, `smtpPass`: TruffleHog's zipapi case)", () => {
    assert.deepEqual(found(`GPG_PASSPHRASE=${password}\nDB_PASS=${password}\nsmtpPass = "${password}"`), [
      ["credential assigned to a variable", "GPG_PASSPHRASE", password],
      ["credential assigned to a variable", "DB_PASS", password],
      ["credential assigned to a variable", "SMTP_PASS", password],
    ]);
    assert.deepEqual(found(`proxy_bypass=${password}\nCOMPASS=${password}`), []);
  });
  it("in program source an unquoted list, call or block is code (`fds_to_pass = [listener.fileno(), r]`)", () => {
    const code = (script: string) => findScriptSecrets(script, { programSource: true }).map((m) => m.value);
    assert.deepEqual(code(`db_pass = [${password}, r]\nDB_PASS = (${password})\nsmtp_pass = {${password}}`), []);
    assert.deepEqual(code(`db_pass = "[${password}"`), [`[${password}`], "quoted, a `[` is the value's");
    assert.deepEqual(code(`config = {db_pass = "${password}"}`), [password], "a block opened after `=` is no value: the assignment inside it is read");
    assert.deepEqual(code(`run("sshpass -p ${password} ssh host")`), [password], "only a name's binding is taken for code, not a command's password");
    assert.deepEqual(code(`db_pass = 9${password}[0]`), [`9${password}[0]`]);
  });
  it("so is an unquoted name under a quoted key (`{\"password\": db_pass}`); quoted, it is the value", () => {
    const bound = (script: string) => findScriptSecrets(script, { programSource: true, keyBindings: true }).map((m) => m.value);
    assert.deepEqual(bound(`creds = {"password": ${password}}`), []);
    assert.deepEqual(bound(`creds = {"password": "${password}"}`), [password]);
    // (A value that switches kinds seldom, as code does: only its quote tells it from a name.)
    // nhilint-disable-next-line hardcoded-secret -- a made-up token the key-binding idiom must find
    assert.deepEqual(bound(`headers = {"api_token": "Bearer kqvzmwxb84629173"}`), ["kqvzmwxb84629173"]);
    // nhilint-disable-next-line hardcoded-secret -- the same made-up token, unquoted in the code the idiom reads
    assert.deepEqual(bound(`headers = {"api_token": Bearer kqvzmwxb84629173}`), []);
  });
});

describe("a quoted value holds what only ends a bare shell word (`;|&<>()`), and a `$` where the language expands none", () => {
  // A Django key (`!@#$%^&*(-_=+)` among its 50 characters), a generated password, a Laravel token
  // (`49|07KJ…`): a quote ends them, not the first `(`, `&` or `$` (before: a Django key was cut to
  // its first few characters, and most were lost).
  const random = new FakeSecrets(777);
  const django = () => `${random.chars(20)}$${random.chars(6)}(${random.chars(6)})&${random.chars(6)}|${random.chars(6)}<>${random.chars(6)}`;
  const values = (script: string, options: Parameters<typeof findScriptSecrets>[1] = {}) => findScriptSecrets(script, options).map((m) => (script.slice(m.start, m.end) === m.value ? m.value : "misplaced"));

  it("in a language that expands no `$` in double quotes, the whole value to its quote; in shell, up to the `$`", () => {
    const key = django();
    assert.deepEqual(values(`SECRET_KEY = "${key}"\n`, { programSource: true, keyBindings: true, literalDollar: true }), [key]);
    assert.deepEqual(values(`export SECRET_KEY="${key}"\n`), [key.slice(0, key.indexOf("$"))], "a shell expands `$…` in double quotes: the value ends there");
    assert.deepEqual(values(`export SECRET_KEY='${key}'\n`), [key], "single quotes: nothing expands");
  });

  it("the shell's own metacharacters inside quotes are the value's in shell too; bare, they end it", () => {
    const value = `${random.chars(20)}(${random.chars(6)})&${random.chars(6)};${random.chars(6)}|${random.chars(4)}`;
    assert.deepEqual(values(`export API_TOKEN="${value}"\n`), [value]);
    assert.deepEqual(values(`export API_TOKEN=${value}\n`), [value.slice(0, value.indexOf("("))]);
    assert.deepEqual(values(`{\"script\": \"export API_TOKEN=\\"${value}\\"\"}`), [value], "opened and closed by escaped quotes (a script in a JSON string)");
  });

  it("not past a blank, a comma, a backslash, a backquote, the other quote or the end of what is looked at; nor onto a query's or a connection string's next field", () => {
    const head = random.chars(20);
    for (const rest of [`( ${random.chars(8)}`, `(${random.chars(8)},${random.chars(8)}`, `(\\${random.chars(8)}`, "(`x`", `('${random.chars(8)}`, `(${random.chars(600)}`, `&user_token=${random.chars(8)}`, `;Password=${random.chars(12)}`, `&  next.field=1`]) {
      assert.equal(values(`API_TOKEN = "${head}${rest}"\n`, { literalDollar: true })[0], head, rest);
    }
    assert.deepEqual(values(`API_TOKEN = "${head}&${random.chars(8)}=="\n`, { literalDollar: true }), [head], "`&x=` is a field even when what follows looks random");
    const tail = `&${random.chars(8)}`;
    assert.deepEqual(values(`API_TOKEN = "${head}${tail}"\n`, { literalDollar: true }), [head + tail]);
  });
});

describe("a field of a quoted string (a connection string, a query, libpq's `key=value` list) holds `|()` too, and a `$` the string does not expand", () => {
  const random = new FakeSecrets(778);
  const values = (script: string, options: Parameters<typeof findScriptSecrets>[1] = {}) => findScriptSecrets(script, options).map((m) => (script.slice(m.start, m.end) === m.value ? m.value : "misplaced"));
  const password = () => `${random.chars(6)}(${random.chars(6)})|${random.chars(6)}`;

  it("to the field's end (`;`, `&`, a blank) or the string's", () => {
    const pw = password();
    assert.deepEqual(values(`var cs = "Server=db;Database=app;Password=${pw};";\n`), [pw]);
    assert.deepEqual(values(`dsn = "host=db password=${pw} user=app"\n`), [pw]);
    assert.deepEqual(values(`dsn = "host=db password=${pw}"\n`), [pw]);
    assert.deepEqual(values(`q = "a=1&api_token=${pw}&b=2"\n`), [pw]);
    const short = `${random.chars(4)}(${random.chars(10)}`;
    assert.deepEqual(values(`var cs = "Server=db;Password=${short};";\n`), [short], "a short password with a `(` is no call in a string");
  });

  it("a `$` only where the string expands none; not outside quotes, nor at a tag's `<`, nor on a line longer than what is looked at", () => {
    const pw = `${random.chars(6)}$${random.chars(10)}`;
    assert.deepEqual(values(`x = "user=a password=${pw}"\n`, { literalDollar: true }), [pw]);
    assert.deepEqual(values(`echo "user=a password=${pw}"\n`), [], "a shell's double quotes expand it: 6 characters are left, too few");
    assert.deepEqual(values(`x = 'user=a password=${pw}'\n`), [pw], "nothing expands in single quotes");
    const cut = `${random.chars(18)}`;
    assert.deepEqual(values(`export DB_PASSWORD=${cut}(${random.chars(6)})\n`), [cut], "bare, a `(` ends it");
    assert.deepEqual(values(`line = "<password>${cut}</password>"\n`), [], "a tag is no part of a value");
    assert.deepEqual(values(`x = "${"a".repeat(500)} password=${cut}(${random.chars(6)})"\n`), [cut], "past 500 characters the string is not read back to its quote");
  });
});

describe("an assignment held in another's value (a systemd unit's `Environment=\"API_TOKEN=…\"`, a URL's `?token=`)", () => {
  const random = new FakeSecrets(779);
  const found = (script: string, options: Parameters<typeof findScriptSecrets>[1] = {}) => findScriptSecrets(script, options).map((m) => [m.secretName, script.slice(m.start, m.end) === m.value ? m.value : "misplaced"]);

  it("is read under its own name, where the outer name is no credential's", () => {
    const value = random.chars(32);
    assert.deepEqual(found(`[Service]\nEnvironment="API_TOKEN=${value}"\n`), [["API_TOKEN", value]]);
    assert.deepEqual(found(`Environment=API_TOKEN=${value}\n`), [["API_TOKEN", value]]);
    assert.deepEqual(found(`url = "https://api.example.com/v1/items?token=${value}&limit=10"\n`, { programSource: true, literalDollar: true }), [["TOKEN", value]]);
    assert.deepEqual(found(`docker run -e "DB_PASSWORD=${value}" app\n`), [["DB_PASSWORD", value]]);
    // An `=` with no name before it first (`/id=7`: a path's, no parameter's): the next one is tried.
    assert.deepEqual(found(`url = "https://api.example.com/v1/items/id=7?token=${value}"\n`, { programSource: true, literalDollar: true }), [["TOKEN", value]]);
  });

  it("a URL query's bare `key` is the API key (`?key=`, `&key=`: Google's and most APIs' way); elsewhere `key` alone names nothing", () => {
    const value = random.chars(32);
    assert.deepEqual(found(`curl "https://api.example.com/v1/user?key=${value}"\n`), [["API_KEY", value]]);
    assert.deepEqual(found(`url = "https://maps.example.com/json?address=x&KEY=${value}"\n`, { programSource: true, literalDollar: true }), [["API_KEY", value]]);
    assert.deepEqual(found(`key=${value}\n`), [], "not led by `?` or `&`");
    assert.deepEqual(found(`curl "https://api.example.com/v1/user?monkey=${value}"\n`), [], "a longer name ending in key");
    assert.deepEqual(found(`curl "https://api.example.com/v1/search?keyword=${value}"\n`), [], "a longer name starting with key");
    assert.deepEqual(found(`curl "https://api.example.com/v1/user?key =${value}"\n`), [], "a blank before its `=`: no query's");
  });

  it("not where it holds none, nor a value that is no credential", () => {
    assert.deepEqual(found(`Environment="LOG_LEVEL=${random.chars(32)}"\n`), []);
    assert.deepEqual(found(`Environment="API_TOKEN=changeme"\n`), []);
    // Base64's padding: `=` inside a value, no name before it.
    assert.deepEqual(found(`DATA=${random.chars(30)}==\n`), []);
  });

  it("the first a value holds only: a chain of them is read once", () => {
    const value = random.chars(32);
    assert.deepEqual(found(`A=TOKEN=${value}\n`), [["TOKEN", value]]);
    // (The second is inside the first's value, which is read no further.)
    assert.deepEqual(found(`A=B=TOKEN=${value}\n`), []);
  });
});

describe("an entry of a map or list named for the credentials it holds, in code read as text (`API_KEYS = {…}`)", () => {
  const random = new FakeSecrets(780);
  const found = (script: string) => findScriptSecrets(script, { keyBindings: true, programSource: true, literalDollar: true }).map((m) => [m.secretName, script.slice(m.start, m.end) === m.value ? m.value : "misplaced"]);

  it("is named for the section: Python's dict and dict(), PHP's array, Go's map, a JSON-like key, a password's length under `passwords`", () => {
    const [a, b] = [random.chars(32), random.chars(32)];
    assert.deepEqual(found(`API_KEYS = {\n    "openweathermap": "${a}",\n    "newsapi": "${b}",\n}\n`), [["OPENWEATHERMAP_API_KEY", a], ["NEWSAPI_API_KEY", b]]);
    assert.deepEqual(found(`$credentials = [\n    'stripe' => '${a}',\n    'region' => 'eu-west-1',\n];\n`), [["STRIPE_CREDENTIAL", a]]);
    assert.deepEqual(found(`var apiKeys = map[string]string{\n\t"openweathermap": "${a}",\n}\n`), [["OPENWEATHERMAP_API_KEY", a]]);
    assert.deepEqual(found(`config = {"secrets": {"webhook": "${a}"}}\n`), [["WEBHOOK_SECRET", a]]);
    const pw = "Hk3!pQ9zLm2x";
    assert.deepEqual(found(`PASSWORDS = dict(db="${pw}", cache="ab")\n`), [["DB_PASSWORD", pw]]);
  });

  it("not an entry of a map inside it, not after its closer (brackets in strings are the strings'), not in a lexer's `tokens` nor an `auth` tuple", () => {
    const a = random.chars(32);
    assert.deepEqual(found(`CREDENTIALS = {\n    "aws": {"region": "${a}"},\n}\n`), []);
    assert.deepEqual(found(`API_KEYS = {"pattern": "[({", "other": ")]}"}\nsettings = {\n    "cache_id": "${a}",\n}\n`), []);
    assert.deepEqual(found(`tokens = {\n    'root': [(r'[a-z]+', Name)],\n    'default': '${a}',\n}\n`), []);
    assert.deepEqual(found(`auth = ("bot", {"id": "${a}"})\n`), []);
    // Entries before and after a map inside it are its own.
    assert.deepEqual(found(`API_KEYS = {"a": {"b": 1}, "stripe": "${a}"}\n`), [["STRIPE_API_KEY", a]]);
    assert.deepEqual(found(`API_KEYS = {"stripe": "${a}", "b": {"c": 1}}\n`), [["STRIPE_API_KEY", a]]);
    // Lists and calls inside it are inside it too.
    assert.deepEqual(found(`$credentials = ['aws' => ['region' => '${a}']];\n`), []);
    assert.deepEqual(found(`CREDENTIALS = {"aws": dict(region="${a}")}\n`), []);
    // A map inside it never closed: what follows is inside that map.
    assert.deepEqual(found(`API_KEYS = {"a": {\n"stripe": "${a}"\n`), []);
    // After a list or a call inside it closes, its own entries again.
    assert.deepEqual(found(`$credentials = ['a' => ['x'], 'stripe' => '${a}'];\n`), [["STRIPE_CREDENTIAL", a]]);
    assert.deepEqual(found(`CREDENTIALS = {"a": f(1), "stripe": "${a}"}\n`), [["STRIPE_CREDENTIAL", a]]);
    // A pair in it, as a call's name and value are read: the name is its.
    assert.deepEqual(found(`PASSWORDS = [("db", "Hk3!pQ9zLm2x")]\n`), []);
    // nhilint-disable-next-line hardcoded-secret -- a made-up password the section idiom must find
    assert.deepEqual(found(`PASSWORDS = ("db", "Hk3!pQ9zLm2x")\n`), [["DB_PASSWORD", "Hk3!pQ9zLm2x"]]);
  });

  it("only a name that stands alone (perhaps after PHP's `$`): not the end of another, a member, a key's tail", () => {
    const a = random.chars(32);
    for (const opening of ["mysecrets = {", "self.credentials = {", "my-api-keys: {", "$$secrets = ["]) assert.deepEqual(found(`${opening}"stripe": "${a}"}\n`), [], opening);
    assert.deepEqual(found(`x = 1\n$secrets = ["stripe" => "${a}"];\n`), [["STRIPE_SECRET", a]]);
  });

  it("a string's brackets are the string's: unbalanced, escaped quotes in it, or never closed on its line", () => {
    const a = random.chars(32);
    // A string never closed ends at its line's end: the closer on the next line closes the section.
    assert.deepEqual(found(`API_KEYS = {"note": "x\n}\n"stripe": "${a}"\n`), []);
    for (const before of ['"pattern": "[(",', '"q": "a\\"[(",', "'p': '{[',", "`t`: `(`,", '"note": "it is [\n', "'n': 'x(\n"]) {
      assert.deepEqual(found(`API_KEYS = {${before} "stripe": "${a}"}\n`), [["STRIPE_API_KEY", a]], before);
    }
  });

  it("a password's length is enough under `passwords`: eight characters", () => {
    // nhilint-disable-next-line hardcoded-secret -- a made-up eight-character password the section idiom must find
    assert.deepEqual(found(`PASSWORDS = dict(db="Hk3!pQ9z")\n`), [["DB_PASSWORD", "Hk3!pQ9z"]]);
  });

  it("a section never closed is read so far only: its entries past that are no entries", () => {
    const a = random.chars(32);
    assert.deepEqual(found(`API_KEYS = {\n${"# filler\n".repeat(2300)}"stripe": "${a}"\n`), []);
    assert.deepEqual(found(`API_KEYS = {\n${"# filler\n".repeat(100)}"stripe": "${a}"\n`), [["STRIPE_API_KEY", a]]);
  });
});

describe("where a value cut short in a string ends: each reader at its edges", () => {
  // `text` holds the value from `|` on (the marker removed); what the idiom matched runs to the first `^`.
  const read = (reader: typeof wholeQuotedValue, marked: string, literalDollar = false) => {
    const start = marked.indexOf("|");
    const text = marked.replace("|", "").replace("^", "");
    return reader(text, start, text.slice(start, marked.indexOf("^") - 1), literalDollar);
  };
  it("a quoted value: on past each of `;|&<>()` to its quote; not past a blank, a comma, a backslash, a backquote, the other quote", () => {
    for (const c of ";|&<>()") assert.equal(read(wholeQuotedValue, `x="|ab^${c}cd"`), `ab${c}cd`, c);
    for (const c of [" ", "\t", ",", "\\", "`", "'"]) assert.equal(read(wholeQuotedValue, `x="|ab^(c${c}d"`), "ab", JSON.stringify(c));
    assert.equal(read(wholeQuotedValue, `x="|ab^:cd"`), "ab", "a value the idiom ended by itself");
    assert.equal(read(wholeQuotedValue, `x="|ab^(cd`), "ab", "a quote never closed");
    assert.equal(read(wholeQuotedValue, `x='|ab^(c"d'`), "ab", "the other quote");
    assert.equal(read(wholeQuotedValue, `x="|ab^&c=d"`), "ab", "a field after it");
    assert.equal(read(wholeQuotedValue, `x="|ab^(c&d=1"`), "ab", "a field further on");
    assert.equal(read(wholeQuotedValue, `x="|ab^;k.e-y_1=d"`), "ab", "a field's name of every kind of character");
    assert.equal(read(wholeQuotedValue, `x="|ab^&=d"`), "ab&=d", "no name, no field");
    assert.equal(read(wholeQuotedValue, `q="a&b=1" x="|ab^(cd"`), "ab(cd", "a field elsewhere on the line is none of its own");
  });
  it("a `$`: in double quotes only where the language expands none, in single quotes always", () => {
    assert.equal(read(wholeQuotedValue, `x="|ab^$cd"`), "ab");
    assert.equal(read(wholeQuotedValue, `x="|ab^$cd"`, true), "ab$cd");
    assert.equal(read(wholeQuotedValue, `x="|ab^(c$d"`), "ab", "further on");
    assert.equal(read(wholeQuotedValue, `x="|ab^(c$d"`, true), "ab(c$d");
    assert.equal(read(wholeQuotedValue, `x='|ab^(c$d'`), "ab(c$d");
  });
  it("opened by an escaped quote, closed by one; a backslash that escapes nothing else ends it", () => {
    assert.equal(read(wholeQuotedValue, `{"s": "x=\\"|ab^(cd\\" y"}`), "ab(cd");
    assert.equal(read(wholeQuotedValue, `{"s": "x=\\"|ab^(c\\nd\\""}`), "ab");
    assert.equal(read(wholeQuotedValue, `{"s": "x=\\"|ab^(cd" y"}`), "ab", "an unescaped quote does not close it");
  });
  it("read on for 500 characters at most", () => {
    assert.equal(read(wholeQuotedValue, `x="|ab^(${"c".repeat(498)}"`), `ab(${"c".repeat(498)}`);
    assert.equal(read(wholeQuotedValue, `x="|ab^(${"c".repeat(499)}"`), "ab");
    assert.equal(read(fieldValue, `x="k=|ab^(${"c".repeat(498)}"`), `ab(${"c".repeat(498)}`);
    assert.equal(read(fieldValue, `x="k=|ab^(${"c".repeat(499)}"`), "ab");
  });
  it("a field: on past `|()` to the string's end, a `;`, a `&`, a blank; not at a tag's `<`, nor outside any string", () => {
    for (const c of "|()") assert.equal(read(fieldValue, `x="k=|ab^${c}cd"`), `ab${c}cd`, c);
    for (const end of [";", "&", " ", "\t", '"']) assert.equal(read(fieldValue, `x="k=|ab^(cd${end}e"`), "ab(cd", JSON.stringify(end));
    for (const c of [",", "\\", "`", "'"]) assert.equal(read(fieldValue, `x="k=|ab^(c${c}d"`), "ab", JSON.stringify(c));
    assert.equal(read(fieldValue, `x="k=|ab^<cd"`), "ab");
    assert.equal(read(fieldValue, `x="k=|ab^:cd"`), "ab");
    assert.equal(read(fieldValue, `x='k=|ab^(c"d'`), "ab", "the other quote");
    assert.equal(read(fieldValue, `x='k=|ab^(cd'`), "ab(cd", "single quotes");
    assert.equal(read(fieldValue, `x="k=|ab^(cd`), "ab", "never closed: no end within the text");
    assert.equal(read(fieldValue, `k=|ab^(cd`), "ab");
    assert.equal(read(fieldValue, `x="k=|ab^$cd"`), "ab");
    assert.equal(read(fieldValue, `x="k=|ab^$cd"`, true), "ab$cd");
    assert.equal(read(fieldValue, `x='k=|ab^$cd'`), "ab$cd");
    assert.equal(read(fieldValue, `x="k=|ab}^<cd"`), "ab}", "a value ending in a closer, in a string, is not read on");
  });
  it("the string open at a place: quotes counted from the line's start (within 500 characters), escaped ones not", () => {
    const at = (marked: string) => enclosingQuote(marked.replace("|", ""), marked.indexOf("|"));
    assert.equal(at(`a "b |c`), '"');
    assert.equal(at(`a 'b |c`), "'");
    assert.equal(at(`a "b" |c`), undefined);
    assert.equal(at(`a "b ' c |d`), '"', "the other quote inside one");
    assert.equal(at(`a "b \\" c |d`), '"', "an escaped quote closes nothing");
    assert.equal(at(`a \\"b |c`), undefined, "nor opens");
    assert.equal(at(`"x"\na |b`), undefined, "a quote on the line before");
    assert.equal(at(`\n"a |b`), '"');
    assert.equal(at(`"${"a".repeat(499)}|b`), '"');
    assert.equal(at(`"${"a".repeat(500)}|b`), undefined, "the line's start too far back");
    assert.equal(at(`\n"${"a".repeat(499)}|b`), '"', "a line start just within reach");
  });
  it("an unquoted value less the closers it does not open", () => {
    assert.equal(withoutClosers("ab}}"), "ab");
    assert.equal(withoutClosers("ab]]"), "ab");
    assert.equal(withoutClosers("ab}]}"), "ab");
    assert.equal(withoutClosers("a{b}}"), "a{b}");
    assert.equal(withoutClosers("a[b]]"), "a[b]");
    assert.equal(withoutClosers("{{ab}}"), "{{ab}}");
    assert.equal(withoutClosers("ab}c"), "ab}c", "a closer inside is kept");
    assert.equal(withoutClosers("a{b]"), "a{b", "a bracket not opened goes, a brace opened stays");
    assert.equal(withoutClosers("a[b}"), "a[b");
    assert.equal(withoutClosers("}"), "");
    assert.equal(withoutClosers("a]b}"), "a]b", "only closers at the end go");
    assert.equal(withoutClosers("a}b]"), "a}b");
  });
});

describe("values bound to keys in plain text and program source (`key: value`)", () => {
  const bound = (script: string, programSource = true) => findScriptSecrets(script, { keyBindings: true, programSource }).map((m) => [m.title, m.secretName, script.slice(m.start, m.end) === m.value ? m.value : "misplaced"]);
  const under = (key: string, value = token) => [[`credential-like value under \`${key}\``, toSecretName(key), value]];
  const cases: [string, string, string[][]][] = [
    ["a Python dict", `config = {"api_secret": "${token}"}`, under("api_secret")],
    ["a Go struct literal", `client := Client{\n\tToken: "${token}",\n}`, under("Token")],
    ["a Ruby hash", `{ access_key: '${token}' }`, under("access_key")],
    // A map opened on the key's line is no value: the nested key after its `{` is read (it was not).
    ["a nested dict on one line (Django's DATABASES)", `DATABASES = {"default": {"PASSWORD": "${token}"}}`, under("PASSWORD")],
    ["a flow map in plain text, its closers no part of the value", `a: {b: {api_key: ${token}}}`, under("api_key")],
    ["a list of maps", `creds: [{"client_secret": "${token}"}]`, under("client_secret")],
    ["a bracketed binding, its closer no part of the value", `[api_key: ${token}]`, under("api_key")],
    ["an Authorization value under a key (TruffleHog's detector tests)", `api:\n  calendly_auth_token: "Bearer ${token}"`, under("calendly_auth_token")],
    ["a key that begins with a digit (TruffleHog's 8x8 test; a file's name, not a variable's)", `api:\n  8x8_secret: "${token}"\n  2fa_secret: '${token}'`, [...under("8x8_secret"), ...under("2fa_secret")]],
    ["a Ruby symbol and a PHP array", `{ :auth_token => "${token}" }\n['client_secret' => '${token}']`, [...under("auth_token"), ...under("client_secret")]],
  ];
  for (const [what, script, expected] of cases) it(what, () => assert.deepEqual(bound(script), expected));
  it("a key written as words that lead its line (a note's, a README's): `API Key: …`, a list's `- Client Secret: …`, in backquotes; in a sentence the word before a bare `key`", () => {
    const text = [`API Key: ${token}`, `- Client Secret: ${token}`, `* Access token: \x60${token}\x60`, `Here is the license key: ${token}`, `> "Deploy Token": "${token}"`].join("\n");
    assert.deepEqual(bound(text, false), [...under("API Key"), ...under("Client Secret"), ...under("Access token"), ...under("license key"), ...under("Deploy Token")]);
    assert.deepEqual(toSecretName("Client Secret"), "CLIENT_SECRET");
    assert.deepEqual(bound(`API  Key: ${token}`, false), under("API Key"), "blanks between the words: one in the name");
  });
  it("on a line longer than is read back (120 characters): a sentence's two last words, never the line's lead", () => {
    const long = "x".repeat(130);
    assert.deepEqual(bound(`${long} the API Key: ${token}`, false), under("API Key"));
    assert.deepEqual(bound(`${long} Client Secret: ${token}`, false), under("Secret"), "the words read back are no line's lead: `Secret` names it alone");
    assert.deepEqual(bound(`- Client Secret: ${token}`, false), under("Client Secret"), "the text's first line, shorter than what is read back, is whole");
    assert.deepEqual(bound(`{ x: 1, :api_token => "${token}" }`), under("api_token"), "nothing that is words before the key");
  });
  it("not a sentence's words (more than four, or a bare key's word before them that names no credential), nor a key named alone where it is one", () => {
    const text = [`Remember to rotate the old secret: ${token}`, `See the docs for the key: ${token}`, `Use this monkey key: ${token}`, `The token: ${token}`, `Here is my key: ${token}`].join("\n");
    // The first: six words lead the line; the last word alone names it. The second and last: `the key`,
    // `my key` name nothing (`key` alone is no credential's name). The others: the words after `this`, `The`.
    assert.deepEqual(bound(text, false), [...under("secret"), ...under("monkey key"), ...under("token")]);
  });
  it("a table's row: the first cell a name of up to four words, the next the value alone, in Markdown or pasted (TruffleHog's Meraki, Sanity)", () => {
    const text = ["| Variable | Value |", "| --- | --- |", `| API key | ${token} |`, `| baseUrl | https://api.example.com |`, `apiKey |${token}`, `sanity auth token |\x60${token}\x60`, `| token | ${token} | more |`].join("\n");
    assert.deepEqual(bound(text, false), [...under("API key"), ...under("apiKey"), ...under("sanity auth token"), ...under("token")]);
  });
  it("not a row whose cell holds more than the value, nor code's `|` (in program source a row must open with `|`, a table in a comment)", () => {
    const text = [`| API key | ${token} and more |`, `cat secret.txt | base64 -d`, `grep token | ${token} x`];
    assert.deepEqual(bound(text.join("\n"), false), []);
    assert.deepEqual(bound(`flags = (\n    winreg.KEY_READ | winreg.${token}\n)`), []);
    assert.deepEqual(bound(`"""\n| api_key | ${token} |\n"""`), under("api_key"));
  });
  it("a GPG key's fingerprint or id is public, under any spelling of its name; a value that is none is judged", () => {
    const text = [`Release GPG key: ${fake.hex(40).toUpperCase()}`, `GPG_SIGNING_KEY=${fake.hex(16)}`, `pgp key: 0x${fake.hex(16)}`, `GPG_KEY: ${token}`].join("\n");
    assert.deepEqual(bound(text, false), under("GPG_KEY"));
  });
  it("a literal fallback for a credential read from the environment: Python's `or`, Ruby's `||`, `??`; named by what is assigned; not a name that is no credential's, not a variable", () => {
    const script = [`token = os.getenv("SERVICE_TOKEN") or "${token}"`, `API_KEY = ENV["API_KEY"] || '${token}'`, `const secret = env.SECRET ?? "${token}"`, `region = os.getenv("REGION") or "${token}"`, `password = os.getenv("PW") or fallback_password`, `token == other or "${token}"`].join("\n");
    assert.deepEqual(bound(script), [["credential given as a fallback", "TOKEN", token], ["credential given as a fallback", "API_KEY", token], ["credential given as a fallback", "SECRET", token]]);
  });

  it("a WordPress salt in wp-config.php (a `$` inside single quotes is text)", () => {
    const salt = "k9#q2z!r7xl$m4v^w8p3b@c6h1j0d5f-Xq7pL2mZ9kR4Tv8W";
    assert.deepEqual(bound(`define( 'AUTH_KEY', '${salt}' );`), [["credential-like value under `AUTH_KEY`", "AUTH_KEY", salt]]);
  });

  it("a shell expansion's default is no key and value (`${API_KEY:-…}` is not `API_KEY` bound to `-…}`): only the default is found", () => {
    const script = `curl -H "x-api-key: \${API_KEY:-${token}}" https://x\nX=\${DB_PASSWORD:=${password}}`;
    assert.deepEqual(bound(script, false), [["credential given as a variable's default", "API_KEY", token], ["credential given as a variable's default", "DB_PASSWORD", password]]);
  });

  it("a call given a credential's name, then its value (gitleaks reads `,` as an operator): PHP's define, setdefault, setProperty, addHeader", () => {
    assert.deepEqual(bound(`define( 'DB_PASSWORD', '${password}' );\nos.environ.setdefault("SECRET_KEY", "${token}")`), [
      ["credential-like value under `DB_PASSWORD`", "DB_PASSWORD", password],
      ...under("SECRET_KEY"),
    ]);
    assert.deepEqual(bound(`System.setProperty("db.password", "${password}");\nrequest.addHeader("X-Api-Key", "${token}");`), [
      ["credential-like value under `db.password`", "DB_PASSWORD", password],
      ...under("X-Api-Key"),
    ]);
    // Not a list of strings, another argument after the value, a name that is none, prose, a default that is empty.
    assert.deepEqual(bound(`words = ['hash-iterate-key', '${token}', 'next']\nset("token", "${token}", True)\nset("build_id", "${token}")\nos.getenv("API_KEY", "")`), []);
  });
  it("a subscript a quoted name keys (`os.environ['API_KEY'] = …`, PHP's `$db['default']['password'] = …`); a comparison is one, not an assignment", () => {
    assert.deepEqual(bound(`os.environ['API_KEY'] = '${token}'\n$db['default']['password'] = '${password}';`), [
      ...under("API_KEY"),
      ["credential-like value under `password`", "PASSWORD", password],
    ]);
    assert.deepEqual(bound(`if d['api_key'] == '${token}x': pass`), [["credential compared with in code", "API_KEY", `${token}x`]]);
    assert.deepEqual(bound(`d["api_key"] =~ /${token}/\nd[api_key] = '${token}'`), []);
  });
  it("an Authorization header as a quoted key or a call's name (`{'Authorization': 'Bearer …'}`, `Header.Set(\"Authorization\", …)`)", () => {
    const header = [["token in an Authorization header", "API_TOKEN", token]];
    assert.deepEqual(bound(`headers = {'Authorization': 'Bearer ${token}'}`), header);
    assert.deepEqual(bound(`req.Header.Set("Authorization", "Bearer ${token}")`), header);
    assert.deepEqual(bound(`conn.setRequestProperty(\\"Authorization\\", \\"token ${token}\\")`), header);
    assert.deepEqual(bound(`For authorization, use a token\n{"Authorization": "Bearer $TOKEN"}`), []);
  });
  it("a .properties line: unquoted is the value outside program source, code inside it", () => {
    const line = `spring.datasource.password: ${password}`;
    assert.deepEqual(bound(line, false), [["credential-like value under `spring.datasource.password`", "SPRING_DATASOURCE_PASSWORD", password]]);
    assert.deepEqual(bound(line), []);
  });

  const none: [string, string][] = [
    ["a Go composite literal's type", `auth: map[string]interface{}{\n overrideKey: config.DetectorID{ID: 1},\n Password: s.password},`],
    ["a hash of a secret (detect-secrets' baselines)", `"hashed_secret": "${fake.hex(40)}"`],
    ["a package and its version", `notes = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"`],
    ["a made-up numbered value", `Secret: "decoded-secret-value00",`],
    ["a bracketed template", `# Project keys: 'sk-[project-name]-${token}'`],
    ["a path a program fills in", `environmentKey:  "/v2/projects/%s/environments",`],
    ["a URL, a time, a C++ scope", `token_url: https://example.net/x\nsecret::Token a;\npassword_at: 12:30`],
  ];
  for (const [what, script] of none) it(`not ${what}`, () => assert.deepEqual(bound(script), []));

  it("in XML: an element named like a credential, a .NET or NuGet setting; not a reference, a placeholder or NuGet's documented sample", () => {
    const xml = (text: string) => findScriptSecrets(text, { keyBindings: true }).map((m) => [m.title, m.secretName, text.slice(m.start, m.end) === m.value ? m.value : "misplaced"]);
    assert.deepEqual(xml(`<server>\n  <username>deploy</username>\n  <password>${password}</password>\n</server>`), [["credential-like value under `password`", "PASSWORD", password]]);
    assert.deepEqual(xml(`<add key="StripeApiToken" value="${token}" />\n<add key='ClearTextPassword' value='${password}'/>`), [...under("StripeApiToken"), ["credential-like value under `ClearTextPassword`", "CLEAR_TEXT_PASSWORD", password]]);
    assert.deepEqual(xml(`<password>\${env.PASSWORD}</password><token>changeme</token><add key="Environment" value="${token}" /><add key="ClearTextPassword" value="33f!!lloppa" />`), []);
  });
  it("in Terraform: a credential-named variable's default, a secret resource's value; not another variable's, not a reference or an interpolation", () => {
    const hcl = (text: string) => findScriptSecrets(text, { keyBindings: true }).map((m) => [m.title, m.secretName, text.slice(m.start, m.end) === m.value ? m.value : "misplaced"]);
    assert.deepEqual(hcl(`variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "${password}"\n}\nvariable "region" {\n  default = "${password}"\n}\nresource "github_actions_secret" "npm_token" {\n  repository      = "app"\n  secret_name     = "NPM_TOKEN"\n  plaintext_value = "${password}"\n}\nresource "azurerm_key_vault_secret" "db" {\n  name  = "db"\n  value = var.db_password\n}\nvariable "api_token" {\n  default = "\${var.other}"\n}`), [["credential-like value under `db_password`", "DB_PASSWORD", password], ["secret value in a Terraform secret resource", "NPM_TOKEN", password]]);
    // Sixteen lines at most from the block's start, none of them a nested block's: a description, a
    // type, `sensitive` and more before the default are read past (incremental.ts reads the block whole).
    const far = (lines: number) => `variable "db_password" {\n${"  description = \"x\"\n".repeat(lines)}  default = "${password}"\n}`;
    assert.deepEqual(hcl(far(4)), [["credential-like value under `db_password`", "DB_PASSWORD", password]]);
    assert.deepEqual(hcl(far(14)), [["credential-like value under `db_password`", "DB_PASSWORD", password]]);
    assert.deepEqual(hcl(far(15)), [], "the default on the block's seventeenth line");
    assert.deepEqual(hcl(`variable "db_password" {\n  validation {\n    condition = true\n  }\n  default = "${password}"\n}`), []);
    assert.deepEqual(hcl(`variable "db_password" { default = "${password}" }`), [["credential-like value under `db_password`", "DB_PASSWORD", password]]);
    // Only where key bindings are read (plain text): a parsed document's keys are its model's.
    assert.deepEqual(findScriptSecrets(`variable "db_password" {\n  default = "${password}"\n}`).length, 0);
  });
  it("in program source a quoted key does not make its unquoted value a string", () => {
    assert.deepEqual(bound(`"api_key": Xk9mP2qLz7, "token": "${token}"`), under("token"));
  });
  it("only where asked: a parsed document binds its keys in its own model", () => {
    assert.deepEqual(findScriptSecrets(`api_secret: "${token}"`).length, 0);
  });
});

describe("typed declarations in program source and plain text (`api_key: str = \"…\"`, Go's `const apiKey string = \"…\"`)", () => {
  const typed = (script: string, programSource = true) => findScriptSecrets(script, { programSource, keyBindings: true }).map((m) => [m.title, m.secretName, script.slice(m.start, m.end) === m.value ? m.value : "misplaced"]);
  it("Python's, Rust's, Kotlin's annotation and Go's type, quoted values only", () => {
    assert.deepEqual(typed(`API_KEY: str = "${token}"`), [["credential assigned to a variable", "API_KEY", token]]);
    assert.deepEqual(typed(`const API_TOKEN: &str = "${token}";`), [["credential assigned to a variable", "API_TOKEN", token]]);
    assert.deepEqual(typed(`val apiSecret: String = "${token}"`), [["credential assigned to a variable", "API_SECRET", token]]);
    assert.deepEqual(typed(`\tconst fastlyKey string = "${token}"`), [["credential assigned to a variable", "FASTLY_KEY", token]]);
    assert.deepEqual(typed(`api_key: str = settings.API_KEY\ntoken token = "${token}"`.split("\n")[0]), []);
  });
  it("in plain text too (code in a README, TruffleHog's fastly case), not in a parsed document's scripts", () => {
    assert.deepEqual(typed(`\tconst fastlyKey string = "${token}"`, false), [["credential assigned to a variable", "FASTLY_KEY", token]]);
    assert.deepEqual(findScriptSecrets(`API_KEY: str = "${token}"`), []);
  });
});

describe("a credential compared with in program source (detect-secrets' keyword cases)", () => {
  const compared = (script: string, programSource = true) => findScriptSecrets(script, { programSource }).map((m) => [m.title, m.secretName, script.slice(m.start, m.end) === m.value ? m.value : "misplaced"]);
  it("either side of ==, ===, != or !==, a member's name too", () => {
    assert.deepEqual(compared(`if (api_key == "${token}") {`), [["credential compared with in code", "API_KEY", token]]);
    assert.deepEqual(compared(`if ("${token}" !== my_password) {`), [["credential compared with in code", "MY_PASSWORD", token]]);
    assert.deepEqual(compared(`if self.token != '${token}':`), [["credential compared with in code", "TOKEN", token]]);
  });
  it("a header or a field read by its name, and n8n's `$json`", () => {
    assert.deepEqual(compared(`if request.headers["X-Api-Key"] != "${token}":`), [["credential compared with in code", "X_API_KEY", token]]);
    assert.deepEqual(compared(`if (req.get('x-api-key') === '${token}') next();`), [["credential compared with in code", "X_API_KEY", token]]);
    assert.deepEqual(compared(`if request.headers.get("X-Webhook-Secret") == "${token}":`), [["credential compared with in code", "X_WEBHOOK_SECRET", token]]);
    assert.deepEqual(compared(`if ($json.token === "${token}") return items;`), [["credential compared with in code", "JSON_TOKEN", token]]);
    assert.deepEqual(compared(`if request.headers["Content-Type"] != "${token}": pass\nif req.get("accept") == "application/json": pass`), []);
  });
  it("not: a name that is no credential, a placeholder, outside program source", () => {
    assert.deepEqual(compared(`if (type == "api_key") {}\nif password == "password": pass\nif token == "": pass`), []);
    assert.deepEqual(compared(`if (api_key == "${token}") {`, false), []);
  });
});

describe("the typed-declaration matcher (from each `=`) finds what its regex finds", () => {
  const read = (match: RegExpExecArray) => [match[1], match[2], match.index + match[0].length - match[2].length];
  const PIECES = ["A", "token", "str", "x9", "&str", "[]byte", "Map<K,V>", " ", "  ", "\t", "\n", ":", "=", "==", '"', "'", "\\", ";", "(", ",", "."];
  it("on 3 000 random texts of those pieces", () => {
    for (const text of randomTexts(9, PIECES)) assert.deepEqual([...typedDeclarations(text)].map(read), [...matchesOf(text, TYPED_DECLARATION)].map(read), JSON.stringify(text));
  });
});

describe("the key-binding idiom's matcher (from each `:` and `=>`) finds what its regex finds", () => {
  const read = (match: RegExpExecArray) => [match[1], match[2], match.index + match[0].length - match[2].length];
  const regex = (text: string) => [...matchesOf(text, KEY_BINDING)].map(read);
  const fast = (text: string) => [...keyBindings(text)].map(read);
  // (Keys end in each class of name character at its bounds, `0` `9` `A` `Z` `a` `z` `_` `.` `-`, and
  // the characters just outside them, `/` `:` `@` `[` `\x60` `{`, come before an operator.)
  const PIECES = ["A", "token", "x.y", "a-b", "_k", "9a", "k0", "k9", "Z", "z", "_", "w".repeat(99), "v".repeat(101), " ", "  ", "\t", "\n", "\r\n", ":", "::", ":=", "://", "=>", "=", '"', "'", "\\", "{", "[", ",", "(", ";", "$", "|", ".", "-", "/", "@", "\x60"];
  it("on 3 000 random texts of those pieces", () => {
    for (const text of randomTexts(8, PIECES)) assert.deepEqual(fast(text), regex(text), JSON.stringify(text));
  });
  it("a key in escaped quotes (code held in a JSON string), its value quoted or not", () => {
    const value = fake.chars(32);
    for (const text of [`{\\"x-api-key\\": ${value} }`, `{\\"x-api-key\\": \\"${value}\\"}`, `{\\"x-api-key\\": '${value}'}`]) {
      assert.deepEqual(fast(text).map(([key, found]) => [key, found]), [["x-api-key", value]], text);
    }
  });
  it("on the cases that take care", () => {
    for (const text of ["a: b:c: d", 'x "k": v, "j": w', "k:v:w", ":k => v", "'k' :v", "k'  : v", "a:b", "=>x", "k=>v=>w", "https://k: v", 'a: "b" "c": d', "a: b'c': d", "a: 'b' 'c'\t: d", 'a:"b"c: d', "a: b\t'c' :d", "k: v\n'j'  =>  w", "a: b:'c': d", "a: b:\"c\": d", "a: b 'c': d", "a: b c: d", "a: b c': d", 'a: b:\\"c\\": d', 'a: b{\\"c\\": d', 'x {\\"k\\": v']) {
      assert.deepEqual(fast(text), regex(text), JSON.stringify(text));
    }
  });
});

describe("the table-row matchers (from each line holding a `|`) find what their regexes find", () => {
  const read = (match: RegExpExecArray) => [match[1], match[2], match.index + match[0].length - match[2].length];
  const PIECES = ["A", "api key", "token", "x.y", "9a", " ", "\t", "\n", "\r\n", "|", "||", "| ", "\x60", '"', "-", "$", "k".repeat(101)];
  it("on 3 000 random texts of those pieces, with and without a leading bar", () => {
    for (const text of randomTexts(10, PIECES)) {
      assert.deepEqual([...tableRows(text)].map(read), [...matchesOf(text, TABLE_ROW)].map(read), JSON.stringify(text));
      assert.deepEqual([...pipeLedTableRows(text)].map(read), [...matchesOf(text, PIPE_LED_TABLE_ROW)].map(read), JSON.stringify(text));
    }
  });
});

describe("the assignment idiom's matcher (from each `=`) finds what its regex finds", () => {
  // Each match as findScriptSecrets reads it: the name, the value, where the value starts, and
  // whether a quote opens it.
  const read = (text: string, match: RegExpExecArray) => {
    const valueAt = match.index + match[0].length - match[2].length;
    return [match[1], match[2], valueAt, /["']/.test(text[valueAt - 1] ?? "")];
  };
  const regex = (text: string) => [...matchesOf(text, ASSIGNMENT)].map((m) => read(text, m));
  const fast = (text: string) => [...assignments(text)].map((m) => read(text, m));
  // The pieces the regex turns on: names (long ones too), the prefixes, what may lead a name, the
  // operators, quotes and escapes, what ends a value.
  const PIECES = ["A", "TOKEN", "x9", "_k", "9a", "w".repeat(99), "v".repeat(101), "export", "set", "$env:", "-D", "D", " ", "  ", "\t", "\n", "\r\n", ";", "(", "=", "==", " = ", "\t=", '"', "'", "\\", '\\"', "$", "[", ",", "|", ".", "-", ":", ":=", "?", "::=", "@", "->", "&", "{", "x.y", "a.", ".b"];
  it("on 3 000 random texts of those pieces", () => {
    for (const text of randomTexts(7, PIECES)) assert.deepEqual(fast(text), regex(text), JSON.stringify(text));
  });
  it("on the cases that take care", () => {
    for (const text of ["A=b=c", "A= xy =z", "A= x =z", "A=\tx\t=z", "export\n\n TOKEN=x", "(TOKEN=1;KEY=2)", "x.TOKEN=1", "9TOKEN=1", "TOKEN  =1", "TOKEN=  1", "$env:A=1", "a$env:B=1", "B=x A?=y", "B=x A:=y", "B=x A ::= y", "=A=1", "A=\"\"", " -Da.password=1", "x-Dpassword=1", "-D-Dtoken=1", " -DD=1 -Dk=2", "a=b-Dk=2", `${"k".repeat(101)}=1 ${"k".repeat(102)}=2`]) {
      assert.deepEqual(fast(text), regex(text), JSON.stringify(text));
    }
    assert.deepEqual(fast("export TOKEN=abc; KEY='d'"), [["TOKEN", "abc", 13, false], ["KEY", "d", 23, true]]);
  });
});

describe("secret names", () => {
  it("upper snake case from any key; never empty, never starting with a digit", () => {
    assert.deepEqual(["apiKey", "x-api-key", "__token__", "GITHUB_TOKEN", "9lives", "ÄÖ", "client.secret", "aB"].map(toSecretName), ["API_KEY", "X_API_KEY", "TOKEN", "GITHUB_TOKEN", "_9LIVES", "SECRET", "CLIENT_SECRET", "A_B"]);
    // An object's own member is named for the member; not a name that only ends like one.
    assert.deepEqual(["self.api_key", "this.token", "cls.secret", "myself.api_key", "settings.self.token"].map(toSecretName), ["API_KEY", "TOKEN", "SECRET", "MYSELF_API_KEY", "SETTINGS_SELF_TOKEN"]);
  });
});

describe("token checksums (GitHub, npm)", () => {
  it("CRC32 and base62 as the formats define them", () => {
    assert.equal(crc32(""), 0);
    assert.equal(crc32("123456789"), 0xcbf43926);
    assert.equal(base62(0, 3), "000");
    assert.equal(base62(61, 1), "z");
    assert.equal(base62(62, 1), "10");
    assert.equal(base62(3843, 2), "zz");
  });
  it("a token is valid when its last six characters are its body's checksum; undefined when not of that shape", () => {
    const body = fake.chars(30);
    const valid = `ghp_${body}${base62Crc32(body)}`;
    assert.equal(hasValidBase62Crc32(valid), true);
    assert.equal(hasValidBase62Crc32(`${valid.slice(0, -1)}${valid.endsWith("0") ? "1" : "0"}`), false);
    assert.equal(hasValidBase62Crc32(`ghp_${body}`), undefined);
    assert.equal(hasValidBase62Crc32(`github_pat_${body}${base62Crc32(body)}`), undefined);
    assert.equal(hasValidBase62Crc32(`x${valid}`), undefined);
    // The whole value is the token: one character more at either end is another shape.
    assert.equal(hasValidBase62Crc32(`${valid}0`), undefined);
  });
});

describe("Cloudflare's token checksum", () => {
  const hexCrc = (body: string) => crc32(body).toString(16).padStart(8, "0");
  it("the last eight characters are the CRC32 of the 40 before them, in lower-case hex", () => {
    const body = fake.chars(40);
    const valid = `cfat_${body}${hexCrc(body)}`;
    assert.equal(hasValidHexCrc32(valid), true);
    assert.equal(hasValidHexCrc32(`${valid.slice(0, -1)}${valid.endsWith("0") ? "1" : "0"}`), false);
    assert.equal(hasValidHexCrc32(`cfat_${body}`), undefined);
    assert.equal(hasValidHexCrc32(`${valid}0`), undefined);
    assert.equal(hasValidHexCrc32(`1${valid}`), undefined);
    // A checksum below 0x10000000 keeps its leading zeros.
    let small = body;
    for (let i = 0; crc32(small) >= 0x10000000; i++) small = body.slice(0, 36) + String(i).padStart(4, "0");
    assert.equal(hasValidHexCrc32(`cfut_${small}${hexCrc(small)}`), true);
  });
  it("a token's finding says whether its checksum holds", () => {
    const body = fake.chars(40);
    const found = (token: string) => findProviderSecrets(`CF=${token}\n`).map((m) => [m.format.id, m.checksumValid]);
    assert.deepEqual(found(`cfat_${body}${hexCrc(body)}`), [["cloudflare-account-api-token", true]]);
    const wrong = hexCrc(body).slice(0, 7) + (hexCrc(body).endsWith("a") ? "b" : "a");
    assert.deepEqual(found(`cfk_${body}${wrong}`), [["cloudflare-prefixed-api-key", false]]);
  });
});

describe("provider table helpers", () => {
  it("caseless: letters outside classes match either case, letter ranges in classes gain the other case, escapes stay", () => {
    const source = caseless(String.raw`ab[a-f0-9]\d{2}\.X[_A-Z]`);
    assert.equal(source, String.raw`[aA][bB][a-fA-F0-9]\d{2}\.[xX][_A-Za-z]`);
    const re = new RegExp(`^${source}$`);
    assert.equal(re.test("AbF01.Xq"), true);
    assert.equal(re.test("aBc01.xQ"), true);
    assert.equal(re.test("abg01.xq"), false);
    // Letters in a class that are no range, beside a digit; a property name in braces keeps its case.
    assert.equal(caseless("[0xy]"), "[0xXyY]");
    assert.equal(caseless("[abc]"), "[aAbBcC]");
    assert.equal(caseless(String.raw`\p{Lu}q`), String.raw`\p{Lu}[qQ]`);
    assert.equal(caseless(String.raw`\w\p{Lu}`), String.raw`\w\p{Lu}`, "a property only right after its backslash");
  });
  it("a format's own judgement: its allowlist (keys Google publishes in its samples), its entropy bar", () => {
    const gcp = (key: string) => findProviderSecrets(`GOOGLE_KEY=${key}\n`).map((m) => m.format.id);
    assert.deepEqual(gcp(`AIza${fake.chars(35)}`), ["gcp-api-key"]);
    assert.deepEqual(gcp("AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs"), [], "on the format's allowlist");
    // Eight characters drawn at random: 3 bits a character, enough for any format without a bar of its own, not for this one's 4.
    const narrow = `AIza${new FakeSecrets(7).chars(35, "k2m7q9x4")}`;
    assert.equal(isPlaceholderToken(narrow), false);
    assert.deepEqual(gcp(narrow), []);
  });

  it("a token nobody would issue is a placeholder: samples, filler words in a short body, runs, counting, low entropy", () => {
    const real = `ghp_${fake.chars(36)}`;
    assert.equal(isPlaceholderToken(real), false);
    assert.equal(isPlaceholderToken("ghp_" + "your_token_here".padEnd(36, "x")), true);
    assert.equal(isPlaceholderToken(`sk_test_${fake.chars(10)}example${fake.chars(10)}`), true, "a filler word in a short body");
    assert.equal(isPlaceholderToken(`sk_test_${fake.chars(30)}AAAAA${fake.chars(40)}`), true, "five letters alike");
    assert.equal(isPlaceholderToken(`sk_test_${fake.chars(30)}AAAAA${fake.chars(40)}`, { literalRuns: true }), false, "unless the format spells runs");
    assert.equal(isPlaceholderToken(`sk_test_${fake.chars(20)}abcdef${fake.chars(10)}`), true, "six counting up");
    assert.equal(isPlaceholderToken(`sk_test_${fake.chars(20)}fedcba${fake.chars(10)}`), true, "six counting down");
    assert.equal(isPlaceholderToken("sk_test_0123-4567-89ab-cdef"), true, "mostly counting");
    assert.equal(isPlaceholderToken(`sk_test_${fake.chars(10)}012-_5678_0123-5678-01`), true, "counting restarted in each group");
    assert.equal(isPlaceholderToken(`sk_test_${fake.chars(40, "0123456789")}`), false, "random digits count up now and then");
    assert.equal(isPlaceholderToken(`sk_test_${fake.chars(10)}0123-5678-0123`), true, "counting in groups to the end");
    assert.equal(isPlaceholderToken(`sk_test_${fake.chars(14)}abc${fake.chars(14)}`), false, "three counting up by chance in a random body");
    assert.equal(isPlaceholderToken(`sk_live_${"ab".repeat(12)}`), true, "too little entropy");
    assert.equal(isPlaceholderToken(real, { entropy: 6 }), true, "below the format's entropy");
    const long = `${fake.chars(70)}password${fake.chars(300)}`;
    assert.equal(isPlaceholderToken(long), false, "a filler word by chance in a long random body");
  });
  // Each value below is caught by one test of isPlaceholderToken alone (the others overlap on the
  // obvious placeholders above), at that test's bounds.
  it("each placeholder test on its own, at its bounds", () => {
    const body = uncounted;
    // A sample's marks (`...`) in a body too long for the filler words.
    assert.equal(isPlaceholderToken(`sk_test_${body(70)}...${body(10)}`), true, "a documented mark");
    assert.equal(isPlaceholderToken(`sk_test_${body(70)}${body(10)}`), false);
    // Filler words: in a body of 64 characters, not of 65.
    const filler = (length: number) => `sk_test_${body(30)}random${body(length - 36)}`;
    assert.equal(isPlaceholderToken(filler(64)), true, "a filler word in a body of 64");
    assert.equal(isPlaceholderToken(filler(65)), false, "a filler word by chance in a body of 65");
    // Below the format's entropy, not at it (8 symbols alike often: 3 bits exactly).
    const threeBits = "acegikmo".repeat(4);
    assert.equal(entropy(threeBits), 3);
    assert.equal(isPlaceholderToken(threeBits, { entropy: 3 }), false, "at the format's entropy");
    assert.equal(isPlaceholderToken(threeBits, { entropy: 3.01 }), true, "below it");
    // Six counting in a row, wherever they stand: at the very start of a long random body too.
    assert.equal(isPlaceholderToken(`abcdef${body(40)}`), true, "six counting up at the start");
    assert.equal(isPlaceholderToken(`${body(40)}fedcba`), true, "six counting down at the end");
    assert.equal(isPlaceholderToken(`abcde${body(40)}`), false, "five is chance");
    // Counting neighbours: half of them or more, from 8 characters.
    assert.equal(isPlaceholderToken("abdeghjkm"), true, "4 of 8 neighbours count up");
    assert.equal(isPlaceholderToken("abdeghjk"), true, "4 of 7, in 8 characters");
    assert.equal(isPlaceholderToken("abdeghj"), false, "under 8 characters, counting is chance");
    assert.equal(isPlaceholderToken("abdQghjkmT"), false, "4 of 9 count up");
    // Runs of three or more counting: half the characters or more, from 8.
    assert.equal(isPlaceholderToken("abcQdefZkWmT"), true, "runs of three cover half");
    assert.equal(isPlaceholderToken("abcQdeZZkWmT"), false, "runs of three cover a quarter");
    assert.equal(isPlaceholderToken("abcdQxWm"), true, "a run of four in eight");
    assert.equal(isPlaceholderToken("abcQxyz"), false, "under 8 characters, runs are chance");
    // Too little entropy, from 10 characters: under 2 bits, not 2.
    assert.equal(isPlaceholderToken("acacacacac"), true, "one bit in 10 characters");
    assert.equal(isPlaceholderToken("acacacaca"), false, "under 10 characters");
    assert.equal(isPlaceholderToken("acegacegaceg"), false, "two bits exactly");
  });
  it("a token's fixed prefix segments are not its body: up to four, and never all but 8 characters of it", () => {
    const random = uncounted;
    assert.equal(isPlaceholderToken(`token_${random(16)}`), false, "a word in the prefix is the format's, not a filler");
    assert.equal(isPlaceholderToken(`sk_token_${random(8)}`), true, "what would be left is too short to be the body: the word is in it");
    assert.equal(isPlaceholderToken(`a_b_c_d_token_${random(20)}`), true, "a fifth segment is body");
    assert.equal(isPlaceholderToken(`${random(10)}_token_${random(16)}`), true, "a first segment over 8 characters is body, and so is what follows");
    // Of a webhook URL, the longest path segment is the key, wherever it stands.
    assert.equal(isPlaceholderToken(`https://hooks.acme.dev/services/${random(24)}/abcdefghijk`), false, "the key is random");
    assert.equal(isPlaceholderToken(`https://hooks.acme.dev/services/${random(8)}/${"X".repeat(24)}`), true, "the key is a placeholder");
  });
  it("the format table's allow lists pass over what they name (Vault's `s.` followed by letters only: a word, not a token)", () => {
    const found = (text: string) => findProviderSecrets(text).map((m) => m.format.id);
    assert.deepEqual(found(`VAULT=s.${fake.chars(24, "QwRtZpMvKsXnBgLhJcYd")}\n`), []);
    assert.deepEqual(found(`VAULT=s.${fake.chars(24, "QwRtZpMvKsXnBgLhJcYd0123456789")}\n`), ["vault-service-token"]);
  });
  it("formats run in table order, whatever order their keywords come in", () => {
    const npm = `npm_${fake.chars(36)}`;
    const github = `ghp_${fake.chars(36)}`;
    const ids = findProviderSecrets(`A=${npm}\nB=${github}\n`).map((m) => m.format.id);
    assert.deepEqual(ids, ["github-pat", "npm-access-token"]);
  });
  it("names exact in case: lower, Capitalised or UPPER; the value's own case kept; the whole value must have the shape", () => {
    const hex = fake.hex(40);
    const ids = (text: string) => findProviderSecrets(text).map((m) => m.format.id);
    for (const name of ["meraki", "Meraki", "MERAKI"]) assert.deepEqual(ids(`${name}_key = ${hex}\n`), ["cisco-meraki-api-key"], name);
    assert.deepEqual(ids(`mERAKI_key = ${hex}\n`), []);
    assert.deepEqual(ids(`meraki_key = ${hex.toUpperCase()}\n`), [], "Meraki's keys are lower-case hex");
    const named = namedFormatsIn(`meraki etsy`);
    assert.equal(findNamedSecret("MERAKI_KEY", hex, named)?.id, "cisco-meraki-api-key");
    assert.equal(findNamedSecret("MERAKI_KEY", `${hex}-${fake.chars(6)}`, named), undefined, "more than the shape");
    assert.equal(namesProvider("meraki_token", named), true, "one of the file's providers named is enough");
    assert.equal(namesProvider("deploy_token", named), false);
  });
  it("a format spells a run only where it writes one literally (Dropbox's AAAAAAAAAA, Twitter's A{22}), not in a class's repetition", () => {
    assert.deepEqual(CREDENTIAL_FORMATS.filter(hasLiteralRuns).map((f) => f.id), ["dropbox-long-lived-api-token", "twitter-bearer-token"]);
  });
});
