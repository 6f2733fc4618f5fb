"""Fast inserts for large generated data (scale data, the GPA table): plain rows, no model instances.

Django's `bulk_create` builds a model instance per row and prepares each value through the field — fine for
thousands of rows, slow for millions. Here each column gets one converter and rows go to `executemany`.
Missing columns take the field's default; ids are allocated when asked, and PostgreSQL's sequence is reset.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

CHUNK = 5000


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    """How a column's Python value becomes a database parameter; None when it goes as is."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return lambda v: ops.adapt_datetimefield_value(v)
    if isinstance(field, models.DateField):
        return lambda v: ops.adapt_datefield_value(v)
    if isinstance(field, models.TimeField):
        return lambda v: ops.adapt_timefield_value(v)
    if isinstance(field, models.DecimalField):
        digits, places = field.max_digits, field.decimal_places
        return lambda v: ops.adapt_decimalfield_value(v, digits, places)
    if isinstance(field, models.JSONField):
        if connection.vendor == "postgresql":
            # COPY takes jsonb as text.
            return lambda v: "{}" if v == {} else json.dumps(v, cls=field.encoder)
        return lambda v: field.get_db_prep_save(v, connection)
    return None


def _default(field: models.Field, now: Any) -> Any:
    if isinstance(field, models.DateField) and (
        getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ):
        return now
    return field.get_default()


def fast_insert(model: type[models.Model], rows: Iterable[dict[str, Any]], *, ids: bool = False) -> list[int]:
    """Insert `rows` (dicts keyed by column attname). Returns the ids given to the rows when `ids`."""
    rows = list(rows)
    if not rows:
        return []
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    given = set(rows[0])
    columns = [f for f in fields if f.attname in given]
    defaults = [(f, _default(f, now)) for f in fields if f.attname not in given]
    converters = [_converter(f) for f in columns]
    # Defaults are the same for every row: converted once.
    default_values = [value if (c := _converter(f)) is None else c(value) for f, value in defaults]
    names = [str(f.column) for f in columns] + [str(f.column) for f, _ in defaults]
    start = 0
    if ids:
        start = (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
        names = [str(model._meta.pk.column), *names]
    quote = connection.ops.quote_name
    # Table and column names come from the model's own metadata, quoted; values go as parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table), ", ".join(quote(n) for n in names), ", ".join(["%s"] * len(names))
    )

    plan = [(f.attname, c) for f, c in zip(columns, converters, strict=True)]

    def values() -> Iterator[tuple[Any, ...]]:
        for index, row in enumerate(rows):
            converted = [row[name] if c is None else c(row[name]) for name, c in plan]
            converted += default_values
            yield (start + index, *converted) if ids else tuple(converted)

    stream = values()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: the fastest way into PostgreSQL; psycopg adapts each Python value.
            copy_sql = "COPY {} ({}) FROM STDIN".format(quote(model._meta.db_table), ", ".join(quote(n) for n in names))
            with cursor.cursor.copy(copy_sql) as copy:
                for row in stream:
                    copy.write_row(row)
        else:
            while chunk := list(islice(stream, CHUNK)):
                cursor.executemany(sql, chunk)
        if ids and connection.vendor == "postgresql":
            for statement in connection.ops.sequence_reset_sql(no_style(), [model]):
                cursor.execute(statement)
    return list(range(start, start + len(rows))) if ids else []
