// `npm run fuzz [-- --inputs N] [--seconds S] [--seed N]`: a fuzz campaign in this process
// against every reader of outside input (see fuzz/campaign.ts). New defects are written to
// fuzz/regressions/ as files, which fuzz/regressions.test.ts then runs on every `npm test`.
import { writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { loadavg } from "node:os";
import { campaign } from "./campaign";
import { loadCorpus } from "./inputs/corpus";
import { describeInput, inputToFile } from "./regression-file";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} takes a number, got ${process.argv[i + 1]}`);
  return v;
}

const seed = flag("seed", 1);
const inputs = flag("inputs", 100_000);
const seconds = flag("seconds", 600);
const save = !process.argv.includes("--no-save");

console.log(`fuzz: load average (1, 5, 15 min) at the start: ${loadavg().map((l) => l.toFixed(1)).join(", ")}`);
const corpus = await loadCorpus();
const seen = new Set<string>();
const report = await campaign(corpus, {
  seed, inputs, seconds,
  onDefect: (d) => {
    const key = `${d.input.target}:${d.why.replace(/\d+/g, "N")}`;
    if (seen.has(key)) return;
    seen.add(key);
    console.error(`DEFECT (${d.generator}): ${d.why}\n  input: ${describeInput(d.input)}`);
    if (!save) return;
    const { ext, content } = inputToFile(d.input);
    const name = `found-${createHash("sha256").update(content).digest("hex").slice(0, 10)}.${ext}`;
    writeFileSync(new URL(`./regressions/${name}`, import.meta.url), content);
    console.error(`  saved as fuzz/regressions/${name}`);
  },
});

const codes = Object.entries(report.codes).sort(([a], [b]) => a.localeCompare(b));
console.log(`fuzz: seed ${report.seed}, ${report.inputs} inputs in ${(report.wallMs / 1000).toFixed(1)} s (${Math.round(report.inputs / (report.wallMs / 1000))}/s)`);
console.log(`  by target: ${Object.entries(report.byTarget).map(([k, v]) => `${k} ${v}`).join(", ")}`);
console.log(`  accepted ${report.accepted}, rejected ${report.inputs - report.accepted}`);
console.log(`  distinct error codes: ${codes.length}: ${codes.map(([c, n]) => `${c}×${n}`).join(" ")}`);
console.log(`  slowest input: ${report.slowest.cpuMs.toFixed(0)} ms of CPU, ${report.slowest.ms.toFixed(0)} ms of wall (${report.slowest.generator}): ${describeInput(report.slowest.input)}`);
console.log(`  load average (1, 5, 15 min) at the end: ${loadavg().map((l) => l.toFixed(1)).join(", ")}`);
console.log(`  defects: ${report.defects.length}${report.defects.length > 0 ? ` (${seen.size} distinct)` : ""}`);
process.exitCode = report.defects.length > 0 ? 1 : 0;
