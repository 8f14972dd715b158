#!/usr/bin/env bash
# HTTP load test of `khabar serve` on loopback with wrk (Debian: apt-get install wrk).
#
#   bench/load/run.sh            # 100,000 articles, 20 s per run, 3 runs per endpoint
#
# Environment: ARTICLES (100000), SECONDS_PER_RUN (20), RUNS (3), CONNECTIONS (32),
# WRK_THREADS (1), WORK (target/load), KHABAR_BIN (default: build the release binary),
# KEEP_DB=1 (reuse WORK/load.db when it exists).
#
# (a) Store: `khabar run` on the real texts in ../shared/data (Hindi web corpus, Hindi disaster and
#     COVID sets, BASIL and ECB+ English sets) plus examples/seeds, then bench/load/replicate.py
#     copies those articles (with their real analyses and stories) under new ids, a week apart,
#     until the store holds ARTICLES. Without ../shared only the seeds are copied (say so when
#     quoting figures).
# (b) Starts the release `khabar serve` and times its start-up (until /api/health answers).
# (c) wrk against each endpoint with paths spread over many stories, articles and Hindi queries.
# (d) Prints requests/s, p50 and p99 of every run and the median run of each endpoint.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

ARTICLES=${ARTICLES:-100000}
SECS=${SECONDS_PER_RUN:-20}
RUNS=${RUNS:-3}
CONNS=${CONNECTIONS:-32}
THREADS=${WRK_THREADS:-1}
WORK=${WORK:-target/load}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 1; }

if [ -z "${KHABAR_BIN:-}" ]; then
  cargo build --release -p khabar --quiet
  KHABAR_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/khabar"
fi
echo "binary: $KHABAR_BIN ($(git log -1 --format='%h %s' | cut -c1-70))"

# ---- (a) the store ---------------------------------------------------------------------------
DB="$WORK/load.db"
if [ "${KEEP_DB:-0}" = 1 ] && [ -f "$DB" ]; then
  echo "reusing $DB"
else
  BASE="$WORK/base.db"
  rm -f "$BASE" "$BASE"-wal "$BASE"-shm
  inputs=(examples/seeds)
  shared=../shared/data
  for p in hindi-news/webcorpus stories/hindi-disaster-dev.jsonl stories/hindi-covid-dev.jsonl \
           stories/basil.jsonl stories/ecbplus-dev.jsonl; do
    [ -e "$shared/$p" ] && inputs+=("$shared/$p")
  done
  [ ${#inputs[@]} -eq 1 ] && echo "NOTE: ../shared is absent: the store repeats the two seed articles only"
  t0=$(date +%s.%N)
  # (the pages ingest skips, menus and contact pages, are listed in WORK/base.log)
  "$KHABAR_BIN" run "${inputs[@]}" --db "$BASE" 2>"$WORK/base.log" | head -1
  t1=$(date +%s.%N)
  printf 'base store: %.1f s\n' "$(echo "$t1 - $t0" | bc)"
  python3 bench/load/replicate.py "$BASE" "$DB" "$ARTICLES"
  t2=$(date +%s.%N)
  printf 'replicated: %.1f s\n' "$(echo "$t2 - $t1" | bc)"
fi
"$KHABAR_BIN" status --db "$DB"
ls -la "$DB" | awk '{printf "store size: %.0f MB\n", $5/1e6}'

# ---- paths per endpoint ----------------------------------------------------------------------
python3 - "$DB" "$WORK" <<'PY'
import sqlite3, sys, random, urllib.parse
db, work = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
random.seed(7)
stories = [r[0] for r in con.execute("SELECT id FROM stories")]
arts = [r[0] for r in con.execute("SELECT id FROM articles")]
stories = random.sample(stories, min(2000, len(stories)))
arts = random.sample(arts, min(2000, len(arts)))
q = lambda s: urllib.parse.quote(s, safe="")
# Hindi queries: common words, places, a name in two spellings, and two-word queries.
queries = ["बाढ़", "भूकंप", "कोरोना", "पुलिस", "मौत", "दिल्ली", "प्रधानमंत्री", "लॉकडाउन", "रेल हादसा",
           "टोकायेव", "तोकायेव", "कज़ाख़स्तान", "नेपाल भूकंप", "मोदी", "अस्पताल", "earthquake"]
def write(name, paths):
    with open(f"{work}/{name}.paths", "w") as f:
        f.write("\n".join(paths) + "\n")
write("story-page", [f"/stories/{q(s)}" for s in stories])
write("story-api", [f"/api/stories/{q(s)}" for s in stories])
write("article-api", [f"/api/articles/{q(a)}" for a in arts])
write("article-page", [f"/articles/{q(a)}" for a in arts])
write("search-api", [f"/api/search?q={q(x)}" for x in queries])
PY

# ---- (b) the server --------------------------------------------------------------------------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
t0=$(date +%s.%N)
"$KHABAR_BIN" serve --addr "127.0.0.1:$PORT" --db "$DB" 2>"$WORK/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null; do
  kill -0 $SERVER 2>/dev/null || { echo "the server exited:"; cat "$WORK/serve.log"; exit 1; }
  sleep 0.1
done
t1=$(date +%s.%N)
# The first start on a store also builds its search index (STORE.search); later starts reuse it.
printf 'server start-up on %s: %.1f s; RSS %s MB\n' "$DB" "$(echo "$t1 - $t0" | bc)" \
  "$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$SERVER/status)"
# Every path answers 200 before it is measured.
for f in "$WORK"/*.paths; do
  p=$(head -1 "$f")
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$p")
  [ "$code" = 200 ] || { echo "$p answers $code"; exit 1; }
done

# ---- (c, d) wrk ------------------------------------------------------------------------------
echo "wrk -t$THREADS -c$CONNS -d${SECS}s, $RUNS runs per endpoint; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n%-13s %5s %10s %9s %9s %7s\n' endpoint run req/s p50_ms p99_ms errors
SUMMARY=""
for ep in story-page story-api article-api article-page search-api; do
  results=()
  for r in $(seq 1 "$RUNS"); do
    line=$(PATHS="$WORK/$ep.paths" wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency \
      -s bench/load/paths.lua "http://127.0.0.1:$PORT" | grep '^RESULT')
    rps=$(sed 's/.*rps=\([^ ]*\).*/\1/' <<<"$line")
    p50=$(sed 's/.*p50_ms=\([^ ]*\).*/\1/' <<<"$line")
    p99=$(sed 's/.*p99_ms=\([^ ]*\).*/\1/' <<<"$line")
    errs=$(sed 's/.*errors=\([^ ]*\).*/\1/' <<<"$line")
    printf '%-13s %5s %10s %9s %9s %7s\n' "$ep" "$r" "$rps" "$p50" "$p99" "$errs"
    results+=("$rps $p50 $p99 $errs")
  done
  # The median run by requests/s.
  med=$(printf '%s\n' "${results[@]}" | sort -n -k1,1 | sed -n "$(( (RUNS + 1) / 2 ))p")
  SUMMARY+="$(printf '| %-12s | %s | %s | %s | %s |' "$ep" $med)"$'\n'
done
echo
echo "median run of $RUNS (by requests/s), $ARTICLES articles, wrk -t$THREADS -c$CONNS -d${SECS}s:"
echo "| endpoint     | req/s | p50 ms | p99 ms | errors |"
echo "|---|---|---|---|---|"
printf '%s' "$SUMMARY"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
