import pytest
from django.core.exceptions import ImproperlyConfigured

from readingroom.embedded_db import start_embedded_server


def test_a_server_that_cannot_start_says_why_and_what_to_do(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder's parent should be")
    with pytest.raises(ImproperlyConfigured) as error:
        start_embedded_server(blocker / "postgres")
    message = str(error.value)
    assert "could not start" in message
    assert "DATABASE_URL" in message
