"""Loads khabar's exports in pandas and duckdb and checks what tests/api_tools.rs asks of them.

usage: check_exports.py DIR BASE_URL

DIR holds `articles.{csv,jsonl}`, `facts.{csv,jsonl}`, `stories.{csv,jsonl}`,
`entities.{csv,jsonl}` and, when the binary has Parquet, `articles.parquet` and
`facts.parquet`. BASE_URL is a `khabar serve` over the same store (its article analyses give the
entity mentions). Prints one line per check and exits non-zero on the first failure.
"""

import datetime
import json
import os
import sys
import urllib.parse
import urllib.request

import duckdb
import pandas as pd

d, base = sys.argv[1], sys.argv[2].rstrip("/")
path = lambda name: os.path.join(d, name)


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        sys.exit(1)


# --- articles: typed timestamps with their offset, in pandas and duckdb ------------------------
articles = [json.loads(line) for line in open(path("articles.jsonl"), encoding="utf-8")]
texts = {a["id"]: a["text"] for a in articles}
zoned = [a for a in articles if a["published"] and not a["published_date_only"]
         and not a["published"].endswith("+00:00")]
check(len(zoned) >= 1, f"{len(zoned)} articles carry a time with a non-UTC offset")
for name in ["articles.csv", "articles.jsonl"]:
    df = (pd.read_csv(path(name), dtype={"id": str}, keep_default_na=False, na_values=[""])
          if name.endswith(".csv") else pd.read_json(path(name), lines=True, dtype={"id": str}))
    t = pd.to_datetime(df["published"], utc=True, format="ISO8601")
    check(str(t.dtype).startswith("datetime64") and str(t.dt.tz) == "UTC",
          f"pandas {name}: published parses as {t.dtype}")
    check(df["published_date_only"].dtype == bool,
          f"pandas {name}: published_date_only is {df['published_date_only'].dtype}")
    row = df[df["id"] == zoned[0]["id"]].iloc[0]
    own = datetime.datetime.fromisoformat(row["published"])
    want = datetime.datetime.fromisoformat(zoned[0]["published"])
    check(own.utcoffset() == want.utcoffset() and own.utcoffset() != datetime.timedelta(0),
          f"pandas {name}: {zoned[0]['id']} keeps its offset {own.utcoffset()}")
    at = t[df["id"] == zoned[0]["id"]].iloc[0]
    check(at == pd.Timestamp(want), f"pandas {name}: the instant is {at} (= {want})")
    dated = df[df["published_date_only"]]
    check(all(str(p).endswith("T00:00:00+00:00") for p in dated["published"]),
          f"pandas {name}: {len(dated)} date-only rows are midnight UTC")

con = duckdb.connect()
for name, reader in [("articles.csv", "read_csv"), ("articles.jsonl", "read_json")]:
    rel = con.sql(f"select id, published, published_date_only from {reader}('{path(name)}')")
    types = dict(zip(rel.columns, [str(t) for t in rel.types]))
    check(types["published"] == "TIMESTAMP WITH TIME ZONE",
          f"duckdb {name}: published is {types['published']}")
    check(types["published_date_only"] == "BOOLEAN",
          f"duckdb {name}: published_date_only is {types['published_date_only']}")
    want = datetime.datetime.fromisoformat(zoned[0]["published"])
    got = con.execute(
        f"select epoch(published) from {reader}('{path(name)}') where id = ?",
        [zoned[0]["id"]]).fetchone()[0]
    check(abs(got - want.timestamp()) < 1e-6, f"duckdb {name}: {zoned[0]['id']} at {got} s = {want}")
if os.path.exists(path("articles.parquet")):
    rel = con.sql(f"select published_at, published, published_date_only from '{path('articles.parquet')}'")
    types = [str(t) for t in rel.types]
    check(types[0] == "TIMESTAMP WITH TIME ZONE", f"duckdb articles.parquet: published_at is {types[0]}")
    df = pd.read_parquet(path("articles.parquet"))
    check(str(df["published_at"].dt.tz) == "UTC", f"pandas articles.parquet: published_at is {df['published_at'].dtype}")
    both = df[df["id"] == zoned[0]["id"]].iloc[0]
    check(both["published_at"] == pd.Timestamp(datetime.datetime.fromisoformat(both["published"])),
          "parquet: published_at is the instant of published")
