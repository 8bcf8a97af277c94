"""A peer's own tests: dateparser's English test cases, read by our engine with their settings.

    python -m benchmarks.bench_dateparser_cases --tests DIR

DIR is the tests/ folder of a dateparser checkout (``git archive HEAD tests | tar -x``); this
repository keeps none of it. The cases are taken, at run time, from the parameterised tests of
test_date_parser.py, test_freshness_date_parser.py and test_search.py, read as Python syntax
(nothing of theirs is imported or run):

- a case is English when its test names English ("en", a "# English" section), or when it
  names no language, sits in no other language's section, and dateparser's own English
  locale can read all of its words;
- the reference is their RELATIVE_BASE (or the "now" their freshness tests fix), as a
  moment when it has a time of day and they set no zone, else as a day; a
  numeric date is read month first unless they set DATE_ORDER (their English default is
  month first); cases whose settings have no counterpart here (a preference for future
  dates, strict parsing, required parts, a choice of parsers) are counted and left out;
- their answer is one moment; ours is right when its window holds that moment (to the
  minute when ours has a time, else to the day), a wrong day when it does not, and a
  refusal when we raise DateError. Their "not a date" cases are right when refused. A time
  written with a zone is compared as an instant: ours is UK time, theirs the zone their
  settings convert to.

It prints the share read right, every wrong day, and the refusals by family.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import re
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateparser.conf import settings as dateparser_settings
from dateparser.languages.loader import default_loader
from dateutil.relativedelta import relativedelta

from timeline_app.core import dates

FILES = ("test_date_parser.py", "test_freshness_date_parser.py", "test_search.py")
UNMAPPED = {"STRICT_PARSING", "REQUIRE_PARTS", "PARSERS", "PREFER_LOCALE_DATE_ORDER"}
"""Settings with no counterpart in our engine: their cases are left out, and counted."""
NEUTRAL_SECTIONS = {"Numeric", "Miscellaneous"}


@dataclass
class Case:
    """One of their cases: the words, their answer (None: not a date) and their settings."""

    where: str
    text: str
    expected: dt.datetime | None
    settings: dict[str, Any] = field(default_factory=dict)
    now: dt.datetime | None = None


class UnsupportedError(Exception):
    """An expression in their tests this reader does not evaluate."""


_CALLABLES = {"datetime": dt.datetime, "date": dt.date, "time": dt.time, "timedelta": dt.timedelta}


def evaluate(node: ast.AST, names: dict[str, Any]) -> Any:
    """The value of a literal-like expression of their tests: constants, containers,
    datetime/date/time/timedelta calls, arithmetic and str.format."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [evaluate(e, names) for e in node.elts]
        return items if isinstance(node, ast.List) else tuple(items)
    if isinstance(node, ast.Dict):
        result: dict[Any, Any] = {}
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:  # {**test_settings}
                result.update(evaluate(value, names))
            else:
                result[evaluate(key, names)] = evaluate(value, names)
        return result
    if isinstance(node, ast.Name):
        if node.id in names:
            return names[node.id]
        if node.id in _CALLABLES:
            return _CALLABLES[node.id]
        raise UnsupportedError(node.id)
    if isinstance(node, ast.Attribute):
        if (
            node.attr in _CALLABLES
            and isinstance(node.value, ast.Name)
            and node.value.id == "datetime"
        ):
            return _CALLABLES[node.attr]
        raise UnsupportedError(node.attr)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -evaluate(node.operand, names)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult)):
        left, right = evaluate(node.left, names), evaluate(node.right, names)
        if isinstance(node.op, ast.Add):
            return left + right
        return left - right if isinstance(node.op, ast.Sub) else left * right
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            template = evaluate(node.func.value, names)
            if isinstance(template, str):
                return template.format(*(evaluate(a, names) for a in node.args))
        function = evaluate(node.func, names)
        if function in _CALLABLES.values():
            args = [evaluate(a, names) for a in node.args]
            kwargs = {k.arg: evaluate(k.value, names) for k in node.keywords if k.arg}
            return function(*args, **kwargs)
    raise UnsupportedError(ast.dump(node)[:40])


