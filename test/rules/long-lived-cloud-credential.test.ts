import assert from "node:assert/strict";
import { longLivedCloudCredential } from "../../rules/long-lived-cloud-credential.js";
import { at, lintFiles, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const aws = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: aws s3 sync . s3://bucket\n        env:\n          AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}\n          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n");
const azure = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/login@v2\n        with:\n          creds: ${{ secrets.AZURE_CREDENTIALS }}\n");
const gitlab = "deploy:\n  script:\n    - aws configure set aws_secret_access_key $AWS_SECRET_ACCESS_KEY\n    - aws s3 sync dist s3://site\n";
const azurePipeline = "steps:\n  - script: az login --service-principal -u $(ARM_CLIENT_ID) -p $(ARM_CLIENT_SECRET) --tenant $(ARM_TENANT_ID)\n  - script: npm publish\n    env:\n      NODE_AUTH_TOKEN: $(NPM_TOKEN)\n";
const publish = (env: string) => wf(`  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./publish.sh\n        env:\n${env}`);
const crates = publish("          CARGO_REGISTRY_TOKEN: ${{ secrets.CARGO_REGISTRY_TOKEN }}\n");
const gems = publish("          GEM_HOST_API_KEY: ${{ secrets.RUBYGEMS_API_KEY }}\n");
const nuget = publish("          NUGET_KEY: ${{ secrets.NUGET_API_KEY }}\n");
const pypiAction = (extra: string) => wf(`  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n        with:\n          password: \${{ secrets.PYPI_API_TOKEN }}\n${extra}`);
const gemCredentials = (server: string) => wf(`  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: rubygems/configure-rubygems-credentials@v1\n        with:\n          api-token: \${{ secrets.RUBYGEMS_API_TOKEN }}\n${server}`);
// A composite action's own steps: the rule reads them like a job's.
const compositePypi = "name: Release\ndescription: d\ninputs:\n  pypi-token:\n    required: true\nruns:\n  using: composite\n  steps:\n    - uses: pypa/gh-action-pypi-publish@release/v1\n      with:\n        password: ${{ inputs.pypi-token }}\n";
// Publishing by command (zizmor's use-trusted-publishing fixtures): without OIDC in the job, a stored token signs.
const job = (steps: string, permissions = "    permissions: {}\n") => wf(`  release:\n    runs-on: ubuntu-latest\n${permissions}    steps:\n${steps}`);
const npmPublish = job("      - run: npm publish --access public\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n");
const twineContinued = job("      - run: |\n          python3 -m \\\n            twine \\\n            upload dist/*\n");
const cargoNightly = job("      - run: cargo +nightly publish\n");
const powershellCargo = job("      - run: |\n          cargo `\n            publish `\n            --no-verify\n");
const gemPush = job("      - run: bundle exec gem push foo-0.1.0.gem\n");
const dotnetPush = job("      - run: dotnet nuget push foo.nupkg --source https://api.nuget.org/v3/index.json\n");
const gitlabPublish = (extra: string) => `release:\n${extra}  script:\n    - npm publish\n`;
// Bitbucket: Atlassian's AWS pipes take a static key pair or, with `oidc: true` on the step, a role.
// Jenkins: what a credential is comes from how it is bound (the AWS and Azure binding plugins, the variable a secret text is bound to).
const jenkinsStaticKeys: [string, string, string, string][] = [
  ["the AWS Credentials binding", "node {\n  withCredentials([[$class: 'AmazonWebServicesCredentialsBinding', credentialsId: 'ci-bucket']]) {\n    sh 'aws s3 ls'\n  }\n}\n", "ci-bucket", "a static AWS access key"],
  ["pipeline-aws's withAWS(credentials:)", "node {\n  withAWS(credentials: 'ci-bucket', region: 'eu-west-1') {\n    sh 'aws s3 ls'\n  }\n}\n", "ci-bucket", "a static AWS access key"],
  ["an Azure service principal, its id given without its name", "node {\n  withCredentials([azureServicePrincipal('deploy-sp')]) {\n    sh 'az login'\n  }\n}\n", "deploy-sp", "an Azure service principal secret"],
  ["a secret text bound as AWS_SECRET_ACCESS_KEY", "node {\n  withCredentials([string(credentialsId: 'ci-key', variable: 'AWS_SECRET_ACCESS_KEY')]) {\n    sh 'aws s3 ls'\n  }\n}\n", "ci-key", "a static AWS access key"],
  ["a key file bound as GOOGLE_APPLICATION_CREDENTIALS", "node {\n  withCredentials([file(credentialsId: 'gcp-sa', variable: 'GOOGLE_APPLICATION_CREDENTIALS')]) {\n    sh 'gcloud auth list'\n  }\n}\n", "gcp-sa", "a GCP service account key"],
];
const buildkiteKeys = "steps:\n  - label: upload\n    command: aws s3 sync out s3://site\n    secrets:\n      - AWS_ACCESS_KEY_ID\n      - AWS_SECRET_ACCESS_KEY\n";
const bitbucketKeys = "pipelines:\n  default:\n    - step:\n        script:\n          - pipe: atlassian/aws-ecr-push-image:2.5.0\n            variables:\n              AWS_ACCESS_KEY_ID: $AWS_ACCESS_KEY_ID\n              AWS_SECRET_ACCESS_KEY: $AWS_SECRET_ACCESS_KEY\n              IMAGE_NAME: web\n";
const bitbucketOidc = "pipelines:\n  default:\n    - step:\n        oidc: true\n        script:\n          - pipe: atlassian/aws-ecr-push-image:2.5.0\n            variables:\n              AWS_OIDC_ROLE_ARN: $AWS_OIDC_ROLE_ARN\n              IMAGE_NAME: web\n";
const circleKeys = "version: 2.1\njobs:\n  deploy:\n    docker:\n      - image: cimg/base:current\n    steps:\n      - run: echo $GCLOUD_SERVICE_KEY | gcloud auth activate-service-account --key-file=-\n";
const circleOidc = "version: 2.1\njobs:\n  deploy:\n    docker:\n      - image: cimg/base:current\n    steps:\n      - run: aws sts assume-role-with-web-identity --role-arn \"$AWS_ROLE_ARN\" --web-identity-token \"$CIRCLE_OIDC_TOKEN_V2\" --role-session-name deploy\n";
ruleTester(longLivedCloudCredential, {
  valid: [
    { name: "Jenkins: a secret text bound to a variable that is no cloud key", path: "Jenkinsfile", code: "node {\n  withCredentials([string(credentialsId: 'aws-docs-webhook', variable: 'WEBHOOK_URL')]) {\n    sh './notify.sh'\n  }\n}\n" },
    { name: "Buildkite: a step with no cloud key", path: ".buildkite/pipeline.yml", code: "steps:\n  - command: make\n    secrets:\n      - CODECOV_TOKEN\n" },
    { name: "Bitbucket: a role through the step's OIDC token", path: "bitbucket-pipelines.yml", code: bitbucketOidc },
    { name: "CircleCI: a role assumed with the job's OIDC token", path: ".circleci/config.yml", code: circleOidc },
    { name: "Bitbucket and CircleCI: an npm token (no trusted publishing from either)", path: "bitbucket-pipelines.yml", code: "pipelines:\n  default:\n    - step:\n        script:\n          - echo \"//registry.npmjs.org/:_authToken=$NPM_TOKEN\" > .npmrc\n          - npm publish\n" },
    { name: "publishing from a job that can mint an OIDC token (trusted publishing)", code: job("      - run: npm publish --provenance\n", "    permissions:\n      id-token: write\n") },
    { name: "dry runs publish nothing", code: job("      - run: cargo publish --dry-run\n      - run: cargo publish -n\n      - run: npm publish --dry-run\n") },
    { name: "npm publish to another registry (setup-node registry-url)", code: job("      - uses: actions/setup-node@v4\n        with:\n          registry-url: https://npm.pkg.github.com\n      - run: npm publish\n") },
    { name: "uploads to other servers: NuGet --source, twine --repository-url, npm --registry, gem --host", code: job("      - run: dotnet nuget push x.nupkg --source https://nuget.pkg.github.com/acme/index.json\n      - run: twine upload --repository-url https://pypi.internal.example/ dist/*\n      - run: npm publish --registry https://npm.pkg.github.com\n      - run: gem push x.gem --host https://rubygems.pkg.github.com/acme\n") },
    { name: "GitLab: npm publish from a job with id_tokens", path: ".gitlab-ci.yml", code: gitlabPublish("  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n") },
    { name: "words that only mention publishing", code: job("      - run: echo 'run npm publish later' > notes.txt && ./publish-docs.sh\n") },
    { name: "words in double quotes, a step's name and an env value that mention publishing are no command", code: job('      - name: npm publish\n        run: echo "then npm publish" && ./docs.sh\n        env:\n          NOTE: cargo publish\n') },
    { name: "another action's input named like a key input (password, creds) is no registry's or cloud's key", code: job("      - uses: docker/login-action@v3\n        with:\n          password: ${{ secrets.REGISTRY_PASSWORD }}\n      - uses: acme/deploy@v1\n        with:\n          creds: ${{ secrets.DEPLOY_CREDS }}\n") },
    { name: "GitLab: a publish to a registry GitLab has no trusted publishing for (crates.io)", path: ".gitlab-ci.yml", code: "release:\n  script:\n    - cargo publish\n" },
    { name: "a PyPI upload to a private index (no trusted publishing there), its token by name included", code: pypiAction("          repository-url: https://pypi.internal.example/simple/\n") },
    { name: "RubyGems credentials for another gem server (zizmor's not-vulnerable-14)", code: gemCredentials("          gem-server: https://example.com\n") },
    { name: "NUGET_AUTH_TOKEN is a private feed's (GitHub Packages): no trusted publishing to switch to", code: publish("          NUGET_AUTH_TOKEN: ${{ secrets.GITHUB_PACKAGES_PAT }}\n") },
    {
      name: "GitLab: AWS through id_tokens (the docs' good example)",
      path: ".gitlab-ci.yml",
      code: `deploy:\n  id_tokens:\n    AWS_ID_TOKEN:\n      aud: sts.amazonaws.com\n  script:\n    - >\n      export $(printf "AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_SESSION_TOKEN=%s"\n      $(aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN" --role-session-name "gitlab-$CI_JOB_ID"\n      --web-identity-token "$AWS_ID_TOKEN" --duration-seconds 3600\n      --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text))\n    - aws s3 sync dist s3://site\n`,
    },
    { name: "AWS through OIDC", code: wf("  a:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/deploy\n          aws-region: us-east-1\n") },
  ],
  invalid: [
    { name: "npm publish signed by NPM_TOKEN: one finding, at the command", code: npmPublish, errors: [at(npmPublish, "npm publish --access public", /^job `release` publishes to npm \(`npm publish --access public`\) without an OIDC token, so with a long-lived token: use npm trusted publishing/)] },
    { name: "twine across continued lines, reported at the command's first line", code: twineContinued, errors: [{ ...at(twineContinued, "python3 -m \\"), message: /publishes to PyPI/ }] },
    { name: "cargo with a toolchain", code: cargoNightly, errors: [at(cargoNightly, "cargo +nightly publish", /publishes to crates\.io/)] },
    { name: "cargo across PowerShell continuations", code: powershellCargo, errors: [{ ...at(powershellCargo, "cargo `"), message: /publishes to crates\.io/ }] },
    { name: "a PyPI upload is judged whatever setup-node's registry-url says (it is npm's)", code: job("      - uses: actions/setup-node@v4\n        with:\n          registry-url: https://npm.pkg.github.com\n      - run: twine upload dist/*\n"), errors: [{ line: 13, column: 14, message: /publishes to PyPI/ }] },
    { name: "another action's registry-url says nothing of where npm publishes", code: job("      - uses: acme/setup-registry@v1\n        with:\n          registry-url: https://npm.pkg.github.com\n      - run: npm publish\n"), errors: [{ line: 13, column: 14, message: /publishes to npm/ }] },
    { name: "gem push", code: gemPush, errors: [at(gemPush, "bundle exec gem push foo-0.1.0.gem", /publishes to RubyGems/)] },
    { name: "dotnet nuget push to nuget.org", code: dotnetPush, errors: [at(dotnetPush, "dotnet nuget push foo.nupkg --source https://api.nuget.org/v3/index.json", /publishes to NuGet/)] },
    { name: "GitLab: npm publish from a job without id_tokens", path: ".gitlab-ci.yml", code: gitlabPublish(""), errors: [at(gitlabPublish(""), "npm publish", /^job `release` publishes to npm .*npm trusted publishing from GitLab/)] },
    { name: "a composite action that publishes with a PyPI token (action.yml runs.steps)", path: "action.yml", code: compositePypi, errors: [at(compositePypi, "${{ inputs.pypi-token }}", /^the composite action signs in with a PyPI API token/)] },
    ...jenkinsStaticKeys.map(([name, code, id, what]) => ({ name: `Jenkins: ${name}`, path: "Jenkinsfile", code, errors: [at(code, id, new RegExp(`^\`${id}\` \\(as \\w+\\) is ${what}, a long-lived credential: use (an id token from the OpenID Connect Provider plugin|Workload Identity Federation with an id token)`))] })),
    { name: "Buildkite: a static AWS key given to a step, with Buildkite's OIDC token as the way out", path: ".buildkite/pipeline.yml", code: buildkiteKeys, errors: [at(buildkiteKeys, "AWS_ACCESS_KEY_ID", /is a static AWS access key, a long-lived credential: use Buildkite OIDC/), at(buildkiteKeys, "AWS_SECRET_ACCESS_KEY", /is a static AWS access key, a long-lived credential: use Buildkite OIDC: a token from `buildkite-agent oidc request-token`/)] },
    { name: "Bitbucket: a static AWS key given to a pipe, with Bitbucket's way out (oidc: true)", path: "bitbucket-pipelines.yml", code: bitbucketKeys, errors: [at(bitbucketKeys.replace("AWS_SECRET_ACCESS_KEY: $", "xxxxxxxxxxxxxxxxxxxxx: $"), "AWS_SECRET_ACCESS_KEY", /`AWS_SECRET_ACCESS_KEY` is a static AWS access key, a long-lived credential: use Bitbucket OIDC: `oidc: true` on the step/)] },
    { name: "CircleCI: a GCP service account key, with CircleCI's OIDC token as the way out", path: ".circleci/config.yml", code: circleKeys, errors: [at(circleKeys, "GCLOUD_SERVICE_KEY", /is a GCP service account key, a long-lived credential: use Workload Identity Federation with `\$CIRCLE_OIDC_TOKEN_V2`/)] },
    { name: "GitLab: a static AWS key, with GitLab's own way out (id_tokens)", path: ".gitlab-ci.yml", code: gitlab, errors: [at(gitlab, "AWS_SECRET_ACCESS_KEY", /`AWS_SECRET_ACCESS_KEY` is a static AWS access key.*`id_tokens:`/)] },
    { name: "Azure Pipelines: a service principal secret, not the npm token (no trusted publishing from Azure DevOps)", path: "azure-pipelines.yml", code: azurePipeline, errors: [at(azurePipeline, "ARM_CLIENT_SECRET", /`ARM_CLIENT_SECRET` is an Azure service principal secret.*workload identity federation/)] },
    { name: "a key recognised by the variable it is bound to", code: wf("  a:\n    runs-on: ubuntu-latest\n    env:\n      AWS_SECRET_ACCESS_KEY: ${{ secrets.S3_STAGING_KEY }}\n    steps:\n      - run: ./upload.sh\n"), errors: [{ line: 9, column: 42, message: /`S3_STAGING_KEY` \(as AWS_SECRET_ACCESS_KEY\) is a static AWS access key/ }] },
    { name: "crates.io: trusted publishing exists", code: crates, errors: [{ ...at(crates, "CARGO_REGISTRY_TOKEN }}"), endColumn: undefined, message: /^`CARGO_REGISTRY_TOKEN` is a crates\.io API token, a long-lived credential: use crates\.io trusted publishing: rust-lang\/crates-io-auth-action/ }] },
    { name: "RubyGems, recognised by the variable it is bound to", code: gems, errors: [at(gems, "RUBYGEMS_API_KEY", /`RUBYGEMS_API_KEY` is a RubyGems API key, a long-lived credential: use RubyGems trusted publishing/)] },
    { name: "RubyGems credentials action with an API token for rubygems.org", code: gemCredentials("          gem-server: https://rubygems.org\n"), errors: [at(gemCredentials("          gem-server: https://rubygems.org\n"), "${{ secrets.RUBYGEMS_API_TOKEN }}", /signs in with a RubyGems API key, a long-lived credential: use RubyGems trusted publishing/)] },
    { name: "NuGet: trusted publishing exists for nuget.org", code: nuget, errors: [at(nuget, "NUGET_API_KEY", /a NuGet API key, a long-lived credential: use NuGet trusted publishing: NuGet\/login/)] },
    { name: "a PyPI upload to pypi.org (or TestPyPI) with a password", code: pypiAction("          repository-url: https://test.pypi.org/legacy/\n"), errors: [at(pypiAction("          repository-url: https://test.pypi.org/legacy/\n"), "${{ secrets.PYPI_API_TOKEN }}", /signs in with a PyPI API token/)] },
    { name: "static AWS keys", code: aws, errors: [{ line: 11, column: 42, message: /`AWS_ACCESS_KEY_ID` is a static AWS access key/ }, { line: 12, column: 46, message: /`AWS_SECRET_ACCESS_KEY` is a static AWS access key/ }] },
    { name: "azure/login with a service principal secret: one finding at the input", code: azure, errors: [at(azure, "${{ secrets.AZURE_CREDENTIALS }}", /Azure service principal secret/)] },
  ],
});

describe("long-lived-cloud-credential: the publish command's finding belongs to the token that signs it", () => {
  it("names NPM_TOKEN as its connector, so the inventory report counts it against that record", async () => {
    const { lintFiles } = await import("../helpers.js");
    const result = await lintFiles([{ path: ".github/workflows/ci.yml", text: npmPublish }]);
    const findings = result.findings.filter((f) => f.ruleId === "long-lived-cloud-credential");
    assert.deepEqual(findings.map((f) => [f.connector, /publishes to npm/.test(f.message)]), [["NPM_TOKEN", true]]);
  });
});

describe("long-lived-cloud-credential: which token signs, what the message quotes, and once per job", () => {
  const findings = async (text: string) => {
    const { lintFiles } = await import("../helpers.js");
    return (await lintFiles([{ path: ".github/workflows/ci.yml", text }])).findings.filter((f) => f.ruleId === "long-lived-cloud-credential");
  };

  it("the signing token is found by the variable it is bound to, in this job, of this registry; the command's first four words are quoted", async () => {
    const text = wf(
      "  release:\n    runs-on: ubuntu-latest\n    permissions: {}\n    env:\n      PYPI_TOKEN: ${{ secrets.PYPI_TOKEN }}\n    steps:\n      - run: npm publish --access 'public' --tag next\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_DEPLOY }}\n  other:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        env:\n          NPM_TOKEN: ${{ secrets.OTHER_NPM }}\n",
    );
    const found = await findings(text);
    const publish = found.find((f) => /publishes to npm/.test(f.message))!;
    assert.equal(publish.connector, "NPM_DEPLOY");
    assert.match(publish.message, /\(`npm publish --access ''`\)/);
    assert.ok(found.some((f) => f.connector === "PYPI_TOKEN"), "the PyPI token of the job is its own finding");
    assert.ok(found.some((f) => f.connector === "OTHER_NPM"), "another job's npm token is judged in that job");
  });

  it("the signing token is the registry's own, not another static key of the step; the command is quoted from its first word", async () => {
    const text = job("      - run: ./prepare.sh ${{ secrets.SIGNING_SEED }}\n      - run: cd pkg && npm  publish  --access public --tag next\n        env:\n          AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n");
    const publish = (await findings(text)).find((f) => /publishes to npm/.test(f.message))!;
    assert.equal(publish.connector, "NPM_TOKEN");
    assert.match(publish.message, /\(`npm publish --access public`\)/);
  });

  it("a publish step keeps its finding's fingerprint when another publish step before it goes", async () => {
    const publishing = (steps: string[]) => job(steps.map((id) => `      - id: ${id}\n        run: npm publish\n`).join(""));
    const fingerprints = async (text: string) => (await findings(text)).map((f) => f.fingerprint);
    const both = await fingerprints(publishing(["one", "two"]));
    assert.equal(new Set(both).size, 2);
    assert.deepEqual(await fingerprints(publishing(["two"])), [both[1]]);
  });

  it("a key input reported leaves other keys of the job to be reported", async () => {
    const text = job("      - uses: azure/login@v2\n        with:\n          creds: ${{ secrets.AZURE_CREDENTIALS }}\n      - run: aws s3 ls\n        env:\n          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n");
    assert.deepEqual((await findings(text)).map((f) => /signs in with|`AWS_SECRET_ACCESS_KEY`/.exec(f.message)?.[0]), ["signs in with", "`AWS_SECRET_ACCESS_KEY`"]);
    const keyFirst = job("      - run: aws s3 ls\n        env:\n          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n      - uses: azure/login@v2\n        with:\n          creds: ${{ secrets.AZURE_CREDENTIALS }}\n");
    assert.deepEqual((await findings(keyFirst)).map((f) => /signs in with|`AWS_SECRET_ACCESS_KEY`/.exec(f.message)?.[0]), ["`AWS_SECRET_ACCESS_KEY`", "signs in with"]);
  });

  it("npm to setup-node's registry-url: only registry.npmjs.org has trusted publishing", async () => {
    const to = (url: string) => job(`      - uses: actions/setup-node@v4\n        with:\n          registry-url: ${url}\n      - run: npm publish\n`);
    assert.equal((await findings(to("https://registry.npmjs.org"))).length, 1);
    assert.equal((await findings(to("https://npm.pkg.github.com"))).length, 0);
    assert.equal((await findings(job("      - uses: actions/setup-node@v4\n      - run: npm publish\n"))).length, 1, "no registry-url: npm's own");
  });

  it("a key is reported once per job that holds it, whatever its case; in two jobs, twice", async () => {
    const step = (name: string) => `      - run: aws s3 ls\n        env:\n          AWS_ACCESS_KEY_ID: \${{ secrets.${name} }}\n`;
    const text = wf(`  a:\n    runs-on: ubuntu-latest\n    steps:\n${step("AWS_ACCESS_KEY_ID")}${step("aws_access_key_id")}  b:\n    runs-on: ubuntu-latest\n    steps:\n${step("AWS_ACCESS_KEY_ID")}`);
    assert.deepEqual((await findings(text)).map((f) => /^`(\w+)`/.exec(f.message)?.[1]), ["AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID"]);
  });
});

describe("long-lived-cloud-credential: once per job, publishing by command", () => {
  const workflow = (jobs: string) => `on: push\npermissions:\n  contents: read\njobs:\n${jobs}`;
  const findings = async (text: string) =>
    (await lintFiles([{ path: ".github/workflows/a.yml", text }])).findings.filter((f) => f.ruleId === "long-lived-cloud-credential").map((f) => `${f.start.line} ${f.connector ?? ""}`);

  it("a key is said once per job that holds it, whatever the case of its name (GitHub's secret names are not case-sensitive)", async () => {
    assert.deepEqual(await findings(workflow("  a:\n    runs-on: x\n    steps:\n      - run: ./a.sh ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n      - run: ./b.sh ${{ secrets.aws_secret_access_key }}\n")), ["8 AWS_SECRET_ACCESS_KEY"]);
    assert.deepEqual(await findings(workflow("  a:\n    runs-on: x\n    steps:\n      - run: ./a.sh ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n  b:\n    runs-on: x\n    steps:\n      - run: ./b.sh ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n")), ["8 AWS_SECRET_ACCESS_KEY", "12 AWS_SECRET_ACCESS_KEY"]);
  });

  it("npm publish to npmjs.org without OIDC is the token's finding; quoted text, another registry or an OIDC job is none", async () => {
    const setupNode = (registry: string) => `      - uses: actions/setup-node@v4\n        with:\n          registry-url: ${registry}\n`;
    assert.deepEqual(await findings(workflow(`  a:\n    runs-on: x\n    steps:\n${setupNode("https://registry.npmjs.org")}      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`)), ["11 NPM_TOKEN"]);
    assert.deepEqual(await findings(workflow('  a:\n    runs-on: x\n    steps:\n      - run: echo "npm publish"\n')), []);
    assert.deepEqual(await findings(workflow(`  a:\n    runs-on: x\n    steps:\n${setupNode("https://npm.pkg.github.com")}      - run: npm publish\n`)), []);
    assert.deepEqual(await findings(workflow("  a:\n    runs-on: x\n    permissions:\n      id-token: write\n    steps:\n      - run: npm publish --provenance\n")), []);
  });
});
