#!/usr/bin/env bash
# Whole-process benchmark of issue 8 (see docs/performance.md).
#
#   bench/run.sh              # everything: sizes, 1 000-spec folder, peak memory, the curve, measured data, portfolio
#   bench/run.sh --quick      # fewer runs, for a first look
#   bench/run.sh --measured   # only the measured-data case (with --quick too)
#   bench/run.sh --portfolio  # only the portfolio case (with --quick too)
#   bench/run.sh --sizes      # only the sizes (small … huge, the folder, the curve)
#
# It builds the release binary and the bench helpers (bench/Cargo.toml: `floor`,
# the parse-only floor, and `jm-gen`, the spec generator), generates the specs
# into $CARGO_TARGET_DIR/bench-specs (not committed), then compares side by side,
# with hyperfine, on each file:
#
#   build    journeymap build -f html -o OUT SPEC   (OUT removed before each run)
#   check    journeymap check SPEC
#   floor    floor SPEC   (read + parse::parse + spec::Reader::spec_file, nothing else)
#   libyaml  floor-libyaml SPEC   (serde_yaml 0.9 into plain serde structs shaped
#            like a spec: the libyaml typed floor of issue 18, bench-only)
#
# and prints the ratios the issue sets targets for, peak memory (/usr/bin/time),
# `build` of a folder of 1 000 small specs, the time per touchpoint from
# 200 to 25 000 touchpoints, and measured data (SPEC.md §6): a 9 × 30 spec with
# a metrics registry, built and checked with and without its 100 000-row data
# file (`jm-gen measured`), the added time against 0.2 s and the added peak
# memory against 3 × the file's size; and the portfolio (SPEC.md §7):
# `build DIR --out-dir OUT` of 1 000 related specs (`jm-gen portfolio`) with
# and without its portfolio page (`--no-index`), against the 10 % target, then
# 10 000 of them once each way under GNU time (wall time and peak memory).
# Needs hyperfine (apt-get install hyperfine), python3 and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=0
ONLY_MEASURED=0
ONLY_PORTFOLIO=0
ONLY_SIZES=0
for arg in "$@"; do
  case $arg in
    --quick) QUICK=1 ;;
    --measured) ONLY_MEASURED=1 ;;
    --portfolio) ONLY_PORTFOLIO=1 ;;
    --sizes) ONLY_SIZES=1 ;;
    *) echo "usage: bench/run.sh [--quick] [--measured | --portfolio | --sizes]" >&2; exit 2 ;;
  esac
done
if [ $((ONLY_MEASURED + ONLY_PORTFOLIO + ONLY_SIZES)) -gt 1 ]; then
  echo "bench/run.sh: --measured, --portfolio and --sizes each run one case alone; give one (or none, for all)" >&2
  exit 2
fi
# Which cases run: the sizes (with the folder and the curve), measured data, the portfolio.
RUN_SIZES=1; RUN_MEASURED=1; RUN_PORTFOLIO=1
if [ $ONLY_MEASURED = 1 ]; then RUN_SIZES=0; RUN_PORTFOLIO=0; fi
if [ $ONLY_PORTFOLIO = 1 ]; then RUN_SIZES=0; RUN_MEASURED=0; fi
if [ $ONLY_SIZES = 1 ]; then RUN_MEASURED=0; RUN_PORTFOLIO=0; fi
if [ $QUICK = 1 ]; then SMALL_RUNS=30; BIG_RUNS=3; else SMALL_RUNS=200; BIG_RUNS=10; fi
# The portfolio's 10 000 specs, and how many runs of its 1 000 (each takes seconds).
PORTFOLIO_BIG=${PORTFOLIO_BIG:-10000}
PORTFOLIO_RUNS=$BIG_RUNS