def _sections(source: str) -> dict[int, str]:
    """Line number -> the language section label of the comment above it ("English", "fr")."""
    labels: dict[int, str] = {}
    current = ""
    for number, line in enumerate(source.splitlines(), start=1):
        label = re.match(
            r"^\s*# ([A-Z][a-z]+)(?: dates)?\s*$|^\s*# ([a-z]{2,3}(?:-[A-Za-z]+)?)\s*$", line
        )
        if label:
            current = label[1] or label[2]
        elif re.match(r"^\s*(?:def |@parameterized)", line):
            current = ""
        labels[number] = current
    return labels


def _expanded(function: ast.FunctionDef) -> list[ast.Call]:
    for decorator in function.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "expand"
            and decorator.args
            and isinstance(decorator.args[0], ast.List)
        ):
            return [e for e in decorator.args[0].elts if isinstance(e, ast.Call)]
    return []


def _given(function: ast.FunctionDef, names: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """The settings and languages the test body gives its parser."""
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("given_parser", "given_configurations")
        ):
            keywords = {k.arg: k.value for k in node.keywords}
            settings = evaluate(keywords["settings"], names) if "settings" in keywords else {}
            languages = evaluate(keywords["languages"], names) if "languages" in keywords else None
            return settings or {}, languages
    return {}, None


def _now(tree: ast.Module) -> dt.datetime | None:
    """The "now" a test class fixes in setUp (self.now = datetime(…))."""
    for node in ast.walk(tree):
        target = node.targets[0] if isinstance(node, ast.Assign) else None
        if isinstance(target, ast.Attribute) and target.attr == "now":
            try:
                return evaluate(node.value, {})
            except UnsupportedError:
                return None
    return None


_ENGLISH = default_loader.get_locale("en")


def _is_english(text: str, language: Any, section: str) -> bool:
    if isinstance(language, str):
        return language == "en"
    if isinstance(language, list):
        return language == ["en"]
    if section and section not in NEUTRAL_SECTIONS:
        return section in ("English", "en")
    return bool(text) and _ENGLISH.is_applicable(
        text, strip_timezone=True, settings=dateparser_settings
    )


def extract(folder: Path) -> tuple[list[Case], Counter[str]]:
    """Their English cases, and how many cases were left out and why."""
    cases: list[Case] = []
    left_out: Counter[str] = Counter()
    for name in FILES:
        source = (folder / name).read_text(encoding="utf-8")
        tree = ast.parse(source)
        sections = _sections(source)
        now = _now(tree)
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            arguments = [a.arg for a in function.args.args[1:]]
            defaults = dict.fromkeys(arguments[len(arguments) - len(function.args.defaults) :])
            for call in _expanded(function):
                try:
                    names = dict(defaults)
                    names.update(zip(arguments, (evaluate(a, {}) for a in call.args), strict=False))
                    names.update({k.arg: evaluate(k.value, {}) for k in call.keywords if k.arg})
                    settings, languages = _given(function, names)
                except (UnsupportedError, TypeError, ValueError):
                    left_out["not read by this script"] += 1
                    continue
                settings = names.get("settings") or settings
                language = (
                    names.get("shortname")
                    or names.get("language")
                    or names.get("languages")
                    or names.get("locales")
                    or languages
                )
                where = f"{name}:{call.lineno} {function.name}"
                for text, expected in _answers(function.name, names, settings, now):
                    if not _is_english(text, language, sections.get(call.lineno, "")):
                        continue
                    unmapped = sorted(set(settings) & UNMAPPED)
                    if settings.get("PREFER_DATES_FROM") == "future":
                        unmapped.append("PREFER_DATES_FROM=future")
                    if str(settings.get("DATE_ORDER", "MDY")).upper() not in ("DMY", "MDY"):
                        unmapped.append(f"DATE_ORDER={settings['DATE_ORDER']}")
                    if unmapped:
                        left_out[f"setting {', '.join(unmapped)}"] += 1
                        continue
                    cases.append(Case(where, text, expected, settings, now))
    return cases, left_out


