"""Every command-line example in README.md runs, and prints what the README says it prints.

The examples are read from the README itself: code spans and code blocks that start the
program (``python main.py …``, ``.venv/bin/python main.py …``, ``python -m timeline_app …``,
``evidence-timeline …``) and every row of the command table, whose synopsis is run twice:
with only what it requires, and with every optional part. Placeholders (CASE, OUT.docx,
FILE …) become files in a temporary folder, the case being the demo case written by
``main.py demo``. The team-server commands run against the tests' throwaway PostgreSQL, URL
being its address and ``URL?case=NAME`` a case of their own on it. A new example therefore runs
here as soon as it is written; one with a placeholder or a command this file does not know
fails, asking for it to be added.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from timeline_app.core import dates
from timeline_app.core.model import Event
from timeline_app.core.store import CaseStore

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

pytestmark = pytest.mark.slow  # some twenty processes

GUI = {"", "open"}
"""Sub-commands that open the window ("" is none at all): never run here."""
ANY = "…"
"""Written after the program alone ("python -m timeline_app …"): any sub-command."""
TWO_WORDS = {"dates", "server"}
"""Commands named by two words ("dates parse", "server grant")."""
SERVER = {"server init", "server grant", "server revoke", "cases", "publish", "checkout"}
"""Sub-commands run against the tests' throwaway PostgreSQL server (``postgres_ready``)."""
ROLE = "readme_ann"
"""The database role the README's ROLE stands for, made on the tests' server."""


@dataclass(frozen=True)
class Example:
    """One command as the README shows it, placeholders and all."""

    where: str
    program: str
    """"main.py", "-m timeline_app" or "evidence-timeline"."""
    words: tuple[str, ...]
    """What follows the program: the sub-command and its arguments, or a table synopsis."""
    says: str = ""
    """The command table's description of it, if it comes from the table."""
    synopsis: bool = False

    @property
    def sub(self) -> str:
        """The sub-command ("dates parse" for two words), or "" for none."""
        if not self.words:
            return ""
        return " ".join(self.words[:2]) if self.words[0] in TWO_WORDS else self.words[0]


STARTS = re.compile(r"python3? main\.py|python3? -m timeline_app|evidence-timeline\b(?!\.)")


def _program(tokens: list[str]) -> tuple[str, list[str]] | None:
    """Where in ``tokens`` the program starts: its form and the words after it."""
    for i, token in enumerate(tokens):
        if token == "evidence-timeline":
            return "evidence-timeline", tokens[i + 1 :]
        if re.fullmatch(r"(\S*/)?python3?", token):
            if tokens[i + 1 : i + 2] == ["main.py"]:
                return "main.py", tokens[i + 2 :]
            if tokens[i + 1 : i + 3] == ["-m", "timeline_app"]:
                return "-m timeline_app", tokens[i + 3 :]
    return None


def _cells(line: str) -> list[str]:
    """A Markdown table row's cells; a pipe escaped inside code (``dmy\\|mdy``) stays."""
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def readme_examples(text: str) -> list[Example]:
    """Every command the README shows, in the order it shows them."""
    found: list[Example] = []
    fenced = in_table = False
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"README.md line {number}"
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            for part in line.split("&&"):
                if not STARTS.search(part):
                    continue
                started = _program(shlex.split(part, comments=True))
                if started:
                    found.append(Example(where, started[0], tuple(started[1])))
            continue
        if line.startswith("|"):
            cells = _cells(line)
            if cells[0] == "command":
                in_table = True
            elif in_table and not set(cells[0]) <= set("-: "):
                code = re.fullmatch(r"`(.+)`", cells[0])
                words = tuple(shlex.split(code[1])) if code else ()  # "*(none)*": the window
                found.append(Example(where, "main.py", words, cells[1], synopsis=True))
            continue
        in_table = False
        for span in re.findall(r"`([^`]+)`", line):
            started = _program(shlex.split(span)) if STARTS.search(span) else None
            if started:
                found.append(Example(where, started[0], tuple(started[1])))
    return found


EXAMPLES = readme_examples(README.read_text(encoding="utf-8"))
SAYS = {e.sub: e.says for e in EXAMPLES if e.says}
"""What the command table says each sub-command prints (an example in prose says nothing)."""


# ---------------------------------------------------------------- from synopsis to commands


