// Where a leaked credential is revoked (linter-core/secrets/revocation.ts): every entry names a format
// the table knows, and the titles the detectors really give (checksums, base64 wrapping) find it.
import assert from "node:assert/strict";
import { CREDENTIAL_FORMATS } from "../../linter-core/secrets/formats.js";
import { detectSecrets } from "../../linter-core/secrets/detect.js";
import { REVOCATION_BY_FORMAT, revocationFor } from "../../linter-core/secrets/revocation.js";
import { platformFor, PLATFORMS } from "../../linter-core/platforms/index.js";
import { revocationPageIn, withRevocationPage } from "../../linter-core/platforms/platform.js";
import { FakeSecrets } from "../helpers.js";

const titlesFound = async (path: string, text: string) => {
  const model = await platformFor(path, text).buildModel(path, text);
  return (await detectSecrets(model)).map((d) => d.title);
};

describe("revocation pages", () => {
  it("name formats the table has, each an https page", () => {
    const ids = new Set(CREDENTIAL_FORMATS.map((format) => format.id));
    for (const [id, url] of Object.entries(REVOCATION_BY_FORMAT)) {
      assert.ok(ids.has(id), `${id} is no format`);
      assert.match(url, /^https:\/\/[\w.-]+\.[a-z]{2,}\//, id);
    }
  });

  it("are found from the titles the detectors give: with a checksum's verdict, base64-wrapped, from secretlint's preset", async () => {
    const fake = new FakeSecrets(1422);
    const github = `ghp_${fake.chars(36)}`;
    const slack = `xoxb-${fake.digits(11)}-${fake.digits(12)}-${fake.chars(24)}`;
    const titles = await titlesFound("deploy.sh", `export GH_PAT=${github}\nexport SLACK=${slack}\necho ${btoa(github)} | base64 -d\n`);
    assert.deepEqual(titles, ["GitHub personal access token, checksum does not match (mistyped or altered: still a leak)", "Slack bot token", "GitHub personal access token (base64-encoded)"]);
    assert.deepEqual(titles.map(revocationFor), ["https://github.com/settings/tokens", "https://api.slack.com/apps", "https://github.com/settings/tokens"]);
    const aws = await titlesFound("creds.txt", `aws_secret_access_key = ${fake.chars(40)}\n`);
    assert.ok(aws.length > 0 && aws.every((title) => revocationFor(title)?.startsWith("https://docs.aws.amazon.com/")), aws.join());
  });

  it("none for what has no provider page: a password in a URL, a private key, a format not in the table, a title that only begins like one", () => {
    for (const title of ["password in a URL", "RSA private key", "Adafruit API key", "credential in `GH_PAT`", "GitHub personal access tokens of the team", "GitHub"]) assert.equal(revocationFor(title), undefined, title);
  });

  it("every platform's steps to store a secret end with the rotate step, which then names the page (committed or exported)", () => {
    const page = "https://example.com/revoke";
    const withSteps = PLATFORMS.filter((platform) => platform.storeSecretSteps);
    assert.ok(withSteps.length >= 10, withSteps.map((p) => p.id).join());
    for (const platform of withSteps) {
      const steps = platform.storeSecretSteps!("DEPLOY_TOKEN");
      const named = withRevocationPage(steps, page);
      assert.deepEqual(named.slice(0, -1), steps.slice(0, -1), platform.id);
      assert.match(named.at(-1)!, /^If the value was ever (committed or pushed|shared or exported), rotate it at the provider \(https:\/\/example\.com\/revoke\): /, platform.id);
      assert.deepEqual(withRevocationPage(steps, undefined), steps);
      // The editor's guide reads the page back from the steps; none where none was written.
      assert.equal(revocationPageIn(named), page, platform.id);
      assert.equal(revocationPageIn(steps), undefined, platform.id);
    }
  });
});
