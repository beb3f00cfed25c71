"""Run kharita in a child process: as the user would, or without root's file powers.

Permission cases (an unreadable folder, a read-only store) mean nothing to root,
which reads and writes through any mode bits.  As root, :func:`run_unprivileged`
runs the child without the two capabilities that bypass them
(``CAP_DAC_OVERRIDE``, ``CAP_DAC_READ_SEARCH``, dropped from the bounding set
before ``exec``): still uid 0, so it can load this interpreter from root's home,
but held to the mode bits like anyone else.  Where that cannot be done the test
is skipped with the reason.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

KHARITA = [sys.executable, "-c",
           "import sys; sys.argv[0] = 'kharita'; from kharita.cli import main; main()"]
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def run_kharita(*args: str | Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """``kharita ARGS`` in a child process; stdout/stderr captured as text."""
    options = {"capture_output": True, "text": True, "timeout": 300, **kwargs}
    return subprocess.run([*KHARITA, *map(str, args)], check=False, **options)


def _drop_file_powers() -> None:  # runs in the child, between fork and exec
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def unprivileged_kwargs() -> dict[str, Any]:
    """subprocess keyword arguments that hold a root child to file permissions.

    Skips the calling test when that cannot be done here; nothing to do for a
    non-root user, who is held to them anyway.
    """
    if os.geteuid() != 0:
        return {}
    probe = Path(os.environ.get("KHARITA_DATA_DIR", "/tmp")) / "no-access-probe"
    probe.write_text("x")
    probe.chmod(0)
    try:
        r = subprocess.run([sys.executable, "-c", f"open({str(probe)!r}).read()"],
                           check=False, preexec_fn=_drop_file_powers, capture_output=True,
                           text=True)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"running as root and cannot drop CAP_DAC_OVERRIDE here ({exc})")
    finally:
        probe.unlink()
    if "PermissionError" not in r.stderr:
        pytest.skip("running as root and dropping CAP_DAC_OVERRIDE does not restrict file "
                    "access here: root would bypass the permissions this test checks")
    return {"preexec_fn": _drop_file_powers}


def run_unprivileged(*args: str | Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """``kharita ARGS`` held to file permissions even when the tests run as root."""
    return run_kharita(*args, **unprivileged_kwargs(), **kwargs)
