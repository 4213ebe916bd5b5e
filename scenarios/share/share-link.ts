import type { FaultSpec, Scenario, Seed } from "../../engine/scenario";
import { fromBase64url, toBase64url } from "./base64url";
import { canDeflate, deflate, inflate } from "./deflate";

/** Everything a share link carries: enough to reproduce the run and put the cursor back. */
export interface ShareState {
  source: { kind: "yaml"; text: string; file: string } | { kind: "object"; scenario: Scenario };
  seed?: Seed;
  /** Faults added in the page. */
  faults: FaultSpec[];
  /** `path=value` overrides. */
  sets: string[];
  cursor?: { t: number; seq?: number };
  /** The second run of a comparison. */
  compare?: { seed?: Seed; sets: string[] };
  /** The views on screen when not the space-time diagram alone: the cluster view, or both. */
  view?: "cluster" | "both";
}

/** A link that cannot be read, saying what is wrong with it. */
export class ShareLinkError extends Error {
  /** The catalogue's code for a bad share link (engine/error-catalogue.ts). */
  readonly code = "CS821" as const;
  constructor(message: string) {
    super(`share link: ${message}`);
    this.name = "ShareLinkError";
  }
}

const VERSION = "1";

/**
 * The most bytes one packed field of a link may hold after unpacking. A scenario is a page or
 * two of YAML and the loader refuses more than a million characters anyway; a link is
 * untrusted input, so a bigger field (a zip bomb) is refused before it is built in memory.
 */
export const MAX_UNPACKED_BYTES = 4 * 1024 * 1024;
const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });

/** Packs text: `z` + base64url of deflate when it is shorter, else `p` + base64url of the text. */
async function pack(text: string): Promise<string> {
  const raw = enc.encode(text);
  if (canDeflate()) {
    const z = await deflate(raw);
    if (z.length < raw.length) return "z" + toBase64url(z);
  }
  return "p" + toBase64url(raw);
}

async function unpack(packed: string, what: string): Promise<string> {
  try {
    if (packed.length > (MAX_UNPACKED_BYTES * 4) / 3 + 4) throw new Error(`it is longer than ${MAX_UNPACKED_BYTES} bytes`);
    const body = fromBase64url(packed.slice(1));
    if (packed[0] === "p") return dec.decode(body);
    if (packed[0] === "z") {
      if (!canDeflate()) throw new Error("this browser cannot inflate (no DecompressionStream)");
      return dec.decode(await inflate(body, MAX_UNPACKED_BYTES));
    }
    throw new Error(`unknown packing "${packed[0] ?? ""}" (expected z or p)`);
  } catch (e) {
    throw new ShareLinkError(`the ${what} is damaged (${(e as Error).message}); copy the whole link again`);
  }
}

/** The URL fragment (without `#`) for a share state. */
export async function encodeShare(s: ShareState): Promise<string> {
  const p = new URLSearchParams();
  p.set("v", VERSION);
  if (s.source.kind === "yaml") {
    p.set("s", await pack(s.source.text));
    p.set("file", s.source.file);
  } else {
    p.set("o", await pack(JSON.stringify(s.source.scenario)));
  }
  if (s.seed !== undefined) p.set("seed", JSON.stringify(s.seed));
  if (s.faults.length > 0) p.set("x", await pack(JSON.stringify(s.faults)));
  if (s.sets.length > 0) p.set("set", await pack(JSON.stringify(s.sets)));
  if (s.cursor) {
    p.set("t", String(s.cursor.t));
    if (s.cursor.seq !== undefined) p.set("i", String(s.cursor.seq));
  }
  if (s.compare) {
    p.set("cmp", "1");
    if (s.compare.seed !== undefined) p.set("cseed", JSON.stringify(s.compare.seed));
    if (s.compare.sets.length > 0) p.set("cset", await pack(JSON.stringify(s.compare.sets)));
  }
  if (s.view) p.set("view", s.view);
  return p.toString();
}

function parseSeed(text: string | null, what: string): Seed | undefined {
  if (text === null) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ShareLinkError(`${what} "${text}" is not a number or a quoted string`);
  }
  if (typeof v !== "number" && typeof v !== "string") throw new ShareLinkError(`${what} must be a number or a string`);
  return v;
}

function parseNumber(text: string | null, what: string): number | undefined {
  if (text === null) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new ShareLinkError(`${what} "${text}" is not a time in microseconds`);
  return n;
}

/**
 * Reads a share state from a URL fragment (with or without `#`). Returns null when the fragment
 * holds no share link at all, and throws `ShareLinkError` when it holds a damaged one.
 */
export async function decodeShare(fragment: string): Promise<ShareState | null> {
  const p = new URLSearchParams(fragment.replace(/^#/, ""));
  if (!p.has("s") && !p.has("o")) return null;
  const v = p.get("v");
  if (v !== VERSION) throw new ShareLinkError(`version ${v ?? "(none)"} is not one this page reads (it reads ${VERSION})`);
  let source: ShareState["source"];
  if (p.has("s")) {
    source = { kind: "yaml", text: await unpack(p.get("s")!, "scenario"), file: p.get("file") ?? "shared.yaml" };
  } else {
    let scenario: Scenario;
    try {
      scenario = JSON.parse(await unpack(p.get("o")!, "scenario")) as Scenario;
    } catch (e) {
      throw e instanceof ShareLinkError ? e : new ShareLinkError("the scenario is not JSON");
    }
    if (!scenario || typeof scenario !== "object" || Array.isArray(scenario)) throw new ShareLinkError("the scenario is not a JSON object");
    source = { kind: "object", scenario };
  }
  const json = async <T>(key: string, what: string, fallback: T): Promise<T> => {
    const packed = p.get(key);
    if (packed === null) return fallback;
    let v: unknown;
    try {
      v = JSON.parse(await unpack(packed, what));
    } catch (e) {
      throw e instanceof ShareLinkError ? e : new ShareLinkError(`the ${what} are not JSON`);
    }
    // The shape is checked here, before anything uses it; the engine validates each fault's fields.
    const isItem = key === "x" ? (x: unknown) => !!x && typeof x === "object" && !Array.isArray(x) : (x: unknown) => typeof x === "string";
    if (!Array.isArray(v) || !v.every(isItem)) throw new ShareLinkError(`the ${what} are not a list of ${key === "x" ? "faults" : "path=value strings"}`);
    return v as T;
  };
  const state: ShareState = {
    source,
    faults: await json<FaultSpec[]>("x", "added faults", []),
    sets: await json<string[]>("set", "overrides", []),
  };
  const seed = parseSeed(p.get("seed"), "seed");
  if (seed !== undefined) state.seed = seed;
  const t = parseNumber(p.get("t"), "cursor");
  if (t !== undefined) {
    state.cursor = { t };
    const seq = parseNumber(p.get("i"), "cursor event");
    if (seq !== undefined) state.cursor.seq = seq;
  }
  if (p.get("cmp") === "1") {
    state.compare = { sets: await json<string[]>("cset", "comparison overrides", []) };
    const cseed = parseSeed(p.get("cseed"), "comparison seed");
    if (cseed !== undefined) state.compare.seed = cseed;
  }
  const view = p.get("view");
  if (view !== null) {
    if (view !== "cluster" && view !== "both") throw new ShareLinkError(`view "${view}" is not one this page shows (cluster or both)`);
    state.view = view;
  }
  return state;
}
