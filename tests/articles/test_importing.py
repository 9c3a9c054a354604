import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.test import override_settings

from articles.importing import Importer, import_paths
from articles.models import Article, Event, Outlet, Placement

pytestmark = pytest.mark.django_db

ARTICLE = "A headline\n\nThe first paragraph of the body.\n\nThe second paragraph.\n"


def run_command(*args):
    """Run import_articles; return (exit code, stdout lines, stderr lines)."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue().splitlines(), err.getvalue().splitlines()


def test_importing_the_seeds_twice_creates_then_changes_nothing(seeds_dir):
    code, out, _ = run_command(seeds_dir)
    assert (code, out[-1]) == (0, "5 created, 0 updated, 0 unchanged, 0 failed")
    before = list(Article.objects.order_by("pk").values())

    code, out, _ = run_command(seeds_dir)
    assert (code, out[-1]) == (0, "0 created, 0 updated, 5 unchanged, 0 failed")
    assert list(Article.objects.order_by("pk").values()) == before


def test_seed_metadata(seeds_dir):
    import_paths([seeds_dir])
    tweet_article = Article.objects.get(source_name__startswith="002_")
    assert tweet_article.published_on == datetime.date(2022, 3, 3)
    assert tweet_article.date_source == Article.ValueSource.TEXT
    assert tweet_article.date_evidence == "March 3, 2022"
    plug_article = Article.objects.get(source_name__startswith="004_")
    assert plug_article.outlet.name == "Political Tribune"
    blog = Article.objects.get(source_name__startswith="003_")
    assert blog.outlet is None and blog.published_on is None
    assert blog.word_count > 900 and blog.reading_minutes == 5
    assert blog.raw_text == (seeds_dir / blog.source_name).read_text(encoding="utf-8")
    assert len(blog.content_hash) == 64
    assert {c["rule"] for c in blog.cleaning_report} >= {"repeated-caption", "glued-caption"}


def test_seeds_are_placed_and_published(seeds_dir):
    import_paths([seeds_dir])
    by_event = {
        event.slug: sorted(a.source_name[:3] for a in event.articles.all())
        for event in Event.objects.all()
    }
    assert by_event == {
        "farewells": ["000", "001"],
        "captured-soldier-calls": ["002", "003", "004"],
    }
    assert set(Article.objects.values_list("status", flat=True)) == {"published"}
    assert set(Placement.objects.values_list("source", flat=True)) == {"rule"}


def test_an_article_no_rule_places_needs_review(write_article):
    import_paths([write_article("other.txt", "Markets fall\n\nShares fell on Monday.")])
    article = Article.objects.get()
    assert article.status == Article.Status.NEEDS_REVIEW
    assert not article.events.exists()


def test_slugs_are_unique_and_stable(write_article):
    first = write_article("a.txt", ARTICLE)
    second = write_article("b.txt", ARTICLE)
    import_paths([first, second])
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "a-headline",
        "a-headline-2",
    ]
    first.write_text("A new headline\n\nChanged body.", encoding="utf-8")
    summary = import_paths([first])
    assert summary.line() == "0 created, 1 updated, 0 unchanged, 0 failed"
    article = Article.objects.get(source_name="a.txt")
    assert (article.slug, article.headline) == ("a-headline", "A new headline")


def test_a_changed_file_updates_its_article_in_place(write_article):
    path = write_article("story.txt", ARTICLE)
    import_paths([path])
    original = Article.objects.get()
    path.write_text(ARTICLE + "\nA third paragraph.\n", encoding="utf-8")
    import_paths([path])
    updated = Article.objects.get()
    assert (updated.pk, updated.slug) == (original.pk, original.slug)
    assert updated.body.endswith("A third paragraph.")
    assert updated.content_hash != original.content_hash


def test_values_an_editor_set_survive_reimport(seeds_dir, write_article):
    import_paths([seeds_dir])
    article = Article.objects.get(source_name__startswith="000_")
    calls = Event.objects.get(slug="captured-soldier-calls")
    article.headline = "Edited headline"
    article.outlet = Outlet.objects.create(name="El Comercio", slug="el-comercio")
    article.published_on = datetime.date(2022, 2, 24)
    article.status = Article.Status.HIDDEN
    article.editor_fields = ["headline", "outlet", "published_on", "status", "events"]
    article.save()
    article.placement_set.all().delete()
    Placement.objects.create(article=article, event=calls, source=Placement.Source.EDITOR)

    changed = write_article(article.source_name, article.raw_text + "\n\nA late addition.")
    assert import_paths([changed]).line() == "0 created, 1 updated, 0 unchanged, 0 failed"

    article.refresh_from_db()
    assert article.headline == "Edited headline"
    assert article.outlet.name == "El Comercio"
    assert article.published_on == datetime.date(2022, 2, 24)
    assert article.status == Article.Status.HIDDEN
    assert list(article.events.values_list("slug", flat=True)) == ["captured-soldier-calls"]
    assert article.body.endswith("A late addition.")


def test_an_editor_placement_stays_when_rules_are_reapplied(seeds_dir, write_article):
    import_paths([seeds_dir])
    article = Article.objects.get(source_name__startswith="001_")
    calls = Event.objects.get(slug="captured-soldier-calls")
    Placement.objects.create(article=article, event=calls, source=Placement.Source.EDITOR)
    import_paths([write_article(article.source_name, article.raw_text + "\n\nMore.")])
    assert set(article.events.values_list("slug", flat=True)) == {
        "farewells",
        "captured-soldier-calls",
    }


BAD_FILES = [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"  \n\n \n", "file is empty"),
    ("headline-only.txt", b"Just a headline\n", "no body"),
    ("latin1.txt", "Caf\u00e9 headline\n\nBody.".encode("latin-1"), "not valid UTF-8"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_bad_files_fail_with_a_reason_and_write_nothing(write_article, name, content, reason):
    good = write_article("good.txt", ARTICLE)
    bad = write_article(name, content)
    code, out, err = run_command(bad, good)
    assert code == 1
    assert out[-1] == "1 created, 0 updated, 0 unchanged, 1 failed"
    assert err == [f"{bad}: {err[0].split(': ', 1)[1]}"]
    assert reason in err[0]
    assert list(Article.objects.values_list("source_name", flat=True)) == ["good.txt"]


def test_a_missing_path_is_reported(tmp_path):
    code, out, err = run_command(tmp_path / "nowhere.txt")
    assert code == 1
    assert err == [f"{tmp_path / 'nowhere.txt'}: no such file or folder"]
    assert out[-1] == "0 created, 0 updated, 0 unchanged, 1 failed"


def test_a_file_that_is_not_txt_is_reported(write_article):
    path = write_article("article.html", ARTICLE)
    code, _, err = run_command(path)
    assert code == 1 and err == [f"{path}: not a .txt file"]
    assert not Article.objects.exists()


def test_a_file_over_five_megabytes_is_refused(write_article):
    path = write_article("huge.txt", "Huge\n\n" + "word " * (5 * 1024 * 1024 // 5 + 1))
    code, _, err = run_command(path)
    assert code == 1
    assert "the limit is 5,242,880" in err[0]
    assert not Article.objects.exists()


@override_settings(IMPORT_MAX_BYTES=10)
def test_the_size_limit_is_checked_before_reading(write_article):
    assert import_paths([write_article("small.txt", ARTICLE)]).failed


def test_two_files_with_one_name_cannot_both_import(write_article):
    first = write_article("one/same.txt", ARTICLE)
    second = write_article("two/same.txt", "Other\n\nOther body.")
    summary = import_paths([first, second])
    assert summary.line() == "1 created, 0 updated, 0 unchanged, 1 failed"
    assert f"same file name as {first}," in summary.failed[0].message


def test_folders_are_read_recursively_for_txt_files(write_article, tmp_path):
    write_article("a/one.txt", ARTICLE)
    write_article("a/b/two.txt", "Two\n\nBody two.")
    notes = write_article("a/notes.md", "not an article")
    code, out, err = run_command(tmp_path / "a")
    assert code == 0
    assert out[-1] == "2 created, 0 updated, 0 unchanged, 0 failed, 1 skipped"
    assert err == [f"{notes}: not a .txt file"]


def test_dry_run_reports_and_writes_nothing(seeds_dir, write_article):
    code, out, _ = run_command("--dry-run", seeds_dir)
    assert code == 0
    assert out[-1] == "5 created, 0 updated, 0 unchanged, 0 failed"
    assert "Dry run: nothing was written." in out
    assert not Article.objects.exists()


def test_each_file_is_imported_atomically(write_article, monkeypatch):
    create = Importer.create

    def fail(importer, items):
        create(importer, items)
        raise IntegrityError("simulated failure while placing the article")

    monkeypatch.setattr(Importer, "create", fail)
    summary = import_paths([write_article("story.txt", ARTICLE)])
    assert summary.line() == "0 created, 0 updated, 0 unchanged, 1 failed"
    assert "simulated failure" in summary.failed[0].message
    assert not Article.objects.exists()


def test_search_vector_is_stored_and_weighted(seeds_dir):
    import_paths([seeds_dir])
    from django.contrib.postgres.search import SearchQuery

    found = Article.objects.filter(search_vector=SearchQuery("Natasha", config="english"))
    assert sorted(a.source_name[:3] for a in found) == ["003", "004"]


def test_a_new_article_never_takes_an_old_slug(write_article):
    from articles.models import SlugRedirect

    import_paths([write_article("a.txt", ARTICLE)])
    article = Article.objects.get()
    SlugRedirect.objects.create(old_slug="another-headline", article=article)
    import_paths([write_article("b.txt", "Another headline\n\nBody.")])
    assert Article.objects.get(source_name="b.txt").slug == "another-headline-2"


def test_outlets_whose_names_slugify_alike_both_import(write_article):
    plug = "\n\nCan’t get enough {}? Follow us on Twitter!"
    import_paths([write_article("a.txt", ARTICLE + plug.format("Foo News"))])
    import_paths([write_article("b.txt", "Other\n\nBody." + plug.format("Foo-News"))])
    assert sorted(Outlet.objects.values_list("name", "slug")) == [
        ("Foo News", "foo-news"),
        ("Foo-News", "foo-news-2"),
    ]


def test_heavy_cleaning_is_flagged_for_review(write_article):
    boilerplate = "\n\n".join(["Read more:"] + [f"Another story headline {n}" for n in range(30)])
    import_paths([write_article("a.txt", ARTICLE + "\n" + boilerplate)])
    (warning,) = Article.objects.get().import_warnings
    assert warning.startswith("Cleaning removed")
    assert Article.objects.needing_review().exists()


def test_worker_processes_prepare_large_imports_with_the_same_results(
    write_article, tmp_path, monkeypatch
):
    from concurrent.futures import ProcessPoolExecutor

    pools = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr("articles.importing.ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr("articles.importing.PARALLEL_FROM", 2)
    monkeypatch.setattr("articles.importing.BATCH_SIZE", 3)
    for number in range(7):
        write_article(f"archive/story_{number}.txt", f"Story {number}\n\nBody {number}.")
    write_article("archive/latin1.txt", "Caf\u00e9\n\nBody.".encode("latin-1"))
    summary = import_paths([tmp_path / "archive"])
    assert summary.line() == "7 created, 0 updated, 0 unchanged, 1 failed"
    assert "not valid UTF-8" in summary.failed[0].message
    assert Article.objects.get(source_name="story_6.txt").body == "Body 6."
    assert len(pools) == 1


def test_many_articles_of_one_headline_get_numbered_slugs_in_one_batch(write_article, tmp_path):
    for number in range(4):
        write_article(f"live/update_{number}.txt", f"Live updates\n\nUpdate {number}.")
    import_paths([tmp_path / "live"])
    write_article("later/update_9.txt", "Live updates\n\nA later update.")
    import_paths([tmp_path / "later"])
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "live-updates",
        "live-updates-2",
        "live-updates-3",
        "live-updates-4",
        "live-updates-5",
    ]


def test_a_numbered_slug_taken_by_another_headline_is_skipped(write_article, tmp_path):
    import_paths([write_article("first/base_2.txt", "Live updates 2\n\nAn older story.")])
    for number in range(2):
        write_article(f"live/update_{number}.txt", f"Live updates\n\nUpdate {number}.")
    import_paths([tmp_path / "live"])
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "live-updates",
        "live-updates-2",
        "live-updates-3",
    ]


def test_imported_long_texts_are_compressed_with_lz4_where_the_server_has_it(write_article):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
        if "lz4" not in cursor.fetchone()[0]:
            pytest.skip("this PostgreSQL has no lz4")
    paragraph = " ".join(f"word{n} of a long paragraph" for n in range(800))
    import_paths([write_article("long.txt", f"A long one\n\n{paragraph}\n")])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_compression(raw_text) FROM articles_article"
            " WHERE source_name = 'long.txt'"
        )
        assert cursor.fetchone() == ("lz4",)


def test_with_debug_on_the_query_log_does_not_grow_with_the_files(write_article, monkeypatch):
    from django.db import connection, reset_queries

    monkeypatch.setattr("articles.importing.BATCH_SIZE", 1)

    def logged_after_importing(count):
        for number in range(count):
            name = f"many_{count}/story_{count}_{number}.txt"
            write_article(name, f"Story {count} {number}\n\nBody {number}.")
        reset_queries()
        with override_settings(DEBUG=True):
            import_paths([write_article(f"many_{count}/last_{count}.txt", "Last\n\nBody.").parent])
            return len(connection.queries_log)

    assert logged_after_importing(12) == logged_after_importing(3)
