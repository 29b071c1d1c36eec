import type { EngineClient } from './http.ts';
import { toHttpError } from './http.ts';

/** The file name a Content-Disposition header gives: its UTF-8 filename* (RFC 5987) first, else its plain filename. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (disposition === null) return fallback;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded !== undefined) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(disposition)?.[1] ?? fallback;
}

/**
 * Downloads what a GET of the engine answers (a spreadsheet export, a plugin's file) as a file,
 * under the name its Content-Disposition gives, else `fallback`. A failure throws a Refine HttpError
 * from the engine's error body.
 */
export async function downloadFile(client: EngineClient, path: string, fallback: string): Promise<void> {
  const response = await send(client, path, { method: 'GET' });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filenameOf(response.headers.get('content-disposition'), fallback);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** One request to the engine; a failure throws a Refine HttpError from the engine's error body. */
async function send(client: EngineClient, path: string, init: { method: string }): Promise<Response> {
  let response: Response;
  try {
    response = await client.fetch(`${client.apiUrl}${path}`, {
      ...init,
      headers: { 'Accept-Language': client.locale() },
      credentials: 'include',
    });
  } catch {
    throw toHttpError(0, null, client.locale());
  }
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // Not the engine's JSON (a proxy's page): toHttpError gives a generic message.
    }
    throw toHttpError(response.status, body, client.locale());
  }
  return response;
}
