"""The one resolver for files under ``resources/`` (demo case, icons, styles).

In a checkout they sit beside the package; an installed wheel carries them inside it as
``timeline_app/_resources`` (see ``[tool.hatch.build.targets.wheel.force-include]``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_ROOTS = (_PACKAGE / "_resources", _PACKAGE.parent / "resources")


def resources_root() -> Path:
    """The folder holding the resources, installed copy first."""
    for root in _ROOTS:
        if root.is_dir():
            return root
    raise FileNotFoundError(
        "Evidence Timeline's resources are missing; reinstall the application. Looked in: "
        + ", ".join(str(r) for r in _ROOTS)
    )


def resource_path(*parts: str) -> Path:
    """The path of one resource, e.g. ``resource_path("demo", "demo_case.json")``."""
    return resources_root().joinpath(*parts)
