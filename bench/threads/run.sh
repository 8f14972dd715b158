#!/bin/bash
# #17 threads: `khabar run` of the 1,223 shared inputs (fresh store each run).
#   bench/threads/run.sh time N BIN...   for each of N rounds and each binary: --threads 1, then 2, under
#                                        /usr/bin/time ("BIN THREADS wall user sys maxKB"); load average per round
#   bench/threads/run.sh same BIN OUT T  run --json, stderr and the four exports into OUT, with their md5
# Run from the repository root (reads ../shared).
set -eu
SCRATCH=${SCRATCH:-/tmp/khabar-threads}
mkdir -p "$SCRATCH"
INPUTS=(examples/seeds ../shared/data/hindi-news/webcorpus ../shared/data/stories/{hindi-disaster-dev,hindi-covid-dev,basil,ecbplus-dev}.jsonl)
case "${1:-}" in
time)
  n=$2; shift 2
  for _ in $(seq "$n"); do
    for b in "$@"; do for t in 1 2; do
      rm -rf "$SCRATCH"/q.db*
      /usr/bin/time -f "$(basename "$b") $t %e %U %S %M" "$b" run -q --threads $t "${INPUTS[@]}" \
        --db "$SCRATCH/q.db" > /dev/null 2> "$SCRATCH/q.err" || true
      tail -1 "$SCRATCH/q.err"
    done; done
    echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
  done ;;
same)
  b=$2; o=$3; t=$4; mkdir -p "$o"; rm -rf "$o"/x.db*
  "$b" run -q --json --threads "$t" "${INPUTS[@]}" --db "$o/x.db" > "$o/run.json" 2> "$o/err.txt" || true
  for w in articles entities facts stories; do "$b" export --what $w --db "$o/x.db" > "$o/$w.out" 2>/dev/null; done
  (cd "$o" && md5sum run.json articles.out entities.out facts.out stories.out err.txt) ;;
*) echo "usage: $0 time N BIN... | same BIN OUT THREADS" >&2; exit 2 ;;
esac
