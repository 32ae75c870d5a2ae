"""What the release tests share: running gclab, releasing into a temporary folder."""
import subprocess
import sys
from pathlib import Path


def run(argv, cwd=None, ok=(0,), env=None, quiet=False):
    """Runs argv; fails the test, with its output, on an exit status not in `ok`."""
    p = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, errors="replace")
    if p.returncode not in ok:
        sys.exit(f"FAILED: {' '.join(map(str, argv))} exited {p.returncode}\n{p.stdout}")
    if not quiet and p.stdout.strip():
        print(p.stdout.rstrip())
    return p


def release(gclab, root, build_dir, out, *options):
    """The student course of the full course at `root`, written to `out` by the full course's gclab."""
    run([gclab, "--no-color", "--lang", "en", "--root", root, "--build-dir", build_dir, "release", out, *options])
    return Path(out)
