// `refresh-sim backtest <scenario> --against refresh-log.csv`: placeholder until the backtest lands.
import type { Argv } from 'yargs';
export const backtestCommand = {
  command: 'backtest <scenario>',
  describe: 'x',
  builder: (y: Argv) => y,
  handler: async (_a: unknown) => 0,
};
