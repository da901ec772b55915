// Judges one blob for `nhilint history`: the same detectors as `hardcoded-secret`, with the platform
// the path and text select. Run in the main thread on a short history and in the worker threads
// (history-worker.ts) on a long one. The values found go back to the scan in memory only, never to
// any output.
import { platformFor } from "../linter-core/platforms/index.js";
import { detectSecrets } from "../linter-core/secrets/detect.js";

/** One blob to judge: its id, the path it came in at, its text. */
export interface BlobJob {
  id: string;
  path: string;
  text: string;
}

/** What was found in one blob: each value with its title and the key it was bound to, if any. */
export interface BlobDetection {
  value: string;
  title: string;
  name?: string;
}

export async function judgeBlob(path: string, text: string): Promise<BlobDetection[]> {
  try {
    const model = await platformFor(path, text).buildModel(path, text);
    return (await detectSecrets(model)).map((detection) => {
      const key = detection.literal?.role === "assignment" ? detection.literal.key : undefined;
      return { value: detection.value, title: detection.title, ...(key && /^[A-Za-z_][\w.-]*$/.test(key) && { name: key }) };
    });
  } catch {
    return []; // a blob the detectors cannot read is not worth stopping the scan for
  }
}
