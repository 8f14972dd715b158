#!/usr/bin/env bash
# Scale-out (#20): ingest throughput with 1 and 2 worker processes and read throughput with 1 and 2
# `khabar serve` processes on one store, in one run, with a table at the end.
#
#   bench/scale/run.sh [--db SPEC]
#
# --db SPEC  where the stores go (default: WORK/stores, SQLite):
#   a folder                        SQLite files one.db, two.db, dup.db in it (made fresh);
#   postgres://USER@HOST:PORT/NAME  PostgreSQL databases NAME_one, NAME_two, NAME_dup, dropped and
#                                   created fresh with psql (connecting to HOST's `postgres` database).
# Environment: WORK (target/scale), KHABAR_BIN (default: build the release binary), LOAD_BIN
#   (default: build the release `load` example of khabar-server), THREADS (analysis threads per
#   worker, 1), SECONDS_PER_RUN (10), CLIENTS (16 keep-alive clients, spread over the servers).
#
# (a) Input: the development story sets of ../shared/data/stories (BASIL, ECB+ topics 1-30, Hindi
#     disaster, Hindi covid, bilingual disaster) in one JSONL file; without ../shared the seeds
#     (say so when quoting figures). Never the held-out sets.
# (b) Ingest, each on a fresh store: one worker with everything; two workers at once, each with
#     every other line; two workers at once, each with everything (de-duplication: the store must
#     hold what one worker stores). Workers keep no search index (--no-index): the servers keep
#     their own. Wall time from the first start to the last exit; CPU seconds summed.
# (c) Stories: B-cubed F1 of each store's stories against the sets' gold, and of the two-worker
#     stores against the one-worker store.
# (d) Read: `khabar serve` on the one-worker store with an index of its own, then two of them
#     (each its own index), the load generator spreading its clients over them; requests per second
#     summed over the servers. The load generator runs on the same machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

SPEC=""
while [ $# -gt 0 ]; do
  case "$1" in
    --db) SPEC=$2; shift 2 ;;
    --db=*) SPEC=${1#--db=}; shift ;;
    *) echo "usage: $0 [--db FOLDER|postgres://…/NAME]" >&2; exit 2 ;;
  esac
done
WORK=${WORK:-target/scale}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
SPEC=${SPEC:-$WORK/stores}
THREADS=${THREADS:-1}
SECS=${SECONDS_PER_RUN:-10}
CLIENTS=${CLIENTS:-16}

if [ -z "${KHABAR_BIN:-}" ]; then
  cargo build --release -p khabar --quiet
  KHABAR_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/khabar"
fi
if [ -z "${LOAD_BIN:-}" ]; then
  # the load generator reads the store to pick what to ask: PostgreSQL needs the store's feature
  case "$SPEC" in
    postgres://*|postgresql://*) cargo build --release -p khabar-server --example load --features khabar-store/postgres --quiet ;;
    *) cargo build --release -p khabar-server --example load --quiet ;;
  esac
  LOAD_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/load"
fi
echo "binary: $KHABAR_BIN ($(git log -1 --format='%h %s' | cut -c1-60))"
echo "cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- stores ----------------------------------------------------------------------------------
case "$SPEC" in
  postgres://*|postgresql://*)
    command -v psql >/dev/null || { echo "psql is missing (needed to make the databases)" >&2; exit 1; }
    BASE_URL=${SPEC%/*}
    NAME=${SPEC##*/}; NAME=${NAME%%\?*}
    store() { echo "$BASE_URL/${NAME}_$1"; }
    fresh() {
      psql -q "$BASE_URL/postgres" -c "DROP DATABASE IF EXISTS ${NAME}_$1" -c "CREATE DATABASE ${NAME}_$1"
    }
    ;;
  *)
    mkdir -p "$SPEC"
    store() { echo "$SPEC/$1.db"; }
    fresh() { rm -rf "$SPEC/$1.db" "$SPEC/$1.db-wal" "$SPEC/$1.db-shm" "$SPEC/$1.db.search"; }
    ;;
esac

# ---- (a) input -------------------------------------------------------------------------------
ALL=$WORK/all.jsonl
: > "$ALL"
shared=../shared/data/stories
for f in basil ecbplus-dev hindi-disaster-dev hindi-covid-dev bilingual-disaster-dev; do
  if [ -f "$shared/$f.jsonl" ]; then cat "$shared/$f.jsonl" >> "$ALL"; fi
