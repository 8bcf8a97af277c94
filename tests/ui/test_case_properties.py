"""The Case properties dialog: the time zone exact times are shown in."""

from __future__ import annotations

import pytest

from timeline_app.core import dates
from timeline_app.core.model import CaseInfo
from timeline_app.ui.dialogs.case_properties import CasePropertiesDialog


def test_the_time_zone_is_chosen_and_an_unknown_one_refused(qtbot) -> None:
    dialog = CasePropertiesDialog(CaseInfo(title="Smith v Jones"))
    qtbot.addWidget(dialog)
    assert dialog.time_zone_combo.currentText() == "Europe/London"
    dialog.time_zone_combo.setCurrentText("America/New_York")
    assert dialog.case_info().time_zone == "America/New_York"
    dialog.time_zone_combo.setCurrentText("Atlantis/Capital")
    with pytest.raises(dates.DateError, match="not a time zone this computer knows"):
        dialog.case_info()
    dialog.accept()
    assert "Atlantis/Capital" in dialog.reference_error.text()
    assert dialog.result() == 0
