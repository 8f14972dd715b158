#!/bin/sh
# Incremental stories (#17): the cost of adding a batch of 100 new articles to stores of growing size.
#
#   bench/live/run.sh [SIZES...]        (default: 10000 100000)
#
# Builds the store once (release example `bench_update build`: real texts of ../shared, three lightly
# edited variants each, analysed once, replayed with shifted dates through put_articles + update_stories in
# batches of 5,000), keeping a snapshot at each size with the next 100 articles of the stream beside it;
# then, three times per size, adds those 100 articles to a fresh copy of the snapshot (`bench_update add`:
# put_articles + update_stories) under /usr/bin/time -v. WORK (default /tmp/khabar-live) needs about 35 KB
# per stored article (3.5 GB at 100k).
set -eu
cd "$(dirname "$0")/../.."
SIZES=${*:-"10000 100000"}
WORK=${WORK:-/tmp/khabar-live}
mkdir -p "$WORK"
cargo build --release -p khabar-store --example bench_update
BIN=target/release/examples/bench_update
need=""
for n in $SIZES; do [ -f "$WORK/store-$n.db" ] || need=1; done
if [ -n "$need" ]; then
    # shellcheck disable=SC2086
    nice -n 10 $BIN build "$WORK/store" $SIZES
fi
for n in $SIZES; do
    for run in 1 2 3; do
        cp "$WORK/store-$n.db" "$WORK/add.db"
        cp "$WORK/store-$n.db.next.jsonl" "$WORK/add.db.next.jsonl"
        rm -f "$WORK/add.db-wal" "$WORK/add.db-shm"
        /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M kB" $BIN add "$WORK/add.db"
    done
done
