import "server-only";
import { PassThrough, Readable, type Writable } from "node:stream";

/**
 * A download streamed as it is written: the response starts at once and memory stays flat. If the
 * writer fails half-way the file ends short, and an import of it is refused (checksums).
 */
export function streamedDownload(filename: string, write: (out: Writable) => Promise<unknown>): Response {
  const pass = new PassThrough();
  write(pass).then(
    () => pass.end(),
    (e: unknown) => {
      console.error("open-data: export failed", e);
      pass.destroy(e as Error);
    },
  );
  return new Response(Readable.toWeb(pass) as ReadableStream, {
    headers: {
      "Content-Type": "application/x-tar",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** A form post from this site's own pages (cookies alone must not be enough to start a download or a restore). */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host === new URL(request.url).host;
  } catch {
    return false;
  }
}

export const IMPORT_ERROR_COOKIE = "open-data-import-error";
