import { stableStringify } from "../../reports/json";
import type { CommandContext } from "../shared/command-spec";
import { ExitCode } from "../shared/exit-codes";
import { formatWarnings, loadFile } from "../shared/load-file";

/**
 * `clustersim validate FILE...`: loads each file as `run` would (extends, modules, `--set`,
 * schema, units, references, configs) and runs nothing. Errors are printed the way compilers
 * print them, with file:line:col and a caret under the spot. Exit 2 when any file is invalid.
 */
export default async function validate({ args, flags, io }: CommandContext): Promise<number> {
  const sets = flags.set ?? [];
  const verdicts: Array<{ file: string; valid: boolean; name?: string; errors: unknown[]; warnings: unknown[]; code?: string; message?: string }> = [];
  for (const file of args) {
    const r = await loadFile(file, { cwd: io.cwd, sets });
    if (r.ok) {
      verdicts.push({ file, valid: true, name: r.loaded.scenario.name, errors: [], warnings: r.loaded.warnings });
      if (!flags.json) {
        io.stderr(formatWarnings(r.loaded));
        io.stdout(`✓ ${file}: ${r.loaded.scenario.name}${r.loaded.warnings.length > 0 ? ` (${r.loaded.warnings.length} warning${r.loaded.warnings.length === 1 ? "" : "s"})` : ""}\n`);
      }
    } else {
      verdicts.push({ file, valid: false, errors: r.failed.errors, warnings: [], ...(r.failed.errors.length === 0 ? { code: r.failed.code ?? "CS805", message: r.failed.message ?? r.failed.report } : {}) });
      if (!flags.json) io.stderr(r.failed.report + "\n\n");
    }
  }
  const bad = verdicts.filter((v) => !v.valid).length;
  if (flags.json) io.stdout(stableStringify(verdicts) + "\n");
  else if (bad > 0) io.stderr(`${bad} of ${args.length} file${args.length === 1 ? "" : "s"} invalid\n`);
  return bad > 0 ? ExitCode.badInput : ExitCode.ok;
}