for tool in hyperfine python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool" >&2; exit 2; }
done

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
echo "== building (release)" >&2
cargo build --release --quiet
cargo build --release --quiet --manifest-path bench/Cargo.toml
BIN="$CARGO_TARGET_DIR/release"
JM="$BIN/journeymap"
FLOOR="$BIN/floor"
LIBYAML="$BIN/floor-libyaml"
GEN="$BIN/jm-gen"
WORK="$CARGO_TARGET_DIR/bench-specs"
RESULTS="$WORK/results"
mkdir -p "$WORK/out" "$RESULTS"
rm -f "$RESULTS"/*.json "$RESULTS"/*.mem

echo "== generating specs in $WORK" >&2
if [ $RUN_SIZES = 1 ]; then
  for size in small medium large huge; do
    "$GEN" "$size" -o "$WORK/$size.yaml"
  done
  rm -rf "$WORK/many" && "$GEN" folder 1000 -o "$WORK/many"
  for tp in 4 20 50 100 200 500; do
    "$GEN" custom 50 "$tp" -o "$WORK/curve-$tp.yaml"
  done
fi
if [ $RUN_MEASURED = 1 ]; then
  rm -rf "$WORK/measured" && "$GEN" measured -o "$WORK/measured"
fi
if [ $RUN_PORTFOLIO = 1 ]; then
  for n in 1000 "$PORTFOLIO_BIG"; do
    rm -rf "$WORK/portfolio-$n" && "$GEN" portfolio "$n" -o "$WORK/portfolio-$n"
    # Every generated folder must check without errors (the summary is kept for the report).
    if ! "$JM" check "$WORK/portfolio-$n" 2> "$RESULTS/portfolio-$n.check"; then
      tail -n 20 "$RESULTS/portfolio-$n.check" >&2
      echo "bench/run.sh: the generated portfolio of $n specs has errors" >&2
      exit 1
    fi
  done
fi

# Peak resident memory in KiB of a command (the lowest of 3 runs).
peak() {
  local best=""
  for _ in 1 2 3; do
    local kb
    kb=$(/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1)
    if [ -z "$best" ] || [ "$kb" -lt "$best" ]; then best=$kb; fi
  done
  echo "$best"
}

compare() { # name runs spec
  local name=$1 runs=$2 spec=$3 out="$WORK/out/$1.html"
  echo "== $name ($(du -h "$spec" | cut -f1))" >&2
  hyperfine -N --style basic --warmup 3 --runs "$runs" \
    --export-json "$RESULTS/$name.json" \
    --prepare "rm -f $out" \
    -n build "$JM build -f html -o $out $spec" \
    -n check "$JM check $spec" \
    -n floor "$FLOOR $spec" \
    -n libyaml "$LIBYAML $spec" >&2
  {
    echo "input $(stat -c %s "$spec")"
    rm -f "$out"; echo "build $(peak "$JM" build -f html -o "$out" "$spec")"
    echo "check $(peak "$JM" check "$spec")"
    echo "floor $(peak "$FLOOR" "$spec")"
    echo "libyaml $(peak "$LIBYAML" "$spec")"
  } > "$RESULTS/$name.mem"
}

if [ $RUN_SIZES = 1 ]; then
compare small "$SMALL_RUNS" "$WORK/small.yaml"
compare medium "$SMALL_RUNS" "$WORK/medium.yaml"
compare large "$BIG_RUNS" "$WORK/large.yaml"
compare huge "$BIG_RUNS" "$WORK/huge.yaml"

echo "== folder of 1 000 small specs" >&2
# Each build writes into a fresh folder, as in CI on a clean checkout. The
# previous one is moved aside, not deleted: on ext4, creating a thousand files
# right after deleting a thousand makes the kernel's inode allocator skip the
# recently freed ones, which costs more system time than the build itself.
rm -rf "$WORK/many-out" "$WORK/trash" && mkdir -p "$WORK/trash"
hyperfine -N --style basic --warmup 1 --runs "$BIG_RUNS" \
  --export-json "$RESULTS/folder.json" \
  --prepare "sh -c 'if [ -d $WORK/many-out ]; then mv $WORK/many-out $WORK/trash/\$(date +%s%N); fi'" \
  -n build "$JM build -f html --out-dir $WORK/many-out $WORK/many" \
  -n check "$JM check $WORK/many" >&2
rm -rf "$WORK/trash"

echo "== cost per touchpoint" >&2
for tp in 4 20 50 100 200 500; do
  out="$WORK/out/curve-$tp.html"
  hyperfine -N --style basic --warmup 1 --runs "$BIG_RUNS" \
    --export-json "$RESULTS/curve-$tp.json" \
    --prepare "rm -f $out" \
    -n build "$JM build -f html -o $out $WORK/curve-$tp.yaml" \
    -n check "$JM check $WORK/curve-$tp.yaml" \
    -n floor "$FLOOR $WORK/curve-$tp.yaml" >&2
done
fi

if [ $RUN_MEASURED = 1 ]; then
echo "== measured data: 9 x 30 touchpoints, 100 000 data rows" >&2
# The same spec with and without `data: [data/2026.csv]` (its registry and the
# spec's own values in both), side by side. The measured lints are allowed in
# the spec: their warnings grow with places, not rows, so they are timed apart
# (`check -W ...`: a few hundred warnings with their CSV lines).
M="$WORK/measured"
hyperfine -N --style basic --warmup 3 --runs "$SMALL_RUNS" \
  --export-json "$RESULTS/measured.json" \
  --prepare "rm -f $WORK/out/m.html $WORK/out/m.json $WORK/out/m.csv" \
  -n html-without "$JM build -f html -o $WORK/out/m.html $M/without-data.yaml" \
  -n html-with "$JM build -f html -o $WORK/out/m.html $M/with-data.yaml" \
  -n json-without "$JM build -f json -o $WORK/out/m.json $M/without-data.yaml" \
  -n json-with "$JM build -f json -o $WORK/out/m.json $M/with-data.yaml" \
  -n csv-without "$JM build -f csv -o $WORK/out/m.csv $M/without-data.yaml" \
  -n csv-with "$JM build -f csv -o $WORK/out/m.csv $M/with-data.yaml" \
  -n check-without "$JM check $M/without-data.yaml" \
  -n check-with "$JM check $M/with-data.yaml" \
  -n check-warnings "$JM check -W metric-off-target -W assumption-gap $M/with-data.yaml" >&2
{
  echo "data $(stat -c %s "$M/data/2026.csv")"
  echo "rows $(($(wc -l < "$M/data/2026.csv") - 1))"
  for v in without with; do
    for f in html json csv; do
      rm -f "$WORK/out/m.$f"
      echo "$f-$v $(peak "$JM" build -f "$f" -o "$WORK/out/m.$f" "$M/$v-data.yaml")"
      echo "$f-$v-out $(stat -c %s "$WORK/out/m.$f")"
    done
    echo "check-$v $(peak "$JM" check "$M/$v-data.yaml")"
  done
} > "$RESULTS/measured.mem"
fi

if [ $RUN_PORTFOLIO = 1 ]; then
# Like the 1 000-spec folder: each build writes into a fresh output folder,
# the previous one moved aside (not deleted, see above) by --prepare, so
# every run writes every file and the page.
P="$WORK/portfolio-1000"
POUT="$WORK/portfolio-out"
aside="sh -c 'if [ -d $POUT ]; then mv $POUT $WORK/trash/\$(date +%s%N); fi'"
echo "== portfolio: 1 000 related specs, with and without the page" >&2
rm -rf "$POUT" "$WORK/trash" && mkdir -p "$WORK/trash"
hyperfine -N --style basic --warmup 1 --runs "$PORTFOLIO_RUNS" \
  --export-json "$RESULTS/portfolio.json" \
  --prepare "$aside" \
  -n with-index "$JM build --out-dir $POUT $P" \
  -n no-index "$JM build --out-dir $POUT --no-index $P" \
  -n check "$JM check $P" >&2
# Moves the output folder aside (into the trash, emptied at the end).
fresh_out() {
  if [ -d "$POUT" ]; then mv "$POUT" "$WORK/trash/$(date +%s%N)"; fi
}
# GNU time's report of one build, as `key value` lines: wall and CPU seconds, peak KiB.
timed() { # name args...
  local name=$1; shift
  fresh_out
  /usr/bin/time -v "$@" 2> "$RESULTS/$name.time" >/dev/null || {
    tail -n 30 "$RESULTS/$name.time" >&2; echo "bench/run.sh: $name failed" >&2; exit 1; }
  python3 - "$RESULTS/$name.time" <<'EOF2'
import sys
keys = {"Elapsed (wall clock) time (h:mm:ss or m:ss)": "wall", "User time (seconds)": "user",
        "System time (seconds)": "sys", "Maximum resident set size (kbytes)": "peak"}
for line in open(sys.argv[1]):
    k, _, v = line.strip().rpartition(": ")
    if k in keys:
        if keys[k] == "wall":
            secs = 0.0
            for part in v.split(":"):
                secs = secs * 60 + float(part)
            v = f"{secs:.2f}"
        print(keys[k], v)
EOF2
}
{
  fresh_out; "$JM" build --out-dir "$POUT" "$P" 2>/dev/null
  echo "index-bytes $(stat -c %s "$POUT/index.html")"
  # peak() runs each three times: a fresh folder each time.
  echo "with-index $(peak sh -c "if [ -d $POUT ]; then mv $POUT $WORK/trash/\$(date +%s%N); fi; exec $JM build --out-dir $POUT $P")"
  echo "no-index $(peak sh -c "if [ -d $POUT ]; then mv $POUT $WORK/trash/\$(date +%s%N); fi; exec $JM build --out-dir $POUT --no-index $P")"
} > "$RESULTS/portfolio.mem"
echo "== portfolio: $PORTFOLIO_BIG related specs, once each way (GNU time)" >&2
P="$WORK/portfolio-$PORTFOLIO_BIG"
timed portfolio-big-with-index "$JM" build --out-dir "$POUT" "$P" | sed 's/^/with-index-/' > "$RESULTS/portfolio-big.mem"
echo "index-bytes $(stat -c %s "$POUT/index.html")" >> "$RESULTS/portfolio-big.mem"
timed portfolio-big-no-index "$JM" build --out-dir "$POUT" --no-index "$P" | sed 's/^/no-index-/' >> "$RESULTS/portfolio-big.mem"
timed portfolio-big-check "$JM" check "$P" | sed 's/^/check-/' >> "$RESULTS/portfolio-big.mem"
rm -rf "$POUT" "$WORK/trash"
fi

python3 - "$RESULTS" "$RUN_SIZES" "$RUN_MEASURED" "$RUN_PORTFOLIO" "$PORTFOLIO_BIG" <<'EOF'
import json, os, sys, statistics
res = sys.argv[1]
run_sizes, run_measured, run_portfolio = (a == "1" for a in sys.argv[2:5])
portfolio_big = int(sys.argv[5])

def load(name):
    with open(os.path.join(res, name + ".json")) as f:
        return {r["command"]: r for r in json.load(f)["results"]}

def ms(r):
    return statistics.median(r["times"]) * 1000

def cpu(r):
    return (r["user"] + r["system"]) * 1000

def mem(name):
    out = {}
    with open(os.path.join(res, name + ".mem")) as f:
        for line in f:
            k, v = line.split()
            out[k] = int(v)
    return out

if run_sizes:
    print()
    print("Whole process, median wall time (ms); CPU = user+sys mean; memory = peak RSS")
    print()
    print("| spec | input | build | check | floor | libyaml floor | build/check | check/libyaml | build/libyaml | build/floor | build peak | limit (4x+20 MB) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in ["small", "medium", "large", "huge"]:
        r, m = load(name), mem(name)
        b, c, f, y = ms(r["build"]), ms(r["check"]), ms(r["floor"]), ms(r["libyaml"])
        limit = 4 * m["input"] / 1024 + 20 * 1024
        print(f"| {name} | {m['input']/1e6:.2f} MB | {b:.1f} | {c:.1f} | {f:.1f} | {y:.1f} | {b/c:.2f}x | {c/y:.2f}x | {b/y:.2f}x | {b/f:.2f}x "
              f"| {m['build']/1024:.0f} MB "
              f"| {limit/1024:.0f} MB {'ok' if m['build'] <= limit else 'OVER'} |")
    print()
    print("Peak memory (MB): " + "; ".join(
        f"{n}: build {mem(n)['build']/1024:.0f}, check {mem(n)['check']/1024:.0f}, floor {mem(n)['floor']/1024:.0f}, libyaml floor {mem(n)['libyaml']/1024:.0f}"
        for n in ["small", "medium", "large", "huge"]))
    r = load("folder")
    print()
    print(f"1 000 small specs: build {ms(r['build']):.0f} ms (target <= 1000 ms), check {ms(r['check']):.0f} ms, "
          f"build/check {ms(r['build'])/ms(r['check']):.2f}x")
    print()
    print("| touchpoints | input | floor ms | check ms | build ms | build us/touchpoint | check us/touchpoint |")
    print("|---|---|---|---|---|---|---|")
    for tp in [4, 20, 50, 100, 200, 500]:
        r = load(f"curve-{tp}")
        n = 50 * tp
        size = os.path.getsize(os.path.join(os.path.dirname(res), f"curve-{tp}.yaml"))
        b, c, f = ms(r["build"]), ms(r["check"]), ms(r["floor"])
        print(f"| {n} | {size/1e6:.2f} MB | {f:.1f} | {c:.1f} | {b:.1f} | {b*1000/n:.1f} | {c*1000/n:.1f} |")
    print()
    small = load("small")
    b, c = ms(small["build"]), ms(small["check"])
    print("Targets:")
    print(f"  small build <= 4 ms: {b:.2f} ms {'ok' if b <= 4 else 'MISSED'}; <= 1.5x check: {b/c:.2f}x {'ok' if b <= 1.5*c else 'MISSED'}")
    for name in ["medium", "large", "huge"]:
        r, m = load(name), mem(name)
        c, b, y = ms(r["check"]), ms(r["build"]), ms(r["libyaml"])
        limit = 4 * m["input"] / 1024 + 20 * 1024
        print(f"  {name}: check/libyaml floor {c/y:.2f}x {'ok' if c <= 1.3*y else 'MISSED'} (<= 1.3x); "
              f"build/libyaml floor {b/y:.2f}x {'ok' if b <= 1.6*y else 'MISSED'} (<= 1.6x); "
              f"build peak {m['build']/1024:.0f} MB {'ok' if m['build'] <= limit else 'OVER'} (<= {limit/1024:.0f} MB)")
    fb = ms(load("folder")["build"])
    print(f"  1 000 small specs: {fb:.0f} ms {'ok' if fb <= 1000 else 'MISSED'} (<= 1 s on {os.cpu_count()} cores)")

def measured():
    r, m = load("measured"), mem("measured")
    mib = 1024 * 1024
    print()
    print(f"Measured data: {m['rows']} rows, data file {m['data']/1e6:.2f} MB ({m['data']/mib:.2f} MiB). "
          "Times in ms: median wall, and the added fastest run and CPU (user+sys mean); peak RSS in MiB")
    print()
    print("| command | without data | with data | added | added (fastest) | added CPU | target +200 ms "
          "| peak without | peak with | added peak | target 3 x file | output with data |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    limit = 3 * m["data"] / 1024  # KiB
    for cmd, key in [("build -f html", "html"), ("build -f json", "json"), ("build -f csv", "csv"), ("check", "check")]:
        a, b = r[f"{key}-without"], r[f"{key}-with"]
        added = ms(b) - ms(a)
        fastest = (b["min"] - a["min"]) * 1000
        grew = m[f"{key}-with"] - m[f"{key}-without"]
        out = f"{m[key + '-with-out']/1e6:.2f} MB" if key != "check" else ""
        print(f"| {cmd} | {ms(a):.1f} | {ms(b):.1f} | {added:.1f} | {fastest:.1f} | {cpu(b) - cpu(a):.1f} "
              f"| {'ok' if added <= 200 else 'MISSED'} | {m[key + '-without']/1024:.1f} | {m[key + '-with']/1024:.1f} "
              f"| {grew/1024:.1f} | {limit/1024:.1f} {'ok' if grew <= limit else 'OVER'} | {out} |")
    w, c = r["check-warnings"], r["check-with"]
    print()
    print(f"check with data and the measured lints on (-W metric-off-target -W assumption-gap, "
          f"their warnings to /dev/null): {ms(w):.1f} ms, {ms(w) - ms(c):+.1f} ms against them allowed "
          f"(CPU {cpu(w) - cpu(c):+.1f} ms)")

if run_measured:
    measured()

if run_portfolio:
    r, m, big = load("portfolio"), mem("portfolio"), {}
    with open(os.path.join(res, "portfolio-big.mem")) as f:
        for line in f:
            k, v = line.split()
            big[k] = float(v)
    def summary(n):
        with open(os.path.join(res, f"portfolio-{n}.check")) as f:
            return f.read().strip().splitlines()[-1]
    w, wo, c = r["with-index"], r["no-index"], r["check"]
    ratio = ms(w) / ms(wo)
    print()
    print(f"Portfolio (SPEC.md 7), 1 000 related specs ({summary(1000)}); "
          f"index.html {m['index-bytes']/1e6:.2f} MB. Median wall (ms), min, CPU = user+sys mean, peak RSS")
    print()
    print("| command | median | min | CPU | peak RSS |")
    print("|---|---|---|---|---|")
    for name, x, pk in [("build --out-dir OUT", w, m["with-index"]), ("build --out-dir OUT --no-index", wo, m["no-index"]),
                        ("check", c, None)]:
        print(f"| {name} | {ms(x):.0f} | {x['min']*1000:.0f} | {cpu(x):.0f} | {f'{pk/1024:.0f} MB' if pk else ''} |")
    print()
    print(f"  page costs {100*(ratio-1):+.1f} % of wall time (median; fastest run {100*(w['min']/wo['min']-1):+.1f} %, "
          f"CPU {100*(cpu(w)/cpu(wo)-1):+.1f} %): {'ok' if ratio <= 1.10 else 'MISSED'} (target <= +10 %)")
    print()
    print(f"Portfolio, {portfolio_big} related specs, one run each ({summary(portfolio_big)}); "
          f"index.html {big['index-bytes']/1e6:.2f} MB")
    print()
    print("| command | wall (s) | user (s) | sys (s) | peak RSS |")
    print("|---|---|---|---|---|")
    for name, k in [("build --out-dir OUT", "with-index"), ("build --out-dir OUT --no-index", "no-index"), ("check", "check")]:
        print(f"| {name} | {big[k+'-wall']:.1f} | {big[k+'-user']:.1f} | {big[k+'-sys']:.1f} | {big[k+'-peak']/1024:.0f} MB |")
    print()
    print(f"  page costs {100*(big['with-index-wall']/big['no-index-wall']-1):+.1f} % of wall time, "
          f"{(big['with-index-peak']-big['no-index-peak'])/1024:+.0f} MB of peak memory")
EOF
