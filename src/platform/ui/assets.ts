import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/**
 * The UI's few static files, served by the app itself so one process (or container) is the whole
 * deployment. Pages link them with `?v=<content digest>`: such a URL changes whenever the file does,
 * so it may be cached for a year; a request without the current digest is revalidated by ETag instead.
 */
type AssetName = 'bezel.css' | 'htmx.min.js' | 'favicon.svg';

type Asset = { body: Buffer; contentType: string; digest: string };

const requireHere = createRequire(import.meta.url);

const SOURCES: Record<AssetName, { path: () => string; contentType: string }> = {
  'bezel.css': { path: () => fileURLToPath(new URL('../../../public/bezel.css', import.meta.url)), contentType: 'text/css; charset=utf-8' },
  // Resolved through Node so it follows wherever the package manager put htmx.
  'htmx.min.js': { path: () => requireHere.resolve('htmx.org/dist/htmx.min.js'), contentType: 'text/javascript; charset=utf-8' },
  'favicon.svg': { path: () => fileURLToPath(new URL('../../../public/favicon.svg', import.meta.url)), contentType: 'image/svg+xml' },
};

const loaded = new Map<AssetName, Asset>();

/** Read once per process: the files only change with a new release. */
function loadAsset(name: AssetName): Asset {
  let asset = loaded.get(name);
  if (!asset) {
    const source = SOURCES[name];
    const body = readFileSync(source.path());
    const digest = createHash('sha256').update(body).digest('base64url').slice(0, 16);
    asset = { body, contentType: source.contentType, digest };
    loaded.set(name, asset);
  }
  return asset;
}

/** The URL to put in pages, e.g. `/assets/bezel.css?v=Xj3…`. */
export function assetUrl(name: AssetName): string {
  return `/assets/${name}?v=${loadAsset(name).digest}`;
}

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export async function registerAssets(app: FastifyInstance): Promise<void> {
  for (const name of Object.keys(SOURCES) as AssetName[]) {
    const asset = loadAsset(name);
    const etag = `"${asset.digest}"`;
    app.get(`/assets/${name}`, { schema: { hide: true } }, async (request, reply) => {
      const query = request.query as { v?: unknown };
      const cacheControl = query.v === asset.digest ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : 'public, no-cache';
      reply.header('cache-control', cacheControl).header('etag', etag).type(asset.contentType);
      if ((request.headers['if-none-match'] ?? '').includes(etag)) return reply.status(304).send();
      return reply.send(asset.body);
    });
  }
}
