"""SQL for the hottest reads, put together from the ORM's own pieces.

A public page is read in a handful of queries (sections.tree). Through the ORM, building and compiling
those querysets and turning rows into objects cost more than three times what the database takes to
answer them, and an uncached page pays it on every request. The page tree is therefore read with
``Model.objects.raw()``: rows still become model instances with every field converted as the ORM
does, values are always passed as query parameters, and table and column names come from the models.

The visibility rule is not written twice: :func:`public_condition` is the SQL the ORM itself compiles
for ``Model.objects.public(at)``, compiled once per process and model with a marker moment in place of
``at`` and given the real moment at each call. tests/embassy/test_sql.py checks that both select the
same rows at every boundary of a schedule.
"""

import datetime
from functools import cache

from django.db import connections

# A moment no schedule holds: where its adapted value appears among the compiled parameters, ``at`` goes.
_MARKER = datetime.datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=datetime.UTC)


def public_condition(model, at, using="default"):
    """``(sql, params)``: the WHERE condition of ``model.objects.public(at)``, for a query on the model's table."""
    sql, params = _public_condition_template(model, using)
    marker = _adapted_moment(_MARKER, using)
    moment = _adapted_moment(at, using)
    return sql, [moment if param == marker else param for param in params]


def and_public(model, at, using="default"):
    """``(" AND <public condition>", params)``, or ``("", [])`` when ``at`` is None (previews keep drafts)."""
    if at is None:
        return "", []
    condition, params = public_condition(model, at, using)
    return f" AND {condition}", params


@cache
def _public_condition_template(model, using):
    query = model.objects.public(_MARKER).query
    return query.get_compiler(using=using).compile(query.where)


def _adapted_moment(moment, using):
    return connections[using].ops.adapt_datetimefield_value(moment)


def table(model, using="default"):
    return connections[using].ops.quote_name(model._meta.db_table)


def column(model, name, using="default"):
    """The quoted column of field ``name`` (or "pk"), qualified by its table."""
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    return f"{table(model, using)}.{connections[using].ops.quote_name(field.column)}"


def order_by(model, fields=None, using="default"):
    """An ORDER BY list for ``fields`` ("-name" for descending), by default the model's own ``Meta.ordering``."""
    terms = []
    for name in fields or model._meta.ordering:
        descending = name.startswith("-")
        terms.append(column(model, name.removeprefix("-"), using) + (" DESC" if descending else ""))
    return ", ".join(terms)


def placeholders(values):
    """``%s, %s, …`` for an IN list of ``values`` (passed as parameters, never written into the SQL)."""
    return ", ".join(["%s"] * len(values))
