import type { CommandContext } from "../shared/command-spec";
import { printDemo } from "../shared/demo";

/** `clustersim demo [--seed N]`: the built-in demo, printed as a story with its seed and trace hash. */
export default function demo({ flags, io }: CommandContext): Promise<number> {
  return printDemo(flags, io);
}
