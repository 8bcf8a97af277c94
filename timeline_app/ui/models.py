"""Qt table models over the case store."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from timeline_app.core.chronology import ChronologyRow, RowMaker
from timeline_app.core.errors import UserError
from timeline_app.core.model import Event
from timeline_app.core.services.chronology import row_maker
from timeline_app.core.store import CaseStore, EventFilter

_Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    """The chronology as a table, filled lazily from the store.

    The model holds only the ordered ids of the matching events; rows are read a page at a
    time when the view first asks for them, so a 100,000-event case shows at once.

    Signals:
        counts_changed(int, int): how many events are shown, and how many the case holds.
        unreadable(object): a page of rows could not be read (the UserError that says why);
            they show as placeholders until the window deals with it.
    """

    counts_changed = Signal(int, int)
    unreadable = Signal(object)

    COLUMNS = ("No.", "Date", "Event", "Parties", "References", "Category", "Status", "Key")
    COL_NO, COL_DATE, COL_EVENT, COL_PARTIES, COL_REFERENCES, COL_CATEGORY, COL_STATUS, COL_KEY = (
        range(8)
    )
    EventRole = Qt.ItemDataRole.UserRole + 1
    """The row's :class:`Event`."""

    _ORDERS: ClassVar[dict[int, str]] = {
        COL_EVENT: "title",
        COL_CATEGORY: "category",
        COL_STATUS: "status",
        COL_KEY: "key",
    }
    _PAGE = 200
    _PAGES_KEPT = 50

    def __init__(
        self, store: CaseStore, parent: object = None, *, first_rows: int | None = None
    ) -> None:
        """The case's events in court order.

        :param first_rows: read only this many rows' ids for now (a big case's first rows,
            shown at once; the rest come by :meth:`show_found`).
        """
        super().__init__(parent)
        self._store = store
        self._filter = EventFilter()
        self._order = ("chronology", Qt.SortOrder.AscendingOrder)
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[tuple[Event, ChronologyRow]]] = OrderedDict()
        self._maker: RowMaker | None = None
        self._colours: dict[int | None, str] = {}
        self.total = 0
        self.partial = False
        """Only the first rows are read yet (the rest are on their way)."""
        self._changed_here = False  # rows re-read after a change made here, ids not yet
        self.refresh(first_rows)

    # ------------------------------------------------------------------ what is shown

    @property
    def event_filter(self) -> EventFilter:
        """The filter in force."""
        return self._filter

    def set_filter(self, event_filter: EventFilter) -> None:
        """Show only the events that match."""
        self._filter = event_filter
        self.refresh()

    @property
    def ordering(self) -> tuple[str, bool]:
        """How rows are ordered: one of the store's orders, and whether it is reversed."""
        order, direction = self._order
        return order, direction == Qt.SortOrder.DescendingOrder

    def refresh(self, first_rows: int | None = None) -> None:
        """Read the ids (and the names rows refer to) again, after any change to the case.

        :param first_rows: only this many, for now.
        """
        # Read everything first: if the file fails us, the model is left as it was.
        maker = row_maker(self._store)
        colours = {c.id: c.colour for c in self._store.categories()}
        order, reversed_ = self.ordering
        first_rows = None if reversed_ else first_rows  # the first of a reversed order: all
        ids = self._store.event_ids(self._filter, order_by=order, limit=first_rows)
        if reversed_:
            ids.reverse()
        total = self._store.count_events()
        self._show(maker, colours, ids, total, partial=first_rows is not None and len(ids) < total)

    def reread_rows(self) -> None:
        """Read the rows shown again, keeping their ids until :meth:`show_found` brings new ones.

        After a change to a big case whose ids are read again beside the window: what was
        edited shows at once, and what was deleted says so.
        """
        self._maker = row_maker(self._store)
        self._colours = {c.id: c.colour for c in self._store.categories()}
        self._pages.clear()
        self._changed_here = True
        if self._ids:
            last = self.index(len(self._ids) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def show_found(self, event_filter: EventFilter, ids: list[int], total: int) -> None:
        """Show ids a search read on a thread of its own: ``event_filter``'s, of ``total``.

        They are in this model's order (:attr:`ordering`).
        """
        maker = row_maker(self._store)
        colours = {c.id: c.colour for c in self._store.categories()}
        self._filter = event_filter
        self._show(maker, colours, ids, total)

    def _show(
        self,
        maker: RowMaker,
        colours: dict[int | None, str],
        ids: list[int],
        total: int,
        *,
        partial: bool = False,
    ) -> None:
        self.beginResetModel()
        self._maker, self._colours = maker, colours
        self._ids, self.total, self.partial = ids, total, partial
        self._changed_here = False
        self._pages.clear()
        self.endResetModel()
        self.counts_changed.emit(len(self._ids), self.total)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by a column; Date, No., Parties and References keep the court order."""
        ordered = (self._ORDERS.get(column, "chronology"), order)
        if ordered != self._order:  # a case opens in the court order: not read twice
            self._order = ordered
            self.refresh()

    def event_at(self, row: int) -> Event:
        """The event shown in ``row``."""
        return self._page_entry(row)[0]

    def chronology_row(self, row: int) -> ChronologyRow:
        """What ``row`` shows, as the chronology renders it everywhere."""
        return self._page_entry(row)[1]

    def _page_entry(self, row: int) -> tuple[Event, ChronologyRow]:
        page, offset = divmod(row, self._PAGE)
        entries = self._pages.get(page)
        if entries is None:
            entries = self._pages[page] = self._read_page(page)
            if len(self._pages) > self._PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return entries[offset]

    def _read_page(self, page: int) -> list[tuple[Event, ChronologyRow]]:
        start = page * self._PAGE
        ids = self._ids[start : start + self._PAGE]
        unreadable = False
        try:
            found = {e.id: e for e in self._store.events_by_id(ids)}
            if self._in_court_order():
                numbers = {event_id: start + index + 1 for index, event_id in enumerate(ids)}
            else:  # numbers are the whole chronology's, whatever is filtered or sorted
                numbers = self._store.event_numbers(ids)
        except UserError as error:  # damaged since it was opened: never an error inside Qt
            self.unreadable.emit(error)
            found, numbers, unreadable = {}, {}, True
        # An event deleted since the ids were read shows until they are read again.
        gone = "(deleted)" if self._changed_here else "(deleted in another window)"
        missing = "(cannot be read)" if unreadable else gone
        assert self._maker is not None
        entries = []
        for event_id in ids:
            event = found.get(event_id) or Event(missing, id=event_id)
            entries.append((event, self._maker.row(event, numbers.get(event_id, 0))))
        return entries

    def number_of(self, event_id: int) -> int | None:
        """The event's number in the whole chronology (court order, no filter), from 1.

        Numbers do not change when the table is filtered or sorted, so they can be cited.
        """
        row = self.row_of(event_id)
        if row is not None:
            return self.chronology_row(row).number or None
        return self._store.number_of(event_id)

    def _in_court_order(self) -> bool:
        return (
            self._order == ("chronology", Qt.SortOrder.AscendingOrder)
            and self._filter == EventFilter()
        )

    def id_at(self, row: int) -> int:
        """The id of the event in ``row``."""
        return self._ids[row]

    def event_ids(self) -> list[int]:
        """The ids shown, in order."""
        return list(self._ids)

    def row_of(self, event_id: int) -> int | None:
        """The row showing ``event_id``, or None if it is filtered out or gone.

        A scan of the ids, not a lookup table: a table of a million rows would cost the
        window a second and 70 MB each time the rows change.
        """
        try:
            return self._ids.index(event_id)
        except ValueError:
            return None

    def rows_of(self, event_ids: Collection[int]) -> list[int]:
        """The rows showing any of these events, in order (one pass over the rows)."""
        wanted = set(event_ids)
        if len(wanted) <= 4:  # a few: each found by the list's own scan, not a loop here
            return sorted(row for row in map(self.row_of, wanted) if row is not None)
        return [row for row, i in enumerate(self._ids) if i in wanted]

    # ------------------------------------------------------------------ Qt's model interface

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), column)
        event = self.event_at(index.row())
        if role == self.EventRole:
            return event
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row())
        if role == Qt.ItemDataRole.FontRole and event.key:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_CATEGORY:
            colour = self._colours.get(event.category_id)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.COL_NO, self.COL_KEY):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: int, column: int) -> str:
        shown = self.chronology_row(row)
        if column == self.COL_NO:
            return str(shown.number or "")
        if column == self.COL_DATE:
            return shown.when
        if column == self.COL_EVENT:
            return shown.title
        if column == self.COL_PARTIES:
            return shown.parties_text
        if column == self.COL_REFERENCES:
            return shown.references_text
        if column == self.COL_CATEGORY:
            return shown.category
        if column == self.COL_STATUS:
            return shown.status.label
        return "★" if shown.key else ""

    def _tooltip(self, row: int) -> str:
        shown = self.chronology_row(row)
        lines = [f"{shown.when} — {shown.title}"]
        if shown.description:
            description = shown.description
            lines.append(description if len(description) < 400 else description[:400] + "…")
        lines.extend(f"{side}: {text}" for side, text in shown.versions.items())
        return "\n".join(lines)
