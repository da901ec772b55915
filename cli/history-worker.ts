// A worker thread of `nhilint history` (its own entry, bundled apart): judges the batches of blobs it
// is sent and posts back what it found in each, in order.
import { parentPort } from "node:worker_threads";
import { registerGrammars } from "./grammars.js";
import { judgeJob, type BlobDetection, type BlobJob } from "./history-judge.js";

registerGrammars();
parentPort?.on("message", async (jobs: BlobJob[]) => {
  const results: BlobDetection[][] = [];
  for (const job of jobs) results.push(await judgeJob(job));
  parentPort!.postMessage(results);
});
