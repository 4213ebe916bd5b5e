import type { FuzzInput } from "./targets";

/**
 * A fuzz input as a file in fuzz/regressions/, and back. Scenario texts are stored as they are
 * (`NAME.loader.yaml`), so a regression reads like the file that broke the loader; every other
 * input is one JSON document (`NAME.TARGET.json`), trace bytes in base64.
 */
export function inputToFile(input: FuzzInput): { ext: string; content: string } {
  if (input.target === "loader") return { ext: "loader.yaml", content: input.text };
  if (input.target === "trace") return { ext: "trace.json", content: JSON.stringify({ target: "trace", base64: Buffer.from(input.bytes).toString("base64") }) + "\n" };
  return { ext: `${input.target}.json`, content: JSON.stringify(input) + "\n" };
}

/** Reads a regression file written by `inputToFile` (or by hand, in the same shape). */
export function inputFromFile(name: string, content: string): FuzzInput {
  if (name.endsWith(".loader.yaml")) return { target: "loader", text: content };
  const v = JSON.parse(content) as FuzzInput & { base64?: string };
  if (v.target === "trace" && typeof v.base64 === "string") return { target: "trace", bytes: new Uint8Array(Buffer.from(v.base64, "base64")) };
  return v;
}

/** A short description of an input for a report line. */
export function describeInput(input: FuzzInput): string {
  const cut = (s: string) => JSON.stringify(s.length > 120 ? `${s.slice(0, 120)}…(${s.length} chars)` : s);
  switch (input.target) {
    case "loader": return `loader ${cut(input.text)}`;
    case "set": return `--set ${cut(input.sets.join(" "))}`;
    case "units": return `${input.kind} ${cut(input.text)}`;
    case "share": return `share link ${cut(input.fragment)}`;
    case "trace": return `trace of ${input.bytes.length} bytes ${cut(new TextDecoder().decode(input.bytes.subarray(0, 200)))}`;
    case "argv": return `argv ${cut(input.argv.join(" "))}`;
  }
}
