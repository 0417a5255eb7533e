#!/usr/bin/env python3
"""newsgraph on Apache Spark: the map step (`newsgraph extract`) in the executors, the
reduce step (`newsgraph merge`) on partial graphs in a tree. The graph.json it writes is
byte for byte the one `newsgraph build` gives over the same inputs.

    spark-submit --master local[2] scripts/spark/newsgraph_spark.py \
        --input data/articles --out graph/
    spark-submit --master yarn --files target/release/newsgraph \
        scripts/spark/newsgraph_spark.py --input 's3a://bucket/news/*.jsonl' --out graph/

(`python3 scripts/spark/newsgraph_spark.py --master local[2] ...` does the same without
spark-submit.) How the inputs are read, so that article ids are the ones `build` gives:

- The inputs are listed on the driver with Hadoop's file system API (any path Spark
  reads: local, hdfs://, s3a://, globs). A directory is walked recursively, its files
  sorted by their path relative to it, hidden names (`.x`) left out, files chosen by
  extension (.txt/.text, .jsonl/.ndjson); a file (or glob match) given as an input is read
  by its extension, as text when the extension is unknown: exactly `build`'s rules.
- **JSON Lines** are read with `textFile` (split across tasks however big the file) and
  each partition's lines are piped through `newsgraph extract -`. A record without an
  `id` gets `FILE#LINE`, FILE being the id the file would have as a text article, as
  `build` gives it: the job numbers the lines itself (`zipWithIndex`) and writes the id
  into the record before piping it. JSON Lines must be UTF-8 (a UTF-8 byte-order mark
  is dropped).
- **Text files** are read whole (`binaryFiles`); each partition writes its files to a
  scratch directory under their relative paths and runs `newsgraph extract` on that
  directory, so id (the relative path, or the file name), title, decoding (BOM, UTF-16,
  invalid UTF-8) and refusal of binary files come from the very reader `build` uses.
- CSV is not read by this job (rows cannot be split across tasks with their line
  numbers): convert it to JSON Lines.
- **A repeated article id** is kept once, the first in input order as `build` keeps it,
  and reported: the ids (not the texts) are counted in one shuffle before extraction,
  so that partial graphs never share an article.

Each partition's records stream from `extract` straight into `newsgraph merge -`, which
writes one partial graph (`--formats json`); partial graphs are merged `--fan-in` at a
time in a tree of Spark tasks, and the last merge runs on the driver and writes `--out`
(a local directory, or any Hadoop file system URI: written locally, then copied).

The binary travels with the job: `--newsgraph PATH` (default: a `newsgraph` shipped with
spark-submit's `--files`, else this repository's target/release/newsgraph, else
`newsgraph` on PATH) is shipped to the executors with `SparkContext.addFile`, unless
`--binary-on-workers` says the same path exists on every worker.

Problems the executors meet (bad lines, repaired text, duplicates) are printed on the
driver's stderr with their file and line; the exit code is then 1 (as `build`'s), 2 on
an error.
"""

import argparse
import math
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time

TEXT_EXTENSIONS = (".txt", ".text")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
CSV_EXTENSIONS = (".csv",)
BINARY_NAME = "newsgraph"


class JobError(Exception):
    """An error the job reports and exits 2 on."""


# ---------------------------------------------------------------------------------------
# Listing the inputs on the driver (build's rules: article/walk.rs, article.rs).


def kind_by_extension(name, given):
    """'text', 'jsonl', 'csv' or None (not an article file); a file given as an input is
    text when its extension is unknown."""
    lower = name.lower()
    if lower.endswith(TEXT_EXTENSIONS):
        return "text"
    if lower.endswith(JSONL_EXTENSIONS):
        return "jsonl"
    if lower.endswith(CSV_EXTENSIONS):
        return "csv"
    return "text" if given else None


def list_inputs(sc, inputs):
    """[(uri, id, kind)] in build's order: inputs in the order given, a directory's files
    sorted by relative path. Notes for passed-over files go to stderr."""
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    found = []
    for given in inputs:
        path = jvm.org.apache.hadoop.fs.Path(given)
        fs = path.getFileSystem(conf)
        matches = fs.globStatus(path)
        if matches is None or len(matches) == 0:
            raise JobError(f"{given}: no such file or directory")
        for status in sorted(matches, key=lambda s: s.getPath().toString()):
            if status.isDirectory():
                found.extend(walk(fs, status.getPath()))
            else:
                name = status.getPath().getName()
                found.append((status.getPath().toString(), name, kind_by_extension(name, True)))
    return found


