"""A throwaway database beside the configured one, so benchmarks never touch real data."""

import os
from contextlib import contextmanager


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readingroom.settings.dev")
    import django

    django.setup()


@contextmanager
def throwaway_database(name):
    """Create and migrate database `name`, use it inside the block, then drop it."""
    from django.db import connection

    real_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield connection.settings_dict["NAME"]
    finally:
        connection.creation.destroy_test_db(real_name, verbosity=0)
