"""Python side of bench/extract/run.sh: runs the PyPI peers (trafilatura, readability-lxml)
over DIR/html/*.html.gz and writes OUT/<peer>-<dataset>.json = {"texts": {id: text},
"seconds": extraction CPU time of the thread, "wall_seconds": wall time}. Scoring is done by khabar's scorer (extract_bench table), the
same for every extractor.

    python peers.py DIR OUT
"""
import gzip, json, os, sys, time


def main(ds_dir, out):
    import trafilatura
    from readability import Document
    import lxml.html

    ds = os.path.basename(os.path.normpath(ds_dir))
    pages = {}
    for f in sorted(os.listdir(os.path.join(ds_dir, "html"))):
        with gzip.open(os.path.join(ds_dir, "html", f)) as fh:
            pages[f.split(".")[0]] = fh.read().decode("utf-8", "replace")

    def readability_text(h):
        try:
            return lxml.html.fromstring(Document(h).summary()).text_content()
        except Exception:
            return ""

    def trafilatura_text(h):
        try:
            return trafilatura.extract(h) or ""
        except Exception:
            return ""

    for name, fn in [("trafilatura", trafilatura_text), ("readability-lxml", readability_text)]:
        t0, c0 = time.perf_counter(), time.thread_time()
        texts = {k: fn(h) for k, h in pages.items()}
        secs, wall = time.thread_time() - c0, time.perf_counter() - t0
        with open(os.path.join(out, f"{name}-{ds}.json"), "w") as fh:
            json.dump({"texts": texts, "seconds": secs, "wall_seconds": wall}, fh)
        print(f"{name}: {len(texts)} pages of {ds} in {secs:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
