// Judges one blob for `nhilint history`: the same detectors as `hardcoded-secret`, with the platform
// the path and text select, or (a new version of a plain-text file) only the windows of it near what
// changed. Planned in the main thread, judged there on a short history and in the worker threads
// (history-worker.ts) on a long one. The values found go back to the scan in memory only, never to
// any output.
import type { Span } from "../linter-core/model.js";
import { platformFor } from "../linter-core/platforms/index.js";
import { plainText } from "../linter-core/platforms/generic.js";
import { detectSecrets } from "../linter-core/secrets/detect.js";
import { planIncremental, type IncrementalPlan } from "../linter-core/secrets/incremental.js";

/**
 * One blob to judge: its id, the path it came in at, and its text, whole or (a new version of a plain
 * text file, see linter-core/secrets/incremental.ts) the windows of it that need judging.
 */
export interface BlobJob {
  id: string;
  path: string;
  text?: string;
  windows?: { start: number; text: string }[];
}

/** What was found in one blob: each value with its title, where it is and the key it was bound to, if any. */
export interface BlobDetection {
  value: string;
  title: string;
  span: Span;
  name?: string;
}

/** Versions kept to judge a later one from, besides the last at each path: a side branch's old version (about 64 MB). */
const RECENT_CHARS = 32 * 1024 * 1024;

/**
 * The versions a new one may be judged from: the last read at each path, and (a side branch's old
 * version is not its path's last) those read most recently, within a budget.
 */
export class KeptVersions {
  private readonly latestAt = new Map<string, { id: string; text: string }>();
  private readonly recent = new Map<string, string>();
  private recentChars = 0;

  textOf(path: string, id: string): string | undefined {
    const latest = this.latestAt.get(path);
    return latest?.id === id ? latest.text : this.recent.get(id);
  }

  keep(path: string, id: string, text: string): void {
    this.latestAt.set(path, { id, text });
    this.recent.set(id, text);
    this.recentChars += text.length;
    for (const [oldest, kept] of this.recent) {
      if (this.recentChars <= RECENT_CHARS) break;
      this.recent.delete(oldest);
      this.recentChars -= kept.length;
    }
  }
}

/**
 * The job for a blob: when it is a new version of a plain-text file whose old version is known, the
 * windows of it to judge and the plan that merges their detections with the old version's; else its
 * whole text.
 */
export function blobJob(id: string, path: string, text: string, base: string | undefined): { job: BlobJob; plan?: IncrementalPlan } {
  const plan = base !== undefined && isPlainText(path, text) && isPlainText(path, base) ? planIncremental(base, text) : undefined;
  if (!plan) return { job: { id, path, text } };
  return { job: { id, path, windows: plan.windows.map((w) => ({ start: w.start, text: text.slice(w.start, w.end) })) }, plan };
}

/** Whether no platform claims the file: only then is a new version judged from the old one. */
function isPlainText(path: string, text: string): boolean {
  return platformFor(path, text).id === "text";
}

export async function judgeJob(job: BlobJob): Promise<BlobDetection[]> {
  if (job.text !== undefined) return judgeBlob(job.path, job.text);
  const found: BlobDetection[] = [];
  for (const window of job.windows ?? []) {
    for (const detection of await judgeBlob(job.path, window.text, true)) {
      found.push({ ...detection, span: { start: detection.span.start + window.start, end: detection.span.end + window.start } });
    }
  }
  return found;
}

async function judgeBlob(path: string, text: string, plain = false): Promise<BlobDetection[]> {
  try {
    const model = await (plain ? plainText : platformFor(path, text)).buildModel(path, text);
    return (await detectSecrets(model)).map((detection) => {
      const key = detection.literal?.role === "assignment" ? detection.literal.key : undefined;
      return { value: detection.value, title: detection.title, span: detection.span, ...(key && /^[A-Za-z_][\w.-]*$/.test(key) && { name: key }) };
    });
  } catch {
    return []; // a blob the detectors cannot read is not worth stopping the scan for
  }
}
