// PNG charts (charts/*.png) rendered with chartjs-node-canvas: same input, same bytes.
//
// chartjs-node-canvas and canvas are optional dependencies (canvas is a native module that may not
// build everywhere), so they are loaded with import() and their absence is reported, not thrown at load.
// The build must never need them either: their module names go through a variable (so TypeScript does
// not resolve them) and the little of their API used here is typed below.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from './atomic.js';
import { buildCharts, clockFor, type ChartSpec } from './charts.js';
import { wallDateTime, wallLabel, wallTicks } from './time-axis.js';
import type { RunResult } from '../vocabulary/index.js';
import type { Writer } from './types.js';

export const PNG_WIDTH = 900;
export const PNG_HEIGHT = 450;
export const CHARTS_DIR = 'charts';

/** The family the shipped font is registered under; charts never fall back to whatever the host has. */
const PNG_FONT_FAMILY = 'RefreshSim DejaVu Sans';

/** The part of `canvas` used here. */
interface CanvasModule {
  registerFont(path: string, font: { family: string; weight?: string }): void;
}

/** The part of Chart.js's global object the chart callback sets. */
interface ChartGlobal {
  defaults: { font: { family: string; size: number }; color: string; animation: boolean; devicePixelRatio: number };
}

/** The part of `chartjs-node-canvas` used here. */
interface ChartJSNodeCanvas {
  renderToBuffer(config: unknown, mimeType: 'image/png'): Promise<Buffer>;
}
interface ChartJSNodeCanvasModule {
  ChartJSNodeCanvas: new (options: {
    width: number;
    height: number;
    backgroundColour: string;
    chartCallback: (chart: ChartGlobal) => void;
  }) => ChartJSNodeCanvas;
}

const CANVAS = 'canvas';
const CHARTJS_NODE_CANVAS = 'chartjs-node-canvas';

async function loadOptional(): Promise<{ canvas: CanvasModule; cjnc: ChartJSNodeCanvasModule }> {
  const canvas = (await import(CANVAS)) as CanvasModule & { default?: CanvasModule };
  const cjnc = (await import(CHARTJS_NODE_CANVAS)) as Partial<ChartJSNodeCanvasModule> & { default?: ChartJSNodeCanvasModule };
  return {
    canvas: typeof canvas.registerFont === 'function' ? canvas : canvas.default!,
    cjnc: cjnc.ChartJSNodeCanvas ? (cjnc as ChartJSNodeCanvasModule) : cjnc.default!,
  };
}

let available: Promise<boolean> | null = null;

/** Whether chartjs-node-canvas and canvas can be loaded here. */
export function pngAvailable(): Promise<boolean> {
  available ??= (async () => {
    try {
      await loadOptional();
      return true;
    } catch {
      return false;
    }
  })();
  return available;
}