def walk(fs, root):
    """The article files under a directory, sorted by their '/'-separated relative path."""
    files = []
    stack = [(root, "")]
    while stack:
        directory, prefix = stack.pop()
        for status in fs.listStatus(directory):
            name = status.getPath().getName()
            if name.startswith("."):
                continue
            rel = prefix + name
            if status.isDirectory():
                stack.append((status.getPath(), rel + "/"))
                continue
            kind = kind_by_extension(name, False)
            if kind is None:
                print(
                    f"newsgraph-spark: note: {status.getPath().toString()}: not an article "
                    "file; passed over (the extensions read are .txt, .text, .jsonl, .ndjson)",
                    file=sys.stderr,
                )
                continue
            files.append((status.getPath().toString(), rel, kind))
    files.sort(key=lambda f: f[1].encode("utf-8"))
    return files


# ---------------------------------------------------------------------------------------
# Reading: one element per article (text file) or per line (JSON Lines).
#
# Elements: ("file", order, id, uri, bytes) and ("line", order, line_no, file_id, uri, text),
# `order` the file's place in the listing, so (order, line_no) is build's reading order.


def read_elements(sc, files, partitions):
    import json

    rdds = []
    whole = [(uri, fid, order) for order, (uri, fid, kind) in enumerate(files) if kind == "text"]
    if whole:
        by_uri = {uri: (order, fid) for uri, fid, order in whole}
        minp = partitions or sc.defaultParallelism
        plain = [uri for uri, _, _ in whole if not re.search(r"[,*?\[\]{}\\]", uri)]
        odd = [uri for uri, _, _ in whole if re.search(r"[,*?\[\]{}\\]", uri)]
        parts = []
        if plain:
            parts.append(sc.binaryFiles(",".join(plain), minPartitions=minp))
        parts.extend(sc.binaryFiles(escape_glob(uri)) for uri in odd)
        for rdd in parts:
            # binaryFiles packs small files into few splits whatever minPartitions says:
            # spread them so every core extracts.
            if rdd.getNumPartitions() < minp and len(whole) > 1:
                rdd = rdd.repartition(min(minp, len(whole)))
            rdds.append(
                rdd.map(
                    lambda pb, by_uri=by_uri: ("file",)
                    + by_uri[normalize_uri(pb[0], by_uri)]
                    + (pb[0], bytes(pb[1]))
                )
            )
    for order, (uri, fid, kind) in enumerate(files):
        if kind != "jsonl":
            continue
        lines = sc.textFile(escape_glob(uri), minPartitions=partitions or 2).zipWithIndex()

        def to_element(pair, order=order, fid=fid, uri=uri):
            text, index = pair
            line_no = index + 1
            if line_no == 1 and text.startswith("\ufeff"):
                text = text[1:]
            return ("line", order, line_no, fid, uri, with_id(text, fid, line_no, json))

        rdds.append(lines.map(to_element))
    if not rdds:
        raise JobError("no article file among the inputs")
    return sc.union(rdds) if len(rdds) > 1 else rdds[0]


def escape_glob(uri):
    return re.sub(r"([*?\[\]{}\\])", r"\\\1", uri)


def normalize_uri(uri, known):
    if uri in known:
        return uri
    for form in (uri.replace("file:///", "file:/"), uri.replace("file:/", "file:///")):
        if form in known:
            return form
    raise KeyError(uri)


def with_id(text, fid, line_no, json):
    """The line as extract should read it: a record without an id gets build's
    `FILE#LINE`; anything else (with an id, blank, not JSON) is passed on unchanged."""
    stripped = text.strip()
    if not stripped.startswith("{"):
        return text
    try:
        record = json.loads(stripped)
    except ValueError:
        return text
    if not isinstance(record, dict):
        return text
    rid = record.get("id")
    if rid is None or (isinstance(rid, str) and not rid.strip()):
        record["id"] = f"{fid}#{line_no}"
        return json.dumps(record, ensure_ascii=False)
    return text


def element_id(element):
    """The article id an element will get, or None (a line that is no record: extract
    reports it)."""
    import json

    if element[0] == "file":
        return element[2]
    text = element[5].strip()
    if not text.startswith("{"):
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return None  # extract refuses it: no article, no id
    for name in ("id", "title", "date", "url", "source"):
        value = record.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
            return None
    rid = record.get("id")
    return None if rid is None else str(rid)


