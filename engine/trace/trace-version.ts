/**
 * The version of the canonical trace format: the bytes each event encodes to, and so every
 * trace hash. A change that must move a hash (a new field on an event, a changed encoding)
 * bumps it, so a stored hash or trace file says which engine's format it was made in, and
 * `npm run hashes` rewrites the library's golden hashes under the new number.
 */
export const TRACE_VERSION = 1;