/** assets/fonts is two levels above src/report, three above dist/src/report: look upwards for it. */
function fontDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(join(candidate, 'DejaVuSans.ttf'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('png: assets/fonts/DejaVuSans.ttf not found above ' + dirname(fileURLToPath(import.meta.url)));
}

let renderer: Promise<ChartJSNodeCanvas> | null = null;

/** One renderer for the process: creating one loads a fresh Chart.js, which is slow. */
function getRenderer(): Promise<ChartJSNodeCanvas> {
  renderer ??= (async () => {
    let canvasMod: CanvasModule;
    let cjnc: ChartJSNodeCanvasModule;
    try {
      ({ canvas: canvasMod, cjnc } = await loadOptional());
    } catch (err) {
      throw new Error(`png: chartjs-node-canvas/canvas cannot be loaded (optional dependencies): ${(err as Error).message}`);
    }
    const fonts = fontDir();
    // Fonts must be registered before the first canvas is created.
    canvasMod.registerFont(join(fonts, 'DejaVuSans.ttf'), { family: PNG_FONT_FAMILY });
    canvasMod.registerFont(join(fonts, 'DejaVuSans-Bold.ttf'), { family: PNG_FONT_FAMILY, weight: 'bold' });
    return new cjnc.ChartJSNodeCanvas({
      width: PNG_WIDTH,
      height: PNG_HEIGHT,
      backgroundColour: 'white',
      chartCallback: (Chart) => {
        Chart.defaults.font.family = PNG_FONT_FAMILY;
        Chart.defaults.font.size = 13;
        Chart.defaults.color = '#333333';
        Chart.defaults.animation = false;
        Chart.defaults.devicePixelRatio = 1;
      },
    });
  })();
  renderer.catch(() => {
    renderer = null;
  });
  return renderer;
}

/** The part of a Chart.js chart and scale the callbacks below use. */
interface DrawnChart {
  ctx: { save(): void; restore(): void; font: string; fillStyle: string; textAlign: string; textBaseline: string; fillText(t: string, x: number, y: number): void };
  width: number;
  height: number;
}

/** "monday-storm · seed 3 · starts Sun 4 Jan 2026, 19:00 (America/New_York)": what a PNG was drawn from. */
export function pngFooter(result: RunResult, timeZone?: string): string {
  const s = result.summary;
  const clock = clockFor(result, timeZone);
  const start = clock ? `${wallDateTime(0, clock)} (${clock.timeZone})` : s.span.start;
  return `${s.scenario} · seed ${s.seed} · starts ${start} · refresh-sim`;
}

/** Renders one chart to PNG bytes (exported for tests and for callers that embed images). */
export async function renderChartPng(spec: ChartSpec, footer?: string): Promise<Buffer> {
  const r = await getRenderer();
  // chartjs-node-canvas writes into the config it is given; hand it a copy.
  // typed loosely: the inline footer plugin below uses only a little of Chart.js's chart type
  const config = structuredClone(spec.config) as Omit<ChartSpec['config'], 'plugins'> & { plugins?: unknown[] };
  config.options = { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 };
  // band datasets (a sweep's confidence interval edges) stay out of the legend, as in sweep.html
  const plugins = (config.options.plugins ?? {}) as { legend?: { labels?: Record<string, unknown> } };
  if (config.data.datasets.some((d) => (d as { band?: boolean }).band)) {
    plugins.legend = { ...plugins.legend, labels: { ...plugins.legend?.labels, filter: (item: { datasetIndex: number }, data: { datasets: { band?: boolean }[] }) => !data.datasets[item.datasetIndex]!.band } };
    config.options.plugins = plugins as typeof config.options.plugins;
  }
  const xTicks = spec.xTicks;
  if (xTicks) {
    const x = (config.options.scales as Record<string, Record<string, unknown>>).x!;
    x.afterBuildTicks = (axis: { ticks: unknown }) => {
      axis.ticks = xTicks.map((value) => ({ value }));
    };
    // a log axis labels only 1, 2 and 5 times a power of ten by default: label every swept value
    x.ticks = { ...(x.ticks as object), callback: (v: number) => String(v) };
  }
  const clock = spec.clock;
  if (clock) {
    // the same wall-clock ticks as the HTML report (see time-axis.ts)
    const x = (config.options.scales as Record<string, Record<string, unknown>>).x!;
    x.afterBuildTicks = (axis: { min: number; max: number; ticks: unknown }) => {
      axis.ticks = wallTicks(axis.min, axis.max, clock, 9);
    };
    x.ticks = { ...(x.ticks as object), autoSkip: false, maxRotation: 0, callback: (v: number, i: number, ticks: { value: number }[]) => wallLabel(v, clock, i > 0 ? ticks[i - 1]!.value : null) };
  }
  if (footer) {
    const layout = (config.options.layout ?? {}) as { padding?: Record<string, number> };
    config.options.layout = { ...layout, padding: { ...(layout.padding ?? {}), bottom: 18 } };
    config.plugins = [
      {
        id: 'refresh-sim-footer',
        afterDraw(chart: DrawnChart) {
          const c = chart.ctx;
          c.save();
          c.font = `11px "${PNG_FONT_FAMILY}"`;
          c.fillStyle = '#6b6b6b';
          c.textAlign = 'right';
          c.textBaseline = 'bottom';
          c.fillText(footer, chart.width - 8, chart.height - 3);
          c.restore();
        },
      },
    ];
  }
  return r.renderToBuffer(config, 'image/png');
}

/** Writes charts/<chart id>.png for every chart of ./charts.ts. */
export const writePng: Writer = async ({ result, outDir, timeZone }) => {
  const paths: string[] = [];
  // One at a time: the renderer and its Chart.js globals are shared.
  const footer = pngFooter(result, timeZone);
  for (const spec of buildCharts(result, { timeZone })) {
    if (spec.empty !== undefined) continue; // nothing to draw: the HTML report says so in a sentence
    const path = join(outDir, CHARTS_DIR, `${spec.id}.png`);
    await writeFileAtomic(path, await renderChartPng(spec, footer));
    paths.push(path);
  }
  return paths;
};
