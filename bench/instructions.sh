#!/bin/bash
# Instructions per refresh of the mmc workload, and per customer of the bare loop, counted by cachegrind:
# a figure that stays within about half a percent on a shared, noisy machine, where the seconds of
# `npm run bench -- mmc` move by ten. For comparing two versions of the hot loop (run it at each), not a
# target: the issue's targets are in seconds. Needs valgrind (`apt-get install valgrind`) and a build
# (`npm run build`); takes about a minute and a half.
#
# Each workload runs three times in one process at N and at 2N refreshes; the difference of the two
# totals, over 3N, is the steady cost of one refresh (set-up, module loading and optimisation cancel out).
# --single-threaded keeps V8's compiler on the main thread, so its decisions do not race the count.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/bench/workloads.js ] || { echo "instructions.sh: run npm run build first" >&2; exit 2; }
command -v valgrind > /dev/null || { echo "instructions.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
N=300000
ROOT=$(pwd)

mmc() { # the workload's script: 3 runs of $1 refreshes
  echo "const { Simulation } = await import('$ROOT/dist/src/run/simulation.js');
    const { mmcModel } = await import('$ROOT/dist/bench/workloads.js');
    const model = mmcModel($1);
    for (let i = 0; i < 3; i++) new Simulation(model).advance(model.duration);"
}
bare() { # the bare loop's script: 3 runs of $1 customers
  echo "const { bareMmc } = await import('$ROOT/dist/bench/bare-mmc.js');
    const { MMC } = await import('$ROOT/dist/bench/workloads.js');
    for (let i = 0; i < 3; i++) bareMmc($1, MMC.lambda, MMC.mu, MMC.workers);"
}
count() { # the total instructions of a script
  valgrind --tool=cachegrind --cache-sim=no --smc-check=all-non-file --cachegrind-out-file=/dev/null \
    node --single-threaded --input-type=module -e "$1" 2>&1 | sed -nE 's/.*I +refs: +([0-9,]+).*/\1/p' | tr -d ,
}
per() { # instructions per unit of work of workload $1
  local a b
  a=$(count "$($1 $N)")
  b=$(count "$($1 $((2 * N)))")
  [ -n "$a" ] && [ -n "$b" ] || { echo "instructions.sh: valgrind gave no count for $1" >&2; exit 1; }
  echo $(((b - a) / (3 * N)))
}
sim=$(per mmc)
ref=$(per bare)
echo "mmc instructions: simulator $sim per refresh, bare loop $ref per customer, ratio $(node -e "console.log(($ref / $sim).toFixed(3))") (cachegrind)"
