#!/usr/bin/env python3
"""The rows `benches/scale.sh --results FILE` measured, as JSON (README's Scale table is
generated from that file by scripts/readme_figures.py).

Usage: scale_json.py ROWS.tsv OUT.json BYTES_PER_COPY COMMIT DIRTY "N..."
ROWS.tsv has one line per measured step: N, step, MB of text, wall s, CPU s, peak RSS
("85 MB" or "extract 54 MB + merge 37 MB"), load, articles, graph.json bytes. OUT.json is
replaced atomically.
"""
import json
import os
import sys
import time


def main():
    rows_tsv, out, text_bytes, commit, dirty, sizes = sys.argv[1:7]
    rows = []
    with open(rows_tsv, encoding="utf-8") as f:
        for line in f:
            n, step, mb, wall, cpu, rss, load, articles, graph = line.rstrip("\n").split("\t")
            rows.append({
                "n": int(n), "step": step, "mb": round(float(mb), 1),
                "wall_s": round(float(wall), 1), "cpu_s": round(float(cpu), 1),
                "peak_rss_mb": [float(w) for w in rss.split() if w.replace(".", "", 1).isdigit()],
                "load": float(load),
                "articles": int(articles) if articles else None,
                "graph_json_bytes": int(graph) if graph else None,
            })
    done = sorted({r["n"] for r in rows})
    result = {
        "bench": "scale", "format": 1,
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "command": f"bash benches/scale.sh --results {out} {sizes}".rstrip(),
        "sizes_asked": [int(x) for x in sizes.split()],
        "sizes_done": done,
        "commit": commit, "dirty": bool(dirty), "nproc": os.cpu_count(),
        "concurrent": os.environ.get("CONCURRENT", "0") == "1",
        "bytes_per_copy": int(text_bytes), "rows": rows,
    }
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    os.replace(tmp, out)
    print(f"wrote {out} (N = {', '.join(map(str, done))})")


if __name__ == "__main__":
    main()
