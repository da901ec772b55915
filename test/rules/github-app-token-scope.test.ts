import { githubAppTokenScope } from "../../rules/github-app-token-scope.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const mint = (inputs: string, action = "actions/create-github-app-token@v2") =>
  wf(`  a:\n    runs-on: ubuntu-latest\n    steps:\n      - id: app\n        uses: ${action}\n        with:\n          app-id: \${{ vars.APP_ID }}\n          private-key: \${{ secrets.APP_KEY }}\n${inputs}`);
const unlimited = mint("");
const ownerWide = mint("          owner: acme\n          permission-contents: read\n");
const unrevoked = mint("          permission-contents: read\n          skip-token-revoke: true\n");
const tibdex = mint("", "tibdex/github-app-token@v2");

const compositeMint = "name: Token\ndescription: d\nruns:\n  using: composite\n  steps:\n    - id: app\n      uses: actions/create-github-app-token@v2\n      with:\n        app-id: ${{ inputs.app-id }}\n        private-key: ${{ inputs.key }}\n";
const aliasedMint = wf("  a:\n    runs-on: x\n    steps:\n      - &mint\n        id: app\n        uses: actions/create-github-app-token@v2\n        with:\n          app-id: ${{ vars.APP_ID }}\n          private-key: ${{ secrets.APP_KEY }}\n  b:\n    runs-on: x\n    steps:\n      - *mint\n");
ruleTester(githubAppTokenScope, {
  valid: [
    { name: "limited to the scopes and repositories the job needs", code: mint("          owner: acme\n          repositories: website\n          permission-contents: write\n") },
    { name: "the current repository only (no owner) with one scope", code: mint("          permission-pull-requests: write\n") },
    { name: "tibdex/github-app-token with a permissions JSON", code: mint('          permissions: >-\n            {"contents": "read"}\n', "tibdex/github-app-token@v2") },
    { name: "owner without repositories but only organization permissions (no repository reach: zizmor's issue 2219)", code: mint("          owner: acme\n          permission-members: read\n          permission-organization-projects: write\n") },
    { name: "skip-token-revoke: false is the default", code: mint("          permission-contents: read\n          skip-token-revoke: false\n") },
    { name: "another action", code: wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n") },
  ],
  invalid: [
    { name: "in a composite action's steps", path: "action.yml", code: compositeMint, errors: [{ ...at(compositeMint, "actions/create-github-app-token@v2"), message: /^the composite action, step `app` mints a GitHub App token with every permission/ }] },
    { name: "an aliased step is a step of each job that uses it", code: aliasedMint, errors: [{ ...at(aliasedMint, "actions/create-github-app-token@v2"), message: /^job `a`, step `app`/ }, { ...at(aliasedMint, "actions/create-github-app-token@v2"), message: /^job `b`, step `app`/ }] },
    { name: "no permission-* input: every permission of the installation", code: unlimited, errors: [{ ...at(unlimited, "actions/create-github-app-token@v2"), message: /^job `a`, step `app` mints a GitHub App token with every permission the app's installation has/ }] },
    { name: "owner without repositories: every repository of the owner", code: ownerWide, errors: [{ ...at(ownerWide, "acme"), message: /for every repository of `acme` the app is installed on/ }] },
    { name: "owner without repositories with an organization and a repository permission", code: mint("          owner: acme\n          permission-members: write\n          permission-issues: write\n"), errors: [{ ...at(mint("          owner: acme\n          permission-members: write\n          permission-issues: write\n"), "acme"), message: /every repository of `acme`/ }] },
    {
      name: "owner without repositories and no permission inputs: both findings",
      code: mint("          owner: acme\n"),
      errors: [
        { ...at(mint("          owner: acme\n"), "actions/create-github-app-token@v2"), message: /with every permission the app's installation has/ },
        { ...at(mint("          owner: acme\n"), "acme"), message: /for every repository of `acme` the app is installed on/ },
      ],
    },
    { name: "skip-token-revoke: \"true \" (the action trims its inputs)", code: mint("          permission-contents: read\n          skip-token-revoke: \"true \"\n"), errors: [{ ...at(mint("          permission-contents: read\n          skip-token-revoke: \"true \"\n"), "\"true \""), message: /valid after the job/ }] },
    { name: "skip-token-revoke: true", code: unrevoked, errors: [{ ...at(unrevoked, "true"), message: /valid after the job \(`skip-token-revoke: true`\)/ }] },
    { name: "tibdex/github-app-token with revoke: false", code: mint(`          permissions: >-\n            {"contents": "read"}\n          revoke: false\n`, "tibdex/github-app-token@v2"), errors: [{ ...at(mint(`          permissions: >-\n            {"contents": "read"}\n          revoke: false\n`, "tibdex/github-app-token@v2"), "false"), message: /\(`revoke: false`\)/ }] },
    { name: "tibdex/github-app-token with no permissions", code: tibdex, errors: [{ ...at(tibdex, "tibdex/github-app-token@v2"), message: /every permission/ }] },
  ],
});
