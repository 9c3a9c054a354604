from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def seeds_dir():
    return Path(settings.SEEDS_DIR)


@pytest.fixture
def seed_text(seeds_dir):
    def read(prefix):
        (path,) = seeds_dir.glob(f"{prefix}_*.txt")
        return path.read_text(encoding="utf-8")

    return read


@pytest.fixture
def write_article(tmp_path):
    def write(name, text, encoding="utf-8"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding=encoding)
        return path

    return write
