import assert from "node:assert/strict";
import { unredactedSecret } from "../../rules/unredacted-secret.js";
import { at, lintFiles, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

// zizmor's unredacted-secrets fixture, in short: both forms leave parsed values unmasked.
const env = (value: string) => wf(`  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "$stuff"\n        env:\n          stuff: ${value}\n`);
const whole = env("${{ fromJSON(secrets.password) }}");
const field = env("${{ fromJson(secrets.otherstuff).field }}");

// A secret made a step output, directly or through the env variable bound to it.
const outputs = (run: string, env = "") => wf(`  build:\n    runs-on: ubuntu-latest\n    steps:\n      - id: creds\n        run: |\n          ${run}\n${env}`);
const direct = outputs('echo "token=${{ secrets.DEPLOY_TOKEN }}" >> "$GITHUB_OUTPUT"');
const substringToEnv = outputs('echo "PREFIX=${TOKEN:0:8}" >> "$GITHUB_ENV"', "        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n");
const encodedToEnv = outputs('echo "AUTH=$(echo -n "$USER:$TOKEN" | base64)" >> $GITHUB_ENV', "        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n");
const artifact = (path: string) => `${outputs('echo "$TOKEN" > build/creds.txt', "        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n")}      - uses: actions/upload-artifact@v4\n        with:\n          path: ${path}\n`;
const throughEnv = outputs('echo "token=$TOKEN" >> $GITHUB_OUTPUT', "        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n");
const uploadFirst = outputs("echo ready", "").replace("      - id: creds\n", "      - uses: actions/upload-artifact@v4\n        with:\n          path: build/\n      - id: creds\n").replace("echo ready", 'echo "$TOKEN" > build/creds.txt') + "        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n";
const otherJob = `${outputs('echo "$TOKEN" > build/creds.txt', "        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n")}  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/upload-artifact@v4\n        with:\n          path: build/\n`;
// GitLab: artifacts (and a dotenv report) can be downloaded by anyone who can read the job (gitlab-org/gitlab#463595, #347160).
const GITLAB = ".gitlab-ci.yml";
const gitlab = (script: string, artifacts: string) => `fetch:\n  script:\n    - ${script}\n  artifacts:\n${artifacts}`;
const gitlabPaths = gitlab('echo "$DEPLOY_TOKEN" > out/token.txt', "    paths:\n      - out/\n");
const gitlabDotenv = gitlab('echo "TOKEN=${DEPLOY_TOKEN}" >> deploy.env', "    reports:\n      dotenv: deploy.env\n");
ruleTester(unredactedSecret, {
  valid: [
    { name: "GitLab: artifacts no one may download (`access: none`)", path: GITLAB, code: gitlabPaths.replace("  artifacts:\n", "  artifacts:\n    access: none\n") },
    { name: "GitLab: a secret written outside the artifact paths, and a file in them with no secret", path: GITLAB, code: gitlab('echo "$DEPLOY_TOKEN" > /tmp/token.txt\n    - git rev-parse HEAD > out/sha.txt', "    paths:\n      - out/\n") },
    { name: "GitLab: a job with no artifacts", path: GITLAB, code: 'fetch:\n  script:\n    - echo "$DEPLOY_TOKEN" > out/token.txt\n' },
    { name: "an upload of a folder whose name only starts like the file's (buildx/)", code: artifact("buildx/") },
    { name: "an upload of a glob in another folder", code: artifact("other/*.txt") },
    { name: "an upload that only excludes the file", code: artifact("'!build/creds.txt'") },
    { name: "the upload runs before the step that writes the file", code: uploadFirst },
    { name: "the upload is in another job (another runner's workspace)", code: otherJob },
    { name: "an upload-artifact step with no path (and a write elsewhere) is read without failing", code: `${outputs('echo "$TOKEN" > build/creds.txt', "        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n")}      - uses: actions/upload-artifact@v4\n        with:\n          name: logs\n` },
    { name: "a value that is not a script (an env value reading like one) writes nothing", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./use.sh\n        env:\n          NOTE: echo ${{ secrets.DEPLOY_TOKEN }} >> $GITHUB_OUTPUT\n") },
    { name: "GitLab: a default script, outside every job, beside a job with artifacts", path: GITLAB, code: `default:\n  before_script:\n    - echo "$DEPLOY_TOKEN" > out/token.txt\n${gitlab("make", "    paths:\n      - out/\n")}` },
    { name: "a download, not an upload", code: artifact("build/").replace("upload-artifact", "download-artifact") },
    { name: "GitLab: the GitHub files mean nothing there", path: ".gitlab-ci.yml", code: 'build:\n  script:\n    - echo "token=${{ secrets.DEPLOY_TOKEN }}" >> "$GITHUB_OUTPUT"\n    - echo "token=${DEPLOY_TOKEN:0:8}" >> "$GITHUB_OUTPUT"\n' },
    { name: "the plain secret in GITHUB_ENV (still masked), and a decoded key written to a file no artifact takes", code: `${outputs('echo "TOKEN=$TOKEN" >> "$GITHUB_ENV"\n          echo "$TOKEN" | base64 -d > key.pem', "        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n")}      - uses: actions/upload-artifact@v4\n        with:\n          path: dist/\n` },
    { name: "a secret written to a file before an upload of another folder, or to /dev/null", code: artifact("reports/*.xml").replace("> build/creds.txt", "> build/creds.txt 2>/dev/null") },
    { name: "a step output with no secret in it, and a secret used without writing an output", code: outputs('echo "sha=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"\n          ./deploy.sh --token-file <(echo "$TOKEN")', "        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n") },
    { name: "an env variable of another step", code: `${outputs('echo "token=$TOKEN" >> "$GITHUB_OUTPUT"')}      - run: ./use.sh\n        env:\n          TOKEN: \${{ secrets.DEPLOY_TOKEN }}\n` },
    { name: "a secret passed whole", code: env("${{ secrets.password }}") },
    { name: "fromJSON of something else (a variable, an output)", code: env("${{ fromJSON(vars.CONFIG).region }}") },
  ],
  invalid: [
    { name: "GitLab: a secret written into the job's artifact paths", path: GITLAB, code: gitlabPaths, errors: [{ ...at(gitlabPaths, 'echo "$DEPLOY_TOKEN" > out/token.txt'), message: /^secret `DEPLOY_TOKEN` in job `fetch` is written to `out\/token.txt`, which the job keeps as an artifact: anyone who can read the run can download it\.$/ }] },
    { name: "GitLab: a secret written into a dotenv report (a downloadable artifact too)", path: GITLAB, code: gitlabDotenv, errors: [{ ...at(gitlabDotenv, 'echo "TOKEN=${DEPLOY_TOKEN}" >> deploy.env'), message: /secret `DEPLOY_TOKEN` in job `fetch` is written to `deploy.env`/ }] },
    { name: "a later upload whose path is quoted with a blank before it", code: artifact("' build/'"), errors: [{ ...at(artifact("' build/'"), 'echo "$TOKEN" > build/creds.txt'), message: /which a later step uploads/ }] },
    { name: "GitLab: one job with artifacts among others without", path: GITLAB, code: `lint:\n  script:\n    - make lint\n${gitlabPaths}`, errors: [{ ...at(`lint:\n  script:\n    - make lint\n${gitlabPaths}`, 'echo "$DEPLOY_TOKEN" > out/token.txt'), message: /in job `fetch` is written to `out\/token.txt`/ }] },
    { name: "a substring of a secret put in GITHUB_ENV", code: substringToEnv, errors: [{ ...at(substringToEnv, 'echo "PREFIX=${TOKEN:0:8}" >> "$GITHUB_ENV"'), message: /is transformed \(a substring or an encoding\) and written to GITHUB_ENV/ }] },
    { name: "an encoding of a secret put in GITHUB_ENV", code: encodedToEnv, errors: [{ ...at(encodedToEnv, 'echo "AUTH=$(echo -n "$USER:$TOKEN" | base64)" >> $GITHUB_ENV'), message: /is transformed/ }] },
    { name: "a secret written to a file a later step uploads (a folder of it)", code: artifact("build/"), errors: [{ ...at(artifact("build/"), 'echo "$TOKEN" > build/creds.txt'), message: /is written to `build\/creds\.txt`, which a later step uploads as an artifact/ }] },
    { name: "a later upload naming the file itself, ./ and all", code: artifact("./build/creds.txt"), errors: [{ ...at(artifact("./build/creds.txt"), 'echo "$TOKEN" > build/creds.txt'), message: /which a later step uploads as an artifact/ }] },
    { name: "a later upload of the whole workspace (.)", code: artifact("."), errors: [{ ...at(artifact("."), 'echo "$TOKEN" > build/creds.txt'), message: /which a later step uploads/ }] },
    { name: "a later upload of a glob inside the folder, after an exclusion line", code: artifact("|\n            !build/other.txt\n            build/*.txt"), errors: [{ ...at(artifact("|\n            !build/other.txt\n            build/*.txt"), 'echo "$TOKEN" > build/creds.txt'), message: /which a later step uploads/ }] },
    { name: "a later upload of the folder written with trailing slashes", code: artifact("build//"), errors: [{ ...at(artifact("build//"), 'echo "$TOKEN" > build/creds.txt'), message: /is written to `build\/creds\.txt`, which a later step uploads/ }] },
    { name: "a secret written to a file a later step uploads (a glob over the workspace)", code: artifact("'**/*.txt'"), errors: [{ ...at(artifact("'**/*.txt'"), 'echo "$TOKEN" > build/creds.txt'), message: /uploads as an artifact/ }] },
    { name: "a secret expression written to GITHUB_OUTPUT", code: direct, errors: [{ ...at(direct, 'echo "token=${{ secrets.DEPLOY_TOKEN }}" >> "$GITHUB_OUTPUT"'), message: /^secret `DEPLOY_TOKEN` in job `build`, step `creds` is written to GITHUB_OUTPUT: a step output is plain data/ }] },
    { name: "a secret's env variable written to GITHUB_OUTPUT", code: throughEnv, errors: [{ ...at(throughEnv, 'echo "token=$TOKEN" >> $GITHUB_OUTPUT'), message: /^secret `DEPLOY_TOKEN` in job `build`, step `creds` is written to GITHUB_OUTPUT/ }] },
    { name: "fromJSON(secrets.X)", code: whole, errors: [{ ...at(whole, "${{ fromJSON(secrets.password) }}"), message: /^`fromJSON\(secrets\.password\)` derives values GitHub does not mask: the fields parsed out of the secret are not registered for redaction in job `test`, step `[^`]+`, so they reach the logs in clear\.$/ }] },
    { name: "fromJson(secrets.X).field, any case", code: field, errors: [{ ...at(field, "${{ fromJson(secrets.otherstuff).field }}"), message: /^`fromJSON\(secrets\.otherstuff\)` derives values/ }] },
  ],
});

describe("unredacted-secret: a finding's fingerprint", () => {
  it("stays when the same write in another job or step before it goes (it names its job and step)", async () => {
    const step = (id: string) => `      - id: ${id}\n        run: echo "token=\${{ secrets.DEPLOY_TOKEN }}" >> "$GITHUB_OUTPUT"\n`;
    const jobOf = (name: string, steps: string[]) => `  ${name}:\n    runs-on: ubuntu-latest\n    steps:\n${steps.map(step).join("")}`;
    const fingerprints = async (jobs: string) => (await lintFiles([{ path: ".github/workflows/a.yml", text: wf(jobs) }])).findings.filter((f) => f.ruleId === "unredacted-secret").map((f) => f.fingerprint);
    const all = await fingerprints(jobOf("a", ["one"]) + jobOf("b", ["one", "two"]));
    assert.equal(new Set(all).size, 3);
    assert.deepEqual(await fingerprints(jobOf("b", ["one", "two"])), all.slice(1));
    assert.deepEqual(await fingerprints(jobOf("b", ["two"])), all.slice(2));
  });
});

describe("unredacted-secret: which files an upload-artifact `path:` takes", () => {
  const workflow = (written: string, paths: string, uploadFirst = false) => {
    const write = `      - env:\n          TOKEN: \${{ secrets.API_TOKEN }}\n        run: echo "$TOKEN" > ${written}\n`;
    const upload = `      - uses: actions/upload-artifact@v4\n        with:\n          name: out\n          path: |\n${paths.split("\n").map((p) => `            ${p}`).join("\n")}\n`;
    return `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${uploadFirst ? upload + write : write + upload}`;
  };
  const cases: [string, string, boolean][] = [
    ["out/creds.txt", "./out/creds.txt", true],
    ["./out/creds.txt", "out/", true],
    ["out/creds.txt", "out/*.txt", true],
    ["out/creds.txt", "out/**", true],
    ["creds.txt", ".", true],
    ["deep/er/creds.log", "**/*.log", true],
    ["out/creds.txt", "!out/creds.txt\nother/", false],
    ["distribution/creds.txt", "dist", false],
    ["output/data2", "output/data", false],
    // A glob's folder is the one above the glob's segment; an exclusion alone takes nothing, even a glob's.
    ["out/token.txt", "out/tok*.txt", true],
    ["out/creds.txt", "dist/\n!*.log", false],
    // Only a leading `./` is dropped.
    ["ab", "a./b", false],
  ];
  for (const [written, paths, reported] of cases) {
    it(`${written} under path ${JSON.stringify(paths)}: ${reported ? "reported" : "not reported"}`, async () => {
      const result = await lintFiles([{ path: ".github/workflows/a.yml", text: workflow(written, paths) }]);
      assert.equal(result.findings.filter((f) => f.ruleId === "unredacted-secret").length, reported ? 1 : 0);
    });
  }
  it("an upload before the step that writes the file takes nothing of it", async () => {
    const result = await lintFiles([{ path: ".github/workflows/a.yml", text: workflow("out/creds.txt", "out/", true) }]);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === "unredacted-secret"), []);
  });
});
