// .nhilint.yaml as the user writes it: each setting read, each mistake an error naming file:line:col.
import assert from "node:assert/strict";
import { ConfigError, DEFAULT_CONFIG, parseConfig } from "../../linter-core/index.js";
import { FakeSecrets } from "../helpers.js";

const RULE_IDS = ["hardcoded-secret", "broad-secret-scope"];
const parse = (text: string) => parseConfig({ path: ".nhilint.yaml", text }, RULE_IDS);
const failure = (text: string) => {
  try {
    parse(text);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail(`no error for:\n${text}`);
};

describe("config: .nhilint.yaml", () => {
  it("reads every setting", () => {
    const config = parse("rules:\n  hardcoded-secret: warning\n  broad-secret-scope: off\nignore:\n  - test/fixtures/\n  - '*.snap'\ninventory: ops/nhi-inventory.yaml\nexpiry-warning-days: 14\nlevel: strict\n");
    assert.deepEqual(config.rules, { "hardcoded-secret": "warning", "broad-secret-scope": "off" });
    assert.deepEqual(config.ignore, ["test/fixtures/", "*.snap"]);
    assert.equal(config.inventory, "ops/nhi-inventory.yaml");
    assert.equal(config.inventoryAt, ".nhilint.yaml:7:12", "where the inventory setting is, for errors about the path");
    assert.equal(config.expiryWarningDays, 14);
    assert.equal(config.level, "strict");
    assert.equal(parse("expiry-warning-days: 0\n").expiryWarningDays, 0, "zero: warn only on the day");
    // Each value a setting takes.
    assert.deepEqual(parse("rules:\n  hardcoded-secret: error\n").rules, { "hardcoded-secret": "error" });
    assert.equal(parse("level: default\n").level, "default");
  });

  it("an empty file, one with only comments or a document marker, or null, is the default; the default is not changed by parsing", () => {
    assert.deepEqual(parse(""), { ...DEFAULT_CONFIG, rules: {}, ignore: [] });
    assert.deepEqual(parse("# nothing yet\n"), { ...DEFAULT_CONFIG, rules: {}, ignore: [] });
    assert.deepEqual(parse("---\n"), { ...DEFAULT_CONFIG, rules: {}, ignore: [] }, "a document marker alone");
    assert.deepEqual(parse("~\n"), { ...DEFAULT_CONFIG, rules: {}, ignore: [] }, "null");
    parse("rules:\n  hardcoded-secret: off\nignore: [x]\n");
    assert.deepEqual(DEFAULT_CONFIG, { rules: {}, ignore: [], expiryWarningDays: 30 });
  });

  it("says what is wrong and where: file, line and column", () => {
    assert.match(failure("rules: [\n"), /^\.nhilint\.yaml:\d+:\d+: not valid YAML: /);
    assert.equal(failure("- a\n- b\n"), ".nhilint.yaml:1:1: must be a mapping (rules, ignore, inventory, expiry-warning-days, level)");
    assert.equal(failure("rules: hardcoded-secret\n"), ".nhilint.yaml:1:8: `rules` must map rule ids to error, warning or off");
    assert.equal(failure("rules:\n  no-such-rule: error\n"), ".nhilint.yaml:2:3: unknown rule `no-such-rule` (known: hardcoded-secret, broad-secret-scope)");
    assert.equal(failure("rules:\n  hardcoded-secret: fatal\n"), ".nhilint.yaml:2:21: rule `hardcoded-secret`: severity must be error, warning or off");
    assert.equal(failure("rules:\n  hardcoded-secret:\n"), ".nhilint.yaml:2:20: rule `hardcoded-secret`: severity must be error, warning or off");
    assert.equal(failure("ignore: test/\n"), ".nhilint.yaml:1:9: `ignore` must be a list of globs");
    assert.equal(failure("ignore:\n  - [a]\n"), ".nhilint.yaml:2:3: `ignore` entries must be strings");
    assert.equal(failure("inventory: [a, b]\n"), ".nhilint.yaml:1:12: `inventory` must be a path");
    assert.equal(failure("expiry-warning-days: soon\n"), ".nhilint.yaml:1:22: `expiry-warning-days` must be a whole number of days");
    assert.equal(failure("expiry-warning-days: -1\n"), ".nhilint.yaml:1:22: `expiry-warning-days` must be a whole number of days");
    assert.equal(failure("expiry-warning-days: 1.5\n"), ".nhilint.yaml:1:22: `expiry-warning-days` must be a whole number of days");
    assert.equal(failure("rule:\n  hardcoded-secret: off\n"), ".nhilint.yaml:1:1: unknown setting `rule` (expected rules, ignore, inventory, expiry-warning-days, level)");
    assert.equal(failure("level: paranoid\n"), ".nhilint.yaml:1:8: `level` must be default or strict");
  });

  it("a setting or a rule given twice is an error at the second, naming the first's line (the last would silently win)", () => {
    assert.equal(failure("ignore: [a]\ninventory: x.yaml\nignore: [b]\n"), ".nhilint.yaml:3:1: setting `ignore` is set twice (first at line 1)");
    assert.equal(failure("rules:\n  hardcoded-secret: off\n  hardcoded-secret: error\n"), ".nhilint.yaml:3:3: rule `hardcoded-secret` is set twice (first at line 2)");
  });

  it("a token pasted as a key is named redacted in the error (never print a secret); a mistyped rule or setting is named as written", () => {
    const token = `ghp_${new FakeSecrets(1425).chars(36)}`;
    assert.equal(failure(`rules:\n  ${token}: off\n`).split(" (known:")[0], ".nhilint.yaml:2:3: unknown rule `ghp_… (40 chars)`");
    assert.equal(failure(`${token}: 1\n`).split(" (expected")[0], ".nhilint.yaml:1:1: unknown setting `ghp_… (40 chars)`");
    assert.equal(failure("rules:\n  hardcoded-secrets: off\n").split(" (known:")[0], ".nhilint.yaml:2:3: unknown rule `hardcoded-secrets`");
    assert.equal(failure("expiry_warning_days: 3\n").split(" (expected")[0], ".nhilint.yaml:1:1: unknown setting `expiry_warning_days`");
  });
});
