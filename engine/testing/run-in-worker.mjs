// Runs one scenario in a worker thread and posts back its hashes: the determinism tests compare
// them with the same run in the main thread. TypeScript is loaded through tsx's loader.
import { register } from "tsx/esm/api";
import { parentPort, workerData } from "node:worker_threads";

register();
const { run } = await import("../index.ts");
const result = await run(workerData);
parentPort.postMessage({ traceHash: result.traceHash, digest: result.digest });