def forms(example: Example) -> list[tuple[str, list[str]]]:
    """The command lines to run for an example: (what they are, words with placeholders).

    A synopsis gives its required words alone and then with every optional part; where the
    required words offer alternatives (``FILE.png|FILE.svg|FILE.pdf``), each is run. An
    optional part offers its first alternative; ``…`` repeats the word (or the option) before
    it once; ``[options]`` stands for the options described beside it and is left out.
    """
    if not example.synopsis:
        return [("as shown", list(example.words))]
    required: list[str] = []
    groups: list[list[str]] = []
    group: list[str] | None = None
    for written in example.words:
        if written.startswith("["):
            group = []
        word = written.removeprefix("[")
        target = required if group is None else group
        target.append(word.removesuffix("]"))
        if word.endswith("]") and group is not None:
            groups.append(group)
            group = None

    def expand(words: list[str]) -> list[str]:
        out: list[str] = []
        for word in words:
            if word == ANY:
                out += words[:-1] if words[0].startswith("--") else [out[-1]]
            else:
                out.append(word)
        return out

    optional = [w.split("|")[0] for g in groups if g != ["options"] for w in expand(g) if w != ANY]
    runs = []
    choices = [w.split("|") for w in expand(required)]
    for picked in itertools.product(*choices):
        label = " ".join(w for w, c in zip(picked, choices, strict=True) if len(c) > 1)
        runs.append((f"required {label}".strip(), list(picked)))
        if optional:
            runs.append((f"every option {label}".strip(), [*picked, *optional]))
    return runs


@dataclass
class Run:
    """A command ready to run, and the files it was given."""

    example: Example
    args: list[str]
    files: dict[str, Path] = field(default_factory=dict)
    stdin: str | None = None
    inputs: list[str] = field(default_factory=list)
    address: str = ""
    """The server case that ``URL?case=NAME`` became, if any."""


TEXTS = ["on or about 4 June 2018", "05/06/2018"]
LABEL = "Served 3 March 2025"
INDEX_ROWS = [
    ["Tab", "Document", "First page", "Last page"],
    ["D/1", "Claim Form (Sopra Steria)", 1, 4],
    ["D/2", "Defence and Counterclaim (Interserve)", 5, 9],
    ["E/1", "Expert report", 1, 40],
]
"""A new index for the demo case's bundle: two of its documents move, one it lacks."""
CSV_ROWS = "Date,Event,Parties\n8 November 2018,Report sent,Sopra Steria\nnot a date,Bad row,\n"
TEXT_FILE = "The report was sent on 8 November 2018. Two weeks ago we met.\n"


def fill(example: Example, words: list[str], folder: Path, demo: Path, server_url: str = "") -> Run:
    """Put real files and values in place of the README's placeholders.

    ``server_url`` is the tests' server, for URL; ``URL?case=NAME`` becomes a new case on it,
    the demo case published there unless the command publishes one itself.
    """
    run = Run(example, [])
    sub = example.sub

    def case() -> str:
        path = run.files.setdefault("case", folder / "case.case")
        if not path.exists():
            shutil.copy(demo, path)
        return str(path)

    def new_file(name: str, key: str) -> str:
        return str(run.files.setdefault(key, folder / name))

    def given(name: str, content: str) -> str:
        path = run.files.setdefault("file", folder / name)
        path.write_text(content, encoding="utf-8")
        return str(path)

    texts = iter(TEXTS)
    maps = iter(["1=date", "2=title"])
    sizes = iter(["640", "360"])  # --width, then --height
    values: dict[str, Callable[[], str]] = {
        "CASE": case,
        "PATH": (lambda: new_file("new.case", "case")) if sub in ("new", "demo") else case,
        "FILE": (
            (lambda: given("rows.csv", CSV_ROWS))
            if sub == "import"
            else (lambda: house_template(folder / "house.dotx"))
            if sub == "export"
            else (lambda: given("statement.txt", TEXT_FILE))
        ),
        "FILE_OR_FOLDER": lambda: given("rows.csv", CSV_ROWS),
        "FOLDER": lambda: e_bundle(folder / "e-bundle"),
        "TEXT": lambda: next(texts),
        "TITLE": lambda: "Interserve v Sopra Steria",
        "YYYY-MM-DD": lambda: "2020-02-14",
        "DATE": lambda: "2018",
        "PX": lambda: next(sizes),
        "COLUMN=FIELD": lambda: next(maps),
        "OUT": lambda: new_file("repaired.case", "out"),
        "OUT.case": lambda: new_file("checked out.case", "out"),
        "CASE.case": case,
        "OURS": case,
        "THEIRS": lambda: their_chronology(folder / "theirs.case", demo),
        "URL": lambda: server_with_a_case(run, sub, server_url, demo),
        "URL?case=NAME": lambda: server_case(run, sub, server_url, demo),
        "ROLE": lambda: login_role(server_url),
        "LABEL": lambda: LABEL,
        "INDEX.csv": lambda: bundle_index(run, folder / "index.csv"),
        "INDEX.xlsx": lambda: bundle_index(run, folder / "index.xlsx"),
    }
    for word in words:
        out = re.fullmatch(r"(OUT|FILE)\.([a-z]+)", word)
        if word in values:
            run.args.append(values[word]())
        elif out:
            run.args.append(new_file(f"out.{out[2]}", out[2]))
        elif re.fullmatch(r"[A-Z][A-Z0-9_=.-]+", word):
            pytest.fail(f"{example.where}: the placeholder {word} is new to tests/test_readme.py")
        else:
            run.args.append(word)
    if "--since" in run.args:  # a version served before, to export against
        from timeline_app.core.exporting import ExportOptions
        from timeline_app.core.services.served import serve

        with CaseStore.open(run.files["case"]) as served:
            serve(served, run.args[run.args.index("--since") + 1], ExportOptions())
    if sub == "dates parse":
        rest = iter(run.args[2:])
        run.inputs = [a for a in rest if not (a.startswith("--") and next(rest, None))]
        if not run.inputs:  # no TEXT: one input per line of standard input
            run.inputs = TEXTS
            run.stdin = "\n".join(TEXTS) + "\n"
    return run


