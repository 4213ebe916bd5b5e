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

/** Inflates zlib deflate bytes; rejects on corrupt input. */
export function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new DecompressionStream("deflate"));
}
