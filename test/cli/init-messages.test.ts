// `nhilint init`, what it writes and what it says, exactly: a plain git hook without package.json, an
// existing foreign hook left alone (or appended to with --force), a second run that changes nothing,
// husky's `prepare` kept, put in front of an existing one, in the file's own indentation.
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { TempRepo } from "./repo.js";

describe("nhilint init: what it writes and says", () => {
  let repo: TempRepo;
  beforeEach(() => (repo = new TempRepo()));
  afterEach(() => repo.remove());
  const read = (path: string) => readFileSync(join(repo.dir, path), "utf8");

  it("no package.json: a plain, executable git hook and an inventory skeleton; again: nothing changes", async () => {
    const first = await repo.nhilint("init");
    assert.equal(first.code, 0, first.stderr);
    assert.equal(
      first.stdout,
      "nhilint: created .git/hooks/pre-commit: runs `nhilint --staged` before each commit\n" +
        "nhilint: git does not share hooks: each teammate runs `nhilint init` once in their clone (or use the pre-commit framework, see the README)\n" +
        "nhilint: created nhi-inventory.yaml: record each connector's owner, purpose and expiry there\n",
    );
    assert.equal(read(".git/hooks/pre-commit"), "#!/bin/sh\n# installed by nhilint init\nnhilint --staged\n");
    assert.ok(statSync(join(repo.dir, ".git/hooks/pre-commit")).mode & 0o100, "the hook is executable");
    assert.match(read("nhi-inventory.yaml"), /^# Non-human identities [^\n]*\n# automation uses[^\n]*\nversion: 1\nconnectors: \[\]\n# A record looks like this \(see the README\):\n# {2}- name: DEPLOY_TOKEN\n#    kind: secret\n/);
    const second = await repo.nhilint("init");
    assert.equal(second.stdout, "nhilint: .git/hooks/pre-commit already runs nhilint: left as it is\nnhilint: git does not share hooks: each teammate runs `nhilint init` once in their clone (or use the pre-commit framework, see the README)\nnhilint: nhi-inventory.yaml exists: left as it is\n");
  });

  it("someone else's hook is left alone and the line to add is shown; --force appends it", async () => {
    repo.write(".git/hooks/pre-commit", "#!/bin/sh\nmake lint");
    const run = await repo.nhilint("init");
    assert.match(run.stdout, /^nhilint: \.git\/hooks\/pre-commit exists and was not written by nhilint: left unchanged\. Add this line to it:\n {4}nhilint --staged\n {2}or run `nhilint init --force` to append it\.\n/);
    assert.equal(read(".git/hooks/pre-commit"), "#!/bin/sh\nmake lint");
    const forced = await repo.nhilint("init", "--force");
    assert.match(forced.stdout, /^nhilint: appended `nhilint --staged` to the existing \.git\/hooks\/pre-commit\n/);
    assert.equal(read(".git/hooks/pre-commit"), "#!/bin/sh\nmake lint\n# installed by nhilint init\nnhilint --staged\n");
  });

  it("package.json: the husky hook, `prepare` put in front of an existing one in the file's indentation; exit 1 while husky is missing", async () => {
    repo.write("package.json", '{\n\t"name": "app",\n\t"scripts": {\n\t\t"prepare": "npm run build"\n\t}\n}\n');
    const run = await repo.nhilint("init");
    assert.equal(run.code, 1, "git runs nothing yet");
    assert.equal(
      run.stdout,
      "nhilint: created .husky/pre-commit: runs `npx --no-install nhilint --staged` before each commit\n" +
        "nhilint: husky is not installed here, so git does not run the hook yet: run `npm install --save-dev husky` (then `npm install` runs it for everyone)\n" +
        'nhilint: package.json: "prepare": "husky && npm run build", so every clone gets the hook at npm install / npm ci\n' +
        "nhilint: created nhi-inventory.yaml: record each connector's owner, purpose and expiry there\n",
    );
    assert.equal(read("package.json"), '{\n\t"name": "app",\n\t"scripts": {\n\t\t"prepare": "husky && npm run build"\n\t}\n}\n');
    assert.equal(read(".husky/pre-commit"), "# installed by nhilint init\nnpx --no-install nhilint --staged\n");
    const again = await repo.nhilint("init");
    assert.match(again.stdout, /nhilint: package\.json already runs husky in "prepare": every clone gets the hook at npm install\n/);
    assert.equal(read("package.json"), '{\n\t"name": "app",\n\t"scripts": {\n\t\t"prepare": "husky && npm run build"\n\t}\n}\n');
  });

  it("a package.json without scripts gets `\"prepare\": \"husky\"` in its own two-space indentation; husky already set up is said", async () => {
    repo.write("package.json", '{\n  "name": "app"\n}\n');
    repo.git("config", "core.hooksPath", ".husky/_");
    const run = await repo.nhilint("init");
    assert.equal(run.code, 0);
    assert.match(run.stdout, /nhilint: husky is set up \(core\.hooksPath = \.husky\/_\)\n/);
    assert.equal(read("package.json"), '{\n  "name": "app",\n  "scripts": {\n    "prepare": "husky"\n  }\n}\n');
  });

  it("outside a git repository: an error saying what init needs", async () => {
    const folder = new TempRepo({ git: false });
    try {
      const run = await folder.nhilint("init");
      assert.equal(run.code, 2);
      assert.equal(run.stderr, "nhilint: nhilint init sets up a git pre-commit hook: run it inside a git repository\n");
    } finally {
      folder.remove();
    }
  });
});
