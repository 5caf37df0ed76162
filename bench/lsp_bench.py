#!/usr/bin/python3
"""Measures `connlint lsp` on a real code base.

usage: lsp_bench.py CONNLINT PROJECT_DIR FILE [EDITS]

Opens FILE (relative to PROJECT_DIR, which holds compile_commands.json),
and reports: time to the first diagnostics (the buffer alone), time until
the program's summaries are in and the file is analyzed again, the median
and worst latency from an edit to its diagnostics (debounce 0, each edit
waits for its result), and the server's resident memory after the first
edits and after EDITS of them (default 100), to show it does not grow.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for l in f:
            if l.startswith("VmRSS:"):
                return int(l.split()[1])
    return 0


class Server:
    def __init__(self, cmd, cwd):
        self.p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)

    def send(self, msg):
        msg["jsonrpc"] = "2.0"
        b = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
        self.p.stdin.flush()

    def recv(self):
        n = None
        while True:
            l = self.p.stdout.readline().strip()
            if not l:
                break
            k, _, v = l.partition(b":")
            if k.lower() == b"content-length":
                n = int(v)
        return json.loads(self.p.stdout.read(n))

    def until_version(self, v):
        while True:
            m = self.recv()
            if m.get("method") == "textDocument/publishDiagnostics" and \
                    m["params"].get("version") == v:
                return m


def main():
    connlint, proj, rel = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    edits = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    path = os.path.join(proj, rel)
    uri = "file://" + path
    text = open(path, errors="replace").read()
    s = Server([os.path.abspath(connlint), "lsp", "--debounce", "0"], proj)
    s.send({"id": 1, "method": "initialize", "params": {"capabilities": {}}})
    s.recv()
    t0 = time.time()
    s.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "c", "version": 1, "text": text}}})
    m = s.until_version(1)
    first = time.time() - t0
    n1 = len(m["params"]["diagnostics"])
    m = s.until_version(1)  # analyzed again once the program's summaries are in
    program = time.time() - t0
    n2 = len(m["params"]["diagnostics"])
    lat, rss = [], []
    for v in range(2, edits + 2):
        t = time.time()
        s.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v},
            "contentChanges": [{"text": text + "\n/* edit %d */\n" % v}]}})
        s.until_version(v)
        lat.append(time.time() - t)
        if v == 11:
            rss.append(rss_kib(s.p.pid))
    rss.append(rss_kib(s.p.pid))
    s.send({"id": 2, "method": "shutdown"})
    s.send({"method": "exit"})
    s.p.wait(timeout=30)
    print("file %s (%d lines)" % (rel, text.count("\n")))
    print("first diagnostics (buffer alone): %.2fs, %d diagnostics" % (first, n1))
    print("with the program's summaries: %.2fs after opening, %d diagnostics" % (program, n2))
    print("edit to diagnostics over %d edits: median %.3fs, worst %.3fs" %
          (edits, statistics.median(lat), max(lat)))
    print("server RSS after 10 edits: %.1f MiB, after %d: %.1f MiB" %
          (rss[0] / 1024, edits, rss[-1] / 1024))


if __name__ == "__main__":
    main()
