#!/usr/bin/env python3
"""Grow a khabar store to N articles for the load test by copying its real articles.

    python3 bench/load/replicate.py BASE.db OUT.db N

OUT.db starts as a copy of BASE.db (a store `khabar run` made from real texts); then every
article, its analysis and every story are copied again and again until the store holds at least N
articles. Copy k gets new ids (`<id>r<k>`), no URL (URLs are unique), and publication times
shifted by k weeks; the analyses and stories of a copy point at the copy's ids. Texts, analyses,
entities and story contents are the real ones; only the repetition is artificial (the stories of
copy k are those of the base, not a regrouping of the whole store).
"""

import datetime as dt
import json
import os
import shutil
import sqlite3
import sys

WEEK = 7 * 86400


def shift_time(s, days):
    """A PubTime string ("2022-01-10" or RFC 3339) moved by `days` days, in the same form."""
    if not isinstance(s, str):
        return s
    try:
        if len(s) == 10:
            return (dt.date.fromisoformat(s) + dt.timedelta(days=days)).isoformat()
        t = dt.datetime.fromisoformat(s.replace("Z", "+00:00")) + dt.timedelta(days=days)
        out = t.isoformat()
        return out.replace("+00:00", "Z") if s.endswith("Z") else out
    except ValueError:
        return s


def remap(v, ids):
    """`v` with every string that is a key of `ids` replaced by its value (JSON walk)."""
    if isinstance(v, str):
        return ids.get(v, v)
    if isinstance(v, list):
        return [remap(x, ids) for x in v]
    if isinstance(v, dict):
        return {k: remap(x, ids) for k, x in v.items()}
    return v


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    base, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(out + suffix):
            os.remove(out + suffix)
    src = sqlite3.connect(base)
    dst = sqlite3.connect(out)
    src.backup(dst)
    src.close()
    dst.execute("PRAGMA synchronous=OFF")
    dst.execute("PRAGMA journal_mode=MEMORY")

    arts = dst.execute(
        "SELECT id, fingerprint, outlet, title, language, published, published_ts, source, doc, updated_at, text FROM articles"
    ).fetchall()
    analyses = dict(dst.execute("SELECT article_id, analysis FROM analyses"))
    stories = dst.execute("SELECT id, title, first_ts, last_ts, story FROM stories").fetchall()
    members = dst.execute("SELECT story_id, article_id, position FROM story_articles").fetchall()
    if not arts:
        sys.exit(f"{base} holds no articles")
    copies = -(-n // len(arts)) - 1
    print(f"{len(arts)} base articles, {len(stories)} stories, {copies} copies → {len(arts) * (copies + 1)} articles")

    for k in range(1, copies + 1):
        days = 7 * k
        suffix = f"r{k}"
        ids = {a[0]: a[0] + suffix for a in arts}
        ids.update({s[0]: s[0] + suffix for s in stories})
        rows = []
        an_rows = []
        for (aid, fp, outlet, title, lang, published, pts, source, doc, upd, text) in arts:
            d = json.loads(doc)
            d["id"] = ids[aid]
            d["url"] = None
            d["fingerprint"] = f"{fp}{suffix}"
            d["published"] = shift_time(d.get("published"), days)
            d["updated"] = shift_time(d.get("updated"), days)
            rows.append((
                ids[aid], None, f"{fp}{suffix}", outlet, title, lang,
                shift_time(published, days), pts + days * 86400 if pts is not None else None,
                source, json.dumps(d, ensure_ascii=False), upd, text,
            ))
            if aid in analyses:
                a = remap(json.loads(analyses[aid]), ids)
                an_rows.append((ids[aid], json.dumps(a, ensure_ascii=False)))
        dst.executemany("INSERT INTO articles (id, url, fingerprint, outlet, title, language, published, published_ts, source, doc, updated_at, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        dst.executemany("INSERT INTO analyses (article_id, analysis) VALUES (?,?)", an_rows)
        st_rows = []
        for (sid, title, fts, lts, story) in stories:
            s = remap(json.loads(story), ids)
            s["first_published"] = shift_time(s.get("first_published"), days)
            s["last_published"] = shift_time(s.get("last_published"), days)
            st_rows.append((
                ids[sid], title,
                fts + days * 86400 if fts is not None else None,
                lts + days * 86400 if lts is not None else None,
                json.dumps(s, ensure_ascii=False),
            ))
        dst.executemany("INSERT INTO stories (id, title, first_ts, last_ts, story) VALUES (?,?,?,?,?)", st_rows)
        dst.executemany(
            "INSERT INTO story_articles (story_id, article_id, position) VALUES (?,?,?)",
            [(ids[s], ids.get(a, a), p) for (s, a, p) in members],
        )
        dst.commit()
        if k % 10 == 0:
            print(f"  copy {k}/{copies}", flush=True)
    dst.execute("PRAGMA journal_mode=WAL")
    total = dst.execute("SELECT count(*) FROM articles").fetchone()[0]
    dst.close()
    print(f"{out}: {total} articles")


if __name__ == "__main__":
    main()
