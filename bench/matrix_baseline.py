#!/usr/bin/env python3
"""bench/matrix_baseline.py: the baseline for 'qda export matrix' in
bench/run and docs/performance.md: one plain pass over a study's files in
Python (PyYAML, its C loader when there is one), counting references of the
themes (depth 1) per participant by DESIGN.md's rules, written as JSON.

Usage: python3 bench/matrix_baseline.py STUDY > matrix.json
       python3 bench/matrix_baseline.py STUDY --xlsx OUT.xlsx
With --xlsx it also keeps each reference's text and writes, with openpyxl's
write-only mode, what qda's workbook has at its heart: the Matrix, the
Excerpts behind each cell, and one Segments row per reference.
It handles what the demo study uses (canonical paths and aliases by name);
it is a yardstick for speed, not a second implementation to trust.
"""
import csv
import json
import os
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def main(root, xlsx=None):
    with open(os.path.join(root, "codebook.yaml")) as f:
        book = yaml.load(f, Loader=Loader)
    theme_of = {}  # any path or alias path -> theme name

    def walk(codes, prefix, theme):
        for c in codes or []:
            path = prefix + c["name"]
            t = theme or c["name"]
            theme_of[path] = t
            for a in c.get("aliases") or []:
                theme_of[a if "/" in a else prefix + a] = t
            walk(c.get("children"), path + "/", t)

    walk(book.get("codes"), "", None)
    themes = [c["name"] for c in book.get("codes") or []]
    with open(os.path.join(root, "participants.csv"), newline="") as f:
        participants = [r["id"] for r in csv.DictReader(f)]
    counts = {p: dict.fromkeys(themes, 0) for p in participants}
    passages = {} if xlsx else None  # (participant, theme) -> [text]
    segments = [] if xlsx else None
    coders = sorted(d for d in os.listdir(os.path.join(root, "codings")))
    with open(os.path.join(root, "transcripts.csv"), newline="") as f:
        for row in csv.DictReader(f):
            tid, p = row["id"], row["participant"]
            with open(os.path.join(root, "transcripts", tid + ".txt"), encoding="utf-8") as t:
                lines = t.read().split("\n")
            blank = [l.strip() == "" for l in lines]
            covered = {}
            for c in coders:
                path = os.path.join(root, "codings", c, tid + ".yaml")
                if not os.path.exists(path):
                    continue
                with open(path) as y:
                    segs = yaml.load(y, Loader=Loader) or []
                for s in segs:
                    a, _, b = str(s["lines"]).partition("-")
                    a = int(a)
                    b = int(b) if b else a
                    for code in s.get("codes") or []:
                        theme = theme_of.get(code)
                        if theme is None:
                            continue
                        cov = covered.setdefault(theme, set())
                        for l in range(max(a, 1), min(b, len(lines)) + 1):
                            if not blank[l - 1]:
                                cov.add(l)
            row_counts = counts.setdefault(p, dict.fromkeys(themes, 0))
            for theme, cov in covered.items():
                refs, open_, start, end = [], False, 0, 0
                for l in range(1, len(lines) + 1):
                    if l in cov:
                        if not open_:
                            refs.append([l, l])
                        refs[-1][1] = l
                        open_ = True
                    elif not blank[l - 1]:
                        open_ = False
                row_counts[theme] += len(refs)
                if xlsx:
                    for a, b in refs:
                        text = " ".join(lines[i - 1].strip() for i in range(a, b + 1) if not blank[i - 1])
                        where = "%s:%d-%d" % (tid, a, b)
                        passages.setdefault((p, theme), []).append(where + "  " + text)
                        segments.append([where, tid, p, a, b, theme, text])
    if xlsx:
        write_xlsx(xlsx, themes, counts, passages, segments)
        return
    out = {"rows_by": "participant", "measure": "references", "depth": 1, "columns": themes,
           "rows": [{"key": p, "values": counts[p], "total": sum(counts[p].values())} for p in counts]}
    json.dump(out, sys.stdout, indent=2)
    print()


def write_xlsx(path, themes, counts, passages, segments):
    import openpyxl
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Matrix")
    ws.append(["participant"] + themes + ["total"])
    for p, c in counts.items():
        ws.append([p] + [c[t] for t in themes] + [sum(c.values())])
    ws = wb.create_sheet("Excerpts")
    ws.append(["participant"] + themes)
    for p in counts:
        ws.append([p] + ["\n\n".join(passages.get((p, t), []))[:32767] for t in themes])
    ws = wb.create_sheet("Segments")
    ws.append(["reference", "transcript", "participant", "start", "end", "code", "text"])
    for row in segments:
        ws.append(row)
    wb.save(path)


if __name__ == "__main__":
    args = sys.argv[1:]
    out = None
    if "--xlsx" in args:
        i = args.index("--xlsx")
        out = args[i + 1]
        del args[i:i + 2]
    main(args[0], out)
