/** The message type an agent ships a chunk with: a request when it wants an ack, else one-way. */
export const LOG_FORWARD = "log.forward";

/** The process kind of collectors, which agents find in the directory. */
export const LOG_COLLECTOR_KIND = "log-collector";

/** A chunk on the wire: whose lines, which chunk, and the lines' sequence numbers. */
export interface ForwardedChunk {
  agent: string;
  chunk: number;
  seqs: number[];
}

/** The collector's ack (out_forward's `ack` with the chunk id). */
export interface ChunkAck {
  ack: number;
}
