"""The command line as a user runs it: real processes, exit codes, no tracebacks."""

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli
from timeline_app import cli
from timeline_app.core.store import CaseStore

INFO_KEYS = {"title", "schema_version", "events", "parties", "sources", "earliest", "latest"}


def test_demo_then_info_json(tmp_path: Path) -> None:
    path = tmp_path / "Sopra v Interserve.case"
    made = run_cli("demo", str(path))
    assert made.returncode == 0, made.stderr
    assert "Wrote the demo case (17 events)" in made.stdout
    shown = run_cli("info", str(path), "--json")
    assert shown.returncode == 0, shown.stderr
    info = json.loads(shown.stdout)
    assert set(info) >= INFO_KEYS
    assert info["title"] == "Sopra Steria v Interserve"
    assert (info["events"], info["earliest"], info["latest"]) == (17, "2016-01-01", "2019-10-31")


def test_the_three_ways_in_are_the_same(tmp_path: Path) -> None:
    path = tmp_path / "case.case"
    run_cli("demo", str(path))
    results = [
        run_cli("info", str(path), "--json"),
        run_cli("info", str(path), "--json", module="timeline_app"),
    ]
    assert [r.returncode for r in results] == [0, 0]
    assert results[0].stdout == results[1].stdout
    assert json.loads(results[0].stdout)["events"] == 17
    # The gui-script entry point is timeline_app.app:main, the function main.py calls.
    from timeline_app import app

    assert app.main(["info", str(path), "--json"]) == 0


def test_new_with_a_title(tmp_path: Path) -> None:
    path = tmp_path / "Smith v Jones.case"
    result = run_cli("new", str(path), "--title", "Smith v Jones")
    assert result.returncode == 0, result.stderr
    with CaseStore.open(path) as store:
        assert store.case_info().title == "Smith v Jones"
        assert store.count_events() == 0


def test_info_as_text(tmp_path: Path) -> None:
    path = tmp_path / "case.case"
    run_cli("demo", str(path))
    result = run_cli("info", str(path))
    assert "Title:          Sopra Steria v Interserve" in result.stdout
    assert "Events:         17 (7 dated, 10 undated)" in result.stdout
    assert "Date range:     2016-01-01 to 2019-10-31" in result.stdout


def _damaged(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.case"
    run_cli("demo", str(path))
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (lambda t: ["info", str(t / "missing.case")], "There is no case file at"),
        (lambda t: ["open", str(t / "missing.case")], "There is no case file at"),
        (lambda t: ["info", str(Path(__file__))], "it is some other kind of file"),
        (lambda t: ["info", str(_damaged(t))], "is damaged"),
        (lambda t: ["new", str(Path(__file__))], "already exists"),
        (lambda t: ["demo", str(t / "no-such-folder" / "x.case")], "does not exist"),
    ],
)
def test_user_errors_exit_2_with_one_sentence_and_no_traceback(
    tmp_path: Path, args, message: str
) -> None:
    argv = args(tmp_path)
    target = Path(argv[1])
    before = hashlib.sha256(target.read_bytes()).hexdigest() if target.is_file() else None
    result = run_cli(*argv)
    assert result.returncode == cli.EXIT_USER_ERROR
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("evidence-timeline: ")
    if before is not None:
        assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_usage_errors_exit_2() -> None:
    result = run_cli("info")
    assert result.returncode == 2 and "usage:" in result.stderr


def test_info_keeps_a_multi_line_title_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "case.case"
    run_cli("new", str(path), "--title", "Smith v Jones\nand others")
    result = run_cli("info", str(path))
    assert "Title:          Smith v Jones and others" in result.stdout
    assert (
        json.loads(run_cli("info", str(path), "--json").stdout)["title"]
        == "Smith v Jones\nand others"
    )


DATE_KEYS = [
    "text",
    "earliest",
    "latest",
    "precision",
    "qualifier",
    "approximate",
    "display",
    "explanation",
    "error",
]


def test_dates_parse_prints_one_json_object_per_input_in_order() -> None:
    texts = [
        "8 November 2018",
        "Windows 2000 servers",
        "",
        "between January and June 2018",
        "May last year",
    ]
    result = run_cli("dates", "parse", "--ref-date", "2020-02-14", *texts)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [list(line) for line in lines] == [DATE_KEYS] * len(texts)
    assert [line["text"] for line in lines] == texts
    assert lines[0]["earliest"] == lines[0]["latest"] == "2018-11-08"
    assert lines[0]["explanation"] == "8 November 2018 — exact day" and lines[0]["error"] is None
    assert lines[1]["earliest"] is None and "not part of a date" in lines[1]["error"]
    assert lines[2]["display"] == "Undated"
    assert lines[3]["qualifier"] == "between"
    assert (lines[4]["earliest"], lines[4]["latest"]) == ("2019-05-01", "2019-05-31")


