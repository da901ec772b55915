// Judges one blob for `nhilint history`: the same detectors as `hardcoded-secret`, with the platform
// the path and text select. Run in the main thread on a short history and in the worker threads
// (history-worker.ts) on a long one. The values found go back to the scan in memory only, never to
// any output.
import type { Span } from "../linter-core/model.js";
import { platformFor } from "../linter-core/platforms/index.js";
import { plainText } from "../linter-core/platforms/generic.js";
import { detectSecrets } from "../linter-core/secrets/detect.js";

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

export async function judgeBlob(path: string, text: string, plain = false): Promise<BlobDetection[]> {
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
