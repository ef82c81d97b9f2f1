"""Querysets built and compiled by the ORM once per process, then run with new values at each call.

An uncached public page is read in a handful of queries (sections.tree). Building and compiling those
querysets costs more than the database takes to answer them: measured on the overview, 5.4 ms to read
the page tree through the ORM, 2.3 ms with the same SQL compiled once (in-process medians of 300 reads,
2 cores), against a target of 12 ms for the whole uncached page. The ORM still writes every query, so
each rule (``visible()``, ``public()``) stays in its one QuerySet method: it is compiled with marker values
in place of the arguments, and the real values take the markers' places in the parameters at each call.
Rows come back as model instances through ``Model.objects.raw()``, every column converted as the ORM does.
"""

import datetime
import functools
import itertools
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.utils import translation

_MARKER_INTEGERS = itertools.count(7_919_000_000_001)


def _marker_for(value):
    if isinstance(value, datetime.datetime):
        # A moment no schedule holds; each marker a microsecond apart.
        return datetime.datetime(1, 1, 1, 0, 0, 0, next(_MARKER_INTEGERS) % 999_983, tzinfo=datetime.UTC)
    if isinstance(value, (list, tuple)):
        return [_marker_for(item) for item in value]
    if isinstance(value, str):
        return f"\x00marker-{next(_MARKER_INTEGERS)}"
    if isinstance(value, int):
        return next(_MARKER_INTEGERS)
    raise TypeError(f"A compiled query takes moments, numbers, text and lists of them, not {type(value)}.")


def _flatten(values):
    for value in values:
        if isinstance(value, (list, tuple)):
            yield from value
        else:
            yield value


class CompiledQuery:
    """``CompiledQuery(lambda at, ids: Model.objects.…)``: call it with the values, get the rows.

    Compiled again for each new shape of the arguments (the length of each list), once per process.
    """

    def __init__(self, build, using="default"):
        self.build = build
        self.using = using
        self.compiled = {}

    def __call__(self, *values):
        compiled, params = self._prepared(values)
        return compiled.compiler.query.model.objects.raw(compiled.sql, params)

    def _prepared(self, values):
        shape = tuple(len(value) if isinstance(value, (list, tuple)) else type(value) for value in values)
        if shape not in self.compiled:
            self.compiled[shape] = self._compile(values)
        compiled = self.compiled[shape]
        adapted = [self._adapt(value) for value in _flatten(values)]
        params = [
            adapted[slot] if slot is not None else value
            for slot, value in zip(compiled.slots, compiled.params, strict=True)
        ]
        return compiled, params

    def _compile(self, values):
        markers = [_marker_for(value) for value in values]
        # One SQL for every language: django-modeltranslation writes an ordering or filter on a translated field
        # for the active language's column, so the query is always built in the default language. The rows carry
        # every language's columns (``only()`` lists gain them all), and the model's descriptors show the active
        # language's text when the page is drawn.
        with translation.override(settings.LANGUAGE_CODE):
            queryset = self.build(*markers)
            compiler = queryset.query.get_compiler(using=self.using)
            sql, params = compiler.as_sql()
        where = {self._adapt(marker): index for index, marker in enumerate(_flatten(markers))}
        slots = [where.get(param) if _hashable(param) else None for param in params]
        missing = set(where.values()) - set(slots)
        if missing:
            raise ValueError("A value given to the query does not appear among its parameters.")
        return _Compiled(queryset, compiler, sql, slots, list(params))

    def _adapt(self, value):
        ops = connections[self.using].ops
        if isinstance(value, datetime.datetime):
            return ops.adapt_datetimefield_value(value)
        return value


class CompiledRows(CompiledQuery):
    """The same for a ``values_list()`` queryset, unions included: call it with the values, get a list of tuples,
    each column converted by the compiler that wrote the SQL (dates and moments read back as on any ORM query).
    Columns named for a language (``title_ja``) are not rewritten, so such a query can serve any language."""

    def __call__(self, *values):
        compiled, params = self._prepared(values)
        with connections[self.using].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        compiler = compiled.compiler
        converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [tuple(row[index] for index in compiled.column_order) for row in rows]


@dataclass
class _Compiled:
    queryset: object
    compiler: object
    sql: str
    slots: list
    params: list

    @functools.cached_property
    def column_order(self):
        """Where each column asked of ``values_list()`` is in the SQL's rows: django-modeltranslation selects them
        in an order of its own, and puts them back in order as it reads them."""
        selected = [alias for _expression, _sql, alias in self.compiler.select]
        wanted = getattr(self.queryset, "original_fields", None) or self.queryset._fields or selected
        return [selected.index(name) for name in wanted]


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True
