import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { createMiddleware } from 'hono/factory';
import { getMimeType } from 'hono/utils/mime';
import { EngineError } from '../errors/engine-error.ts';
import type { AppEnv } from './env.ts';

const INDEX = 'index.html';
/** Vite's hashed bundles: a file's name changes with its content, so a browser may keep it forever. */
const ASSETS_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** The last segment of a path that names a file (has an extension) rather than a page of the admin. */
const FILE_NAME = /\.[A-Za-z0-9]+$/;

/**
 * The folder of the built admin to serve, or null for none: `adminDir` when given (null: none),
 * else the dist folder of the @zhili/admin package when it is installed. A folder without an
 * index.html (not built) counts as none.
 */
export function resolveAdminDir(adminDir?: string | null): string | null {
  const dir = adminDir === undefined ? installedAdminDist() : adminDir;
  return dir !== null && existsSync(join(dir, INDEX)) ? resolve(dir) : null;
}

function installedAdminDist(): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@zhili/admin/package.json')), 'dist');
  } catch {
    // Not installed (or its package.json not exported): there is no admin to serve.
    return null;
  }
}

/**
 * Serves the built admin in `dir` to GET and HEAD requests outside /api/, without a session (its
 * login page must load before one exists): the file the path names, with its content type; hashed
 * bundles under /assets/ cached for good, everything else revalidated. A path naming no file
 * gets index.html (the admin routes in the browser) unless it looks like a file or lies under
 * /assets/ (404). A path that would leave the folder is 404. A file the build also wrote gzipped
 * (`<file>.gz`) is sent gzipped to a client that accepts gzip.
 */
export function serveAdmin(dir: string) {
  const root = resolve(dir);
  return createMiddleware<AppEnv>(async (c, next) => {
    const method = c.req.method;
    const pathname = new URL(c.req.url).pathname;
    if ((method !== 'GET' && method !== 'HEAD') || pathname === '/api' || pathname.startsWith('/api/')) return next();

    const segments = safeSegments(pathname);
    if (!segments) throw notFound();
    const file = segments.length === 0 ? join(root, INDEX) : join(root, ...segments);
    if (!file.startsWith(root + sep)) throw notFound();
    const gzip = acceptsGzip(c.req.header('accept-encoding'));
    if (await isFile(file)) return send({ file, method, gzip, cacheControl: pathname.startsWith(ASSETS_PREFIX) ? IMMUTABLE : REVALIDATE });
    if (pathname.startsWith(ASSETS_PREFIX) || FILE_NAME.test(segments.at(-1) ?? '')) throw notFound();
    return send({ file: join(root, INDEX), method, gzip, cacheControl: REVALIDATE });
  });
}

/**
 * The decoded segments of a URL path, or null when one could step out of the folder or name a
 * hidden file: '.', '..', a dot file, an encoded slash or backslash, a NUL, bad percent-encoding.
 */
function safeSegments(pathname: string): string[] | null {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment.startsWith('.') || /[/\\\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Whether an Accept-Encoding header admits gzip (named, or `*`, without q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

async function send(options: { file: string; method: string; gzip: boolean; cacheControl: string }): Promise<Response> {
  const { file, method, cacheControl } = options;
  const compressed = `${file}.gz`;
  const hasGzip = await isFile(compressed);
  const gzipped = options.gzip && hasGzip;
  const body = await readFile(gzipped ? compressed : file);
  const headers: Record<string, string> = {
    'content-type': getMimeType(file) ?? 'application/octet-stream',
    'content-length': String(body.byteLength),
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  };
  if (hasGzip) headers['vary'] = 'accept-encoding';
  if (gzipped) headers['content-encoding'] = 'gzip';
  return new Response(method === 'HEAD' ? null : body, { headers });
}

function notFound(): EngineError {
  return new EngineError('NOT_FOUND', { 'zh-CN': '没有这个文件', en: 'There is no such file' });
}
