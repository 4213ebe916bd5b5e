import fc from "fast-check";
import { stringify } from "yaml";
import type { FuzzInput, UnitKind } from "../targets";
import { UNIT_CODES } from "../targets";
import type { Corpus } from "./corpus";
import { HOSTILE_SCALARS, hostileDocuments, zipBombFragment } from "./hostile";
import { mutateBytes, mutateText, randomBytes, randomText, TOKENS } from "./mutate";
import { Prng } from "./prng";
import { hostileValue, schemaArbitrary } from "./schema-arbitrary";

/** A named stream of inputs; the campaign draws from each in proportion to its weight. */
export interface Generator {
  name: string;
  weight: number;
  next(): FuzzInput;
}

/**
 * Draws fast-check values a batch at a time (sampling one by one would rebuild the runner each
 * time). Batches start small and double up to `batch`: a first batch of 256 schema-shaped
 * documents took about 3 s on a loaded machine, which starved the 3 s fuzz slice of npm test.
 */
function sampler<T>(arb: fc.Arbitrary<T>, seed: number, batch = 256): () => T {
  let buf: T[] = [];
  let round = 0;
  return () => {
    if (buf.length === 0) {
      const size = Math.min(batch, 8 * 2 ** Math.min(round, 16));
      buf = fc.sample(arb, { seed: seed + round++ * 7919, numRuns: size });
    }
    return buf.pop()!;
  };
}

const UNIT_SEEDS: Record<UnitKind, string[]> = {
  duration: ["250ms", "1m30s", "0", "2h", "500us"], signedDuration: ["-5ms", "3s"], rate: ["100/s", "6000/m", "0"], ratio: ["1%", "0.5"],
  ppm: ["50ppm", "-20ppm"], latency: ["uniform(1ms, 5ms)", "lognormal(2ms, 0.5)", "pareto(1ms, 2)", "5ms", "exponential(3ms)"],
  expectation: ["p99(latency) < 250ms", "errors / requests < 1%", "count(commit) >= 1", "mean(latency) <= 5ms"],
};

const FLAG_WORDS = ["--seed", "--seeds", "--workers", "--shard", "--set", "--report", "--out", "--json", "--timeout", "--trace", "--determinism", "--max-runs", "--model", "--budget", "-h", "-v", "--", "-", "--sed", "--seed=", "--json=1"];
const VALUE_WORDS = ["1", "0", "-1", "1..5", "5..1", "1,2,,3", "1/4", "0/4", "5/4", "1/0", "60s", "0", "1e400s", "9999999999999999999", "json,md", "json,,", "", "x=1", "a.b.c=5", "..", "NaN"];

/**
 * Every input stream of a campaign, seeded from one number: random bytes and text for each
 * target, mutations of every library scenario, of a real trace and of real share links, schema-
 * shaped documents from fast-check in YAML and JSON, and the hostile documents once each.
 */
