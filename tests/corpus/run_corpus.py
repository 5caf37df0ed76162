#!/usr/bin/python3
"""run_corpus.py - runs connlint over the corpus and compares what it reports
with what the cases say it must report.

A case is a single file corpus/<pack>/<name>.c, analyzed as

    connlint --no-config --format sarif -o OUT --srcroot DIR FILE -- -IDIR -I/usr/include/postgresql

(DIR is the file's folder), or a folder holding compile_commands.json,
analyzed as `connlint -p FOLDER` on a temporary copy whose relative
"directory" entries are made absolute. Expectations are `expect:` markers in
comments (corpus/README.md); the comparison is between sets of
(file, line, rule id). Any missing or unexpected finding, or connlint exiting
with 2 (usage/input error), 3 (internal error), a signal or a timeout, fails
the case.

Only the standard library is used, so the script runs under /usr/bin/python3
on a fresh machine.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

# Headers the single-file cases may include beyond the system ones.
EXTRA_INCLUDES = ["/usr/include/postgresql"]

STATS = re.compile(r"connlint: (\d+) files? analyzed \((\d+) from the cache\)")
RULE_ID = re.compile(r"^connlint-[a-z0-9]+(?:-[a-z0-9]+)*$")
MARKER = re.compile(r"expect:\s*([^*\n]*)")
# A case that needs a rule file names it in a comment, relative to the
# case's folder: `connlint-rules: ../../rules/examples/sds.rules`.
RULES_MARKER = re.compile(r"connlint-rules:\s*(\S+)")
SOURCE_EXT = (".c", ".h")


class Case:
    def __init__(self, corpus, path):
        self.path = path
        self.id = os.path.relpath(path, corpus)
        self.folder = os.path.isdir(path)
        parts = self.id.split(os.sep)
        self.pack = parts[0] if len(parts) > 1 else "."
        # Semantic categories are the folders under corpus/semantics/.
        self.category = parts[1] if parts[0] == "semantics" and len(parts) > 2 else None


def find_cases(corpus):
    """Every .c file is a case, except inside folders that hold a
    compile_commands.json: such a folder is one case."""
    cases = []
    for root, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if root != corpus and "compile_commands.json" in files:
            cases.append(Case(corpus, root))
            dirs[:] = []
            continue
        for f in sorted(files):
            if f.endswith(".c"):
                cases.append(Case(corpus, os.path.join(root, f)))
    cases.sort(key=lambda c: c.id)
    return cases


def comments(text):
    """Yields (line, comment text) for every // and /* */ comment, skipping
    string and character literals so a quoted "expect:" is not a marker.
    A block comment is yielded line by line with its own line numbers."""
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            line += text.count("\n", i, j)
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            yield line, text[i + 2 : j]
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j
            for k, part in enumerate(text[i + 2 : j].split("\n")):
                yield line + k, part
            line += text.count("\n", i, j)
            i = j + 2
        else:
            i += 1


def markers_in(text):
    """Returns ({line: set(rule ids)}, [errors])."""
    expect, errors = {}, []
    for line, body in comments(text):
        for m in MARKER.finditer(body):
            ids = [s.strip() for s in m.group(1).split(",")]
            # Prose may follow the list after whitespace: keep the first word.
            ids = [s.split()[0] if s.split() else "" for s in ids]
            for rid in ids:
                if not RULE_ID.match(rid):
                    errors.append("line %d: malformed expect marker %r" % (line, m.group(0)))
                    continue
                expect.setdefault(line, set()).add(rid)
    return expect, errors


def case_sources(case):
    """(relative path, absolute path) of the files whose markers count."""
    if not case.folder:
        return [(os.path.basename(case.path), case.path)]
    out = []
    for root, dirs, files in os.walk(case.path):
        dirs[:] = sorted(dirs)
        for f in sorted(files):
            if f.endswith(SOURCE_EXT):
                p = os.path.join(root, f)
                out.append((os.path.relpath(p, case.path), p))
    return out


def expected_set(case):
    exp, errors = set(), []
    for rel, p in case_sources(case):
        with open(p, encoding="utf-8", errors="replace") as fh:
            lines, errs = markers_in(fh.read())
        errors += ["%s: %s" % (rel, e) for e in errs]
        for line, ids in lines.items():
            exp |= {(rel, line, rid) for rid in ids}
    return exp, errors


# ---- SARIF ------------------------------------------------------------------


def uri_to_path(uri, base_id, run, srcroot, cwd):
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme == "file":
        return os.path.normpath(urllib.parse.unquote(parsed.path))
    rel = urllib.parse.unquote(uri)
    if os.path.isabs(rel):
        return os.path.normpath(rel)
    if base_id:
        base = (run.get("originalUriBaseIds") or {}).get(base_id, {}).get("uri")
        if base:
            base_path = uri_to_path(base, None, run, srcroot, cwd)
            return os.path.normpath(os.path.join(base_path, rel))
        return os.path.normpath(os.path.join(srcroot, rel))
    return os.path.normpath(os.path.join(cwd, rel))


def rule_of(result, run):
    rid = result.get("ruleId") or (result.get("rule") or {}).get("id")
    if rid:
        return rid
    idx = result.get("ruleIndex", (result.get("rule") or {}).get("index"))
    rules = run.get("tool", {}).get("driver", {}).get("rules", [])
    if isinstance(idx, int) and 0 <= idx < len(rules):
        return rules[idx].get("id")
    return None


def suppressed(result):
    sups = result.get("suppressions") or []
    return any(s.get("status", "accepted") != "rejected" for s in sups)


def read_sarif(path, srcroot, cwd):
    """Returns (findings as (abs path, line, rule id), notifications count,
    suppressed count). Raises ValueError on a malformed log."""
    with open(path, encoding="utf-8") as fh:
        log = json.load(fh)
    found, nnotes, nsup = [], 0, 0
    for run in log.get("runs", []):
        for inv in run.get("invocations", []):
            nnotes += len(inv.get("toolExecutionNotifications", []))
        artifacts = run.get("artifacts", [])
        for res in run.get("results", []):
            if suppressed(res):
                nsup += 1
                continue
            rid = rule_of(res, run)
            locs = res.get("locations") or []
            if not rid or not locs:
                raise ValueError("result without ruleId or location: %s" % json.dumps(res)[:200])
            phys = locs[0].get("physicalLocation", {})
            art = phys.get("artifactLocation", {})
            if "uri" not in art and isinstance(art.get("index"), int):
                art = artifacts[art["index"]].get("location", {})
            line = phys.get("region", {}).get("startLine")
            if "uri" not in art or not isinstance(line, int):
                raise ValueError("result without uri or startLine: %s" % json.dumps(res)[:200])
            p = uri_to_path(art["uri"], art.get("uriBaseId"), run, srcroot, cwd)
            found.append((p, line, rid))
    return found, nnotes, nsup


# ---- running one case -------------------------------------------------------


def prepare_folder(case, tmp):
    """Copies a folder case into tmp and makes its compile_commands.json
    "directory" entries absolute there."""
    dst = os.path.join(tmp, os.path.basename(case.path))
    shutil.copytree(case.path, dst)
    db_path = os.path.join(dst, "compile_commands.json")
    with open(db_path, encoding="utf-8") as fh:
        db = json.load(fh)
    for entry in db:
        d = entry.get("directory", ".")
        entry["directory"] = os.path.normpath(os.path.join(dst, d))
    with open(db_path, "w", encoding="utf-8") as fh:
        json.dump(db, fh, indent=2)
    return dst


def case_rule_files(case):
    """The rule files a single-file case names with connlint-rules:, as
    absolute paths."""
    if case.folder:
        return []
    with open(case.path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    base = os.path.dirname(os.path.abspath(case.path))
    return [os.path.normpath(os.path.join(base, m)) for _, c in comments(text)
            for m in RULES_MARKER.findall(c)]


def run_case(case, args):
    res = {
        "id": case.id,
        "pack": case.pack,
        "category": case.category,
        "kind": "folder" if case.folder else "file",
        "exit_code": None,
        "seconds": 0.0,
        "error": None,
        "notes": 0,
        "suppressed": 0,
    }
    expected, marker_errors = expected_set(case)
    res["expected"] = sorted(expected)
    found = set()
    with tempfile.TemporaryDirectory(prefix="connlint-corpus-") as tmp:
        out = os.path.join(tmp, "out.sarif")
        if case.folder:
            # With a cache, folder cases are copied to the same place on
            # every pass, so a second pass can reuse the first one's entries.
            base = tmp
            if args.cache:
                base = os.path.join(args.cache, "src", case.id.replace("/", "_"))
                shutil.rmtree(base, ignore_errors=True)
                os.makedirs(base)
            root = os.path.realpath(prepare_folder(case, base))
            cmd = [args.connlint, "-p", root]
        else:
            root = os.path.realpath(os.path.dirname(case.path))
            cmd = [args.connlint, case.path]
        # --no-config: a .connlint file above the corpus must not change what
        # the cases expect.
        cmd[1:1] = ["--no-config", "--format", "sarif", "-o", out, "--srcroot", root, "--stats"]
        for rules in case_rule_files(case):
            cmd[1:1] = ["--rules", rules]
        if not case.folder:
            cmd += ["--", "-I" + root] + ["-I" + d for d in EXTRA_INCLUDES]
        res["command"] = cmd
        t0 = time.monotonic()
        try:
            p = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=args.timeout,
                               env=args.env)
            res["exit_code"] = p.returncode
            stderr = p.stderr
            m = STATS.search(stderr)
            if m:
                res["units"], res["cached"] = int(m.group(1)), int(m.group(2))
        except subprocess.TimeoutExpired as e:
            stderr = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else e.stderr
            res["error"] = "timed out after %gs" % args.timeout
        res["seconds"] = round(time.monotonic() - t0, 3)
        rc = res["exit_code"]
        if res["error"] is None and rc not in (0, 1):
            why = "killed by signal %d" % -rc if rc < 0 else "exited with %d" % rc
            res["error"] = "connlint %s" % why
        if res["error"] is None:
            try:
                raw, res["notes"], res["suppressed"] = read_sarif(out, root, root)
            except (OSError, ValueError) as e:
                res["error"] = "unreadable SARIF: %s" % e
            else:
                for p_abs, line, rid in raw:
                    p_abs = os.path.realpath(p_abs)
                    rel = os.path.relpath(p_abs, root)
                    found.add((p_abs if rel.startswith("..") else rel, line, rid))
                if (rc == 1) != bool(found):
                    res["error"] = "exit code %d disagrees with %d reported finding(s)" % (
                        rc,
                        len(found),
                    )
        if res["error"]:
            res["stderr"] = (stderr or "")[-4000:]
    if marker_errors:
        res["error"] = "; ".join(marker_errors) + ("; " + res["error"] if res["error"] else "")
    res["found"] = sorted(found)
    res["missing"] = sorted(expected - found)
    res["unexpected"] = sorted(found - expected)
    res["status"] = "pass" if not (res["error"] or res["missing"] or res["unexpected"]) else "fail"
    return res


# ---- reporting --------------------------------------------------------------


def source_line(case, rel, line):
    path = os.path.join(case.path, rel) if case.folder else os.path.join(os.path.dirname(case.path), rel)
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for i, text in enumerate(fh, 1):
                if i == line:
                    return text.rstrip("\n")
    except OSError:
        pass
    return None


def describe_failure(case, res):
    out = ["FAIL %s" % case.id]
    if res["error"]:
        out.append("  error: %s" % res["error"])
        if res.get("stderr"):
            out += ["  | " + l for l in res["stderr"].rstrip().splitlines()[-20:]]
        out.append("  command: %s" % " ".join(res["command"]))
    # One line of output per source line that differs, naming everything
    # expected and reported there, so a wrong rule id reads as one mistake.
    differing = sorted({(f, line) for f, line, _ in res["missing"] + res["unexpected"]})
    for f, line in differing:
        want = sorted(r for ff, ll, r in res["expected"] if (ff, ll) == (f, line))
        got = sorted(r for ff, ll, r in res["found"] if (ff, ll) == (f, line))
        out.append(
            "  %s:%d: expected %s; got %s"
            % (f, line, ", ".join(want) or "nothing", ", ".join(got) or "nothing")
        )
        text = source_line(case, f, line)
        if text is not None:
            out.append("  %5d | %s" % (line, text))
    return "\n".join(out)


def tally(results):
    """TP/FP/FN per rule id over a list of case results."""
    by_rule = {}

    def bump(rid, key):
        by_rule.setdefault(rid, {"tp": 0, "fp": 0, "fn": 0})[key] += 1

    for r in results:
        exp = {tuple(x) for x in r["expected"]}
        for x in r["found"]:
            bump(x[2], "tp" if tuple(x) in exp else "fp")
        for x in r["missing"]:
            bump(x[2], "fn")
    return by_rule


def group(results):
    total = tally(results)
    return {
        "cases": len(results),
        "passed": sum(r["status"] == "pass" for r in results),
        "failed": sum(r["status"] != "pass" for r in results),
        "seconds": round(sum(r["seconds"] for r in results), 3),
        "tp": sum(v["tp"] for v in total.values()),
        "fp": sum(v["fp"] for v in total.values()),
        "fn": sum(v["fn"] for v in total.values()),
        "by_rule": total,
    }


def report_json(results, args, elapsed):
    packs, cats = {}, {}
    for r in results:
        packs.setdefault(r["pack"], []).append(r)
        if r["category"]:
            cats.setdefault(r["category"], []).append(r)
    return {
        "connlint": os.path.abspath(args.connlint),
        "corpus": os.path.abspath(args.corpus),
        "filter": args.filter,
        "jobs": args.jobs,
        "elapsed_seconds": round(elapsed, 3),
        "summary": group(results),
        "by_rule": tally(results),
        "by_pack": {k: group(v) for k, v in sorted(packs.items())},
        "by_category": {k: group(v) for k, v in sorted(cats.items())},
        "cases": results,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--connlint", required=True, help="the connlint binary")
    ap.add_argument("--corpus", required=True, help="the corpus directory")
    ap.add_argument("--json", metavar="OUT", help="write per-case and per-category results")
    ap.add_argument("--filter", metavar="SUBSTR", help="only cases whose id contains SUBSTR")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per case (120)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print passing cases too")
    ap.add_argument("--cold-warm", metavar="DIR",
                    help="run every case twice with the analysis cache in DIR (emptied first): "
                    "the first pass must reuse nothing, the second nearly everything, and both "
                    "must pass")
    args = ap.parse_args()
    # Cases run in their own directories: the binary's path must not depend
    # on where the harness was started.
    args.connlint = os.path.abspath(args.connlint)

    if not (os.path.isfile(args.connlint) and os.access(args.connlint, os.X_OK)):
        print("run_corpus: %s is not an executable; build connlint first" % args.connlint,
              file=sys.stderr)
        return 2
    if not os.path.isdir(args.corpus):
        print("run_corpus: %s is not a directory" % args.corpus, file=sys.stderr)
        return 2
    cases = find_cases(os.path.realpath(args.corpus))
    if args.filter:
        cases = [c for c in cases if args.filter in c.id]
    if not cases:
        print("run_corpus: no cases under %s%s" % (args.corpus,
              " matching %r" % args.filter if args.filter else ""), file=sys.stderr)
        return 2

    # connlint's cache is on by default: never the user's. Without
    # --cold-warm, a fresh one that goes away with the run.
    scratch = None
    args.cache = os.path.abspath(args.cold_warm) if args.cold_warm else None
    if args.cache:
        shutil.rmtree(args.cache, ignore_errors=True)
        os.makedirs(args.cache)
        xdg = os.path.join(args.cache, "xdg")
    else:
        scratch = tempfile.TemporaryDirectory(prefix="connlint-corpus-cache-")
        xdg = scratch.name
    args.env = dict(os.environ, XDG_CACHE_HOME=xdg)

    status = 0
    for npass in range(2 if args.cache else 1):
        status |= run_pass(cases, args, npass)
    if scratch:
        scratch.cleanup()
    return status


def run_pass(cases, args, npass):
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda c: run_case(c, args), cases))
    elapsed = time.monotonic() - t0

    for case, res in zip(cases, results):
        if res["status"] != "pass":
            print(describe_failure(case, res))
        elif args.verbose:
            print("ok   %s (%.2fs)" % (case.id, res["seconds"]))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(report_json(results, args, elapsed), fh, indent=1)
            fh.write("\n")
    failed = sum(r["status"] != "pass" for r in results)
    units = sum(r.get("units", 0) for r in results)
    cached = sum(r.get("cached", 0) for r in results)
    if args.cache:
        print("%s: %d passed, %d failed; %d of %d units from the cache" % (
            ("cold", "warm")[npass], len(results) - failed, failed, cached, units))
    else:
        print("%d passed, %d failed" % (len(results) - failed, failed))
    if args.cache and npass == 0 and cached != 0:
        print("cold pass: %d units came from an emptied cache" % cached)
        failed += 1
    if args.cache and npass == 1 and cached < 0.9 * units:
        print("warm pass: only %d of %d units came from the cache" % (cached, units))
        failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