def bundle_index(run: Run, path: Path) -> str:
    """The README's INDEX.csv or INDEX.xlsx: :data:`INDEX_ROWS` as that kind of file."""
    if path.suffix == ".csv":
        path.write_text("\n".join(",".join(map(str, row)) for row in INDEX_ROWS) + "\n")
    else:
        import openpyxl

        book = openpyxl.Workbook()
        for row in INDEX_ROWS:
            book.active.append(row)
        book.save(path)
    run.files["index"] = path
    return str(path)


def their_chronology(path: Path, demo: Path) -> str:
    """The demo case as the other side has it: one event reworded, one more of their own."""
    shutil.copy(demo, path)
    with CaseStore.open(path) as theirs:
        first = theirs.events()[0]
        theirs.update_event(dataclasses.replace(first, title=first.title + " (their words)"))
        theirs.add_event(Event("Their own event", dates.parse("1 March 2017")))
    return str(path)


def server_case(run: Run, sub: str, server_url: str, demo: Path) -> str:
    """A case on the tests' server with a name of its own; the demo case, unless published."""
    from timeline_app.core.services import server
    from timeline_app.core.store.postgres.address import with_case

    run.address = with_case(server_url, f"README {uuid.uuid4().hex[:12]}")
    if sub != "publish":
        server.publish(demo, run.address)
    if sub == "server revoke":  # something to take away
        server.grant(run.address, login_role(server_url), "reader")
    return run.address


def server_with_a_case(run: Run, sub: str, server_url: str, demo: Path) -> str:
    """The tests' server, with a case of this run's on it (for ``cases`` to list)."""
    server_case(run, sub, server_url, demo)
    return server_url


