#!/usr/bin/env bash
# A hand-worked case end to end: one tick clears both targets and the whole position leaves on it.
# The sample day, plus one tick of the option the signal buys (spike.csv) at 12:00:07, above both targets;
# the trades must equal expected-trades.csv to the paisa. Usage: examples/one-tick-two-targets/run.sh [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/.run/examples/one-tick-two-targets}"
mkdir -p "$out"
cd "$root"
./alphastocks help >/dev/null   # builds first when a source changed
java -jar market-feed/target/market-feed.jar --write-csv "$out/sample-day.csv" >/dev/null
# The spike goes in at its time: the day's times are ISO-8601 with offset, compared as instants.
python3 - "$out/sample-day.csv" "$here/spike.csv" "$out/ticks.csv" <<'PY'
import sys
from datetime import datetime
day, spike, out = sys.argv[1:4]
header, *ticks = open(day).read().splitlines()
extra = open(spike).read().splitlines()[1:]
at = lambda line: datetime.fromisoformat(line.split(",", 1)[0])
merged = sorted(ticks + extra, key=at)  # stable: the day's own order holds among equal times
open(out, "w").write("\n".join([header] + merged) + "\n")
PY
./alphastocks run --ticks "$out/ticks.csv" --signals "$here/signals.csv" --trades "$out/trades.csv" --json "$out/summary.json" --speed max
if diff "$here/expected-trades.csv" "$out/trades.csv"; then
  echo "==> one tick through both targets: the trades equal expected-trades.csv"
else
  echo "==> the trades differ from expected-trades.csv (above)" >&2
  exit 1
fi