def test_dates_parse_reads_standard_input_and_honours_the_order() -> None:
    import subprocess
    import sys

    from tests.helpers import ROOT

    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "dates", "parse", "--order", "mdy"],
        input="08/11/2018\n\n14:32 on 8 November 2018\nclause 4\n",
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["text"] for line in lines] == [
        "08/11/2018",
        "",
        "14:32 on 8 November 2018",
        "clause 4",
    ]
    assert lines[0]["earliest"] == "2018-08-11"
    assert "month first" in lines[0]["explanation"]
    assert lines[2]["earliest"] == "2018-11-08T14:32"
    assert lines[3]["error"]


def test_dates_parse_refuses_a_malformed_reference_date() -> None:
    result = run_cli("dates", "parse", "--ref-date", "14/02/2020", "today")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


EXTRACT_KEYS = [
    "date_text",
    "earliest",
    "latest",
    "precision",
    "qualifier",
    "kind",
    "sentence",
    "start",
    "end",
]


def test_extract_prints_one_json_object_per_date(tmp_path: Path) -> None:
    statement = tmp_path / "statement.txt"
    text = (
        "Witness: I met him on 5 July 2018. Two weeks ago we spoke; it took 30 days. On "
        "12 March I wrote; the letter of 31 February 2018 was lost.\n"
    )  # "30 days" and 31 February are not dates; 12 March is the one nearest the date before it
    statement.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # Notepad's BOM
    result = run_cli("extract", "--ref-date", "2020-06-15", str(statement))
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert [list(h) for h in hits] == [EXTRACT_KEYS] * 3
    assert [(h["date_text"], h["earliest"]) for h in hits] == [
        ("5 July 2018", "2018-07-05"),
        ("Two weeks ago", "2020-06-01"),
        ("On 12 March", "2020-03-12"),
    ]
    assert text[hits[0]["start"] : hits[0]["end"]] == "5 July 2018"
    assert hits[0]["sentence"] == "Witness: I met him on 5 July 2018."


def test_extract_reads_standard_input_and_other_encodings(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.helpers import ROOT

    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "extract", "-"],
        input="Déclaration du 8 November 2018 — signée.".encode("cp1252", errors="replace"),
        capture_output=True,
        check=False,
    )
    hits = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [h["date_text"] for h in hits] == ["8 November 2018"]
    utf16 = tmp_path / "utf16.txt"
    utf16.write_text("Signed on 1 May 2019.", encoding="utf-16")
    assert json.loads(run_cli("extract", str(utf16)).stdout)["earliest"] == "2019-05-01"


@pytest.mark.parametrize(
    "make",
    [
        lambda t: t / "missing.txt",
        lambda t: t,
        lambda t: (t / "report.docx").write_bytes(b"PK\x03\x04 not text") and t / "report.docx",
    ],
)
def test_extract_refuses_what_is_not_a_text_file(tmp_path: Path, make) -> None:
    target = make(tmp_path)
    result = run_cli("extract", str(target))
    assert result.returncode == cli.EXIT_USER_ERROR
    assert result.stderr.startswith("evidence-timeline: ") and "Traceback" not in result.stderr


