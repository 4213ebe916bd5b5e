import type { Prng } from "./prng";
import { HOSTILE_SCALARS } from "./hostile";

/** Pieces of YAML and of the format's vocabulary, so random text reaches past the parser often. */
export const TOKENS: readonly string[] = [
  "name", "duration", "nodes", "services", "processes", "faults", "at", "crash", "restart", "partition", "for", "workload",
  "rate", "network", "latency", "loss", "checks", "expect", "narration", "triggers", "when", "do", "kind", "on", "count",
  "zone", "seed", "seeds", "extends", "modules", "nemesis", "limits", "config", "profile", "text", "send", "deliver",
  ":", ": ", "- ", "? ", "[", "]", "{", "}", ",", "\n", "\n  ", "\n    ", "&a ", "*a", "<<: ", "!!str ", "!x ", "'", '"', "#", "|", ">-",
  "10s", "5ms", "100/s", "1%", "n1", "n2", "0", "-1", "1e400", "null", "true", "uniform(1ms, 2ms)", "---\n", "\t", "...", "%",
];

/** Random text: tokens, hostile scalars and random characters (any code unit, lone surrogates too). */
export function randomText(prng: Prng, max = 200): string {
  const n = prng.size(max);
  let out = "";
  for (let i = 0; i < n; i++) {
    const r = prng.next();
    if (r < 0.55) out += prng.pick(TOKENS);
    else if (r < 0.65) out += prng.pick(HOSTILE_SCALARS);
    else if (r < 0.9) out += String.fromCharCode(0x20 + prng.int(0x5f));
    else out += String.fromCharCode(prng.int(0x10000));
  }
  return out;
}

/** Random bytes, sometimes mostly printable. */
export function randomBytes(prng: Prng, max = 512): Uint8Array {
  const n = prng.size(max);
  const out = new Uint8Array(n);
  const printable = prng.chance(0.5);
  for (let i = 0; i < n; i++) out[i] = printable ? 0x20 + prng.int(0x5f) : prng.int(256);
  return out;
}

/**
 * One to four edits of a text: a character replaced, a range deleted or repeated, a token or a
 * hostile scalar inserted, the value after a `: ` replaced, lines swapped, or the text cut short.
 */
export function mutateText(prng: Prng, text: string): string {
  let s = text;
  const edits = 1 + prng.int(4);
  for (let e = 0; e < edits; e++) {
    const at = prng.int(s.length + 1);
    switch (prng.int(8)) {
      case 0: s = s.slice(0, at) + String.fromCharCode(prng.int(0x80)) + s.slice(at + 1); break;
      case 1: s = s.slice(0, at) + s.slice(at + 1 + prng.size(40)); break;
      case 2: {
        const len = prng.size(80);
        s = s.slice(0, at + len) + s.slice(at, at + len) + s.slice(at + len);
        break;
      }
      case 3: s = s.slice(0, at) + prng.pick(TOKENS) + s.slice(at); break;
      case 4: s = s.slice(0, at) + prng.pick(HOSTILE_SCALARS) + s.slice(at); break;
      case 5: s = replaceValue(prng, s); break;
      case 6: {
        const lines = s.split("\n");
        const i = prng.int(lines.length), j = prng.int(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        s = lines.join("\n");
        break;
      }
      case 7: s = s.slice(0, at); break;
    }
  }
  return s;
}

/** Replaces the value after one `key: ` with a hostile scalar, quoted or not. */
function replaceValue(prng: Prng, s: string): string {
  const spots: number[] = [];
  for (let i = s.indexOf(": "); i >= 0 && spots.length < 200; i = s.indexOf(": ", i + 2)) spots.push(i + 2);
  if (spots.length === 0) return s;
  const at = prng.pick(spots);
  let end = s.indexOf("\n", at);
  if (end < 0) end = s.length;
  const v = prng.pick(HOSTILE_SCALARS);
  return s.slice(0, at) + (prng.chance(0.5) ? JSON.stringify(v) : v) + s.slice(end);
}

/** Edits of bytes: flips, deletions, repeats and cuts. */
export function mutateBytes(prng: Prng, bytes: Uint8Array): Uint8Array {
  const out = Array.from(bytes);
  const edits = 1 + prng.int(4);
  for (let e = 0; e < edits; e++) {
    const at = prng.int(out.length + 1);
    switch (prng.int(4)) {
      case 0: out[at] = prng.int(256); break;
      case 1: out.splice(at, 1 + prng.size(40)); break;
      case 2: out.splice(at, 0, ...out.slice(at, at + prng.size(80))); break;
      case 3: out.length = at; break;
    }
  }
  return Uint8Array.from(out);
}
