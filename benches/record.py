"""The JSON summary that benches/peer.sh, throughput.sh and callgrind.sh write (each script's
header lists its fields), for scripts such as scripts/readme_figures.py. Every summary
starts with the same fields: bench, format, date (UTC), command, commit and dirty.

Each script writes target/bench/NAME.json by default (not tracked by git); a run meant for
the README is written with `--results benches/results/NAME.json` (or copied there) and
committed by hand, with its "busy" flag and load averages telling how quiet the machine was.

The scripts run from the repository's root and import this file with benches/ on
sys.path. Standard library only: peer.sh runs it with its virtualenv's Python.
"""

import json
import os
import subprocess
import time

FORMAT = 1


def _git(*args):
    return subprocess.run(["git", *args], capture_output=True, text=True).stdout.strip()


def header(bench, command):
    """The fields every summary starts with; dirty is true when src/ or Cargo.* have
    uncommitted changes (the binary measured is then not the commit's)."""
    return {
        "bench": bench,
        "format": FORMAT,
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "command": command,
        "commit": _git("rev-parse", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock")),
    }


def figures(mb, wall, cpu, rss_kb):
    """One run's figures: MB (10^6 bytes) of input, wall and CPU seconds, peak RSS in kB."""
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "mb_s": round(mb / wall, 4),
        "mb_cpu_s": round(mb / cpu, 4) if cpu else None,
        "peak_rss_mb": round(rss_kb / 1024, 1),
    }


def write(path, record):
    """Write record to path (its folder made if need be) whole or not at all."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)
    print(f"summary written to {path}")
