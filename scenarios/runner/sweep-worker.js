// The worker thread's entry, plain JavaScript so that piscina can start it anywhere. Built
// (dist/, where the build copies this file beside sweep-worker-task.js) it imports the compiled
// handler directly. In a checkout it runs the TypeScript handler: worker threads do not inherit
// the parent's loader hooks, so it registers tsx first.
import { existsSync } from "node:fs";

const built = new URL("./sweep-worker-task.js", import.meta.url);
let task;
if (existsSync(built)) {
  task = await import(built.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  task = await import("./sweep-worker-task.ts");
}

/** The handler piscina calls for every task. */
export default task.default;
