// The per-file lookups rules make (rules/model-index.ts) answer exactly what a pass over the model
// answers, in the same order: checked against that pass on random models, whose jobs, steps, scopes,
// bindings and spans repeat and collide on purpose (duplicate ids, references without a job, the
// empty job name, nested and touching spans).
import assert from "node:assert/strict";
import type { ConnectorRef, FileModel, Job, LiteralValue, Span } from "../../linter-core/model.js";
import { bindingsInReach, jobById, refsInReachOf, refsOfJob, scriptsListedFrom, scriptsOfJob, secretRefsWithin, stepIndex } from "../../rules/model-index.js";

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomModel(seed: number): FileModel {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const jobIds = ["build", "deploy", "test", "", "build"];
  const stepIds = ["0", "1", "2", "checkout", "0"];
  const jobs: Job[] = Array.from({ length: 1 + Math.floor(next() * 6) }, () => ({ id: pick(jobIds), span: { start: 0, end: 0 }, steps: Array.from({ length: Math.floor(next() * 5) }, () => ({ id: pick(stepIds) })) }) as unknown as Job);
  const connectorRefs: ConnectorRef[] = Array.from({ length: Math.floor(next() * 40) }, (_, i) => {
    const start = Math.floor(next() * 200);
    const scope = next() < 0.2 ? {} : { job: pick(jobIds), ...(next() < 0.6 && { step: pick(stepIds) }) };
    const level = pick(["workflow", "job", "step", undefined] as const);
    return {
      name: `S${i}`,
      kind: next() < 0.7 ? "secret" : "cloud-role",
      span: { start, end: start + Math.floor(next() * 30) },
      scope,
      ...(next() < 0.2 && { issuedByPlatform: true }),
      ...(level && { binding: { level, name: `V${i}`, keySpan: { start, end: start } } }),
    } as ConnectorRef;
  });
  const parents: (string | number)[][] = [["jobs", "build", "script"], ["jobs", "deploy", "script"], ["a/b"], ["a", "b"], ["ab", "c"], ["a", "bc"], []];
  const literals: LiteralValue[] = Array.from({ length: Math.floor(next() * 30) }, () => {
    const start = Math.floor(next() * 200);
    return { key: "k", value: "v", role: next() < 0.7 ? "script" : "assignment", path: [...pick(parents), Math.floor(next() * 3)], span: { start, end: start + 5 }, scope: next() < 0.2 ? {} : { job: pick(jobIds) } } as LiteralValue;
  });
  return { jobs, connectorRefs, literals } as unknown as FileModel;
}

describe("rules/model-index: lookups per job and per script", () => {
  for (let seed = 1; seed <= 300; seed++) {
    const scopes: { job?: string; step?: string }[] = [{}, ...["build", "deploy", "", "nope"].flatMap((job) => [{ job }, ...["0", "1", "checkout", "x"].map((step) => ({ job, step }))])];
    const spans: Span[] = [{ start: 0, end: 0 }, { start: 0, end: 250 }, { start: 40, end: 80 }, { start: 100, end: 101 }, { start: 150, end: 230 }];

    it(`seed ${seed}: each answer is the pass's answer, in the file's order`, () => {
      // Built in the test: the lookups are memoised per model, so a model kept between runs (StrykerJS
      // runs a test again in the same process) would answer from the first run's index.
      const file = randomModel(seed);
      for (const { job, step } of scopes) {
        assert.equal(jobById(file, job), file.jobs.find((j) => j.id === job));
        assert.deepEqual(
          bindingsInReach(file, job, step),
          file.connectorRefs.filter((ref) => ref.binding && !ref.issuedByPlatform && (ref.binding.level === "workflow" || (ref.scope.job === job && (ref.binding.level === "job" || ref.scope.step === step)))),
        );
        if (job === undefined) continue;
        assert.deepEqual(refsOfJob(file, job), file.connectorRefs.filter((ref) => ref.scope.job === job));
        assert.deepEqual(refsInReachOf(file, job), file.connectorRefs.filter((ref) => ref.scope.job === job || !ref.scope.job));
      }
      for (const job of file.jobs) {
        for (const step of [undefined, "0", "1", "checkout", "x"]) assert.equal(stepIndex(job, step), job.steps.findIndex((s) => s.id === step));
      }
      for (const job of ["build", "deploy", "", "nope"]) assert.deepEqual(scriptsOfJob(file, job), file.literals.filter((l) => l.scope.job === job && l.role === "script"));
      // A literal that is no script has the scripts of its list too (none, mostly).
      for (const literal of file.literals) {
        assert.deepEqual(
          scriptsListedFrom(file, literal),
          file.literals.filter((l) => l.role === "script" && l.span.start >= literal.span.start && l.path.length === literal.path.length && l.path.slice(0, -1).join("/") === literal.path.slice(0, -1).join("/")),
        );
      }
      for (const span of spans) {
        assert.deepEqual(
          secretRefsWithin(file, span),
          file.connectorRefs.filter((ref) => ref.kind === "secret" && !ref.issuedByPlatform && span.start <= ref.span.start && ref.span.end <= span.end),
        );
      }
    });
  }
});