def test_export_to_word_csv_and_excel_at_once(tmp_path: Path) -> None:
    import docx
    import openpyxl

    path = tmp_path / "case.case"
    run_cli("demo", str(path))
    out = tmp_path / "Chronology for the CMC.docx"
    result = run_cli(
        "export",
        str(path),
        "--docx",
        str(out),
        "--csv",
        str(tmp_path / "c.csv"),
        "--xlsx",
        str(tmp_path / "c.xlsx"),
        "--columns",
        "number,date,event,parties,reference",
        "--key-only",
        "--cast",
        "before",
        "--paper",
        "letter",
        "--portrait",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Wrote 7 events to") == 3
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx")["Chronology"]
    assert sheet.max_row == 8
    document = docx.Document(str(out))
    assert len(document.tables) == 2  # the cast, then the chronology
    assert [c.text for c in document.tables[1].rows[0].cells] == [
        "No.",
        "Date",
        "Event",
        "Parties",
        "Reference",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--docx", "x.docx", "--category", "Nope"], "no category called Nope"),
        (["--docx", "x.docx", "--from", "Windows 2000"], "not part of a date"),
        (["--docx", "x.docx", "--columns", "date"], "must include event"),
        ([], "Say where to write the chronology"),
    ],
)
def test_export_refuses_bad_options_in_words(tmp_path: Path, args: list[str], message: str) -> None:
    path = tmp_path / "case.case"
    run_cli("demo", str(path))
    result = run_cli("export", str(path), *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_export_with_a_timeline_page(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "case.case"
    run_cli("demo", str(path))
    out = tmp_path / "with timeline.docx"
    result = run_cli("export", str(path), "--docx", str(out), "--timeline", "--portrait")
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    assert len(document.inline_shapes) == 1
    assert document.sections[0].orientation == 0  # the chronology as asked: portrait
    assert document.sections[-1].orientation == 1  # the timeline page: landscape
    assert "TIMELINE" in [p.text for p in document.paragraphs]
    assert document.paragraphs[-1].text.startswith("The events drawn to scale in time")
    picture = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = document.part.related_parts[picture].image
    assert (image.px_width, image.px_height) == (3300, 1860)  # drawn 3 times over, for print


def test_export_with_the_exhibit_as_its_picture(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "case.case"
    run_cli("demo", str(path))
    out = tmp_path / "exhibit.docx"
    result = run_cli(
        "export", str(path), "--docx", str(out), "--timeline", "--timeline-style", "exhibit",
        "--key-only",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    picture = document.inline_shapes[0]
    assert 1.38 < picture.width / picture.height < 1.45  # an A4 page, whole on the page
    section = document.sections[-1]
    assert picture.height < section.page_height - section.top_margin - section.bottom_margin
    refused = run_cli(
        "export", str(path), "--docx", str(out), "--timeline", "--timeline-style", "exhibit",
        "--category", "Contract", "--category", "Security", "--from", "2030",
    )  # fmt: skip
    assert refused.returncode == 2 and "would have no events" in refused.stderr


def test_an_export_onto_the_case_itself_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.case"
    run_cli("demo", str(path))
    before = path.read_bytes()
    for option in ("--docx", "--csv", "--json"):
        result = run_cli("export", str(path), option, str(path))
        assert result.returncode == 2, result.stdout
        assert "an export never replaces one" in result.stderr
    assert path.read_bytes() == before


def test_the_window_without_a_screen_is_refused_in_words(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.helpers import ROOT

    path = tmp_path / "v.case"
    run_cli("demo", str(path))
    bare = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    for args in ([], ["open", str(path)]):
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--basedir", str(tmp_path / "home"), *args],
            capture_output=True,
            text=True,
            env=bare,
            timeout=60,
            check=False,
        )
        assert result.returncode == 2, (args, result.stderr)
        assert "The window needs a screen, and this session has none" in result.stderr


def test_exports_that_cannot_be_what_was_meant_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.case"
    run_cli("demo", str(path))
    same = str(tmp_path / "out")
    for args, message in [
        (["--docx", same, "--csv", same], "name the same file"),
        (
            ["--csv", str(tmp_path / "a.csv"), "--from", "2019", "--to", "2017"],
            "The date window ends (2017) before it starts (2019)",
        ),
    ]:
        result = run_cli("export", str(path), *args)
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)
    assert not (tmp_path / "out").exists() and not (tmp_path / "a.csv").exists()
    result = run_cli("new", "")
    assert result.returncode == 2 and "Give the new case file a name" in result.stderr


def test_export_with_a_preset_a_title_a_version_and_an_e_bundle(tmp_path: Path) -> None:
    import docx
    from pypdf import PdfWriter

    path = tmp_path / "case.case"
    run_cli("demo", str(path))
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    writer = PdfWriter()
    for _ in range(10):
        writer.add_blank_page(595, 842)
    writer.write(bundle / "B.pdf")
    out = tmp_path / "filed" / "chronology.docx"
    out.parent.mkdir()
    result = run_cli(
        "export",
        str(path),
        "--docx",
        str(out),
        "--preset",
        "tcc",
        "--title",
        "agreed",
        "--version",
        "Draft 3",
        "--bundle",
        str(bundle),
        "--portrait",
    )
    assert result.returncode == 0, result.stderr
    printed = result.stdout.splitlines()
    assert printed[0].startswith("Warning: The case has no claim number")
    assert "Warning: A/2 is not linked: the e-bundle has no A.pdf." in printed
    assert printed[-1] == f"Wrote 17 events to {out}"
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "AGREED CHRONOLOGY" in texts
    assert any(t.startswith("Draft 3, ") for t in texts)
    section = document.sections[0]
    assert section.orientation == 0  # --portrait over the preset's landscape
    assert abs(section.left_margin.cm - 3.5) < 0.01
    links = {r.target_ref for r in document.part.rels.values() if r.reltype.endswith("hyperlink")}
    assert links == {"../bundle/B.pdf#page=1", "../bundle/B.pdf#page=3"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--docx", "x.docx", "--preset", "county"], "invalid choice: 'county'"),
        (["--docx", "x.docx", "--template", "none.dotx"], "The template none.dotx cannot be read"),
        (["--docx", "x.docx", "--bundle", "nowhere"], "The e-bundle folder nowhere cannot be read"),
    ],
)
def test_filing_options_are_refused_in_words(tmp_path: Path, args: list[str], message: str) -> None:
    path = tmp_path / "case.case"
    run_cli("demo", str(path))
    result = run_cli("export", str(path), *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_a_missing_system_library_is_named_with_the_package_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from timeline_app import cli

    def without_libgl(args: object) -> int:
        raise ImportError("libGL.so.1: cannot open shared object file: No such file or directory")

    monkeypatch.setattr(cli, "_cmd_version", without_libgl)
    assert cli.run(["--version"]) == 2
    said = capsys.readouterr().err
    assert "libGL.so.1" in said and "scripts/system-packages.txt" in said


def test_a_case_double_clicked_is_checked_by_the_window_not_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app import cli
    from timeline_app.ui import application

    started: list[tuple[str | None, str | None]] = []
    monkeypatch.setattr(application, "run", lambda path, basedir: started.append((path, basedir)))
    broken = tmp_path / "broken.case"
    broken.write_text("not a case")
    assert cli.run(["open", str(broken)]) == 2 and not started  # refused in words
    cli.run(["open", "--desktop", str(broken)])
    cli.run(["open"])  # the desktop entry with no file: the window on the last case
    assert started == [(str(broken), None), (None, None)]


def test_a_cases_house_template_missing_here_gives_way_to_our_styles_with_a_warning(
    tmp_path: Path,
) -> None:
    import dataclasses

    import docx

    from timeline_app.core.store import CaseStore

    path = tmp_path / "case.case"
    run_cli("demo", str(path))
    with CaseStore.open(path) as store:
        info = dataclasses.replace(store.case_info(), house_template="/firm/Smith.dotx")
        store.update_case_info(info)
    out = tmp_path / "c.docx"
    result = run_cli("export", str(path), "--docx", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "Warning: The case's house template /firm/Smith.dotx is not on this computer; the "
        "chronology uses the app's own styles (choose the template again in Case properties)."
    )
    assert docx.Document(str(out)).tables  # written all the same
    again = run_cli("export", str(path), "--docx", str(out), "--template", "")
    assert again.returncode == 0 and "house template" not in again.stdout


def test_check_says_a_sound_case_is_sound_and_a_damaged_one_is_not(tmp_path: Path) -> None:
    path = tmp_path / "case.case"
    run_cli("demo", str(path))
    sound = run_cli("check", str(path))
    assert sound.returncode == 0, sound.stderr
    assert sound.stdout == "case.case passed SQLite's full check: no damage found.\n"
    damaged = run_cli("check", str(_damaged(tmp_path)))
    assert damaged.returncode == cli.EXIT_USER_ERROR
    assert "damaged.case is damaged" in damaged.stderr and "Traceback" not in damaged.stderr


def test_check_on_a_server_case_says_there_is_no_file_to_check(server_case: str) -> None:
    result = run_cli("check", server_case)
    assert result.returncode == 0, result.stderr
    assert "is a case on a server, which keeps its own data whole" in result.stdout
    assert "password" not in result.stdout.lower()


def test_info_starts_without_the_readers_and_writers(tmp_path: Path) -> None:
    """`info` imports no spreadsheet, Word or email library: they cost its start-up."""
    case = tmp_path / "plain.case"
    CaseStore.create(case, title="Plain").close()
    probe = (
        "import sys; from timeline_app.app import main; main(['info', sys.argv[1]]); "
        "print(sorted(m for m in ('openpyxl', 'docx', 'email.parser', 'timeline_app.core.extract',"
        " 'timeline_app.core.services.imports') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(case)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_export_takes_the_search_as_the_window_does(tmp_path: Path) -> None:
    from timeline_app.core.store import EventFilter

    path = tmp_path / "demo.case"
    assert run_cli("demo", str(path)).returncode == 0
    with CaseStore.open(path, read_only=True) as store:
        found = store.event_ids(EventFilter(text="health check"))
        total = store.count_events()
    assert 0 < len(found) < total
    out = tmp_path / "found.csv"
    result = run_cli("export", str(path), "--csv", str(out), "--search", "health check")
    assert result.returncode == 0, result.stderr
    assert f"Wrote {len(found)} event" in result.stdout
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == len(found)
