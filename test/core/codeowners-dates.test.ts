// Who owns a file (CODEOWNERS, GitHub's rules) and calendar arithmetic for expiry and rotation.
import assert from "node:assert/strict";
import { parseCodeOwners } from "../../linter-core/codeowners.js";
import { addCadence, daysUntil, parseDay } from "../../linter-core/dates.js";

describe("CODEOWNERS", () => {
  // Parsed in each test (not once when the file loads), so a mutation test sees each parse.
  const text = ["# comments and blank lines are skipped", "", "*           @acme/everyone", "/.github/   @acme/platform \t @acme/security # two owners", "docs/*.md   docs@acme.example", "  /.github/workflows/release.yml @acme/release  ", "  ", "[invalid"].join("\r\n");

  it("the last matching line wins, with every owner it names (however the line is indented or spaced)", () => {
    const owners = parseCodeOwners(text);
    assert.deepEqual(owners.ownersOf(".github/workflows/release.yml"), ["@acme/release"]);
    assert.deepEqual(owners.ownersOf(".github/workflows/ci.yml"), ["@acme/platform", "@acme/security"]);
    assert.deepEqual(owners.ownersOf("docs/guide.md"), ["docs@acme.example"]);
    assert.deepEqual(owners.ownersOf("src/app.ts"), ["@acme/everyone"]);
  });

  it("no file, or no matching line: nobody", () => {
    assert.deepEqual(parseCodeOwners(undefined).ownersOf("a.yml"), []);
    assert.deepEqual(parseCodeOwners("/docs/ @d\n").ownersOf("src/a.yml"), []);
  });

  it("a # inside a pattern is not a comment; one after a space is", () => {
    assert.deepEqual(parseCodeOwners("a#b.yml @x # note\n").ownersOf("a#b.yml"), ["@x"]);
  });
});

describe("dates", () => {
  const now = new Date("2026-11-23T18:30:00Z");

  it("counts whole calendar days from today (UTC), whatever the time of day", () => {
    assert.equal(daysUntil(parseDay("2026-11-23")!, now), 0);
    assert.equal(daysUntil(parseDay("2026-11-24")!, now), 1);
    assert.equal(daysUntil(parseDay("2026-11-22")!, now), -1);
    assert.equal(daysUntil(parseDay("2027-11-23")!, now), 365);
  });

  it("reads YYYY-MM-DD; anything else (or absurdly long) is no date", () => {
    for (const day of ["2026-02-30", "2026-02-29", "2026-04-31", "2026-06-31", "2026-02-31", "2026-13-01", "2026-00-10", "2026-01-00"]) assert.equal(parseDay(day), undefined, `${day}: JavaScript rolls it over; no such day`);
    assert.equal(parseDay("2028-02-29")?.toISOString().slice(0, 10), "2028-02-29", "a leap day");
    assert.equal(parseDay("2026-12-31")?.toISOString().slice(0, 10), "2026-12-31");
    assert.equal(parseDay("2026-1-5"), undefined, "written in full only");
    assert.equal(parseDay("next year"), undefined);
    assert.equal(parseDay("2026-11-23".padEnd(41, " ")), undefined);
  });

  it("adds days, weeks, months and years; an unreadable or out-of-range cadence gives no date", () => {
    const day = parseDay("2026-01-31")!;
    const iso = (d: Date | undefined) => d?.toISOString().slice(0, 10);
    assert.equal(iso(addCadence(day, "30d")), "2026-03-02");
    assert.equal(iso(addCadence(day, "2w")), "2026-02-14");
    assert.equal(iso(addCadence(day, "1m")), "2026-03-03");
    assert.equal(iso(addCadence(day, "1y")), "2027-01-31");
    assert.equal(addCadence(day, "fortnightly"), undefined);
    assert.equal(addCadence(day, "300000y"), undefined);
    assert.equal(iso(day), "2026-01-31", "the date given is not changed");
  });
});
