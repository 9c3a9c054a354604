import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core import serializers


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


@pytest.fixture(scope="session", autouse=True)
def migrated_rows(request, django_db_setup, django_db_blocker):
    """The rows data migrations created (events, the Editors group), as JSON, taken before any
    test empties the tables: transactional tests flush every table when they end, and
    put these back with `restore_migrated_rows`. None when no test collected uses the
    database: pytest-django then sets none up (running one file of pure unit tests)."""
    from django.contrib.auth.models import Group
    from pytest_django.fixtures import _get_databases_for_setup

    from articles.models import Event

    if not _get_databases_for_setup(request.session.items)[0]:
        return None
    with django_db_blocker.unblock():
        rows = [*Event.objects.all(), *Group.objects.all()]
        return serializers.serialize("json", rows, use_natural_foreign_keys=True)


def seeds_by_number():
    """The imported seed articles, keyed by their file's number (000 … 004)."""
    from articles.models import Article

    return {article.source_name[:3]: article for article in Article.objects.all()}


def restore_migrated_rows(rows):
    for row in serializers.deserialize("json", rows):
        row.save()


@pytest.fixture
def committed_seeds(transactional_db, migrated_rows, seeds_dir):
    """The seeds imported and committed, for tests that need real commits (other connections,
    on-commit hooks, servers in other processes)."""
    from articles.importing import import_paths

    restore_migrated_rows(migrated_rows)
    import_paths([seeds_dir])
    return seeds_by_number()


@pytest.fixture
def seeds(db, seeds_dir):
    """The five seed articles, imported; keyed by their number (000 … 004)."""
    from articles.importing import import_paths

    import_paths([seeds_dir])
    return seeds_by_number()


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("edith", password="a-long-editor-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(params=[5, 50], ids=["5 articles", "50 articles"])
def corpus(request, db, seeds_dir, tmp_path):
    """The seeds plus synthetic articles, 5 or 50 in all, and seed 004 with two notes
    (one whose passage was lost): for asserting that query counts do not grow with data."""
    from articles.importing import import_paths
    from articles.models import Annotation, Article, Clip, Event
    from tests.benchmarks.synthetic import write_corpus

    write_corpus(tmp_path, request.param - 5)
    import_paths([seeds_dir, tmp_path])
    assert Article.objects.count() == request.param
    article = Article.objects.get(source_name__startswith="004_")
    for paragraph, lost in ((3, False), (5, True)):
        Annotation.objects.create(
            article=article,
            paragraph=paragraph,
            quote="soldier",
            body="A *note*.",
            anchor_lost=lost,
        )
    for event in Event.objects.all():
        clip = Clip.objects.create(
            event=event, slug=f"{event.slug}-clip", title="The clip", description="What it shows."
        )
        for day in (2, 3):
            clip.postings.create(platform="Telegram", posted_on=f"2022-03-0{day}")
    article.clips.add(*Clip.objects.all())
    return article


@pytest.fixture(autouse=True)
def fresh_page_cache(settings):
    """Each test has a cache of its own (a new key prefix): pages cached by an earlier test,
    whose data was rolled back, are never served to it, fresh or stale."""
    cache = settings.CACHES["default"]
    prefix = f"{cache.get('KEY_PREFIX', '')}-{uuid.uuid4().hex}"
    settings.CACHES = {**settings.CACHES, "default": {**cache, "KEY_PREFIX": prefix}}


@pytest.fixture(autouse=True)
def no_remembered_database_outage(monkeypatch):
    """An outage an earlier test caused must not make this one's readers get stored pages."""
    from readingroom import pagecache

    monkeypatch.setattr(pagecache, "database_outage", pagecache.DatabaseOutage())
