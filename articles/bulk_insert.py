"""Insert many new rows fast: COPY for the rows, one INSERT … SELECT for their history.

`bulk_create` sends every value as a literal in one huge statement, and
django-simple-history's bulk helper sends the long texts a second time for the
history rows. COPY streams the rows, and the history is copied from them inside
the database. No signals are sent, as with `bulk_create`.
"""

from django.db import connection
from django.utils import timezone


def quoted(names):
    return ", ".join(map(connection.ops.quote_name, names))


def copy_new(model, objects):
    """Insert unsaved objects with COPY and give them their ids.

    Generated columns are left to the database; auto fields get the values
    `pre_save` gives them, as in `Model.save()`.
    """
    if not objects:
        return objects
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.generated and not f.primary_key]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
        columns = [meta.pk.column, *(f.column for f in fields)]
        statement = (
            f"COPY {connection.ops.quote_name(meta.db_table)} ({quoted(columns)}) FROM STDIN"
        )
        with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
            for obj in objects:
                values = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                copy.write_row([obj.pk, *values])
    for obj in objects:
        obj._state.adding, obj._state.db = False, connection.alias
    return objects


def record_creation(model, objects, reason=""):
    """History rows ("+", created) for rows just inserted, copied from them in the database."""
    if not objects:
        return
    history = model.history.model
    tracked = [f.column for f in history._meta.concrete_fields if not f.name.startswith("history_")]
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(history._meta.db_table)} "
            f"({quoted(tracked)}, history_date, history_type, history_change_reason) "
            f"SELECT {quoted(tracked)}, %s, '+', %s FROM {table} "
            f"WHERE {connection.ops.quote_name(model._meta.pk.column)} = ANY(%s)",
            [timezone.now(), reason or None, [obj.pk for obj in objects]],
        )


def copy_rows(model, columns, rows):
    """COPY plain rows into the model's table (its id left to the database): for many
    small rows that no signal, history or Python object needs."""
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,  # psycopg's errors as Django's, like any query's
        cursor.cursor.copy(f"COPY {table} ({quoted(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
