// The report writers, one per format, registered here; the keys type the CLI's --format choice.
import { writeJson } from './json.js';
import { writeTimeseriesCsv } from './csv.js';
import { writePng, pngAvailable } from './png.js';
import { writeHtml } from './html.js';
import type { Writer } from './types.js';

export const writers = {
  json: writeJson,
  csv: writeTimeseriesCsv,
  png: writePng,
  html: writeHtml,
} satisfies Record<string, Writer>;

export type Format = keyof typeof writers;
export const FORMATS = Object.keys(writers) as Format[];

export { pngAvailable };
export { openRefreshesCsv } from './csv.js';
export { writeFileAtomic } from './atomic.js';
export type { Writer, WriteContext, RequestSink } from './types.js';
