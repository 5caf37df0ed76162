#!/usr/bin/env python3
"""Runs the steps of a composite GitHub Action (action.yml) outside GitHub.

usage: action_steps.py ACTION_YML WORKSPACE RUNNER_TEMP [NAME=VALUE...]

NAME=VALUE sets an input. Each `run` step is executed as GitHub executes it
(bash --noprofile --norc -eo pipefail, in WORKSPACE, with GITHUB_OUTPUT,
GITHUB_ACTION_PATH, RUNNER_TEMP, ...), its `env` and `if` evaluated, its
outputs passed on to later steps. `uses` steps (actions/cache, upload-sarif)
need GitHub: they are listed with their evaluated `with`, not run. The
expression language is the subset action.yml uses: inputs.*, steps.*.outputs.*,
github.*, runner.*, ==, !=, &&, ||, !cancelled(), string literals. Prints one
line per step; exits with the failing step's status, 0 if all passed.
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    action_path = os.path.abspath(argv[1])
    workspace, temp = os.path.abspath(argv[2]), os.path.abspath(argv[3])
    action = yaml.safe_load(open(action_path))
    inputs = {k: str(v.get("default", "")) for k, v in action.get("inputs", {}).items()}
    for a in argv[4:]:
        k, _, v = a.partition("=")
        if k not in inputs:
            print(f"action_steps: no input named {k}", file=sys.stderr)
            return 2
        inputs[k] = v
    ctx = {
        "inputs": inputs,
        "steps": {},
        "github": {"workspace": workspace, "sha": "0" * 40,
                   "action_path": os.path.dirname(action_path)},
        "runner": {"temp": temp, "os": "Linux"},
    }

    def value(path):
        cur = ctx
        for part in path.split("."):
            if not isinstance(cur, dict):
                return ""
            cur = cur.get(part, "")
        return cur if isinstance(cur, str) else ""

    def evaluate(expr):
        expr = expr.strip()
        if expr.startswith("${{") and expr.endswith("}}"):
            expr = expr[3:-2].strip()
        py = re.sub(r"!cancelled\(\)", "True", expr)
        py = py.replace("&&", " and ").replace("||", " or ")
        py = re.sub(r"\b(inputs|steps|github|runner)((?:\.[A-Za-z0-9_-]+)+)",
                    lambda m: repr(value(m.group(1) + m.group(2))), py)
        return eval(py, {"__builtins__": {}}, {"True": True})

    def substitute(text):
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(evaluate(m.group(1))), str(text))

    for step in action["runs"]["steps"]:
        name = step.get("name", step.get("id", "?"))
        if "if" in step and not evaluate(str(step["if"])):
            print(f"step {name}: skipped (if: {step['if']})")
            continue
        if "uses" in step:
            w = {k: substitute(v) for k, v in step.get("with", {}).items()}
            print(f"step {name}: needs GitHub, not run: uses {step['uses']} with {w}")
            continue
        env = dict(os.environ)
        env.update({"GITHUB_ACTION_PATH": ctx["github"]["action_path"],
                    "GITHUB_WORKSPACE": workspace, "RUNNER_TEMP": temp, "RUNNER_OS": "Linux",
                    "GITHUB_SHA": ctx["github"]["sha"], "GITHUB_ACTIONS": "true"})
        env.update({k: substitute(v) for k, v in step.get("env", {}).items()})
        with tempfile.NamedTemporaryFile("w", dir=temp, delete=False, suffix=".sh") as f:
            f.write(step["run"])
            script = f.name
        out = os.path.join(temp, "github_output")
        open(out, "w").close()
        env["GITHUB_OUTPUT"] = out
        sys.stdout.flush()
        rc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                            cwd=workspace, env=env).returncode
        os.unlink(script)
        outputs = {}
        for line in open(out):
            k, sep, v = line.rstrip("\n").partition("=")
            if sep:
                outputs[k] = v
        if "id" in step:
            ctx["steps"][step["id"]] = {"outputs": outputs}
        print(f"step {name}: exit {rc}" + (f" outputs {outputs}" if outputs else ""))
        if rc != 0:
            return rc
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