def element_origin(element):
    if element[0] == "file":
        return element[3]
    return f"{element[4]}:{element[2]}"


def element_order(element):
    return (element[1], element[2] if element[0] == "line" else 0)


def find_duplicates(elements):
    """{id: (first order, first origin)} for every id that more than one element has."""
    counted = (
        elements.map(lambda e: (element_id(e), (element_order(e), element_origin(e), 1)))
        .filter(lambda kv: kv[0] is not None)
        .reduceByKey(lambda a, b: (min(a[:2], b[:2]) + (a[2] + b[2],)))
        .filter(lambda kv: kv[1][2] > 1)
        .collect()
    )
    return {rid: (order, origin) for rid, (order, origin, _) in counted}


# ---------------------------------------------------------------------------------------
# In the executors.


def worker_binary(path, shipped):
    """The binary on this worker: the shipped copy (SparkFiles) if there is one."""
    if shipped:
        from pyspark import SparkFiles

        local = SparkFiles.get(os.path.basename(path))
        if os.path.exists(local):
            mode = os.stat(local).st_mode
            if not mode & stat.S_IXUSR:
                os.chmod(local, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            return local
    return path


def run_checked(cmd, what, **kwargs):
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    if result.returncode not in (0, 1):
        raise RuntimeError(
            f"{what}: {' '.join(cmd)} exited {result.returncode}:\n"
            + result.stderr.decode("utf-8", "replace")
        )
    return result


def partial_graph(elements, binary, shipped, cap, duplicates):
    """One partition: its articles through `extract` into `merge -`; yields
    ("graph", graph.json text) and ("message", line) for each problem met."""
    binary = worker_binary(binary, shipped)
    elements = iter(elements)
    first = next(elements, None)
    if first is None:
        return
    cap_args = ["--max-evidence", str(cap)] if cap else []
    with tempfile.TemporaryDirectory(prefix="newsgraph-spark-") as work:
        out_dir = os.path.join(work, "graph")
        extract_err = open(os.path.join(work, "extract.err"), "w+b")
        merge_err = open(os.path.join(work, "merge.err"), "w+b")
        messages = []

        def kept(e):
            rid = element_id(e) if duplicates else None
            if rid is not None and rid in duplicates:
                order, origin = duplicates[rid]
                if element_order(e) != order:
                    messages.append(
                        f"warning: {element_origin(e)}: duplicate article id {rid!r} (first "
                        f"read at {origin}); skipped"
                    )
                    return False
            return True

        if first[0] == "file":
            scratch = os.path.join(work, "articles")
            count = 0
            for e in _chain(first, elements):
                if not kept(e):
                    continue
                target = os.path.join(scratch, *e[2].split("/"))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as f:
                    f.write(e[4])
                count += 1
            if count == 0:
                yield from (("message", m) for m in messages)
                return
            extract_cmd = [binary, "extract", scratch, "-q", "--no-progress"]
            origins = None
        else:
            scratch = None
            extract_cmd = [binary, "extract", "-", "-q", "--no-progress"]
            origins = []  # (first stream line, origin uri, first file line), in order
        merge_cmd = [binary, "merge", "-", "--out", out_dir, "--formats", "json", "-q"] + cap_args
        extract = subprocess.Popen(
            extract_cmd,
            stdin=subprocess.PIPE if scratch is None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=extract_err,
        )
        merge = subprocess.Popen(merge_cmd, stdin=extract.stdout, stderr=merge_err)
        extract.stdout.close()  # merge holds the pipe now
        feed_error = []
        sentinel = []
        if scratch is None:

            def feed():
                stream_line = 0
                last = None
                try:
                    for e in _chain(first, elements):
                        if not kept(e):
                            continue
                        _, _, line_no, _, uri, text = e
                        if stream_line == 0 and not text.lstrip(" \t\r\n").startswith("{"):
                            # extract takes stdin for one text article unless it opens with
                            # `{`: a first line `{}` keeps it JSON Lines (its own complaint,
                            # at stream line 1, is dropped below).
                            extract.stdin.write(b"{}\n")
                            stream_line = 1
                            sentinel.append(True)
                        stream_line += 1
                        if last is None or last != (uri, line_no - 1):
                            origins.append((stream_line, uri, line_no))
                        last = (uri, line_no)
                        extract.stdin.write(text.replace("\n", " ").encode("utf-8") + b"\n")
                except BrokenPipeError:
                    pass
                except Exception as err:  # raised once both processes have ended
                    feed_error.append(err)
                finally:
                    try:
                        extract.stdin.close()
                    except BrokenPipeError:
                        pass

            feed()  # merge drains extract's output meanwhile: no deadlock
        extract_code = extract.wait()
        merge_code = merge.wait()
        if feed_error:
            raise feed_error[0]
        for name, code, err in (("extract", extract_code, extract_err), ("merge", merge_code, merge_err)):
            err.seek(0)
            text = err.read().decode("utf-8", "replace")
            if code not in (0, 1):
                raise RuntimeError(f"newsgraph {name} exited {code}:\n{text}")
            for line in text.splitlines():
                if sentinel and "<stdin>:1:" in line:
                    continue
                messages.append(restore_origin(line, scratch, origins))
        with open(os.path.join(out_dir, "graph.json"), encoding="utf-8") as f:
            graph = f.read()
    for m in messages:
        yield ("message", m)
    yield ("graph", graph)


def _chain(first, rest):
    yield first
    yield from rest


def restore_origin(line, scratch, origins):
    """A message of extract/merge with the place it names put back in the input's terms."""
    line = re.sub(r"^newsgraph: ", "", line)
    if scratch is not None:
        return line.replace(scratch + os.sep, "")
    if origins:

        def back(m):
            n = int(m.group(1))
            start, uri, file_line = origins[0]
            for o in origins:
                if o[0] <= n:
                    start, uri, file_line = o
                else:
                    break
            return f"{uri}:{file_line + n - start}"

        return re.sub(r"<stdin>:(\d+)", back, line)
    return line


def merge_graphs(graphs, binary, shipped, cap):
    """Merge graph.json texts into one (a task of the tree)."""
    binary = worker_binary(binary, shipped)
    with tempfile.TemporaryDirectory(prefix="newsgraph-spark-") as work:
        paths = []
        for i, g in enumerate(graphs):
            p = os.path.join(work, f"part-{i}.json")
            with open(p, "w", encoding="utf-8") as f:
                f.write(g)
            paths.append(p)
        out = os.path.join(work, "merged")
        cap_args = ["--max-evidence", str(cap)] if cap else []
        run_checked(
            [binary, "merge", *paths, "--out", out, "--formats", "json", "-q"] + cap_args,
            "merging partial graphs",
        )
        with open(os.path.join(out, "graph.json"), encoding="utf-8") as f:
            return f.read()


# ---------------------------------------------------------------------------------------
# The driver.


def driver_binary(sc, given):
    if given:
        if not os.path.exists(given):
            raise JobError(f"{given}: no such file (--newsgraph)")
        return os.path.abspath(given), False
    from pyspark import SparkFiles

    try:
        shipped = SparkFiles.get(BINARY_NAME)
        if os.path.exists(shipped):
            return shipped, True  # came with spark-submit --files
    except Exception:
        pass
    here = os.path.dirname(os.path.abspath(__file__))
    built = os.path.join(here, "..", "..", "target", "release", BINARY_NAME)
    if os.path.exists(built):
        return os.path.abspath(built), False
    found = shutil.which(BINARY_NAME)
    if found:
        return found, False
    raise JobError(
        "no newsgraph binary: give --newsgraph PATH, ship it with --files, or "
        "`cargo build --release`"
    )


def write_out(sc, binary, graphs, out, formats, cap):
    """The last merge, on the driver, straight into --out (or into a local directory that
    is then copied to a Hadoop file system URI)."""
    remote = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", out) and not out.startswith("file://")
    with tempfile.TemporaryDirectory(prefix="newsgraph-spark-") as work:
        paths = []
        for i, g in enumerate(graphs):
            p = os.path.join(work, f"part-{i}.json")
            with open(p, "w", encoding="utf-8") as f:
                f.write(g)
            paths.append(p)
        target = os.path.join(work, "out") if remote else out.removeprefix("file://")
        cap_args = ["--max-evidence", str(cap)] if cap else []
        result = subprocess.run(
            [binary, "merge", *paths, "--out", target, "--formats", formats, "-q"] + cap_args,
            stderr=subprocess.PIPE,
        )
        if result.returncode not in (0, 1):
            raise JobError("final merge failed:\n" + result.stderr.decode("utf-8", "replace"))
        if remote:
            jvm = sc._jvm
            conf = sc._jsc.hadoopConfiguration()
            dst = jvm.org.apache.hadoop.fs.Path(out)
            dst_fs = dst.getFileSystem(conf)
            dst_fs.mkdirs(dst)
            for name in sorted(os.listdir(target)):
                src = jvm.org.apache.hadoop.fs.Path("file://" + os.path.join(target, name))
                dst_fs.copyFromLocalFile(False, True, src, jvm.org.apache.hadoop.fs.Path(dst, name))


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="newsgraph on Apache Spark: extract in the executors, merge in a tree; "
        "the graph.json equals `newsgraph build`'s over the same inputs."
    )
    p.add_argument("--input", action="append", required=True, metavar="PATH",
                   help="a file, directory or glob Spark can read (repeatable; order kept)")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="the graph directory (local, or a Hadoop file system URI)")
    p.add_argument("--formats", default="json,graphml,dot", metavar="FORMAT,...",
                   help="formats of the final graph, as for `newsgraph merge` (default json,graphml,dot)")
    p.add_argument("--max-evidence", type=int, default=None, metavar="N",
                   help="evidence kept per edge (as `build --max-evidence`; default 20)")
    p.add_argument("--newsgraph", default=None, metavar="PATH", help="the newsgraph binary")
    p.add_argument("--binary-on-workers", action="store_true",
                   help="the --newsgraph path exists on every worker: do not ship it")
    p.add_argument("--partitions", type=int, default=None, metavar="N",
                   help="minimum input partitions (default: Spark's default parallelism)")
    p.add_argument("--fan-in", type=int, default=8, metavar="K",
                   help="partial graphs merged per task of the tree (default 8)")
    p.add_argument("--master", default=None,
                   help="Spark master when run with python3 instead of spark-submit (e.g. local[2])")
    args = p.parse_args(argv)
    if args.fan_in < 2:
        p.error("--fan-in must be at least 2")
    if args.max_evidence is not None and args.max_evidence < 1:
        p.error("--max-evidence must be at least 1")
    return args


