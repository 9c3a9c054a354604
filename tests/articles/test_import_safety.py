"""Importing from folders the importer did not make: only regular files inside the folder."""

import io
import os
import signal
import threading

import pytest
from django.db import connection

from articles.article_files import find_article_files, read_at_most
from articles.importing import import_paths
from articles.models import Article

from .test_importing import ARTICLE, run_command

pytestmark = pytest.mark.django_db


def finishes_within(seconds, function, *args):
    """Call function; fail (rather than hang the suite) if it blocks, e.g. opening a FIFO."""

    def give_up(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        return function(*args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_symlink_out_of_the_folder_is_refused_and_nothing_is_stored(tmp_path, write_article):
    secret = write_article("elsewhere/secret.txt", "Secret\n\nThe database password is hunter2.")
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "story.txt").symlink_to(secret)
    code, out, err = run_command(folder)
    assert code == 1
    assert err == [f"{folder / 'story.txt'}: refused: a symlink to {secret}, outside the folder"]
    assert out[-1] == "0 created, 0 updated, 0 unchanged, 1 failed"
    assert not Article.objects.exists()


def test_a_symlink_to_a_file_inside_the_folder_is_followed(tmp_path, write_article):
    original = write_article("archive/2022/story.data", ARTICLE)
    (tmp_path / "archive" / "latest.txt").symlink_to(original)
    summary = import_paths([tmp_path / "archive"])
    assert summary.line() == "1 created, 0 updated, 0 unchanged, 0 failed, 1 skipped"
    assert Article.objects.get(source_name="latest.txt").raw_text == ARTICLE


def test_a_symlink_to_an_article_file_inside_the_folder_is_not_imported_twice(
    tmp_path, write_article
):
    original = write_article("archive/2022/story.txt", ARTICLE)
    (tmp_path / "archive" / "latest.txt").symlink_to(original)
    summary = import_paths([tmp_path / "archive"])
    assert summary.line() == "1 created, 0 updated, 0 unchanged, 0 failed, 1 skipped"
    assert summary.skipped[0].message == "skipped: a symlink to 2022/story.txt, imported itself"
    assert Article.objects.get().source_name == "story.txt"


def test_broken_and_looping_symlinks_get_a_line_each(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    code, _, err = run_command(folder)
    assert code == 1
    assert sorted(err) == [
        f"{folder / 'gone.txt'}: refused: a symlink to nothing (broken or looping)",
        f"{folder / 'loop.txt'}: refused: a symlink to nothing (broken or looping)",
    ]


def test_a_fifo_in_a_folder_is_refused_without_opening_it(tmp_path, write_article):
    folder = tmp_path / "archive"
    write_article("archive/good.txt", ARTICLE)
    os.mkfifo(folder / "pipe.txt")
    code, out, err = finishes_within(10, run_command, folder)
    assert code == 1
    assert err == [f"{folder / 'pipe.txt'}: refused: a FIFO (named pipe), not a regular file"]
    assert out[-1] == "1 created, 0 updated, 0 unchanged, 1 failed"


def test_a_fifo_given_by_name_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    code, _, err = finishes_within(10, run_command, tmp_path / "pipe.txt")
    assert code == 1
    assert err == [f"{tmp_path / 'pipe.txt'}: refused: a FIFO (named pipe), not a regular file"]


def test_a_device_is_refused_by_name_and_through_a_symlink(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    code, _, err = finishes_within(10, run_command, "/dev/zero", tmp_path / "zero.txt")
    assert code == 1
    assert err[0] == "/dev/zero: refused: a device, not a regular file"
    assert err[1] == f"{tmp_path / 'zero.txt'}: refused: a device, not a regular file"


def test_a_symlink_to_a_device_inside_a_folder_is_refused(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "zero.txt").symlink_to("/dev/zero")
    _, _, err = finishes_within(10, run_command, folder)
    assert err == [f"{folder / 'zero.txt'}: refused: a symlink to /dev/zero, outside the folder"]


def test_reading_stops_one_byte_past_the_limit():
    endless = io.BytesIO(b"x" * 1_000_000)
    assert len(read_at_most(endless, 101)) == 101
    assert endless.tell() == 101


def test_txt_is_matched_whatever_its_case(tmp_path, write_article):
    write_article("archive/LOUD.TXT", ARTICLE)
    write_article("archive/Mixed.Txt", "Other\n\nAnother body.")
    assert import_paths([tmp_path / "archive"]).line().startswith("2 created")


def test_every_path_skipped_in_a_folder_gets_a_line(tmp_path, write_article):
    write_article("archive/story.txt", ARTICLE)
    picture = write_article("archive/photo.jpg", b"\xff\xd8\xff")
    (tmp_path / "archive" / "subfolder").mkdir()
    (tmp_path / "archive" / "linked").symlink_to(tmp_path / "archive" / "subfolder")
    code, out, err = run_command(tmp_path / "archive")
    assert code == 0
    assert sorted(err) == [
        f"{tmp_path / 'archive' / 'linked'}: skipped: a symlink to a folder is not followed",
        f"{picture}: not a .txt file",
    ]
    assert out[-1] == "1 created, 0 updated, 0 unchanged, 0 failed, 2 skipped"


def test_a_folder_is_walked_in_name_order_whatever_each_entry_is(tmp_path, write_article):
    for name in ("c.txt", "a.txt", "e.jpg", "sub/b.txt"):
        write_article(f"archive/{name}", ARTICLE)
    (tmp_path / "archive" / "d.txt").symlink_to(tmp_path / "archive" / "a.txt")
    os.mkfifo(tmp_path / "archive" / "b.txt")
    found = [
        (f.path.relative_to(tmp_path / "archive"), bool(f.source))
        for f in find_article_files([tmp_path / "archive"])
    ]
    assert [(str(path), readable) for path, readable in found] == [
        ("a.txt", True),
        ("b.txt", False),  # the FIFO, refused
        ("c.txt", True),
        ("d.txt", False),  # the link to a.txt, which is imported itself
        ("e.jpg", False),
        ("sub/b.txt", True),
    ]


@pytest.mark.django_db(transaction=True)
def test_concurrent_imports_of_the_same_new_files_agree(tmp_path, write_article):
    for number in range(60):
        write_article(f"archive/story_{number:02d}.txt", f"Story {number}\n\nBody {number}.")
    start = threading.Barrier(2)
    summaries = []

    def run():
        start.wait()
        try:
            summaries.append(import_paths([tmp_path / "archive"]))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(summary.failed for summary in summaries)
    assert sorted(summary.count("created") for summary in summaries)[1] <= 60
    assert sum(summary.count("created") for summary in summaries) == 60
    assert sum(summary.count("unchanged") for summary in summaries) == 60
    assert Article.objects.count() == 60
