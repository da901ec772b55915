// Lookups into a file's model that rules make per job or per script: each built once per file, on
// first use. Asked as a pass over the whole model, they made a file of thousands of jobs quadratic
// (a 2 MB workflow of 40 000 secret references took 78 s; 8 000 Azure jobs, 5 s). Every answer lists
// what it finds in the file's order, as the pass did. Models are not changed once built: an index is
// kept with the array it was made from.
import type { ConnectorRef, FileModel, Job, LiteralValue, Span } from "../linter-core/model.js";

/** Places in an array, grouped by a key. */
type Places<K> = Map<K, number[]>;

/** Memoised per array. */
function perArray<T extends object, R>(build: (items: T) => R): (items: T) => R {
  const built = new WeakMap<T, R>();
  return (items) => {
    let result = built.get(items);
    if (result === undefined) built.set(items, (result = build(items)));
    return result;
  };
}

/** The items at these places (lists of places each in order), in the array's order. */
function inOrder<T>(items: readonly T[], ...lists: (readonly number[] | undefined)[]): T[] {
  // (Sorting one list already in order is a single pass.)
  return lists
    .flatMap((list) => list ?? [])
    .sort((a, b) => a - b)
    .map((at) => items[at]);
}

const jobsById = perArray((jobs: readonly Job[]) => {
  const byId = new Map<string | undefined, Job>();
  for (const job of jobs) if (!byId.has(job.id)) byId.set(job.id, job);
  return byId;
});

/** The job with this id (the first, as a search finds it). */
export function jobById(file: FileModel, id: string | undefined): Job | undefined {
  return jobsById(file.jobs).get(id);
}

const stepPlaces = perArray((steps: Job["steps"]) => {
  const byId = new Map<string | undefined, number>();
  steps.forEach((step, at) => byId.has(step.id) || byId.set(step.id, at));
  return byId;
});

/** Where the step with this id is in its job (-1 when it is not there). */
export function stepIndex(job: Job, id: string | undefined): number {
  return stepPlaces(job.steps).get(id) ?? -1;
}

const refsByJob = perArray((refs: readonly ConnectorRef[]) => {
  const byJob: Places<string | undefined> = new Map();
  refs.forEach((ref, at) => listIn(byJob, ref.scope.job).push(at));
  return byJob;
});

/** The references scoped to this job. */
export function refsOfJob(file: FileModel, job: string): ConnectorRef[] {
  return inOrder(file.connectorRefs, refsByJob(file.connectorRefs).get(job));
}

/** The references a job is in reach of: its own, and those of the whole file (no job). */
export function refsInReachOf(file: FileModel, job: string): ConnectorRef[] {
  const places = refsByJob(file.connectorRefs);
  return inOrder(file.connectorRefs, places.get(job), places.get(undefined), job === "" ? undefined : places.get(""));
}

const scriptsByJob = perArray((literals: readonly LiteralValue[]) => {
  const byJob: Places<string | undefined> = new Map();
  literals.forEach((literal, at) => literal.role === "script" && listIn(byJob, literal.scope.job).push(at));
  return byJob;
});

/** The scripts (script literals) of this job. */
export function scriptsOfJob(file: FileModel, job: string): LiteralValue[] {
  return inOrder(file.literals, scriptsByJob(file.literals).get(job));
}

const scriptLists = perArray((literals: readonly LiteralValue[]) => {
  const byList: Places<string> = new Map();
  literals.forEach((literal, at) => literal.role === "script" && listIn(byList, listKey(literal)).push(at));
  return byList;
});

/** The list a literal is an item of: its parent path (and depth, as the path's items may hold "/"). */
const listKey = (literal: LiteralValue) => `${literal.path.length}\u0000${literal.path.slice(0, -1).join("/")}`;

/** The scripts of the list this script is an item of (GitLab `script:`, CodeBuild `commands:`), from it on. */
export function scriptsListedFrom(file: FileModel, literal: LiteralValue): LiteralValue[] {
  const places = scriptLists(file.literals).get(listKey(literal)) ?? [];
  return inOrder(file.literals, places.filter((at) => file.literals[at].span.start >= literal.span.start));
}

/** A file's env-bound secrets (issued per-run tokens left out) by where they are bound: the whole file, a job, a step. */
const bindings = perArray((refs: readonly ConnectorRef[]) => {
  const workflow: number[] = [];
  const byJob: Places<string | undefined> = new Map();
  const byStep = new Map<string | undefined, Places<string | undefined>>();
  refs.forEach((ref, at) => {
    if (!ref.binding || ref.issuedByPlatform) return;
    if (ref.binding.level === "workflow") return void workflow.push(at);
    if (ref.binding.level === "job") return void listIn(byJob, ref.scope.job).push(at);
    let steps = byStep.get(ref.scope.job);
    if (!steps) byStep.set(ref.scope.job, (steps = new Map()));
    listIn(steps, ref.scope.step).push(at);
  });
  return { workflow, byJob, byStep };
});

function listIn<K>(places: Places<K>, key: K): number[] {
  let list = places.get(key);
  if (!list) places.set(key, (list = []));
  return list;
}

/** The env-bound secrets a script in this job and step sees: the workflow's, the job's, the step's own. */
export function bindingsInReach(file: FileModel, job: string | undefined, step: string | undefined): ConnectorRef[] {
  const { workflow, byJob, byStep } = bindings(file.connectorRefs);
  return inOrder(file.connectorRefs, workflow, byJob.get(job), byStep.get(job)?.get(step));
}

/** A file's secret references (not issued per run) by where they start. */
const secretsByStart = perArray((refs: readonly ConnectorRef[]) =>
  refs
    .map((ref, at) => ({ ref, at }))
    .filter(({ ref }) => ref.kind === "secret" && !ref.issuedByPlatform)
    // (A stable sort: references that start together stay in the file's order.)
    .sort((a, b) => a.ref.span.start - b.ref.span.start),
);

/** The secret references (not issued per run) that lie within the span. */
export function secretRefsWithin(file: FileModel, span: Span): ConnectorRef[] {
  const sorted = secretsByStart(file.connectorRefs);
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle].ref.span.start < span.start) low = middle + 1;
    else high = middle;
  }
  const places: number[] = [];
  // Stryker disable next-line ConditionalExpression: the early stop; a reference starting after the span also ends after it.
  for (let i = low; i < sorted.length && sorted[i].ref.span.start <= span.end; i++) if (sorted[i].ref.span.end <= span.end) places.push(sorted[i].at);
  return inOrder(file.connectorRefs, places);
}
