import { describe, expect, it } from "vitest";
import { TRACE_VERSION } from "../../engine/trace/trace-version";
import { libraryFiles, libraryTraceHash, PINNED_SEEDS, readLibraryHashes } from "./library-hashes";

// The golden guard of determinism: every library scenario, recorded in full at seeds 1 and 2,
// hashes exactly as when the golden file was written. A change that moves a hash on purpose
// bumps TRACE_VERSION and rewrites the file with `npm run hashes`; anything else is a bug.
const golden = readLibraryHashes();

describe("library trace hashes", () => {
  it("golden file: belongs to the current trace version and lists every library scenario", () => {
    expect(golden.traceVersion).toBe(TRACE_VERSION);
    expect(Object.keys(golden.hashes).sort()).toEqual(libraryFiles());
  });

  for (const file of libraryFiles()) {
    it(`golden hash: ${file} traces exactly as pinned at seeds ${PINNED_SEEDS.join(" and ")}`, async () => {
      for (const seed of PINNED_SEEDS) {
        expect(await libraryTraceHash(file, seed), `${file} seed ${seed}`).toBe(golden.hashes[file]?.[String(seed)]);
      }
    }, 60_000);
  }
});
