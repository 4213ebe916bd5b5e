import { deflateSync } from "node:zlib";

/**
 * Values built to break a reader: numbers at and past the edges of floats and safe integers,
 * NaN and infinities as YAML spells them, unicode that looks like ASCII (Cyrillic `а`, fullwidth
 * digits, the micro sign against Greek mu, zero-width and bidi controls), prototype keys, markup
 * and control bytes. Spliced into otherwise sensible scenarios, they reach the deep stages.
 */
export const HOSTILE_SCALARS: readonly string[] = [
  "1e308", "1e400", "-1e400", "9007199254740993", "-9007199254740993", "0x1F", "0o17", "1_000", "-0", "00000000000000000000001",
  "4.9e-324", "1e-400", "99999999999999999999999999999999999999999s", "1e400ms", "9".repeat(400) + "/s", "0." + "0".repeat(300) + "1%",
  ".nan", ".NaN", "NaN", ".inf", "-.inf", "+.Inf", "Infinity", "-Infinity", "nan ms", "NaNs", "Infinitys", "1/0",
  "-1s", "-0s", "-1%", "101%", "-5/s", "1.5.5s", "1m-30s", "5 ms", "5ms ", " 5ms", "5\u00a0ms", "5m s",
  "１０s", "10ｍｓ", "10μs", "10µs", "5\u200bms", "\u202e5ms", "n\u0430me", "\u0440\u0430xos", "n1\u200d", "ｎ１",
  "__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "valueOf",
  "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "]]><!--", "${{ secrets.X }}",
  "\u0000", "\u0007\u0008", "\ud800", "\udfff\ud800", "\ufeff", "\r\n\r\n", "\t", "%n%s%s", "../../../../etc/passwd",
  "uniform(1ms)", "uniform(5ms, 1ms)", "normal(1ms, -1ms)", "lognormal(1e400ms, 0.5)", "pareto(0ms, 0)", "exponential()",
  "uniform(" + "1ms, ".repeat(200) + "2ms)", "constant(" + "(".repeat(500) + ")",
  "p99(latency) < 1e400ms", "p99(latency) <", "p101(latency) < 1ms", "latency / latency < NaN", "count(x) >= -1",
  "", " ", "~", "null", "true", "yes", "on", "y", "=", "..", "1..0", "0..100001", "-1..5", "1,,2",
];

/** A text nested `depth` levels deep in the given style. */
export function nested(style: "flow-map" | "flow-seq" | "block-map" | "block-seq" | "compact-seq", depth: number): string {
  switch (style) {
    case "flow-map": return "name: " + "{a: ".repeat(depth) + "x" + "}".repeat(depth) + "\n";
    case "flow-seq": return "nodes: " + "[".repeat(depth) + "n1" + "]".repeat(depth) + "\n";
    case "block-map": return Array.from({ length: depth }, (_, i) => " ".repeat(i) + "k:").join("\n") + " x\n";
    case "block-seq": return "nodes:\n" + Array.from({ length: depth }, (_, i) => " ".repeat(i) + "-").join("\n") + " x\n";
    case "compact-seq": return "nodes: \n  " + "- ".repeat(depth) + "n1\n";
  }
}

/** The billion laughs: `levels` anchors, each a list of `width` aliases to the one before. */
export function aliasBomb(levels: number, width: number): string {
  const lines = ["name: bomb", "duration: 1s", "a0: &a0 [lol]"];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(", ")}]`);
  lines.push(`nodes: *a${levels}`);
  return lines.join("\n") + "\n";
}

/** A scenario with one key given `copies` times. */
export function duplicateKeys(copies: number): string {
  return "name: dup\n" + Array.from({ length: copies }, (_, i) => `duration: ${i + 1}s`).join("\n") + "\nnodes: [a]\n";
}

/** A scenario whose name is a string of `chars` characters. */
export function hugeString(chars: number, quoted: boolean): string {
  const body = "x".repeat(chars);
  return `name: ${quoted ? `"${body}"` : body}\nduration: 1s\nnodes: [a]\n`;
}

/** Whole documents, each aimed at one limit; every campaign runs all of them. */
export function hostileDocuments(): string[] {
  const docs: string[] = [];
  for (const depth of [63, 65, 300, 2_000, 20_000]) {
    for (const style of ["flow-map", "flow-seq", "compact-seq"] as const) docs.push(nested(style, depth));
  }
  for (const depth of [63, 65, 300, 1_300]) for (const style of ["block-map", "block-seq"] as const) docs.push(nested(style, depth));
  docs.push(aliasBomb(9, 9), aliasBomb(30, 2), aliasBomb(4, 400), aliasBomb(1, 100_001));
  docs.push(duplicateKeys(2), duplicateKeys(10_000));
  docs.push(hugeString(10 * 1024 * 1024, false), hugeString(10 * 1024 * 1024, true), hugeString(999_000, true));
  docs.push("name: x\nduration: 1s\nnodes: [{ count: 1000000000000 }]\n", "name: x\nduration: 1s\nnodes: [{ count: 100000000 }]\n");
  docs.push("\ufeffname: bom\nduration: 1s\nnodes: [a]\n", "name: a\r\nduration: 1s\r\nnodes: [a]\r\n", "name: a\0\nduration: 1s\n");
  docs.push("__proto__: { polluted: true }\nname: p\nduration: 1s\nnodes: [a]\n", "name: p\nduration: 1s\nnodes: [a]\nconstructor: { prototype: { x: 1 } }\n");
  docs.push("name: t\nduration: !!binary aGVsbG8=\nnodes: [a]\n", "name: t\nduration: !!js/function 'function(){}'\n", "? [a, b]\n: c\n", "*unknown\n", "&a [*a]\n");
  docs.push("name: x\n---\nname: y\n", "%YAML 1.1\n---\nname: x\n", "%TAG ! tag:evil.com,2000:\n---\nname: !x y\n");
  return docs;
}

/** A share link whose scenario inflates to `mb` megabytes: a zip bomb for the link decoder. */
export function zipBombFragment(mb: number): string {
  const z = deflateSync(Buffer.alloc(mb * 1024 * 1024, 0x20), { level: 9 });
  return `v=1&s=z${z.toString("base64url")}`;
}
