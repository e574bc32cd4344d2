"""A minimal PEP 517 build backend for the pure-Python smmod package.

Why not setuptools: pip builds in an isolated environment and would have to
download setuptools, which fails offline; this backend needs only the
standard library, so `pip install ./bindings/python` works without network.
It builds a py3-none-any wheel of smmod/*.py and smmod/py.typed, an sdist,
and an editable wheel (a .pth file pointing at this directory).
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import tarfile
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
PACKAGE = "smmod"


def _project() -> Dict[str, str]:
    """The plain string keys of [project] in pyproject.toml."""
    text = (HERE / "pyproject.toml").read_text(encoding="utf-8")
    section = text.split("[project]", 1)[1].split("\n[", 1)[0]
    return dict(re.findall(r'^([\w-]+)\s*=\s*"([^"]*)"', section, re.M))


def _metadata() -> str:
    p = _project()
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {p['name']}",
        f"Version: {p['version']}",
        f"Summary: {p['description']}",
        f"Requires-Python: {p['requires-python']}",
        f"License: {p['license']}",
        "Description-Content-Type: text/markdown",
    ]
    readme = HERE / p.get("readme", "README.md")
    body = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    return "\n".join(lines) + "\n\n" + body


def _names() -> Tuple[str, str]:
    p = _project()
    return p["name"], p["version"]


def _package_files() -> List[Path]:
    pkg = HERE / PACKAGE
    return sorted([*pkg.glob("*.py"), pkg / "py.typed"])


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest())
    return f"{name},sha256={digest.rstrip(b'=').decode()},{len(data)}"


def _write_wheel(directory: str, files: Dict[str, bytes]) -> str:
    name, version = _names()
    dist = f"{name}-{version}.dist-info"
    files = dict(files)
    files[f"{dist}/METADATA"] = _metadata().encode("utf-8")
    files[f"{dist}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: smmod_build\n"
        "Root-Is-Purelib: true\nTag: py3-none-any\n").encode()
    record = [_record_line(n, d) for n, d in files.items()]
    record.append(f"{dist}/RECORD,,")
    files[f"{dist}/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(Path(directory) / wheel, "w",
                         zipfile.ZIP_DEFLATED) as z:
        for n, d in files.items():
            info = zipfile.ZipInfo(n, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            z.writestr(info, d, zipfile.ZIP_DEFLATED)
    return wheel


# ---- PEP 517 / PEP 660 hooks ---------------------------------------------

def get_requires_for_build_wheel(config_settings: Optional[dict] = None
                                 ) -> List[str]:
    return []


get_requires_for_build_sdist = get_requires_for_build_wheel
get_requires_for_build_editable = get_requires_for_build_wheel


def build_wheel(wheel_directory: str, config_settings: Optional[dict] = None,
                metadata_directory: Optional[str] = None) -> str:
    files = {f"{PACKAGE}/{p.name}": p.read_bytes() for p in _package_files()}
    return _write_wheel(wheel_directory, files)


def build_editable(wheel_directory: str,
                   config_settings: Optional[dict] = None,
                   metadata_directory: Optional[str] = None) -> str:
    return _write_wheel(wheel_directory,
                        {f"_{PACKAGE}_editable.pth": f"{HERE}\n".encode()})


def build_sdist(sdist_directory: str,
                config_settings: Optional[dict] = None) -> str:
    name, version = _names()
    base = f"{name}-{version}"
    members = [HERE / "pyproject.toml", HERE / "smmod_build.py",
               HERE / "README.md", *_package_files()]
    out = f"{base}.tar.gz"
    with tarfile.open(Path(sdist_directory) / out, "w:gz") as tar:
        for path in members:
            if path.is_file():
                tar.add(path, f"{base}/{path.relative_to(HERE)}")
        data = _metadata().encode("utf-8")
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return out
