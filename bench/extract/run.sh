#!/usr/bin/env bash
# Side-by-side extraction benchmark: khabar vs trafilatura, readability-lxml (PyPI) and
# rs-trafilatura, dom_smoothie (crates.io), same pages, same run, one core each.
# Peers are installed into a scratch folder (default /tmp/khabar-bench), never into the repo.
# Writes the table to docs/benchmarks.md (section "Extraction") and prints it.
#
#   bench/extract/run.sh [DATA_DIR]     (default ../shared/data/extraction)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${1:-$ROOT/../shared/data/extraction}"
SCRATCH="${KHABAR_BENCH_DIR:-/tmp/khabar-bench}"
mkdir -p "$SCRATCH"

# Python peers.
if [ ! -x "$SCRATCH/venv/bin/python" ]; then
  python3 -m venv "$SCRATCH/venv"
  "$SCRATCH/venv/bin/pip" install -q "trafilatura==2.3.1" "readability-lxml==0.9" "lxml_html_clean"
fi

# Rust peers: a scratch crate built once.
RUSTPEERS="$SCRATCH/rust-peers"
if [ ! -x "$RUSTPEERS/target/release/rust-peers" ]; then
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
  (cd "$RUSTPEERS" && cargo build --release -q)
fi

# khabar itself.
(cd "$ROOT" && cargo build --release -q -p khabar)
KHABAR="${CARGO_TARGET_DIR:-$ROOT/target}/release/khabar"

OUT="$SCRATCH/out"
mkdir -p "$OUT"
for ds in scrapinghub wcxb-dev-articles; do
  taskset -c 0 "$KHABAR" eval extract --dataset "$DATA/$ds" --json > "$OUT/khabar-$ds.json"
  taskset -c 0 "$SCRATCH/venv/bin/python" "$ROOT/bench/extract/peers.py" run-python "$DATA/$ds" "$OUT"
  taskset -c 0 "$RUSTPEERS/target/release/rust-peers" "$DATA/$ds" "$OUT"
done
"$SCRATCH/venv/bin/python" "$ROOT/bench/extract/peers.py" table "$DATA" "$OUT" "$ROOT/docs/benchmarks.md"