export function makeGenerators(corpus: Corpus, seed: number): { generators: Generator[]; fixed: FuzzInput[] } {
  const prng = new Prng(seed);
  const texts = corpus.scenarios.map((s) => s.text);
  const structured = sampler(schemaArbitrary(corpus.schema as never), seed);
  const anything = sampler(fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }), seed + 1);
  const hostile = sampler(hostileValue, seed + 2);
  const unitKinds = Object.keys(UNIT_CODES) as UnitKind[];
  const dec = new TextDecoder();
  const enc = new TextEncoder();

  const generators: Generator[] = [
    { name: "loader: random text", weight: 10, next: () => ({ target: "loader", text: randomText(prng, 400) }) },
    { name: "loader: random bytes", weight: 4, next: () => ({ target: "loader", text: dec.decode(randomBytes(prng, 400)) }) },
    { name: "loader: library mutations", weight: 22, next: () => ({ target: "loader", text: mutateText(prng, prng.pick(texts)) }) },
    { name: "loader: schema documents (YAML)", weight: 10, next: () => ({ target: "loader", text: safeStringify(structured(), "yaml") }) },
    { name: "loader: schema documents (JSON)", weight: 5, next: () => ({ target: "loader", text: safeStringify(structured(), "json") }) },
    {
      name: "loader: schema documents with anchors and duplicate keys", weight: 5,
      next: () => ({ target: "loader", text: withYamlTricks(prng, safeStringify(structured(), "yaml")) }),
    },
    {
      name: "--set", weight: 10,
      next: () => ({ target: "set", base: prng.pick(texts), sets: Array.from({ length: 1 + prng.int(3) }, () => randomSet(prng, hostile)) }),
    },
    {
      name: "units", weight: 12,
      next: () => {
        const kind = prng.pick(unitKinds);
        const r = prng.next();
        const text = r < 0.4 ? mutateText(prng, prng.pick(UNIT_SEEDS[kind])) : r < 0.7 ? prng.pick(HOSTILE_SCALARS) : r < 0.85 ? prng.pick(UNIT_SEEDS[kind]) : randomText(prng, 30);
        return { target: "units", kind, text };
      },
    },
    { name: "share: mutated links", weight: 6, next: () => ({ target: "share", fragment: mutateText(prng, prng.pick(corpus.shares)) }) },
    { name: "share: random", weight: 2, next: () => ({ target: "share", fragment: `v=1&${prng.pick(["s=p", "s=z", "o=p", "o=z", "x=p", "set=p"])}${randomText(prng, 80)}&seed=${prng.pick(VALUE_WORDS)}&t=${prng.pick(VALUE_WORDS)}` }) },
    {
      name: "share: packed hostile payloads", weight: 3,
      next: () => {
        const payload = JSON.stringify(prng.chance(0.5) ? anything() : structured());
        const key = prng.pick(["o", "x", "set", "cset"]);
        return { target: "share", fragment: `v=1&s=p${Buffer.from("name: a").toString("base64url")}&${key}=p${Buffer.from(payload ?? "null").toString("base64url")}&cmp=1` };
      },
    },
    { name: "trace: mutated trace", weight: 6, next: () => ({ target: "trace", bytes: mutateBytes(prng, corpus.trace) }) },
    { name: "trace: random bytes", weight: 2, next: () => ({ target: "trace", bytes: randomBytes(prng, 600) }) },
    {
      name: "trace: hostile events", weight: 4,
      next: () => {
        const lines = Array.from({ length: 1 + prng.int(6) }, (_, i) => safeJson({ kind: prng.pick(["send", "deliver", "crash", "record", "drop", "timer", String(anything())]), t: prng.chance(0.8) ? i : hostile(), ...(anything() as object) }));
        const text = prng.chance(0.2) ? `[${lines.join(",")}]` : lines.join("\n");
        return { target: "trace", bytes: enc.encode(text) };
      },
    },
    {
      name: "argv", weight: 5,
      next: () => {
        const argv = [prng.pick(["run", "check", "replay", "shrink", "validate", "check-history", "list", "view", "demo", "library", "help", "rnu", ""])];
        for (let k = prng.int(6); k > 0; k--) argv.push(prng.chance(0.5) ? prng.pick(FLAG_WORDS) : prng.chance(0.7) ? prng.pick(VALUE_WORDS) : randomText(prng, 10));
        return { target: "argv", argv };
      },
    },
  ];

  const fixed: FuzzInput[] = [
    ...hostileDocuments().map((text): FuzzInput => ({ target: "loader", text })),
    ...texts.map((text): FuzzInput => ({ target: "loader", text })),
    { target: "share", fragment: zipBombFragment(64) },
    { target: "share", fragment: `v=1&s=p${Buffer.from("x".repeat(10 * 1024 * 1024)).toString("base64url")}` },
    { target: "set", base: texts[0], sets: ["a." .repeat(20_000) + "b=1"] },
    { target: "set", base: texts[0], sets: [`name=${"{a: ".repeat(20_000)}x${"}".repeat(20_000)}`] },
    { target: "set", base: texts[0], sets: [`name=${"x".repeat(10 * 1024 * 1024)}`] },
    { target: "trace", bytes: enc.encode(`{"kind":"send","t":0,"msg":"${"x".repeat(10 * 1024 * 1024)}"}\n`) },
    { target: "trace", bytes: enc.encode("[".repeat(100_000) + "]".repeat(100_000)) },
    { target: "trace", bytes: enc.encode(`{"events":${"[".repeat(5_000)}${"]".repeat(5_000)}}`) },
    { target: "trace", bytes: enc.encode(`{"kind":"send","t":1e400}\n{"kind":"send","t":NaN}\n`) },
    { target: "units", kind: "rate", text: "9".repeat(400) + "/s" },
    { target: "units", kind: "duration", text: "9".repeat(400) + "h" },
    { target: "units", kind: "latency", text: "uniform(" + "9".repeat(400) + "ms, " + "9".repeat(401) + "ms)" },
    { target: "units", kind: "expectation", text: "p99(latency) < " + "9".repeat(400) + "ms" },
  ];
  return { generators, fixed };
}

/** Anchors, aliases, merge keys and repeated keys spliced into a YAML text. */
function withYamlTricks(prng: Prng, text: string): string {
  const lines = text.split("\n");
  const i = prng.int(lines.length);
  switch (prng.int(4)) {
    case 0: lines.splice(i, 0, lines[i] ?? "name: x"); break;
    case 1: lines[i] = (lines[i] ?? "").replace(/: /, ": &a "); lines.push("extra: *a"); break;
    case 2: lines.push("<<: { name: merged }"); break;
    case 3: lines.unshift("base: &b { duration: 1s }"); lines.push("other: *b", "again: [*b, *b, *b]"); break;
  }
  return lines.join("\n");
}

/** A random `path=value` override. */
function randomSet(prng: Prng, hostile: () => unknown): string {
  const path = prng.chance(0.7)
    ? Array.from({ length: 1 + prng.int(4) }, () => (prng.chance(0.3) ? String(prng.int(5)) : prng.pick(TOKENS.filter((t) => /^\w+$/.test(t))))).join(".")
    : randomText(prng, 20);
  const r = prng.next();
  const value = r < 0.4 ? prng.pick(HOSTILE_SCALARS) : r < 0.7 ? safeStringify(hostile(), "json") : randomText(prng, 40);
  return prng.chance(0.95) ? `${path}=${value}` : value;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? "null";
  } catch {
    return "null";
  }
}

function safeStringify(v: unknown, how: "yaml" | "json"): string {
  try {
    return how === "json" ? JSON.stringify(v) ?? "null" : stringify(v, { aliasDuplicateObjects: false, lineWidth: 0 });
  } catch {
    return String(v);
  }
}
