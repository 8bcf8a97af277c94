"""Serve a version of the chronology, list what was served, and find one to compare against.

``export --served LABEL`` and the Export dialog's "Mark as served" keep the chronology as
exported; ``export --since LABEL`` and the dialog's "Show changes since" write a Word document
with tracked changes against it (see ``exporting.docx``).
"""

from __future__ import annotations

from timeline_app.core.errors import UserError
from timeline_app.core.exporting import ExportOptions
from timeline_app.core.served import ServedVersion, as_served, check_label
from timeline_app.core.services.chronology import chronology_rows
from timeline_app.core.store import CaseStore
from timeline_app.core.store.base import utc_now


def server_name(store: CaseStore) -> str:
    """Who serves, and whose changes they are: the case's "prepared by", else the login name."""
    return store.case_info().prepared_by.strip() or store.user


def check_serving(store: CaseStore, label: str, options: ExportOptions) -> str:
    """The label to serve under, trimmed, once it is known the version can be kept.

    Said before anything is written, so that no file goes out unrecorded.

    :raises UserError: the label is empty, too long or already used; the export includes
        privileged notes; or the case cannot be written.
    """
    label = check_label(label)
    if options.privileged:
        raise UserError(
            "A chronology with privileged notes cannot be marked as served: serving it would "
            "show the other side what is privileged. Export it without them."
        )
    if store.read_only:
        raise UserError(f"{store.read_only_reason} The version cannot be marked as served.")
    if store.served_version(label) is not None:
        raise UserError(
            f"A version was already served as “{label}”; give this one another label "
            f"(served so far: {_labels(store)})."
        )
    return label


def served_now(store: CaseStore, label: str, options: ExportOptions) -> ServedVersion:
    """The chronology that ``options`` exports, as served now under ``label`` (not yet kept).

    :raises UserError: as :func:`check_serving`.
    """
    label = check_serving(store, label, options)
    rows = tuple(as_served(row) for row in chronology_rows(store, options.where))
    return ServedVersion(label, utc_now(), server_name(store), len(rows), rows)


def serve(store: CaseStore, label: str, options: ExportOptions) -> ServedVersion:
    """Keep the chronology that ``options`` exports as served now under ``label``.

    :raises UserError: as :func:`check_serving`.
    """
    return store.add_served_version(served_now(store, label, options))


def served_version(store: CaseStore, label: str) -> ServedVersion:
    """The version served under ``label`` (any case), with its rows.

    :raises UserError: no version was served under that label; the sentence lists those that
        were.
    """
    version = store.served_version(label.strip())
    if version is None:
        raise UserError(
            f"No version of this chronology was served as “{label.strip()}”. "
            + (
                f"Served versions: {_labels(store)}."
                if store.served_versions()
                else "None has been served yet: export with --served LABEL to mark one."
            )
        )
    return version


def _labels(store: CaseStore) -> str:
    return ", ".join(f"“{version.label}”" for version in store.served_versions()) or "none"
