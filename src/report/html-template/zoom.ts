// chartjs-plugin-zoom and the Hammer.js it needs for touch gestures, read from node_modules to be inlined
// after Chart.js (the report stays offline). Optional: without them the charts simply do not zoom.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let zoomSource: string | null | undefined;

function besideMain(pkg: string, names: readonly string[]): string | null {
  try {
    const main = createRequire(import.meta.url).resolve(pkg);
    for (const name of names) {
      try {
        return readFileSync(join(dirname(main), name), 'utf8');
      } catch {
        // try the next name
      }
    }
  } catch {
    // not installed
  }
  return null;
}

/** Hammer.js then the zoom plugin (which registers itself with the global Chart), or null if either is missing. */
export function loadZoomPlugin(): string | null {
  if (zoomSource !== undefined) return zoomSource;
  const hammer = besideMain('hammerjs', ['hammer.min.js', 'hammer.js']);
  const zoom = besideMain('chartjs-plugin-zoom', ['chartjs-plugin-zoom.min.js', 'chartjs-plugin-zoom.js']);
  zoomSource = hammer && zoom ? `${hammer}\n;\n${zoom}` : null;
  return zoomSource;
}
