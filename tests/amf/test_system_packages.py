"""`make run` and `make test` install the Debian packages they need, and only the missing ones."""

import os
import stat
import subprocess
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / ".ci" / "install-system-packages"


def fake_machine(tmp_path: Path, *, missing: set[str], ensurepip: bool = True) -> dict:
    """An environment whose dpkg-query and python see a machine lacking `missing`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    scripts = {
        # dpkg-query -W -f='${Status}' PACKAGE
        "dpkg-query": (
            "#!/bin/sh\n"
            'for package; do :; done\ncase " $MISSING " in *" $package "*) exit 1;; esac\n'
            "printf 'install ok installed'\n"
        ),
        "python-under-test": (
            "#!/bin/sh\n"
            f'[ "$2" = "import ensurepip" ] && exit {0 if ensurepip else 1}\n'
            'echo "3.11"\n'
        ),
        # Installing must not happen while listing; fail loudly if it is tried.
        "apt-get": "#!/bin/sh\necho apt-get was called >&2\nexit 99\n",
    }
    for name, text in scripts.items():
        path = bin_dir / name
        path.write_text(text)
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "MISSING": " ".join(sorted(missing)),
        "PYTHON": str(bin_dir / "python-under-test"),
    }


def list_missing(env: dict, group: str) -> list[str]:
    result = subprocess.run(
        ["bash", str(SCRIPT), group, "--list-missing"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_the_tests_need_the_browser_fonts_pdf_tools_and_gettext_when_missing(tmp_path):
    env = fake_machine(
        tmp_path,
        missing={"chromium", "fonts-thai-tlwg", "poppler-utils", "gettext", "redis-server"},
    )

    assert list_missing(env, "test") == [
        "gettext",
        "poppler-utils",
        "chromium",
        "fonts-thai-tlwg",
        "redis-server",
    ]


def test_serving_the_demo_needs_pango_and_a_venv_but_not_the_test_tools(tmp_path):
    env = fake_machine(
        tmp_path, missing={"libpango-1.0-0", "chromium", "poppler-utils"}, ensurepip=False
    )

    assert list_missing(env, "run") == ["libpango-1.0-0", "python3.11-venv"]
    assert list_missing(env, "test") == [
        "libpango-1.0-0",
        "poppler-utils",
        "chromium",
        "python3.11-venv",
    ]


def test_a_complete_machine_installs_nothing(tmp_path):
    env = fake_machine(tmp_path, missing=set())

    assert list_missing(env, "test") == []
    # Without --list-missing it would install; with nothing missing it must not call apt-get.
    result = subprocess.run(
        ["bash", str(SCRIPT), "test"], env={**os.environ, **env}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "apt-get" not in result.stderr


def test_make_test_installs_the_packages_before_anything_else_and_ci_calls_make_test():
    # Run by `make test` itself, this make must not inherit the outer one's flags.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    plan = subprocess.run(
        ["make", "-n", "--no-print-directory", "test"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()

    assert "install-system-packages test" in plan[0]
    assert any("pytest" in line for line in plan)
    ci = (Path(settings.BASE_DIR) / ".ci" / "run").read_text().splitlines()
    assert ci[-1] == "make test"
