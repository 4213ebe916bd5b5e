import type { CommandContext } from "../shared/command-spec";
import { runMany } from "../shared/run-many";

/** `clustersim run FILE... [--seed N] [--set path=value] [--report kinds --out DIR] [--json]`. */
export default function run(ctx: CommandContext): Promise<number> {
  return runMany(ctx);
}
