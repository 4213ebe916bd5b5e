import type { CommandContext } from "../options";
import { runMany } from "../run-many";

/** `clustersim run FILE... [--seed N] [--set path=value] [--report kinds --out DIR] [--json]`. */
export default function run(ctx: CommandContext): Promise<number> {
  return runMany(ctx);
}
