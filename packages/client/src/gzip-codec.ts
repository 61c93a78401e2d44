/** Compresses a request body with gzip. */
export type Gzip = (data: Uint8Array) => Promise<Uint8Array>;

let loaded: Promise<Gzip | undefined> | undefined;

/**
 * The best gzip available here: `node:zlib` on Node, the `CompressionStream` web API elsewhere
 * (browsers, Deno), or undefined when neither exists — the client then sends plain JSON. Loaded
 * once, lazily, so importing the client never touches `node:zlib`.
 */
export function gzipCodec(): Promise<Gzip | undefined> {
  loaded ??= loadGzip();
  return loaded;
}

async function loadGzip(): Promise<Gzip | undefined> {
  try {
    const zlib = await import('node:zlib');
    return (data) =>
      new Promise((resolve, reject) => {
        zlib.gzip(data, (error, out) => {
          if (error) reject(error);
          else resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
        });
      });
  } catch {
    return typeof CompressionStream === 'function' ? compressionStreamGzip : undefined;
  }
}

/** gzip through the web `CompressionStream` API (the fallback outside Node). */
export async function compressionStreamGzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
