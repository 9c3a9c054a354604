"""Which code a benchmark measured: the commit, and any uncommitted change outside the
benchmarks (the application may be edited between runs)."""

import subprocess
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def code_version():
    try:
        head = git("rev-parse", "--short", "HEAD").strip()
        changed = git("status", "--porcelain", "--", ".", ":!tests/benchmarks").splitlines()
    except (OSError, subprocess.SubprocessError):
        return "unknown (no git)"
    if not changed:
        return f"commit {head}"
    names = ", ".join(line[3:] for line in changed[:5]) + (", …" if len(changed) > 5 else "")
    return f"commit {head} with uncommitted changes to {names}"


def git(*arguments):
    return subprocess.run(
        ["git", *arguments], cwd=BASE_DIR, capture_output=True, text=True, check=True, timeout=10
    ).stdout
