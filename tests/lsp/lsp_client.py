#!/usr/bin/python3
"""A scripted JSON-RPC client for `connlint lsp` (the suite runs it).

usage: lsp_client.py CONNLINT SOURCE_DIR

Copies tests/lsp/project to a scratch directory with a compile database,
then drives a session the way an editor does: initialize, open server.c
with unsaved text that adds a leak, and checks the diagnostics (rule id,
documentation link, source, the path as relatedInformation), that the
leak of a socket returned by a helper in another file is found (program
summaries), the code actions (the fix and the ignore comment) and that
applying each one clears the diagnostic; that a burst of changes is
debounced and only the latest version is published; that a malformed
message gets a parse error and the session goes on; and that shutdown and
exit end the server with status 0. A second session on a copy checks that
the rest of the program comes from the CLI's cache (run_cached).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import queue
import time

FAILS = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + str(detail)[:600]))
    if not cond:
        FAILS.append(name)


class Client:
    def __init__(self, cmd, cwd, env=None):
        self.p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=open(os.path.join(cwd, "lsp.log"), "w"), env=env)
        self.q = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self.reader, daemon=True).start()

    def reader(self):
        f = self.p.stdout
        while True:
            length = None
            while True:
                line = f.readline()
                if not line:
                    self.q.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.partition(b":")
                if k.lower() == b"content-length":
                    length = int(v)
            self.q.put(json.loads(f.read(length)))

    def raw(self, body):
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def send(self, method, params=None, request=False):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        if request:
            msg["id"] = self.next_id
            self.next_id += 1
        self.raw(json.dumps(msg).encode())
        return msg.get("id")

    def wait(self, pred, timeout=60):
        end = time.time() + timeout
        seen = []
        while time.time() < end:
            try:
                m = self.q.get(timeout=max(0.05, end - time.time()))
            except queue.Empty:
                break
            if m is None:
                break
            seen.append(m)
            if pred(m):
                return m, seen
        return None, seen

    def request(self, method, params):
        i = self.send(method, params, request=True)
        m, _ = self.wait(lambda m: m.get("id") == i)
        return m


def diags_for(uri, version=None):
    def pred(m):
        if m.get("method") != "textDocument/publishDiagnostics":
            return False
        p = m["params"]
        return p["uri"] == uri and (version is None or p.get("version") == version)
    return pred


def apply_edits(text, edits):
    lines = text.split("\n")
    offs = [0]
    for l in lines:
        offs.append(offs[-1] + len(l) + 1)
    def off(pos):  # ASCII test files: UTF-16 units are bytes
        return offs[pos["line"]] + pos["character"]
    for e in sorted(edits, key=lambda e: off(e["range"]["start"]), reverse=True):
        a, b = off(e["range"]["start"]), off(e["range"]["end"])
        text = text[:a] + e["newText"] + text[b:]
    return text


def main():
    connlint, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    tmp = tempfile.mkdtemp(prefix="connlint-lsp-")
    try:
        proj = os.path.join(tmp, "proj")
        shutil.copytree(os.path.join(src, "tests", "lsp", "project"), proj)
        os.makedirs(os.path.join(proj, "build"))
        db = [{"directory": proj, "file": os.path.join(proj, f), "arguments": ["cc", "-c", f]}
              for f in ("net.c", "server.c")]
        with open(os.path.join(proj, "build", "compile_commands.json"), "w") as f:
            json.dump(db, f)
        run(connlint, proj)
        # The same project again, with a cache of its own that a CLI run
        # warms first.
        proj2 = os.path.join(tmp, "proj2")
        shutil.copytree(os.path.join(src, "tests", "lsp", "project"), proj2)
        os.makedirs(os.path.join(proj2, "build"))
        with open(os.path.join(proj2, "build", "compile_commands.json"), "w") as f:
            json.dump([dict(e, directory=proj2, file=e["file"].replace(proj, proj2)) for e in db], f)
        run_cached(connlint, proj2, os.path.join(tmp, "xdg"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("lsp: %d failed" % len(FAILS))
    return 1 if FAILS else 0


def run(connlint, proj):
    c = Client([connlint, "lsp", "--debounce", "300", "--log"], proj)
    path = os.path.join(proj, "server.c")
    uri = "file://" + path
    r = c.request("initialize", {"processId": None, "rootUri": "file://" + proj, "capabilities": {}})
    caps = (r or {}).get("result", {}).get("capabilities", {})
    check("initialize", caps.get("textDocumentSync", {}).get("change") == 1 and
          "codeActionProvider" in caps, r)
    c.send("initialized", {})

    disk = open(path).read()
    # Unsaved text: an early return that leaks the helper's socket.
    leaky = disk.replace("  if (write(fd", "  if (port == 7)\n    return -2;\n  if (write(fd")
    assert leaky != disk
    c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "c", "version": 1,
                                                     "text": leaky}})
    # The first result may come before the program's summaries; the leak of
    # conn_open()'s socket needs them.
    def leak_published(m):
        return diags_for(uri, 1)(m) and any(d.get("code") == "connlint-fd-leak"
                                            for d in m["params"]["diagnostics"])
    m, seen = c.wait(leak_published, timeout=120)
    check("cross-file-leak-from-unsaved-text", m is not None,
          [x.get("params", {}).get("diagnostics") for x in seen])
    if m is None:
        return
    d = [d for d in m["params"]["diagnostics"] if d.get("code") == "connlint-fd-leak"][0]
    check("diagnostic-fields", d["source"] == "connlint" and d["severity"] == 2 and
          d["codeDescription"]["href"].endswith("docs/rules.md#connlint-fd-leak") and
          "conn_open()" in d["message"], d)
    check("diagnostic-range", d["range"]["start"]["line"] == 9, d["range"])
    rel = d.get("relatedInformation", [])
    check("related-path", len(rel) >= 2 and all(x["location"]["uri"] == uri for x in rel) and
          any(x["location"]["range"]["start"]["line"] == 12 for x in rel), rel)

    r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                                              "range": d["range"], "context": {"diagnostics": [d]}})
    acts = (r or {}).get("result") or []
    titles = [a["title"] for a in acts]
    fix = [a for a in acts if "before the return" in a["title"]]
    ign = [a for a in acts if "ignore" in a["title"]]
    check("code-actions", len(fix) == 1 and len(ign) == 1, titles)
    if len(fix) == 1 and len(ign) == 1:
        edits = fix[0]["edit"]["changes"][uri]
        fixed = apply_edits(leaky, edits)
        check("fix-text", "if (port == 7) {\n    close(fd);\n    return -2;\n  }" in fixed, fixed)
        c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                          "contentChanges": [{"text": fixed}]})
        m, _ = c.wait(diags_for(uri, 2))
        check("fix-clears", m is not None and not any(
            x.get("code") for x in m["params"]["diagnostics"]), m)
        ignored = apply_edits(leaky, ign[0]["edit"]["changes"][uri])
        check("ignore-text", "  // connlint: ignore[connlint-fd-leak]" in ignored, ignored)
        c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                          "contentChanges": [{"text": ignored}]})
        m, _ = c.wait(diags_for(uri, 3))
        check("ignore-clears", m is not None and not any(
            x.get("code") for x in m["params"]["diagnostics"]), m)

    # A burst of edits: only the last version is analyzed and published.
    for v in range(4, 10):
        c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": v},
                                          "contentChanges": [{"text": leaky + "\n" * v}]})
    m, seen = c.wait(diags_for(uri, 9))
    early = [x["params"].get("version") for x in seen if diags_for(uri)(x)]
    check("debounced", m is not None and early == [9], early)

    # A newer version cancels the analysis in flight: a buffer with many
    # functions keeps the worker busy long enough to be interrupted (20,000
    # take a few seconds even on an idle machine; 1,500 were done before the
    # next version arrived there).
    big = leaky + "".join("int extra%d(int port) {\n  int fd = conn_open(port);\n"
                          "  if (fd < 0) return -1;\n  if (port > %d) return 1;\n"
                          "  conn_release(fd);\n  return 0;\n}\n" % (i, i) for i in range(20000))
    c.send("textDocument/didSave", {"textDocument": {"uri": uri}})
    c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 10},
                                      "contentChanges": [{"text": big}]})
    # Into version 10's analysis (parsing 20,000 functions takes seconds).
    end = time.time() + 60
    while time.time() < end and "server.c v10: analyzing" not in open(
            os.path.join(proj, "lsp.log")).read():
        time.sleep(0.02)
    t = time.time()
    c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 11},
                                      "contentChanges": [{"text": leaky}]})
    m, seen = c.wait(diags_for(uri, 11))
    versions = [x["params"].get("version") for x in seen if diags_for(uri)(x)]
    log = open(os.path.join(proj, "lsp.log")).read()
    check("cancelled", m is not None and versions == [11] and
          "server.c v10: cancelled" in log, (versions, log[-800:]))
    print("     (version 11 published %.2fs after it was sent; %s)" % (time.time() - t, [l for l in log.splitlines() if "v1" in l and "server.c" in l][-3:]))

    c.raw(b"{not json")
    m, _ = c.wait(lambda m: "error" in m)
    check("parse-error", m is not None and m["error"]["code"] == -32700, m)
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": {"line": 0, "character": 0}})
    check("unknown-method", r is not None and r.get("error", {}).get("code") == -32601, r)
    c.send("textDocument/didSave", {"textDocument": {"uri": uri}})
    c.send("textDocument/didClose", {"textDocument": {"uri": uri}})
    m, _ = c.wait(lambda m: diags_for(uri)(m) and m["params"]["diagnostics"] == [])
    check("close-clears", m is not None, m)
    r = c.request("shutdown", None)
    check("shutdown", r is not None and r.get("result", 1) is None, r)
    c.send("exit")
    try:
        rc = c.p.wait(timeout=20)
    except subprocess.TimeoutExpired:
        c.p.kill()
        rc = "hung"
    check("exit-status", rc == 0, rc)
    if FAILS:
        print(open(os.path.join(proj, "lsp.log")).read()[-3000:])


def run_cached(connlint, proj, xdg):
    """The rest of the program comes from the cache the CLI writes: a CLI
    run warms it, the editor's first result already has the cross-file
    leak, a change to the helper on disk is followed, and the editor's
    refresh leaves the cache warm for the CLI."""
    env = dict(os.environ, XDG_CACHE_HOME=xdg)
    cli = [connlint, "-p", os.path.join(proj, "build"), "--stats"]
    p = subprocess.run(cli, cwd=proj, env=env, capture_output=True, text=True)
    check("cache: cli warms it", "(0 from the cache)" in p.stderr and
          os.path.isdir(os.path.join(xdg, "connlint", "units")), p.stderr[-400:])
    c = Client([connlint, "lsp", "--debounce", "50", "--log"], proj, env)
    path = os.path.join(proj, "server.c")
    uri = "file://" + path
    c.request("initialize", {"processId": None, "rootUri": "file://" + proj, "capabilities": {}})
    c.send("initialized", {})
    disk = open(path).read()
    leaky = disk.replace("  if (write(fd", "  if (port == 7)\n    return -2;\n  if (write(fd")
    c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "c", "version": 1,
                                                     "text": leaky}})
    # The very first result: the server publishes it before it refreshes
    # anything (a refresh, when due, follows a publication), so net.c's
    # summary came from the entries the CLI wrote.
    m, _ = c.wait(diags_for(uri, 1))
    msgs = [d["message"] for d in (m or {}).get("params", {}).get("diagnostics", [])]
    check("cache: first result has the cross-file leak",
          any("conn_open() (net.c:8)" in x for x in msgs), msgs)

    # The helper moves down three lines on disk (no editor involved): the
    # next analysis finds net.c changed, the server refreshes the cache, and
    # the diagnostic follows the helper.
    helper = os.path.join(proj, "net.c")
    with open(helper) as f:
        text = f.read()
    with open(helper, "w") as f:
        f.write("/* moved */\n/* down */\n/* three */\n" + text)
    c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                      "contentChanges": [{"text": leaky + "\n"}]})
    m, seen = c.wait(lambda m: diags_for(uri)(m) and any(
        "conn_open() (net.c:11)" in d["message"] for d in m["params"]["diagnostics"]), timeout=120)
    check("cache: the diagnostic follows the helper changed on disk", m is not None,
          [[d["message"] for d in x["params"]["diagnostics"]] for x in seen if diags_for(uri)(x)])
    # The helper stops returning a socket and is saved: the server finds
    # it changed, refreshes the cache, and the leak goes.
    def refreshes():
        return open(os.path.join(proj, "lsp.log")).read().count("refreshed the cache")
    before = refreshes()
    with open(helper, "w") as f:
        f.write(text.replace("  return fd;\n}", "  close(fd);\n  return 0;\n}", 1))
    c.send("textDocument/didSave", {"textDocument": {"uri": "file://" + helper}})
    c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                      "contentChanges": [{"text": leaky}]})
    end = time.time() + 120
    while refreshes() == before and time.time() < end:
        time.sleep(0.1)
    c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4},
                                      "contentChanges": [{"text": leaky + "\n"}]})
    m, _ = c.wait(diags_for(uri, 4))
    msgs = [d["message"] for d in (m or {}).get("params", {}).get("diagnostics", [])]
    check("cache: the leak goes when the helper releases",
          refreshes() > before and m is not None and not any("conn_open" in x for x in msgs),
          (msgs, open(os.path.join(proj, "lsp.log")).read()[-1500:]))
    r = c.request("shutdown", None)
    c.send("exit")
    try:
        rc = c.p.wait(timeout=20)
    except subprocess.TimeoutExpired:
        c.p.kill()
        rc = "hung"
    check("cache: exit-status", rc == 0, rc)
    # The editor's refresh wrote the cache: the CLI reuses every unit.
    p = subprocess.run(cli, cwd=proj, env=env, capture_output=True, text=True)
    check("cache: the editor warms the CLI", "(2 from the cache)" in p.stderr, p.stderr[-400:])


if __name__ == "__main__":
    sys.exit(main())
