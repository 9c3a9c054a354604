"""Odd input a real archive brings: names, links that change, database refusals, terminals."""

import io
import os
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper
from django.db import connection

from articles.article_files import FileRejected, find_article_files, read_article_text
from articles.importing import import_paths
from articles.management.commands.import_articles import printable
from articles.models import Article
from articles.progress import TerminalProgress

from .test_importing import ARTICLE, run_command

pytestmark = pytest.mark.django_db


def test_a_file_name_that_is_not_utf8_is_refused_and_the_others_land(tmp_path, write_article):
    write_article("archive/good.txt", ARTICLE)
    (tmp_path / "archive" / os.fsdecode(b"bad\xff\xfe.txt")).write_text("Other\n\nBody text.\n")
    code, out, err = run_command(tmp_path / "archive")
    assert code == 1
    assert out[-1] == "1 created, 0 updated, 0 unchanged, 1 failed"
    assert err == [
        f"{tmp_path / 'archive'}/bad\\xff\\xfe.txt: refused: the file name is not valid UTF-8"
    ]
    assert list(Article.objects.values_list("source_name", flat=True)) == ["good.txt"]


def test_a_database_refusal_during_the_batch_copy_costs_only_that_file(tmp_path, write_article):
    with connection.cursor() as cursor:  # undone with the test's transaction
        cursor.execute(
            "ALTER TABLE articles_article ADD CONSTRAINT no_poison CHECK (headline <> 'Poison')"
        )
    write_article("archive/a.txt", ARTICLE)
    write_article("archive/b.txt", "Poison\n\nA body the database refuses.\n")
    write_article("archive/c.txt", "Another story\n\nIts body.\n")
    summary = import_paths([tmp_path / "archive"])
    assert summary.line() == "2 created, 0 updated, 0 unchanged, 1 failed"
    assert "no_poison" in summary.failed[0].message
    assert sorted(Article.objects.values_list("source_name", flat=True)) == ["a.txt", "c.txt"]


def test_an_empty_path_is_refused_rather_than_read_as_this_folder():
    with pytest.raises(CommandError, match="a PATH is empty"):
        call_command("import_articles", "", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Article.objects.exists()


def test_a_link_that_is_not_txt_is_skipped_wherever_it_leads(tmp_path, write_article):
    write_article("archive/a.txt", ARTICLE)
    (tmp_path / "archive" / "README").symlink_to("/etc/hostname")
    (tmp_path / "archive" / "licenses").symlink_to("/usr/share")
    code, out, err = run_command(tmp_path / "archive")
    assert (code, out[-1]) == (0, "1 created, 0 updated, 0 unchanged, 0 failed, 2 skipped")
    assert sorted(err) == [
        f"{tmp_path / 'archive' / 'README'}: not a .txt file",
        f"{tmp_path / 'archive' / 'licenses'}: skipped: a symlink to a folder is not followed",
    ]


def test_a_folder_swapped_for_a_link_after_the_walk_is_not_read_through(tmp_path, write_article):
    write_article("archive/sub/story.txt", ARTICLE)
    write_article("outside/sub/story.txt", "Secret\n\nNot for the reading room.\n")
    (found,) = find_article_files([tmp_path / "archive"])
    shutil.rmtree(tmp_path / "archive" / "sub")
    (tmp_path / "archive" / "sub").symlink_to(tmp_path / "outside" / "sub")
    with pytest.raises(FileRejected, match="outside the folder"):
        read_article_text(found.source, 10_000, found.within)


def test_names_are_shown_on_one_line_with_control_characters_escaped():
    assert printable("a\nb\x1b[31m.txt") == "a\\nb\\x1b[31m.txt"
    assert printable(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert printable("київ.txt") == "київ.txt"


def test_a_line_written_during_the_progress_bar_gets_its_own_line():
    raw = io.StringIO()
    bar = TerminalProgress(OutputWrapper(raw))
    bar.start(2)
    bar.above(lambda: raw.write("bad.txt: file is empty\n"))
    bar.advance()
    screen = raw.getvalue()
    before_line = screen.split("bad.txt")[0]
    assert before_line.endswith("\r")  # the bar was cleared back to the start of the line
    assert screen.split("bad.txt: file is empty\n")[1].startswith("\r[")  # then drawn again
