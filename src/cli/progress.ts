// A progress bar of simulated time on stderr, shown only on a terminal and only for runs longer than ~1 s.
import cliProgress from 'cli-progress';

interface Progress {
  update(fraction: number, label: string): void;
  stop(): void;
}

export function progressBar(title: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || process.env.CI) return { update() {}, stop() {} };
  const started = performance.now();
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(fraction, label) {
      if (bar === null) {
        if (performance.now() - started < 1000) return; // short runs stay quiet
        bar = new cliProgress.SingleBar(
          { stream, format: `${title} [{bar}] {percentage}% | {label} | ETA {eta_formatted}`, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(1000, 0, { label });
      }
      bar.update(Math.round(fraction * 1000), { label });
    },
    stop() {
      bar?.stop();
    },
  };
}

/** A progress bar of runs done on stderr (only on a terminal); returns the callback and a stop. */
export function runsProgress(title: string): { onProgress: (done: number, total: number) => void; stop: () => void } {
  const bar = progressBar(title);
  return { onProgress: (done, total) => bar.update(done / total, `${done}/${total} runs`), stop: () => bar.stop() };
}
