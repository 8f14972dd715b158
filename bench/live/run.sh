#!/bin/sh
# Incremental stories (#17): the cost of adding a batch of 100 new articles to stores of growing size.
#
#   bench/live/run.sh [SIZES...]        (default: 10000 100000 1000000)
#
# Builds the stores once: sizes up to GROW_FROM (default 100000) through the product path (release
# example `bench_update build`: real texts of ../shared, three lightly edited variants each, analysed
# once, replayed with shifted dates through put_articles + update_stories in batches of 5,000), with
# the next 100 articles of the stream beside each snapshot; larger sizes by `bench_update grow` from
# the GROW_FROM store (copies of every row, each later in time: crates/store/examples/live/grow.rs).
# Then adds the 100 articles (`bench_update add`: open, put_articles, update_stories) under
# /usr/bin/time, three times per size and way:
#   copy  a fresh copy of the snapshot (stores up to COPY_MAX bytes, default 4 GB), synced to disk
#         before the add: the whole add, its WAL checkpoints (with fsync) included;
#   hold  the snapshot itself, while `bench_update hold` keeps a read transaction open on it: the
#         add's writes stay in the WAL (no checkpoint into the file), deleted after `kill -9` of
#         the holder, so the file is unchanged for the next run without a copy of it;
#   cold  as hold, after dropping the file from the page cache (`dd iflag=nocache`).
# Then one last `copy`-like run on the largest store itself, which is deleted after it. WORK (default
# /tmp/khabar-live) needs about 14 KB per stored article (14 GB at 1M) plus one copy of the
# largest store up to COPY_MAX. Stores are left in WORK; KEEP=0 deletes them at the end.
set -eu
cd "$(dirname "$0")/../.."
SIZES=${*:-"10000 100000 1000000"}
WORK=${WORK:-/tmp/khabar-live}
GROW_FROM=${GROW_FROM:-100000}
COPY_MAX=${COPY_MAX:-4000000000}
KEEP=${KEEP:-1}
mkdir -p "$WORK"
cargo build --release -p khabar-store --example bench_update
BIN=target/release/examples/bench_update
TIME="wall %e s, user %U s, sys %S s, max RSS %M kB"
built=""
grown=""
for n in $SIZES; do
    if [ "$n" -le "$GROW_FROM" ]; then built="$built $n"; else grown="$grown $n"; fi
done
need=""
for n in $built; do [ -f "$WORK/store-$n.db" ] || need=1; done
if [ -n "$grown" ] && [ ! -f "$WORK/store-$GROW_FROM.db" ]; then
    need=1
    case " $built " in *" $GROW_FROM "*) ;; *) built="$built $GROW_FROM" ;; esac
fi
if [ -n "$need" ]; then
    # shellcheck disable=SC2086
    nice -n 10 $BIN build "$WORK/store" $built
    rm -f "$WORK/store-building.db" "$WORK/store-building.db-wal" "$WORK/store-building.db-shm"
fi
for n in $grown; do
    [ -f "$WORK/store-$n.db" ] || nice -n 10 $BIN grow "$WORK/store-$GROW_FROM.db" "$WORK/store-$n.db" "$n"
done

clean() { rm -f "$1-wal" "$1-shm"; }
evict() { sync "$1"; dd if="$1" iflag=nocache count=0 status=none; }
held_add() {
    db=$1
    clean "$db"
    fifo="$WORK/hold.fifo"
    rm -f "$fifo"
    mkfifo "$fifo"
    $BIN hold "$db" >"$fifo" &
    holder=$!
    read -r _ <"$fifo"
    /usr/bin/time -f "$TIME" $BIN add "$db"
    kill -9 "$holder"
    wait "$holder" 2>/dev/null || true
    rm -f "$fifo"
    clean "$db"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $SIZES; do
    db="$WORK/store-$n.db"
    clean "$db"
    size=$(stat -c %s "$db")
    echo "== $n articles, $size bytes"
    if [ "$size" -le "$COPY_MAX" ]; then
        for run in 1 2 3; do
            cp "$db" "$WORK/add.db"
            cp "$db.next.jsonl" "$WORK/add.db.next.jsonl"
            clean "$WORK/add.db"
            # The copy's pages written out first: else the add's checkpoint (fsync) waits for them.
            sync "$WORK/add.db"
            printf 'copy %s: ' "$run"
            /usr/bin/time -f "$TIME" $BIN add "$WORK/add.db"
        done
        rm -f "$WORK/add.db" "$WORK/add.db.next.jsonl"
        clean "$WORK/add.db"
    fi
    for run in 1 2 3; do
        printf 'hold %s: ' "$run"
        held_add "$db"
    done
    for run in 1 2 3; do
        evict "$db"
        printf 'cold %s: ' "$run"
        held_add "$db"
    done
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done
last=$(echo "$SIZES" | tr ' ' '\n' | sort -n | tail -1)
printf 'last, on the store itself (%s): ' "$last"
/usr/bin/time -f "$TIME" $BIN add "$WORK/store-$last.db"
# That store now holds the batch: gone, so that a later run builds it again.
rm -f "$WORK/store-$last.db" "$WORK/store-$last.db-wal" "$WORK/store-$last.db-shm" "$WORK/store-$last.db.next.jsonl"
if [ "$KEEP" = 0 ]; then
    rm -f "$WORK"/store-*.db "$WORK"/store-*.db-wal "$WORK"/store-*.db-shm "$WORK"/store-*.next.jsonl
fi
