#!/usr/bin/env bash
# Issue 18's candidate table: each YAML front end building the same span-keeping
# node tree (bench/candidates/), on the four sizes of bench/run.sh, side by side
# with the libyaml typed floor. Prints a Markdown table of median wall time (ms)
# and peak RSS (MB, the lowest of 3 runs). Run bench/run.sh first (it generates
# the specs), or this generates them.
#
#   bench/parsers.sh            # 10 runs each (30 on small and medium)
#   bench/parsers.sh --quick    # 3 and 10
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS_BIG=10; RUNS_SMALL=30
if [ "${1:-}" = --quick ]; then RUNS_BIG=3; RUNS_SMALL=10; fi
for tool in hyperfine python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/parsers.sh needs $tool" >&2; exit 2; }
done
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --quiet --manifest-path bench/Cargo.toml
BIN="$CARGO_TARGET_DIR/release"
WORK="$CARGO_TARGET_DIR/bench-specs"
OUT="$WORK/parsers"
mkdir -p "$OUT"
for size in small medium large huge; do
  [ -f "$WORK/$size.yaml" ] || "$BIN/jm-gen" "$size" -o "$WORK/$size.yaml"
done
CANDIDATES="serde-saphyr granit saphyr libyaml"
for size in small medium large huge; do
  runs=$RUNS_BIG; case $size in small|medium) runs=$RUNS_SMALL ;; esac
  spec="$WORK/$size.yaml"
  args=()
  for c in $CANDIDATES; do args+=(-n "$c" "$BIN/parsers $c $spec"); done
  args+=(-n libyaml-floor "$BIN/floor-libyaml $spec")
  echo "== $size" >&2
  hyperfine -N --style basic --warmup 2 --runs "$runs" --export-json "$OUT/$size.json" "${args[@]}" >&2
  {
    for c in $CANDIDATES; do
      best=""
      for _ in 1 2 3; do
        kb=$(/usr/bin/time -f '%M' "$BIN/parsers" "$c" "$spec" 2>&1 >/dev/null | tail -n 1)
        if [ -z "$best" ] || [ "$kb" -lt "$best" ]; then best=$kb; fi
      done
      echo "$c $best"
    done
    best=""
    for _ in 1 2 3; do
      kb=$(/usr/bin/time -f '%M' "$BIN/floor-libyaml" "$spec" 2>&1 >/dev/null | tail -n 1)
      if [ -z "$best" ] || [ "$kb" -lt "$best" ]; then best=$kb; fi
    done
    echo "libyaml-floor $best"
  } > "$OUT/$size.mem"
done
python3 - "$OUT" "$WORK" <<'PY'
import json, os, statistics, sys
out, work = sys.argv[1:3]
names = ["serde-saphyr", "granit", "saphyr", "libyaml", "libyaml-floor"]
print("| candidate | " + " | ".join(f"{s} ({os.path.getsize(os.path.join(work, s + '.yaml'))/1e6:.2f} MB)" for s in ["small", "medium", "large", "huge"]) + " |")
print("|---|---|---|---|---|")
data = {}
for s in ["small", "medium", "large", "huge"]:
    with open(os.path.join(out, s + ".json")) as f:
        t = {r["command"]: statistics.median(r["times"]) * 1000 for r in json.load(f)["results"]}
    m = dict(l.split() for l in open(os.path.join(out, s + ".mem")))
    data[s] = (t, m)
for n in names:
    cells = []
    for s in ["small", "medium", "large", "huge"]:
        t, m = data[s]
        cells.append(f"{t[n]:.1f} ms, {int(m[n])/1024:.0f} MB")
    print(f"| {n} | " + " | ".join(cells) + " |")
PY
