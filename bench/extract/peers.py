"""Python side of bench/extract/run.sh: runs the PyPI peers and writes the table.

Scoring re-implements khabar's metric definitions (crates/ingest/src/eval.rs): lower-cased
Unicode words, ScrapingHub = word 4-gram shingles with per-page normalised (tp, fp, fn) summed,
WCXB = per-page bag-of-words F1 averaged. The `regex` module is avoided on purpose: these two
datasets are Latin-script, where `\\w+` and UAX #29 words agree closely.
"""
import gzip, json, os, re, sys, time
from collections import Counter

WORD = re.compile(r"\w+", re.UNICODE)

def words(t):
    return [w.lower() for w in WORD.findall(t or "")]

def load(ds_dir):
    gold = {}
    if os.path.exists(os.path.join(ds_dir, "ground-truth.json")):
        for k, v in json.load(open(os.path.join(ds_dir, "ground-truth.json"))).items():
            gold[k] = v.get("articleBody") or ""
        return "scrapinghub", gold
    for f in sorted(os.listdir(os.path.join(ds_dir, "ground-truth"))):
        if f.endswith(".json"):
            g = json.load(open(os.path.join(ds_dir, "ground-truth", f)))["ground_truth"]
            gold[f[:-5]] = g.get("main_content") or ""
    return "wcxb", gold

def score(layout, gold, texts):
    if layout == "scrapinghub":
        tp = fp = fn = 0.0
        for k, g in gold.items():
            def sh(w):
                if not w: return Counter()
                if len(w) < 4: return Counter([tuple(w)])
                return Counter(tuple(w[i:i+4]) for i in range(len(w) - 3))
            a, b = sh(words(g)), sh(words(texts.get(k, "")))
            t = sum((a & b).values()); p = sum(b.values()) - t; n = sum(a.values()) - t
            s = t + p + n
            if s: tp += t / s; fp += p / s; fn += n / s
        P = tp / (tp + fp) if tp + fp else 0; R = tp / (tp + fn) if tp + fn else 0
        return P, R, (2 * P * R / (P + R) if P + R else 0)
    ps = rs = fs = 0.0
    for k, g in gold.items():
        a, b = Counter(words(g)), Counter(words(texts.get(k, "")))
        o = sum((a & b).values())
        if not a and not b: p = r = f = 1.0
        elif not a or not b: p = r = f = 0.0
        else:
            p, r = o / sum(b.values()), o / sum(a.values()); f = 2 * p * r / (p + r) if p + r else 0
        ps += p; rs += r; fs += f
    n = max(len(gold), 1)
    return ps / n, rs / n, fs / n

def run_python(ds_dir, out):
    import trafilatura
    from readability import Document
    import lxml.html
    ds = os.path.basename(os.path.normpath(ds_dir))
    pages = {}
    for f in os.listdir(os.path.join(ds_dir, "html")):
        pages[f.split(".")[0]] = gzip.open(os.path.join(ds_dir, "html", f)).read().decode("utf-8", "replace")
    def rd(h):
        try:
            return lxml.html.fromstring(Document(h).summary()).text_content()
        except Exception:
            return ""
    for name, fn in [("trafilatura", lambda h: trafilatura.extract(h) or ""), ("readability-lxml", rd)]:
        t0 = time.perf_counter()
        texts = {k: fn(h) for k, h in pages.items()}
        json.dump({"texts": texts, "seconds": time.perf_counter() - t0}, open(os.path.join(out, f"{name}-{ds}.json"), "w"))

def table(data, out, md):
    rows = []
    for ds in ["scrapinghub", "wcxb-dev-articles"]:
        layout, gold = load(os.path.join(data, ds))
        k = json.load(open(os.path.join(out, f"khabar-{ds}.json")))
        rows.append((ds, "khabar", k["f1"], k["pages_per_second"]))
        for peer in ["trafilatura", "readability-lxml", "rs-trafilatura", "dom_smoothie"]:
            p = os.path.join(out, f"{peer}-{ds}.json")
            if not os.path.exists(p): continue
            r = json.load(open(p))
            f1 = score(layout, gold, r["texts"])[2]
            rows.append((ds, peer, f1, len(r["texts"]) / max(r["seconds"], 1e-9)))
    lines = ["## Extraction (bench/extract/run.sh)", "", "| Dataset | Extractor | F1 | Pages/s (one core) |", "|---|---|---|---|"]
    lines += [f"| {d} | {e} | {f:.3f} | {s:.1f} |" for d, e, f, s in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    old = open(md).read() if os.path.exists(md) else "# Benchmarks\n"
    start = old.find("## Extraction (bench/extract/run.sh)")
    if start >= 0:
        end = old.find("\n## ", start + 5)
        old = old[:start] + old[end + 1:] if end >= 0 else old[:start]
    open(md, "w").write(old.rstrip("\n") + "\n\n" + text)

if __name__ == "__main__":
    if sys.argv[1] == "run-python": run_python(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "table": table(sys.argv[2], sys.argv[3], sys.argv[4])
