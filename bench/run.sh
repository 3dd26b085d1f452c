#!/usr/bin/env bash
# Whole-process benchmark of issue 8 (see docs/performance.md).
#
#   bench/run.sh            # everything: sizes, 1 000-spec folder, peak memory, the curve
#   bench/run.sh --quick    # fewer runs, for a first look
#
# It builds the release binary and the bench helpers (bench/Cargo.toml: `floor`,
# the parse-only floor, and `jm-gen`, the spec generator), generates the specs
# into $CARGO_TARGET_DIR/bench-specs (not committed), then compares side by side,
# with hyperfine, on each file:
#
#   build    journeymap build -f html -o OUT SPEC   (OUT removed before each run)
#   check    journeymap check SPEC
#   floor    floor SPEC   (read + parse::parse + spec::Reader::spec_file, nothing else)
#
# and prints the ratios the issue sets targets for, peak memory (/usr/bin/time),
# `build` of a folder of 1 000 small specs, and the time per touchpoint from
# 200 to 25 000 touchpoints. Needs hyperfine (apt-get install hyperfine),
# python3 and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1
if [ $QUICK = 1 ]; then SMALL_RUNS=30; BIG_RUNS=3; else SMALL_RUNS=200; BIG_RUNS=10; fi

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
GEN="$BIN/jm-gen"
WORK="$CARGO_TARGET_DIR/bench-specs"
RESULTS="$WORK/results"
mkdir -p "$WORK/out" "$RESULTS"
rm -f "$RESULTS"/*.json "$RESULTS"/*.mem

echo "== generating specs in $WORK" >&2
for size in small medium large huge; do
  "$GEN" "$size" -o "$WORK/$size.yaml"
done
rm -rf "$WORK/many" && "$GEN" folder 1000 -o "$WORK/many"
for tp in 4 20 50 100 200 500; do
  "$GEN" custom 50 "$tp" -o "$WORK/curve-$tp.yaml"
done

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
    -n floor "$FLOOR $spec" >&2
  {
    echo "input $(stat -c %s "$spec")"
    rm -f "$out"; echo "build $(peak "$JM" build -f html -o "$out" "$spec")"
    echo "check $(peak "$JM" check "$spec")"
    echo "floor $(peak "$FLOOR" "$spec")"
  } > "$RESULTS/$name.mem"
}

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

python3 - "$RESULTS" <<'EOF'
import json, os, sys, statistics
res = sys.argv[1]

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

print()
print("Whole process, median wall time (ms); CPU = user+sys mean; memory = peak RSS")
print()
print("| spec | input | build | check | floor | build/check | build/floor | build CPU/check CPU | build peak | limit (4x+20 MB) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for name in ["small", "medium", "large", "huge"]:
    r, m = load(name), mem(name)
    b, c, f = ms(r["build"]), ms(r["check"]), ms(r["floor"])
    limit = 4 * m["input"] / 1024 + 20 * 1024
    print(f"| {name} | {m['input']/1e6:.2f} MB | {b:.1f} | {c:.1f} | {f:.1f} | {b/c:.2f}x | {b/f:.2f}x "
          f"| {cpu(r['build'])/cpu(r['check']):.2f}x | {m['build']/1024:.0f} MB "
          f"| {limit/1024:.0f} MB {'ok' if m['build'] <= limit else 'OVER'} |")
print()
print("Peak memory (MB): " + "; ".join(
    f"{n}: build {mem(n)['build']/1024:.0f}, check {mem(n)['check']/1024:.0f}, floor {mem(n)['floor']/1024:.0f}"
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
for name in ["large", "huge"]:
    r = load(name)
    b, c, f = ms(r["build"]), ms(r["check"]), ms(r["floor"])
    print(f"  {name}: build/check {b/c:.2f}x {'ok' if b <= 1.5*c else 'MISSED'} (<= 1.5x); "
          f"build/floor {b/f:.2f}x {'ok' if b <= 1.3*f else 'MISSED'} (<= 1.3x)")
fb = ms(load("folder")["build"])
print(f"  1 000 small specs: {fb:.0f} ms {'ok' if fb <= 1000 else 'MISSED'} (<= 1 s on {os.cpu_count()} cores)")
EOF
