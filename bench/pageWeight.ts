/**
 * `tsx bench/pageWeight.ts [.next]`: the gzip size of the JavaScript each route loads on a first
 * visit, from the production build in `.next` (run `npx next build --webpack` first). Prints a
 * table and writes bench/results/page-weight.json.
 */
import path from 'node:path';
import { measurePageWeight, polyfillWeight, type RouteWeight } from './lib/pageWeight';
import { writeResult } from './lib/results';

const KB = 1024;

export function printPageWeight(weights: RouteWeight[]): void {
  const width = Math.max(...weights.map((w) => w.route.length));
  console.log(`\n${'route'.padEnd(width)}  files   raw KB  gzip KB`);
  for (const w of weights) {
    console.log(
      `${w.route.padEnd(width)}  ${String(w.files).padStart(5)}  ${(w.rawBytes / KB).toFixed(1).padStart(7)}  ${(w.gzipBytes / KB).toFixed(1).padStart(7)}`,
    );
  }
}

export function runPageWeight(nextDir = path.join(import.meta.dirname, '..', '.next')) {
  const routes = measurePageWeight(nextDir);
  const polyfillGzipBytes = polyfillWeight(nextDir);
  printPageWeight(routes);
  console.log(
    `(not counted: nomodule polyfills, ${(polyfillGzipBytes / KB).toFixed(1)} KB gzip, legacy browsers only)`,
  );
  const result = { at: new Date().toISOString(), unit: 'bytes', routes, polyfillGzipBytes };
  console.log(`\nwritten ${writeResult('page-weight', result)}`);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) runPageWeight(process.argv[2]);