else:
    print("skip articles.parquet: this khabar was built without the parquet feature")

# --- character offsets: Python slices give the item's text --------------------------------------
def slices_agree(text, start, end, byte_start, byte_end):
    return text[start:end] == text.encode("utf-8")[byte_start:byte_end].decode("utf-8")

for name in ["facts.csv", "facts.jsonl"] + (["facts.parquet"] if os.path.exists(path("facts.parquet")) else []):
    df = (pd.read_csv(path(name), dtype={"article": str}, keep_default_na=False) if name.endswith(".csv")
          else pd.read_json(path(name), lines=True, dtype={"article": str}) if name.endswith(".jsonl")
          else pd.read_parquet(path(name)))
    check(len(df) > 0, f"{name}: {len(df)} facts")
    agree = same_text = 0
    hindi = 0
    for r in df.itertuples():
        text = texts[r.article]
        s, e = int(r.start), int(r.end)
        agree += slices_agree(text, s, e, int(r.byte_start), int(r.byte_end))
        if r.type == "quote":
            ok = text[s:e] == r.text
            same_text += ok
            hindi += ok and any("\u0900" <= c <= "\u097f" for c in r.text)
            if not ok:
                print(f"     quote {r.article} [{s}:{e}] {text[s:e]!r} != {r.text!r}")
    quotes = int((df["type"] == "quote").sum())
    check(agree == len(df), f"{name}: text[start:end] is the byte span's text for {agree}/{len(df)}")
    check(quotes > 0 and same_text == quotes and hindi > 0,
          f"{name}: text[start:end] is the quote for {same_text}/{quotes} quotes ({hindi} in Devanagari)")

mentions = exact = hindi = 0
for aid, text in texts.items():
    with urllib.request.urlopen(f"{base}/api/articles/{urllib.parse.quote(aid, safe='')}") as r:
        body = json.load(r)
    assert body["article"]["text"] == text
    for m in (body["analysis"] or {}).get("mentions", []):
        sp = m["span"]
        mentions += 1
        ok = text[sp["start"]:sp["end"]] == m["text"] and slices_agree(
            text, sp["start"], sp["end"], sp["byte_start"], sp["byte_end"])
        exact += ok
        hindi += ok and any("\u0900" <= c <= "\u097f" for c in m["text"])
        if not ok:
            print(f"     mention {aid} {sp} {text[sp['start']:sp['end']]!r} != {m['text']!r}")
check(mentions > 0 and exact == mentions and hindi > 0,
      f"API: text[start:end] is the entity mention for {exact}/{mentions} ({hindi} in Devanagari)")

# --- the other exports load, with counts named as counts ----------------------------------------
stories = pd.read_csv(path("stories.csv"))
check(stories["article_count"].dtype.kind == "i", f"stories.csv: article_count is {stories['article_count'].dtype}")
t = con.sql(f"select first_published, last_published from read_csv('{path('stories.csv')}')").types
check(all(str(x) == "TIMESTAMP WITH TIME ZONE" for x in t), f"duckdb stories.csv: {t}")
sj = [json.loads(line) for line in open(path("stories.jsonl"), encoding="utf-8")]
check(all(s["article_count"] == len(s["articles"]) and all(isinstance(a, dict) for a in s["articles"]) for s in sj),
      f"stories.jsonl: {len(sj)} stories, `articles` a list of objects, `article_count` its length")
ents = pd.read_csv(path("entities.csv"))
check({"mention_count", "article_count", "story_count"} <= set(ents.columns) and ents["article_count"].dtype.kind == "i",
      f"entities.csv: {len(ents)} entities with their counts")
print("all export checks passed")