def _answers(method: str, names: dict[str, Any], settings: dict[str, Any], now: dt.datetime | None):
    """(words, their answer) pairs of one parameterised case."""
    base = settings.get("RELATIVE_BASE") or now
    text = names.get("date_string") or names.get("datetime_string")
    if "string" in names and "expected" in names:  # search_dates: the dates found in a text
        found = names["expected"]
        if found is None:
            yield names["string"], None
        elif isinstance(found, list):
            for words, moment in found:
                if isinstance(moment, dt.datetime):
                    yield words, moment
        return
    if not isinstance(text, str):
        return
    if "ago" in names and base:
        yield text, base - relativedelta(**names["ago"])
    elif "in_future" in names and base:
        yield text, base + relativedelta(**names["in_future"])
    elif isinstance(names.get("date"), dt.date) and isinstance(names.get("time"), dt.time):
        yield text, dt.datetime.combine(names["date"], names["time"])
    elif isinstance(names.get("expected"), dt.datetime):
        yield text, names["expected"]
    elif isinstance(names.get("expected"), dt.date):
        yield text, dt.datetime.combine(names["expected"], dt.time())
    elif re.search(r"not_parsed|insane|not_supported|should_not|invalid", method):
        yield text, None


FAMILIES = [
    ("timestamp", r"^\d{9,}$"),
    (
        "relative",
        r"\b(?:ago|in \d|in an?|from now|yesterday|today|tomorrow|last|next|this|now|hence)\b",
    ),
    ("duration", r"^[+-]?\d+(?:[.,]\d+)? ?[a-z]+\b(?:,? (?:and )?[+-]?\d+ ?[a-z]+)*$"),
    ("zone", r"\b(?:utc|gmt|[a-z]{2,3}[sd]t|[+-]\d{2}:?\d{2})\b"),
    ("weekday", r"\b(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day)?\b"),
    ("time", r"\d:\d\d|\d\s*[ap]\.?m\b|noon|midnight"),
    ("written", r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"),
    ("numeric", r"^[\d\s/.\-,:]+$"),
]


def family(text: str) -> str:
    lowered = text.lower()
    return next((name for name, pattern in FAMILIES if re.search(pattern, lowered)), "other")


_OFFSETS = {"utc": 0, "gmt": 0, "edt": -240, "est": -300, "cdt": -300, "cst": -360}
_OFFSETS.update({"pdt": -420, "pst": -480, "aedt": 660, "aest": 600, "bst": 60, "cet": 60})


def _zone(name: str | None) -> dt.tzinfo | None:
    """A zone their settings name: "UTC", "EDT", "-04:00", "Asia/Karachi"."""
    if not name:
        return None
    lowered = name.lower()
    if lowered in ("utc", "etc/utc", "z", "gmt", "etc/gmt"):
        return dt.UTC
    if lowered in _OFFSETS:
        return dt.timezone(dt.timedelta(minutes=_OFFSETS[lowered]))
    offset = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", name)
    if offset:
        minutes = int(offset[2]) * 60 + int(offset[3])
        return dt.timezone(dt.timedelta(minutes=-minutes if offset[1] == "-" else minutes))
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


_UK = zoneinfo.ZoneInfo("Europe/London")
_AS_WRITTEN = re.compile(r"(\d{2}):(\d{2}) \S+ was read as \d{2}:\d{2} UK time( on (.+?))?\.")


def _moments(case: Case, found: dates.Interpretation) -> tuple[Any, Any, dt.datetime]:
    """Our window's ends and their answer, in one frame.

    Ours: a time written with a zone is UK time (the warning keeps the time as written);
    any other time is as written, in the zone their settings say the text is in. Theirs: in
    the zone their settings convert to, else in the zone the text was written in.
    """
    low, high, expected = found.date.earliest, found.date.latest, case.expected
    assert expected is not None
    source = _zone(case.settings.get("TIMEZONE"))
    target = _zone(case.settings.get("TO_TIMEZONE")) or source
    written = _AS_WRITTEN.search(found.warning or "")
    timed = isinstance(low, dt.datetime) and low == high
    if expected.tzinfo is not None:
        expected = expected.astimezone(target or dt.UTC).replace(tzinfo=None)
    if timed and written and target is None:  # theirs is the time as written, in its zone
        moment = low.replace(hour=int(written[1]), minute=int(written[2]))
        if written[3]:  # the zone moved the day
            moment = moment + dt.timedelta(days=-1 if low.hour < 12 else 1)
        return moment, moment, expected
    if timed and target is not None:
        zone = _UK if written else (source or target)
        low = high = low.replace(tzinfo=zone).astimezone(target).replace(tzinfo=None)
    return low, high, expected


def _reference(case: Case, base: dt.datetime) -> dt.date:
    """Their reference as ours: the moment when it has a time of day, else the day.

    Midnight is their way of giving a day. With a zone setting their reference is in a frame
    this script does not map, so only its day is given.
    """
    zoned = {"TIMEZONE", "TO_TIMEZONE"} & set(case.settings)
    return base.date() if zoned or base.time() == dt.time() else base


def judge(case: Case) -> tuple[str, str]:
    """One of: right, wrong day, wrong time, past reading, read a non-date, refused.

    A past reading is a day, month or weekday without a year, or a time without a day, read
    as the most recent one (issue 14's rule for a past narrative) where their default reads
    the current period.
    """
    ref = case.settings.get("RELATIVE_BASE") or case.now or dt.datetime(2012, 11, 13)
    order = "dmy" if str(case.settings.get("DATE_ORDER", "MDY")).upper() == "DMY" else "mdy"
    try:
        found = dates.interpret(case.text, ref_date=_reference(case, ref), order=order)
    except dates.DateError as error:
        return ("right" if case.expected is None else "refused"), str(error)
    if case.expected is None:
        return "read a non-date", dates.format(found.date)
    if found.date.is_undated:
        return "refused", "undated"
    low, high, expected = _moments(case, found)
    shown = f"{dates.format(found.date)} ({found.explanation})"
    day = expected.date()
    first = low.date() if isinstance(low, dt.datetime) else low
    last = high.date() if isinstance(high, dt.datetime) else high
    if (first is not None and day < first) or (last is not None and day > last):
        if (
            case.settings.get("PREFER_DATES_FROM", "current_period") == "current_period"
            and (found.missing or "before the reference date" in found.explanation)
            and last is not None
            and last < day
        ):
            return "past reading", shown
        return "wrong day", shown
    if isinstance(low, dt.datetime) and isinstance(high, dt.datetime):
        minute = expected.replace(second=0, microsecond=0)
        if not low <= minute <= high:
            return "wrong time", shown
    return "right", shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tests", type=Path, required=True, metavar="DIR", help="dateparser's tests/ folder"
    )
    parser.add_argument("--show", choices=["wrong", "refused", "all"], help="list these cases")
    args = parser.parse_args()
    cases, left_out = extract(args.tests)
    verdicts = [(case, *judge(case)) for case in cases]
    counts = Counter(verdict for _, verdict, _ in verdicts)
    total = len(cases)
    print(f"dateparser's English cases from {args.tests}: {total}")
    for verdict in (
        "right",
        "wrong day",
        "wrong time",
        "past reading",
        "read a non-date",
        "refused",
    ):
        print(f"  {verdict:<16}{counts[verdict]:>5}  {counts[verdict] / max(total, 1):.1%}")
    print("left out:", ", ".join(f"{reason} {n}" for reason, n in left_out.most_common()) or "none")
    refusals = Counter(family(case.text) for case, verdict, _ in verdicts if verdict == "refused")
    print("refused, by family:", ", ".join(f"{name} {n}" for name, n in refusals.most_common()))
    for case, verdict, detail in verdicts:
        if verdict in ("wrong day", "wrong time", "past reading", "read a non-date"):
            print(
                f"  {verdict}: {case.text!r} theirs {case.expected} ours {detail}  [{case.where}]"
            )
    if args.show:
        wanted = {
            "wrong": ("wrong day", "wrong time", "read a non-date"),
            "refused": ("refused",),
        }.get(args.show)
        for case, verdict, detail in verdicts:
            if wanted is None or verdict in wanted:
                print(f"{verdict:<16} {case.text!r:<45} theirs {case.expected}  {detail[:110]}")


if __name__ == "__main__":
    main()