def login_role(server_url: str) -> str:
    """The README's ROLE: a login role on the tests' server, made the first time."""
    import psycopg

    from timeline_app.core.store.postgres.address import parse

    with psycopg.connect(parse(server_url, case_required=False).conninfo, autocommit=True) as db:
        db.execute(
            f"DO $$ BEGIN CREATE ROLE {ROLE} LOGIN;"
            " EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
    return ROLE


def as_role(address: str) -> str:
    """The same server case, connecting as the README's ROLE."""
    return address.replace("user=postgres", f"user={ROLE}")


def house_template(path: Path) -> str:
    """A firm's Word template (.dotx): python-docx's document, typed as a template."""
    import io

    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            out.writestr(item, data)
    return str(path)


def e_bundle(folder: Path) -> str:
    """An electronic bundle: A.pdf and B.pdf, of blank pages."""
    from pypdf import PdfWriter

    folder.mkdir(exist_ok=True)
    for name, pages in (("A", 60), ("B", 20)):
        writer = PdfWriter()
        for _ in range(pages):
            writer.add_blank_page(595, 842)
        writer.write(folder / f"{name}.pdf")
    return str(folder)


def entry_point() -> str:
    """``evidence-timeline`` as pyproject.toml declares it, run from this checkout."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    scripts = {**project.get("scripts", {}), **project.get("gui-scripts", {})}
    module, function = scripts["evidence-timeline"].split(":")
    return f"import sys; from {module} import {function}; sys.exit({function}())"


def start(
    program: str, args: list[str], stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    command = {
        "main.py": [sys.executable, str(ROOT / "main.py")],
        "-m timeline_app": [sys.executable, "-m", "timeline_app"],
        "evidence-timeline": [sys.executable, "-c", entry_point()],
    }[program]
    return subprocess.run(
        [*command, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,  # the checkout's own code, not an installed copy
        timeout=60,
        check=False,
        env=env,
    )


# ---------------------------------------------------------------- what each command prints


def keys_named(says: str) -> list[str]:
    """The JSON keys the README lists for a command: its code spans that are field names."""
    return [k for k in re.findall(r"`([^`]+)`", says) if re.fullmatch(r"[a-z_]+", k)]


def json_lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def check_new(run: Run, result: subprocess.CompletedProcess) -> None:
    with CaseStore.open(run.files["case"]) as made:
        assert made.count_events() == 0
        if "--title" in run.args:
            assert made.case_info().title == run.args[run.args.index("--title") + 1]


def check_demo(run: Run, result: subprocess.CompletedProcess) -> None:
    with CaseStore.open(run.files["case"]) as demo:
        assert demo.count_events() > 0
        assert demo.case_info().title == "Sopra Steria v Interserve"


def check_info(run: Run, result: subprocess.CompletedProcess) -> None:
    with CaseStore.open(run.files["case"]) as case:
        summary = case.summary()
    if "--json" in run.args:
        printed = json.loads(result.stdout)
        listed = keys_named(SAYS["info"])
        assert listed and set(printed) == set(listed)
        assert (printed["title"], printed["events"]) == (summary.title, summary.events)
    else:  # "title, schema version, counts and date range"
        for shown in (summary.title, str(summary.events), summary.earliest, summary.latest):
            assert shown in result.stdout
        assert "schema version" in result.stdout.lower()


def check_check(run: Run, result: subprocess.CompletedProcess) -> None:
    name = run.files["case"].name
    assert "`NAME passed SQLite's full check: no damage found.`" in SAYS["check"]
    assert result.stdout == f"{name} passed SQLite's full check: no damage found.\n"


READINGS = {
    "on or about 4 June 2018": ("2018-06-04", "On or about 4 June 2018", "approximately"),
    "05/06/2018": ("2018-06-05", "5 June 2018", "month first it would be 6 May"),
}
"""How the README says these are read (its Dates section), for the examples that use them."""


def check_dates_parse(run: Run, result: subprocess.CompletedProcess) -> None:
    printed = json_lines(result.stdout)
    assert [p["text"] for p in printed] == run.inputs  # one object per input, in order
    listed = keys_named(SAYS["dates parse"])
    assert listed and all(list(p) == listed for p in printed)  # the table says "in order"
    for p in printed:
        if p["text"] in READINGS:
            earliest, display, explained = READINGS[p["text"]]
            assert (p["earliest"], p["display"], p["error"]) == (earliest, display, None)
            assert explained in p["explanation"]


def check_export(run: Run, result: subprocess.CompletedProcess) -> None:
    title = run.args[run.args.index("--title") + 1] if "--title" in run.args else "CHRONOLOGY"
    with zipfile.ZipFile(run.files["docx"]) as word:
        assert title in word.read("word/document.xml").decode("utf-8")
    if "pdf" in run.files:
        assert run.files["pdf"].read_bytes().startswith(b"%PDF")
    if "--served" in run.args:
        label = run.args[run.args.index("--served") + 1]
        assert f"Kept the chronology as served: “{label}” (17 events)." in result.stdout
    if "--since" in run.args:  # tracked changes against it: none, so the cover says so
        with zipfile.ZipFile(run.files["docx"]) as word:
            body = word.read("word/document.xml").decode("utf-8")
        assert "CHANGES SINCE" in body and "<w:ins " not in body
    if "--preset" in run.args:  # the demo case has no claim number: the preset says so
        assert "Warning: The case has no claim number" in result.stdout
    if "csv" in run.files:
        heading = run.files["csv"].read_text(encoding="utf-8-sig").splitlines()[0]
        assert heading.startswith("No.,Date")
    if "json" in run.files:  # the whole case, privileged notes included, for import
        whole = json.loads(run.files["json"].read_text(encoding="utf-8"))
        with CaseStore.open(run.files["case"]) as case:
            events = case.events()
        assert [e["title"] for e in whole["events"]] == [e.title for e in events]
        assert {e["privileged_note"] for e in whole["events"]} == {
            e.privileged_note for e in events
        }
        empty = run.files["json"].with_name("empty.case")
        CaseStore.create(empty).close()
        back = start("main.py", ["import", str(empty), str(run.files["json"])])
        assert back.returncode == 0, back.stderr
        with CaseStore.open(empty) as imported:
            assert [e.title for e in imported.events()] == [e.title for e in events]


def check_repair(run: Run, result: subprocess.CompletedProcess) -> None:
    with CaseStore.open(run.files["case"]) as case, CaseStore.open(run.files["out"]) as clean:
        assert [e.title for e in clean.events()] == [e.title for e in case.events()]
    assert result.stdout.startswith("Copied 17 events")


MAGIC = {"png": b"\x89PNG", "svg": b"<", "pdf": b"%PDF"}


def check_render(run: Run, result: subprocess.CompletedProcess) -> None:
    [(kind, path)] = [(k, p) for k, p in run.files.items() if k in MAGIC]
    data = path.read_bytes()
    assert data.startswith(MAGIC[kind])
    if kind == "svg":
        assert "<svg" in data.decode("utf-8")
    if kind == "png" and "--width" in run.args:  # the PNG header holds width and height
        size = (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big"))
        asked = [int(run.args[run.args.index(option) + 1]) for option in ("--width", "--height")]
        assert list(size) == asked


def check_import(run: Run, result: subprocess.CompletedProcess) -> None:
    dry = "--dry-run" in run.args
    if "index" in run.files:  # a re-paginated bundle's index
        assert f"Read {run.files['index'].name} as a bundle index: 3 documents." in result.stdout
        assert "  Claim Form (Sopra Steria): A/1 → D/1, from page 1" in result.stdout
        assert "Not in the case: E/1 Expert report" in result.stdout
        with CaseStore.open(run.files["case"]) as case:
            places = {s.title: s.bundle_ref for s in case.sources()}
        assert (places["Claim Form (Sopra Steria)"] == "D/1") is not dry
        return
    assert ("Would add 1 event" if dry else "Added 1 event") in result.stdout
    assert re.search(r"row \d+: .*not a date", result.stdout)  # what was not added, and why
    with CaseStore.open(run.files["case"]) as case:
        assert ("Report sent" in {e.title for e in case.events()}) is not dry


def check_extract(run: Run, result: subprocess.CompletedProcess) -> None:
    printed = json_lines(result.stdout)
    listed = keys_named(SAYS["extract"])
    assert listed and all(set(p) == set(listed) for p in printed)
    assert [p["date_text"] for p in printed] == ["8 November 2018", "Two weeks ago"]
    for p in printed:
        assert TEXT_FILE[p["start"] : p["end"]] == p["date_text"]
    if "--ref-date" in run.args:
        assert printed[1]["earliest"] == "2020-01-31"  # two weeks before 14 February 2020


def check_server_init(run: Run, result: subprocess.CompletedProcess) -> None:
    assert result.stdout.rstrip().endswith(("is set up for cases.", "it is up to date."))
    assert "user=postgres" in result.stdout  # the address, as given, with no password


def check_cases(run: Run, result: subprocess.CompletedProcess) -> None:
    listed = [line.split("\t") for line in result.stdout.splitlines()]
    assert all(len(row) == 3 for row in listed)  # name, title, events
    assert [row[1:] for row in listed if row[0] == parse_case(run)] == [
        ["Sopra Steria v Interserve", "17"]
    ]


def parse_case(run: Run) -> str:
    from timeline_app.core.store.postgres.address import parse

    return parse(run.address).case


def check_publish(run: Run, result: subprocess.CompletedProcess) -> None:
    assert result.stdout.startswith(f"Published {run.files['case']} (17 events) to ")
    with CaseStore.open(run.files["case"]) as file, CaseStore.open(run.address) as online:
        assert online.events() == file.events()


def check_checkout(run: Run, result: subprocess.CompletedProcess) -> None:
    with CaseStore.open(run.address) as online, CaseStore.open(run.files["out"]) as copy:
        assert copy.events() == online.events()  # every field, id and stamp
        history = [(c.at, c.action, c.entity_id, c.field) for c in online.changes()]
        assert [(c.at, c.action, c.entity_id, c.field) for c in copy.changes()][
            -len(history) :
        ] == history


def check_server_grant(run: Run, result: subprocess.CompletedProcess) -> None:
    access = run.args[run.args.index("--as") + 1]
    with CaseStore.open(as_role(run.address)) as theirs:
        assert theirs.read_only == (access == "reader")
        # An owner reads privileged notes; others only when granted them.
        assert theirs.privileged == (access == "owner" or "--privileged" in run.args)
        assert theirs.count_events() == 17


def check_server_revoke(run: Run, result: subprocess.CompletedProcess) -> None:
    from timeline_app.core.errors import CaseFileError

    with pytest.raises(CaseFileError, match="has no rights"):
        CaseStore.open(as_role(run.address))


def check_compare(run: Run, result: subprocess.CompletedProcess) -> None:
    assert "16 agree, 1 differ, 0 only in ours, 1 only in theirs" in result.stdout
    if "json" in run.files:
        compared = json.loads(run.files["json"].read_text(encoding="utf-8"))
        assert list(compared) == ["agreed", "differ", "only_ours", "only_theirs"]
        assert set(compared) <= set(keys_named(SAYS["compare"]))
        assert compared["differ"][0]["fields"] == ["title"]
    if "docx" in run.files:
        with zipfile.ZipFile(run.files["docx"]) as word:
            assert "Their own event" in word.read("word/document.xml").decode("utf-8")


CHECKS: dict[str, Callable[[Run, subprocess.CompletedProcess], None]] = {
    "new": check_new,
    "demo": check_demo,
    "info": check_info,
    "check": check_check,
    "dates parse": check_dates_parse,
    "export": check_export,
    "render": check_render,
    "import": check_import,
    "extract": check_extract,
    "repair": check_repair,
    "compare": check_compare,
    "server init": check_server_init,
    "cases": check_cases,
    "publish": check_publish,
    "checkout": check_checkout,
    "server grant": check_server_grant,
    "server revoke": check_server_revoke,
}


# ---------------------------------------------------------------- the tests


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo case, written as the README says: ``python main.py demo PATH``."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.case"
    home = {**os.environ, "EVIDENCE_TIMELINE_HOME": str(folder / "app-home")}  # not the user's
    result = start("main.py", ["demo", str(path)], env=home)
    assert result.returncode == 0, result.stderr
    return path


def test_the_readme_shows_every_command_and_the_examples_are_found() -> None:
    subs = {e.sub for e in EXAMPLES}
    assert set(CHECKS) | GUI <= subs
    assert {"main.py", "-m timeline_app", "evidence-timeline"} <= {e.program for e in EXAMPLES}
    shown = [e.words for e in EXAMPLES if not e.synopsis]
    assert ("dates", "parse", "on or about 4 June 2018") in shown


def _ids(examples: list[Example]) -> Iterator[str]:
    for example in examples:
        yield f"{example.where}: {example.program} {' '.join(example.words)}".strip()


@pytest.mark.parametrize("example", EXAMPLES, ids=list(_ids(EXAMPLES)))
def test_readme_example_runs_and_prints_what_the_readme_says(
    example: Example, tmp_path: Path, demo: Path, request: pytest.FixtureRequest
) -> None:
    if example.words == (ANY,):
        # "python main.py …, python -m timeline_app … and evidence-timeline … are the same
        # program": each form answers --help as main.py does.
        result = start(example.program, ["--help"])
        assert result.returncode == 0, result.stderr
        assert result.stdout == start("main.py", ["--help"]).stdout
        return
    if example.sub in GUI:
        what = f"`{example.sub}`" if example.sub else "no sub-command"
        pytest.skip(f"{example.where}: {what} opens the window, which a test cannot look at")
    check = CHECKS.get(example.sub)
    if check is None:
        pytest.fail(f"{example.where}: tests/test_readme.py has no check for `{example.sub}`")
    server_url = request.getfixturevalue("postgres_ready") if example.sub in SERVER else ""
    for number, (label, words) in enumerate(forms(example)):
        folder = tmp_path / str(number)
        folder.mkdir()
        run = fill(example, words, folder, demo, server_url)
        result = start(example.program, run.args, run.stdin)
        assert result.returncode == 0, (label, run.args, result.stderr)
        assert "Traceback" not in result.stderr
        check(run, result)
