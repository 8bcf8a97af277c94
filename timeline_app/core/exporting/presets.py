"""Court presets for the Word chronology, and what each court's guide asks of a chronology.

Each preset sets paper, margins, type, title and the cast list's place; what its guide asks
and the case lacks is said before export.

Read from the rules and guides as we understand them; a firm can override any of it (a house
template, ``--title``). The sources:

- **PD 5A para 2.2** (CPR, and the same paragraph in the FPR's PD 5A): every document prepared
  for filing or use at court is on A4 "having a margin, not less than 3.5 centimetres wide",
  with the pages numbered consecutively. Every preset keeps 3.5 cm on all four sides, so that
  the binding margin is right whichever edge is bound.
- **Font**: the court guides ask for documents in not less than 12 point (the Commercial, TCC,
  Chancery and King's Bench guides for skeleton arguments and the like; PD 27A para 5.2A.1 for
  family preliminary documents, with 1.5 line spacing). Every preset sets 12 point; Family also
  sets 1.5 line spacing, which a table of events otherwise does not need.
- **Disputes**: the Commercial Court Guide (and the TCC and Chancery guides after it) asks
  that a chronology be agreed where possible and that a disputed event be stated neutrally
  "and the competing versions shortly stated". Those presets warn when a disputed event lacks
  a side's version.
- **Page limit**: PD 27A para 5.2A.1 limits a family chronology to 10 A4 pages. No civil guide
  we know of sets a limit for a chronology, so the others have none.
- **Cast list**: the business courts' trial documents put the dramatis personae with the
  chronology, before it; elsewhere it follows, or (Family) is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline_app.core.errors import UserError


@dataclass(frozen=True)
class Preset:
    """What one court expects of a chronology, and how we lay it out for that court."""

    name: str
    """The name on the command line (``--preset court``)."""
    label: str
    """The name in the Export dialog."""
    guide: str
    """The rule or guide the preset follows, for warnings ("PD 5A para 2.2")."""
    landscape: bool
    cast: str
    """Where the dramatis personae go: "before", "after" or "none"."""
    paper: str = "a4"
    margin_cm: float = 3.5
    font: str = "Arial"
    font_size: float = 12
    line_spacing: float = 1.0
    title: str = "CHRONOLOGY"
    page_limit: int | None = None
    needs_references: bool = True
    """Warn about events with no bundle reference."""
    needs_versions: bool = False
    """Warn about disputed events that do not give each side's version."""


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset(
            "court",
            "Filed at court (PD 5A)",
            "PD 5A para 2.2",
            landscape=False,
            cast="after",
        ),
        Preset(
            "commercial",
            "Commercial Court",
            "the Commercial Court Guide",
            landscape=True,
            cast="before",
            needs_versions=True,
        ),
        Preset(
            "tcc",
            "Technology and Construction Court",
            "the TCC Guide",
            landscape=True,
            cast="before",
            needs_versions=True,
        ),
        Preset(
            "chancery",
            "Chancery Division",
            "the Chancery Guide",
            landscape=False,
            cast="before",
            font="Times New Roman",
            needs_versions=True,
        ),
        Preset(
            "kb",
            "King's Bench Division",
            "the King's Bench Guide",
            landscape=False,
            cast="after",
        ),
        Preset(
            "family",
            "Family (PD 27A)",
            "PD 27A para 5.2A.1",
            landscape=False,
            cast="none",
            line_spacing=1.5,
            page_limit=10,
        ),
    )
}
"""The presets, by command-line name, in the order the dialog lists them."""

TITLES = {
    "chronology": "CHRONOLOGY",
    "agreed": "AGREED CHRONOLOGY",
    "claimant": "CLAIMANT'S CHRONOLOGY",
    "defendant": "DEFENDANT'S CHRONOLOGY",
}
"""Short names for the usual titles (``--title agreed``); any other text is used as written."""


def preset(name: str) -> Preset:
    """The preset called ``name``.

    :raises UserError: there is none.
    """
    try:
        return PRESETS[name]
    except KeyError:
        raise UserError(
            f"There is no preset called {name!r}; choose one of {', '.join(PRESETS)}."
        ) from None


def title_text(title: str) -> str:
    """The title to print for ``title``: a short name's wording, or the text itself."""
    return TITLES.get(title.strip().casefold(), title.strip())
