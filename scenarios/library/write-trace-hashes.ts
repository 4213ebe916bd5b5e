import { writeFileAtomic } from "../write/write-file-atomic";
import { computeLibraryHashes, HASHES_FILE } from "./library-hashes";

// `npm run hashes`: rewrites the library's golden trace hashes. Run it only when a scenario file
// changed on purpose, or when the trace version was bumped; the diff shows which hashes moved.
const hashes = await computeLibraryHashes();
const text = JSON.stringify(hashes, null, 2) + "\n";
writeFileAtomic(HASHES_FILE, text);
console.log(`wrote ${HASHES_FILE} (${Object.keys(hashes.hashes).length} scenarios, trace version ${hashes.traceVersion})`);
