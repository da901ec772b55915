// A worker thread of `nhilint history` (its own entry, bundled apart): judges the batches of blobs it
// is sent, one batch after another (the versions of a path build on each other), and posts back what
// it found in each, in order.
import { parentPort } from "node:worker_threads";
import { registerParsers } from "./parsers.js";
import { HistoryJudge, packBatch, WORKER_READY, type JudgedBlob, type RawBlob } from "./history-judge.js";

registerParsers();
const judge = new HistoryJudge();
let queue = Promise.resolve();
parentPort?.on("message", (blobs: RawBlob[]) => {
  queue = queue.then(async () => {
    const results: JudgedBlob[] = [];
    for (const blob of blobs) results.push(await judge.judge(blob));
    parentPort!.postMessage(packBatch(results));
  });
});
parentPort?.postMessage(WORKER_READY);