done
if [ ! -s "$ALL" ]; then
  echo "NOTE: ../shared is absent: the input is the two seed articles only (no gold stories)"
  python3 - "$ALL" <<'PY'
import glob, json, os, sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for path in sorted(glob.glob("examples/seeds/*.txt")):
        meta = {}
        if os.path.exists(path + ".meta.json"):
            meta = json.load(open(path + ".meta.json", encoding="utf-8"))
        meta["id"] = meta.get("id") or os.path.basename(path)[:-4]
        meta["text"] = open(path, encoding="utf-8").read()
        out.write(json.dumps(meta, ensure_ascii=False) + "\n")
PY
fi
awk 'NR % 2 == 1' "$ALL" > "$WORK/half-a.jsonl"
awk 'NR % 2 == 0' "$ALL" > "$WORK/half-b.jsonl"
LINES=$(wc -l < "$ALL")
echo "input: $LINES lines"

# ---- (b) ingest ------------------------------------------------------------------------------
now() { date +%s.%N; }
# worker NAME DB INPUT: one `khabar ingest` in the background, its times in WORK/NAME.time
worker() {
  /usr/bin/time -f "%e %U %S" -o "$WORK/$1.time" \
    "$KHABAR_BIN" ingest "$3" --db "$2" --no-index --threads "$THREADS" -q \
    > "$WORK/$1.out" 2> "$WORK/$1.err" &
}
cpu() { awk '{s += $2 + $3} END {printf "%.1f", s}' "$@"; }
articles() { "$KHABAR_BIN" status --json --db "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["article_count"])'; }

declare -A WALL CPU N
run_ingest() { # name, then worker inputs
  local name=$1; shift
  fresh "$name"
  local db; db=$(store "$name")
  local t0 i=0 files=()
  t0=$(now)
  for input in "$@"; do
    i=$((i + 1)); worker "$name-$i" "$db" "$input"; files+=("$WORK/$name-$i.time")
  done
  wait
  WALL[$name]=$(echo "$(now) - $t0" | bc)
  CPU[$name]=$(cpu "${files[@]}")
  N[$name]=$(articles "$db")
  printf '%-4s %d worker(s): %s articles in %.1f s (%s CPU s)\n' "$name" "$#" "${N[$name]}" "${WALL[$name]}" "${CPU[$name]}"
}
run_ingest one "$ALL"
run_ingest two "$WORK/half-a.jsonl" "$WORK/half-b.jsonl"
run_ingest dup "$ALL" "$ALL"

# kill: two workers on the halves; the first is killed (SIGKILL) once the store holds
# KILL_AFTER articles, mid-run, then started again on its half: nothing may be lost or doubled.
KILL_AFTER=${KILL_AFTER:-300}
fresh kill
KDB=$(store kill)
t0=$(now)
worker kill-1 "$KDB" "$WORK/half-a.jsonl"; TIME1=$!
worker kill-2 "$KDB" "$WORK/half-b.jsonl"
for _ in $(seq 1 600); do
  [ "$(articles "$KDB" 2>/dev/null || echo 0)" -ge "$KILL_AFTER" ] && break
  sleep 0.5
done
VICTIM=$(pgrep -P "$TIME1" || true)
KILLED_AT=$(articles "$KDB")
[ -n "$VICTIM" ] && kill -9 "$VICTIM"
wait
worker kill-1r "$KDB" "$WORK/half-a.jsonl"
wait
WALL[kill]=$(echo "$(now) - $t0" | bc)
CPU[kill]=$(cpu "$WORK/kill-1.time" "$WORK/kill-2.time" "$WORK/kill-1r.time")
N[kill]=$(articles "$KDB")
printf 'kill 2 worker(s), one killed at %s articles and restarted: %s articles in %.1f s (%s CPU s)\n' \
  "$KILLED_AT" "${N[kill]}" "${WALL[kill]}" "${CPU[kill]}"

# ---- (c) stories -----------------------------------------------------------------------------
for name in one two dup kill; do
  "$KHABAR_BIN" export --what articles --db "$(store "$name")" -q > "$WORK/$name.articles.jsonl"
done
python3 - "$ALL" "$WORK" > "$WORK/stories.txt" <<'PY'
import json, sys
from collections import defaultdict
gold = {}
for line in open(sys.argv[1], encoding="utf-8"):
    v = json.loads(line)
    if v.get("story") is not None:
        gold.setdefault(v["id"], v["story"])
def clusters(name):
    out = {}
    for line in open(f"{sys.argv[2]}/{name}.articles.jsonl", encoding="utf-8"):
        v = json.loads(line)
        out[v["id"]] = v.get("story") or ("alone-" + v["id"])
    return out
def b3(pred, truth):
    ids = [i for i in truth if i in pred]
    if not ids:
        return float("nan"), 0
    by_p, by_t = defaultdict(set), defaultdict(set)
    for i in ids:
        by_p[pred[i]].add(i); by_t[truth[i]].add(i)
    p = sum(len(by_p[pred[i]] & by_t[truth[i]]) / len(by_p[pred[i]]) for i in ids) / len(ids)
    r = sum(len(by_p[pred[i]] & by_t[truth[i]]) / len(by_t[truth[i]]) for i in ids) / len(ids)
    return 2 * p * r / (p + r), len(ids)
one = clusters("one")
for name in ("one", "two", "dup", "kill"):
    c = clusters(name)
    f, n = b3(c, gold)
    g, m = b3(c, one)
    print(f"{name} {f:.4f} {n} {g:.4f} {m} {len(set(c.values()))}")
PY
declare -A F1 VS1 STORIES
while read -r name f n g m s; do F1[$name]=$f; VS1[$name]=$g; STORIES[$name]=$s; done < "$WORK/stories.txt"

# ---- (d) read --------------------------------------------------------------------------------
# each server's pid goes to a file: `server` runs in a command substitution (a subshell), whose
# variables the script never sees
rm -f "$WORK"/serve-*.pid
cleanup() { for f in "$WORK"/serve-*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done; true; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# server NAME: `khabar serve` on the one-worker store with an index of its own; prints its port
server() {
  local port; port=$(free_port)
  rm -rf "$WORK/index-$1"
  "$KHABAR_BIN" serve --db "$(store one)" --index "$WORK/index-$1" --addr "127.0.0.1:$port" \
    > /dev/null 2> "$WORK/serve-$1.err" &
  echo $! > "$WORK/serve-$1.pid"
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$port/api/health" > /dev/null && { echo "$port"; return; }
    sleep 0.1
  done
  echo "khabar serve $1 did not start: $(cat "$WORK/serve-$1.err")" >&2; exit 1
}
load() { # targets → "requests/s p50 p99 errors"
  "$LOAD_BIN" --db "$(store one)" --target "$1" --clients "$CLIENTS" --seconds "$SECS" | tee -a "$WORK/load.txt" |
    sed -E 's/.*: ([0-9]+) req\/s, p50 ([^,]+), p99 ([^,]+), max [^,]+, errors ([0-9]+).*/\1 \2 \3 \4/'
}
: > "$WORK/load.txt"
A=$(server a)
read -r RPS1 P50_1 P99_1 ERR1 < <(load "127.0.0.1:$A")
B=$(server b)
read -r RPS2 P50_2 P99_2 ERR2 < <(load "127.0.0.1:$A,127.0.0.1:$B")
cleanup; PIDS=()

# ---- table -----------------------------------------------------------------------------------
echo
echo "| run | processes | articles stored | wall s | input items/s (wall) | CPU s | stories | B³ F1 vs gold | B³ F1 vs 1 worker |"
echo "|---|---|---|---|---|---|---|---|---|"
for name in one two dup kill; do
  case $name in
    one) what="ingest, all input"; p=1 ;;
    two) what="ingest, input split in two"; p=2 ;;
    dup) what="ingest, all input to each"; p=2 ;;
    kill) what="split in two, one killed -9 mid-run and restarted"; p=2 ;;
  esac
  rate=$(echo "scale=1; $LINES / ${WALL[$name]}" | bc)
  [ $name = dup ] && rate=$(echo "scale=1; 2 * $LINES / ${WALL[$name]}" | bc)
  printf '| %s | %d | %s | %.1f | %s | %s | %s | %s | %s |\n' "$what" $p "${N[$name]}" "${WALL[$name]}" "$rate" "${CPU[$name]}" "${STORIES[$name]}" "${F1[$name]}" "${VS1[$name]}"
done
echo
echo "| read | servers | requests/s (sum) | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
echo "| $CLIENTS clients, ${SECS} s | 1 | $RPS1 | $P50_1 | $P99_1 | $ERR1 |"
echo "| $CLIENTS clients, ${SECS} s | 2 | $RPS2 | $P50_2 | $P99_2 | $ERR2 |"
for name in two dup kill; do
  if [ "${N[$name]}" != "${N[one]}" ]; then
    echo "FAILED: the $name run stored ${N[$name]} articles, one worker stored ${N[one]}" >&2
    exit 1
  fi
done
