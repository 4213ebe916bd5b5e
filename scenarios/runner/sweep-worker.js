// The worker thread's entry. Worker threads do not inherit the parent's loader hooks, so this
// plain JavaScript file registers tsx first and then loads the TypeScript task handler.
import { register } from "tsx/esm/api";

register();
const task = await import("./sweep-worker-task.ts");

/** The handler piscina calls for every task. */
export default task.default;
