#!/bin/bash
# Old and new khabar binaries over the shared story sets (issue #16, speed):
#   bench/analysis/run.sh same  OLD NEW   analyses and exports byte-identical?
#   bench/analysis/run.sh time  OLD NEW [REPS]   CPU seconds of `khabar run`, old and new alternated
#   bench/analysis/run.sh cg    BIN          callgrind instructions of Analyzer::analyze
#   bench/analysis/run.sh alone OLD NEW [N]  the analysis alone: two builds of the khabar-analyze
#       example `analysis_alone` (documents built first, then Analyzer::analyze timed in CPU
#       seconds over all of them, 5 repetitions a run), old and new alternated N times (default 4)
#   bench/analysis/run.sh cgalone EX         callgrind instructions of Analyzer::analyze in one
#       untimed pass of the example EX (analysis_alone --reps 0)
# Run from the repository root; ../shared must hold the data sets. Work files go to $OUT
# (default /tmp/khabar-bench-analysis).
set -u
MODE=$1; shift
OUT=${OUT:-/tmp/khabar-bench-analysis}
S=../shared/data/stories
INPUTS=(examples/seeds ../shared/data/hindi-news/webcorpus "$S/hindi-disaster-dev.jsonl"
  "$S/hindi-covid-dev.jsonl" "$S/basil.jsonl" "$S/ecbplus-dev.jsonl")
[ -d ../shared/data/stories ] || { echo "skipped: ../shared/data/stories is absent" >&2; exit 0; }
mkdir -p "$OUT"

# run BIN DIR: `khabar run` on one thread into DIR, then the stored analyses and the exports.
run() {
  local bin=$1 dir=$2
  rm -rf "$dir"; mkdir -p "$dir"
  "$bin" run -q --threads 1 "${INPUTS[@]}" --db "$dir/x.db" >"$dir/run.out" 2>"$dir/run.err"
  sqlite3 "$dir/x.db" "SELECT article_id, analysis FROM analyses ORDER BY article_id" >"$dir/analyses.txt"
  for w in articles entities facts stories; do
    "$bin" export --what $w --db "$dir/x.db" -o "$dir/$w.jsonl" 2>/dev/null
  done
}

case $MODE in
  same)
    run "$1" "$OUT/old"; run "$2" "$OUT/new"
    status=0
    for f in analyses.txt articles.jsonl entities.jsonl facts.jsonl stories.jsonl run.out run.err; do
      if cmp -s "$OUT/old/$f" "$OUT/new/$f"; then echo "same $f"; else echo "DIFFERENT $f"; status=1; fi
    done
    echo "$(wc -l <"$OUT/new/analyses.txt") analyses"
    exit $status ;;
  time)
    reps=${3:-4}
    rm -f "$OUT/times.txt"
    for r in $(seq 1 "$reps"); do
      if [ $((r % 2)) -eq 1 ]; then order="old new"; else order="new old"; fi
      for which in $order; do
        if [ "$which" = old ]; then bin=$1; else bin=$2; fi
        rm -rf "$OUT/t.db" "$OUT"/t.db*
        /usr/bin/time -f "$r $which user %U sys %S wall %e rss_kb %M" -a -o "$OUT/times.txt" \
          "$bin" run -q --threads 1 "${INPUTS[@]}" --db "$OUT/t.db" >/dev/null 2>&1
        tail -1 "$OUT/times.txt"
      done
    done ;;
  cg)
    rm -rf "$OUT/cg"; mkdir -p "$OUT/cg"
    valgrind --tool=callgrind --callgrind-out-file="$OUT/cg/cg.out" \
      --toggle-collect='khabar_analyze::Analyzer::analyze' \
      "$1" run -q --threads 1 "${INPUTS[@]}" --db "$OUT/cg/x.db" >/dev/null 2>"$OUT/cg/run.err"
    grep '^totals' "$OUT/cg/cg.out" ;;
  alone)
    n=${3:-4}
    rm -f "$OUT/alone.txt"
    for r in $(seq 1 "$n"); do
      if [ $((r % 2)) -eq 1 ]; then order="old new"; else order="new old"; fi
      for which in $order; do
        if [ "$which" = old ]; then bin=$1; else bin=$2; fi
        "$bin" --reps 5 "${INPUTS[@]}" 2>/dev/null | sed "s/^/$r $which /" | tee -a "$OUT/alone.txt"
      done
    done
    # the median over every repetition of each build
    for which in old new; do
      awk -v w="$which" '$2 == w && $3 == "rep" { print $6 }' "$OUT/alone.txt" | sort -n |
        awk -v w="$which" '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
          print w, "median_cpu_s", m, "of", NR, "passes" }'
    done ;;
  cgalone)
    rm -rf "$OUT/cga"; mkdir -p "$OUT/cga"
    valgrind --tool=callgrind --callgrind-out-file="$OUT/cga/cg.out" \
      --toggle-collect='khabar_analyze::Analyzer::analyze' \
      "$1" --reps 0 "${INPUTS[@]}" >/dev/null 2>"$OUT/cga/run.err"
    grep '^totals' "$OUT/cga/cg.out" ;;
  *) echo "usage: $0 same|time|cg|alone|cgalone ..." >&2; exit 2 ;;
esac
