"""Finding the library, the version check, installing the package."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import smmod
from smmod import _lib
from conftest import ROOT

PKG = ROOT / "bindings" / "python"


def run_py(code: str, env_update: dict, cwd: Path = ROOT,
           path: str = str(PKG)) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("SMMOD_LIBRARY", "BUILD", "PYTHONPATH")}
    env.update(env_update)
    env["PYTHONPATH"] = path
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_bad_smmod_library_is_a_clear_import_error(tmp_path):
    r = run_py("import smmod", {"SMMOD_LIBRARY": str(tmp_path / "nope.so")})
    assert r.returncode != 0
    assert "LibraryError" in r.stderr and "SMMOD_LIBRARY" in r.stderr


def test_wrong_library_is_a_clear_import_error():
    # libc is a shared library, but not libsmmod: the symbol check fails.
    r = run_py("import smmod", {"SMMOD_LIBRARY": "libc.so.6"})
    assert r.returncode != 0
    assert "does not export smmod_" in r.stderr


def test_build_tree_is_found_without_smmod_library(tmp_path):
    lib = Path(os.path.realpath(smmod.LIBRARY_PATH))
    try:
        build = lib.parent.parent.relative_to(ROOT)
    except ValueError:
        pytest.skip("the library under test is not in this checkout")
    r = run_py("import smmod; print(smmod.LIBRARY_PATH)",
               {"BUILD": str(build)}, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert Path(r.stdout.strip()) == ROOT / build / "lib" / "libsmmod.so.1"


def test_version_rule():
    major, minor = _lib.EXPECTED_VERSION
    number = major * 10000 + minor * 100
    assert _lib.version_compatible(number)
    assert _lib.version_compatible(number + 7)  # any patch level
    assert not _lib.version_compatible(number + 10000)
    assert not _lib.version_compatible(number + 100) or major >= 1
    assert _lib.version_compatible(_lib.fn.version_number())


def test_version_mismatch_message(monkeypatch):
    monkeypatch.setattr(_lib, "EXPECTED_VERSION", (99, 0))
    with pytest.raises(smmod.LibraryError) as e:
        _lib._check_version(_lib.fn, "libsmmod.so.1")
    assert "needs 99.0.x" in str(e.value)
    assert smmod.library_version in str(e.value)


def test_pip_install_offline(tmp_path):
    """`pip install ./bindings/python` builds with the in-tree backend: no
    network, no setuptools needed."""
    pip = subprocess.run([sys.executable, "-m", "pip", "--version"],
                         capture_output=True)
    if pip.returncode != 0:
        pytest.skip("pip is not installed for this Python")
    target = tmp_path / "site"
    r = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-index",
         "--disable-pip-version-check", "--target", str(target), str(PKG)],
        capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (target / "smmod" / "py.typed").is_file()
    r = run_py("import smmod; print(smmod.__file__); "
               "print(smmod.Ruleset.from_string('category a').categories)",
               {"SMMOD_LIBRARY": smmod.LIBRARY_PATH}, cwd=tmp_path,
               path=str(target))
    assert r.returncode == 0, r.stderr
    where, cats = r.stdout.splitlines()
    assert Path(where).parent == target / "smmod"
    assert cats == "[Category('a', label='', basis='')]"


def test_pyproject_version_is_the_package_version():
    text = (PKG / "pyproject.toml").read_text()
    assert f'version = "{smmod.__version__}"' in text


def test_wheel_contents(tmp_path):
    sys.path.insert(0, str(PKG))
    try:
        import smmod_build
    finally:
        sys.path.remove(str(PKG))
    name = smmod_build.build_wheel(str(tmp_path))
    with zipfile.ZipFile(tmp_path / name) as z:
        names = set(z.namelist())
        record = z.read(f"smmod-{smmod.__version__}.dist-info/RECORD")
    assert {"smmod/__init__.py", "smmod/_api.py", "smmod/py.typed",
            f"smmod-{smmod.__version__}.dist-info/METADATA"} <= names
    assert b"smmod/_lib.py,sha256=" in record