def main(argv):
    args = parse_args(argv)
    started = time.time()
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("newsgraph").config(
        "spark.ui.showConsoleProgress", "false"
    )
    if args.master:
        builder = builder.master(args.master)
    from pyspark import SparkConf

    master = args.master or SparkConf().get("spark.master", "") or os.environ.get("MASTER", "")
    if master.startswith("local"):
        # One machine: stay on the loopback interface, and no web UI port.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
        )
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    try:
        binary, came_shipped = driver_binary(sc, args.newsgraph)
        shipped = came_shipped
        if not came_shipped and not args.binary_on_workers:
            sc.addFile(binary)
            shipped = True
        files = list_inputs(sc, args.input)
        csv = [uri for uri, _, kind in files if kind == "csv"]
        if csv:
            raise JobError(
                f"{csv[0]}: CSV is not read by the Spark job (its rows cannot be split across "
                "tasks with their line numbers); convert it to JSON Lines"
            )
        elements = read_elements(sc, files, args.partitions)
        duplicates = find_duplicates(elements)
        dup = sc.broadcast(duplicates)
        cap = args.max_evidence
        results = elements.mapPartitions(
            lambda part: partial_graph(part, binary, shipped, cap, dup.value)
        ).persist(StorageLevel.MEMORY_AND_DISK)
        messages = results.filter(lambda r: r[0] == "message").map(lambda r: r[1]).collect()
        for m in messages:
            print(f"newsgraph-spark: {m}", file=sys.stderr)
        graphs = results.filter(lambda r: r[0] == "graph").map(lambda r: r[1])
        count = graphs.count()
        partitions, levels = count, 0
        while count > args.fan_in:
            groups = math.ceil(count / args.fan_in)
            fan_in = args.fan_in
            graphs = (
                graphs.zipWithIndex()
                .map(lambda gi, fan_in=fan_in: (gi[1] // fan_in, gi[0]))
                .groupByKey(numPartitions=groups)
                .map(lambda kv: merge_graphs(list(kv[1]), binary, shipped, cap))
                .persist(StorageLevel.MEMORY_AND_DISK)
            )
            count = groups
            levels += 1
        final = graphs.collect()
        if not final:
            raise JobError("no article was read; nothing written to " + args.out)
        write_out(sc, binary, final, args.out, args.formats, cap)
        print(
            f"newsgraph-spark: {len(files)} input files, {partitions} partial graphs, "
            f"{levels} tree levels + the final merge, {len(duplicates)} repeated ids, "
            f"{time.time() - started:.1f} s -> {args.out}",
            file=sys.stderr,
        )
        return 1 if messages else 0
    except JobError as e:
        print(f"newsgraph-spark: error: {e}", file=sys.stderr)
        return 2
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
