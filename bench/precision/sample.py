#!/usr/bin/env python3
"""Draw the by-eye precision samples of issue #15 from analysis dumps.

Held-out Hindi: the webcorpus files whose relative path's SHA-256 starts with an odd byte (52 of 108,
chosen before looking at any output). English: BASIL. Dump both with the analyze_dump example:

    python3 bench/precision/sample.py held > held.txt
    xargs -a held.txt -d '\\n' cargo run -q -p khabar-analyze --example analyze_dump -- > web-held.jsonl
    cargo run -q -p khabar-analyze --example analyze_dump -- ../shared/data/stories/basil.jsonl > basil-new.jsonl
    python3 bench/precision/sample.py links|quotes|qty|events 25   # 25 items from each file

Session 6 (issue #15): BASIL is split like the webcorpus (`sample.py basil-halves basil.jsonl
basil-dev.jsonl basil-held.jsonl`, odd first byte of the article id's SHA-256 held out); rules were
tuned on the even halves only. A seed and the files may follow the count:

    python3 bench/precision/sample.py events 25 615 web-held.jsonl basil-held-out.jsonl
    EXCLUDE=held-events-615.txt python3 bench/precision/sample.py events 25 616 web-held.jsonl basil-held-out.jsonl

Items are those shown by default (confidence >= 0.6); quotes only those with a speaker. The pool of
each file is shuffled with random.Random(15).
"""
import hashlib, json, os, random, sys

WEB = os.path.join(os.path.dirname(__file__), "../../../shared/data/hindi-news/webcorpus")

def held():
    for root, _, files in sorted(os.walk(WEB)):
        for f in sorted(files):
            rel = os.path.relpath(os.path.join(root, f), WEB)
            if hashlib.sha256(rel.encode()).digest()[0] % 2 == 1:
                print(os.path.abspath(os.path.join(root, f)))

def load(f):
    return [json.loads(l) for l in open(f)]

def sent(a, i):
    s = a["analysis"]["sentences"][i]["span"]
    return a["text"].encode()[s["start"]:s["end"]].decode("utf-8", "replace").replace("\n", " ")

def items(a, kind):
    an = a["analysis"]; E = {e["id"]: e for e in an["entities"]}
    name = lambda i: E.get(i or "", {}).get("name")
    if kind == "links":
        t = a["text"].encode()
        for m in an["mentions"]:
            if m["confidence"] >= 0.6 and m["entity"]:
                e = E.get(m["entity"], {})
                ctx = t[max(0, m["span"]["start"] - 120):m["span"]["end"] + 80].decode("utf-8", "ignore")
                yield f"[{m['text']}] -> {m['entity']} ({e.get('name')}, {e.get('kind')}) c={m['confidence']:.2f} || {ctx}"
    elif kind == "quotes":
        for q in an["quotes"]:
            if q["confidence"] >= 0.6 and (q.get("speaker") or q.get("speaker_text")):
                yield f"SPK={q.get('speaker_text')!r}->{name(q.get('speaker'))} cue={q['cue']} c={q['confidence']:.2f} || Q: {q['text'][:150]} || S: {sent(a, q['sentence'])[:300]}"
    elif kind == "qty":
        for q in an["quantities"]:
            if q["confidence"] >= 0.6:
                yield f"[{q['text']}] v={q['value']} kind={q['kind']} unit={q['unit']} what={q['what']} c={q['confidence']:.2f} || {sent(a, q['sentence'])[:250]}"
    elif kind == "events":
        for e in an["events"]:
            if e["confidence"] >= 0.6:
                yield f"{e['kind']} [{e['trigger_text']}] actor={name(e.get('actor'))} target={name(e.get('target'))} place={name(e.get('place'))} c={e['confidence']:.2f} || {sent(a, e['sentence'])[:250]}"

def basil_halves(src, dev_out, held_out):
    """Split BASIL by its article id's SHA-256 (odd first byte: held out), as the webcorpus is split."""
    with open(dev_out, "w") as dev, open(held_out, "w") as held:
        for line in open(src):
            odd = hashlib.sha256(json.loads(line)["id"].encode()).digest()[0] % 2 == 1
            (held if odd else dev).write(line)

def main():
    if sys.argv[1] == "held":
        return held()
    if sys.argv[1] == "basil-halves":
        return basil_halves(*sys.argv[2:5])
    kind, n = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    files = sys.argv[4:] or ["web-held.jsonl", "basil-new.jsonl"]
    # EXCLUDE=FILE: leave out items whose context (after ' || ') is in FILE (an earlier sample)
    seen = set()
    if os.environ.get("EXCLUDE"):
        for line in open(os.environ["EXCLUDE"]):
            if " || " in line:
                seen.add(line.split(" || ", 1)[1].strip()[:200])
    for f in files:
        pool = [x for a in load(f) for x in items(a, kind)]
        pool = [x for x in pool if x.replace("\n", " ").split(" || ", 1)[-1].strip()[:200] not in seen]
        random.Random(seed).shuffle(pool)
        print(f"## {f}: {len(pool)} items, sample {n}")
        for i, x in enumerate(pool[:n]):
            print(i + 1, x.replace("\n", " "))

main()
