/** Runs bytes through a compression or decompression stream and collects the output. */
async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** True when this browser (or Node) has `CompressionStream`. */
export function canDeflate(): boolean {
  return typeof CompressionStream === "function" && typeof DecompressionStream === "function";
}

/** zlib deflate (RFC 1950) of some bytes. */
export function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream("deflate"));
}

/**
 * Inflates zlib deflate bytes; rejects on corrupt input, and on output longer than `maxBytes`
 * as soon as it gets there: a few kilobytes of link can inflate to gigabytes (a zip bomb), so
 * the output is counted chunk by chunk and the stream cancelled rather than collected.
 */
export async function inflate(bytes: Uint8Array, maxBytes = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate")).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new RangeError(`it inflates to more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
