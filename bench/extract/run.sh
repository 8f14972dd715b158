#!/usr/bin/env bash
# Side-by-side extraction benchmark: khabar vs trafilatura, readability-lxml (PyPI) and
# rs-trafilatura, dom_smoothie (crates.io), same pages, same run, one core each (taskset -c 0).
# The peers are installed from their registries into a scratch folder (default
# /tmp/khabar-bench, or $KHABAR_BENCH_DIR), never into the repo. Every extractor writes
# {"texts": {id: text}, "seconds": extraction time}; one scorer (khabar's, the metric of
# `khabar eval extract`) scores them all, so F1 figures are comparable.
# The table goes to docs/benchmarks.md (section "Extraction"), or to $KHABAR_BENCH_MD.
#
#   bench/extract/run.sh [DATA_DIR] [DATASET...]
#       DATA_DIR defaults to ../shared/data/extraction; datasets to scrapinghub wcxb-dev-articles.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${1:-$ROOT/../shared/data/extraction}"
shift || true
SETS=("$@")
[ ${#SETS[@]} -gt 0 ] || SETS=(scrapinghub wcxb-dev-articles)
SCRATCH="${KHABAR_BENCH_DIR:-/tmp/khabar-bench}"
MD="${KHABAR_BENCH_MD:-$ROOT/docs/benchmarks.md}"
CORE="${KHABAR_BENCH_CORE:-0}"
mkdir -p "$SCRATCH"

# Python peers (two steps: older pip resolvers trip over lxml's html_clean extra).
if [ ! -x "$SCRATCH/venv/bin/python" ] || ! "$SCRATCH/venv/bin/python" -c "import trafilatura, readability" 2>/dev/null; then
  python3 -m venv "$SCRATCH/venv"
  "$SCRATCH/venv/bin/pip" install -q "trafilatura==2.3.1"
  "$SCRATCH/venv/bin/pip" install -q "readability-lxml==0.9" "lxml_html_clean==0.4.6"
fi

# Rust peers: a scratch crate built once (its own target dir inside the scratch folder).
RUSTPEERS="$SCRATCH/rust-peers"
if [ ! -x "$RUSTPEERS/target/release/rust-peers" ] || ! cmp -s "$ROOT/bench/extract/rust_peers.rs" "$RUSTPEERS/src/main.rs"; then
  mkdir -p "$RUSTPEERS/src"
  cp "$ROOT/bench/extract/rust_peers.rs" "$RUSTPEERS/src/main.rs"
  cat > "$RUSTPEERS/Cargo.toml" <<'TOML'
[package]
name = "rust-peers"
version = "0.0.0"
edition = "2021"
[dependencies]
rs-trafilatura = "=0.2.2"
dom_smoothie = "=0.19.0"
flate2 = "1"
serde_json = "1"
[workspace]
TOML
  (cd "$RUSTPEERS" && CARGO_TARGET_DIR="$RUSTPEERS/target" cargo build --release -q)
fi

# khabar itself (release, the library's bench example: same code as `khabar eval extract`).
(cd "$ROOT" && cargo build --release -q -p khabar-ingest --example extract_bench)
KHABAR="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/extract_bench"

OUT="$SCRATCH/out"
mkdir -p "$OUT"
for ds in "${SETS[@]}"; do
  echo "== $ds" >&2
  taskset -c "$CORE" "$KHABAR" run "$DATA/$ds" "$OUT"
  taskset -c "$CORE" "$SCRATCH/venv/bin/python" "$ROOT/bench/extract/peers.py" "$DATA/$ds" "$OUT"
  taskset -c "$CORE" "$RUSTPEERS/target/release/rust-peers" "$DATA/$ds" "$OUT"
done
"$KHABAR" table "$DATA" "$OUT" "$MD" "${SETS[@]}"
