/**
 * First-visit JavaScript per route, read from a production build (`next build`, turbopack or webpack): the
 * scripts every page loads (build-manifest.json `rootMainFiles`; the `nomodule` polyfills are left
 * out, modern browsers skip them) plus the chunks of the client components the route renders (its
 * client reference manifest lists, per client module, the chunks its page entry loads). Chunks a
 * page imports lazily (`next/dynamic`, `import()`) are not in those lists, as they are not
 * downloaded until used. Sizes are gzip (node:zlib, default level) of each file, summed.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

export interface RouteWeight {
  route: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

interface ClientManifest {
  clientModules: Record<string, { chunks: string[] }>;
  entryJSFiles?: Record<string, string[]>;
}

function readClientManifest(file: string): Record<string, ClientManifest> {
  // The manifest is a script assigning `globalThis.__RSC_MANIFEST[route] = {...}`.
  const sandbox: { self: Record<string, unknown>; globalThis?: unknown } = { self: {} };
  sandbox.globalThis = sandbox.self;
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), sandbox.self);
  return (sandbox.self.__RSC_MANIFEST ?? {}) as Record<string, ClientManifest>;
}

function findManifests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findManifests(full);
    return entry.name === 'page_client-reference-manifest.js' ? [full] : [];
  });
}

/** `/m/[meetingId]/page` → `/m/[meetingId]`. */
function routeOf(entry: string): string {
  const route = entry.replace(/\/page$/, '');
  return route === '' ? '/' : route;
}

export function measurePageWeight(nextDir: string): RouteWeight[] {
  const build = JSON.parse(fs.readFileSync(path.join(nextDir, 'build-manifest.json'), 'utf8')) as {
    rootMainFiles: string[];
  };
  const gzipOf = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (file: string) => {
    let size = gzipOf.get(file);
    if (!size) {
      // Chunk paths are URL-encoded (`%5BmeetingId%5D` for `[meetingId]`); turbopack's client
      // manifests give them as URLs (`/_next/static/…`), webpack's relative to .next.
      const relative = decodeURIComponent(file).replace(/^\/?_next\//, '');
      const content = fs.readFileSync(path.join(nextDir, relative));
      size = { raw: content.length, gzip: gzipSync(content).length };
      gzipOf.set(file, size);
    }
    return size;
  };

  const weights: RouteWeight[] = [];
  for (const file of findManifests(path.join(nextDir, 'server', 'app'))) {
    for (const [entry, manifest] of Object.entries(readClientManifest(file))) {
      const files = new Set(build.rootMainFiles);
      for (const { chunks } of Object.values(manifest.clientModules)) {
        // [id, file, id, file, …]
        for (const chunk of chunks) if (chunk.endsWith('.js')) files.add(chunk);
      }
      for (const list of Object.values(manifest.entryJSFiles ?? {})) for (const f of list) files.add(f);
      let rawBytes = 0;
      let gzipBytes = 0;
      for (const f of files) {
        const size = sizeOf(f);
        rawBytes += size.raw;
        gzipBytes += size.gzip;
      }
      weights.push({ route: routeOf(entry), files: files.size, rawBytes, gzipBytes });
    }
  }
  return weights.sort((a, b) => a.route.localeCompare(b.route));
}

/**
 * The `nomodule` polyfills every page also lists (gzip bytes): downloaded only by browsers without
 * ES modules, so left out of the route figures, and reported apart for comparison with tools that
 * count them.
 */
export function polyfillWeight(nextDir: string): number {
  const build = JSON.parse(fs.readFileSync(path.join(nextDir, 'build-manifest.json'), 'utf8')) as {
    polyfillFiles?: string[];
  };
  return (build.polyfillFiles ?? []).reduce(
    (sum, file) => sum + gzipSync(fs.readFileSync(path.join(nextDir, file))).length,
    0,
  );
}
