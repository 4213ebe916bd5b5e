/**
 * The version of the canonical trace format: the bytes each event encodes to, and so every
 * trace hash. A change that must move a hash (a new field on an event, a changed encoding)
 * bumps it, so a stored hash or trace file says which engine's format it was made in, and
 * `npm run hashes` rewrites the library's golden hashes under the new number.
 */
// Version 2: each event is encoded when it happens (the trace streams), so a message body or
// record fields are encoded as they were then. Version 1 encoded them at the end of the run,
// and an object a component changed after sending it (the mq controller's partition state)
// showed a body that was never sent; only such runs' hashes moved.
export const TRACE_VERSION = 2;
