"""Find and read article files in folders the importer did not make.

Only regular files are read. Inside a folder, a symlink is followed only when it
points at a regular file inside that same folder; FIFOs, devices, sockets and
links that lead elsewhere are refused by name, without being opened. A file is
read through a descriptor opened without following links or blocking, and never
past the size limit plus one byte.
"""

import codecs
import errno
import hashlib
import heapq
import os
import stat
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIX = ".txt"


class FileRejected(ValueError):
    """The file cannot be imported; the message says why, for a person to act on."""


@dataclass(frozen=True)
class Found:
    """A path given or found, and what to do with it: read `source`, or report `problem`."""

    path: Path
    source: Path | None = None
    problem: str = ""
    skipped: bool = False  # not an article file at all, as opposed to a refused one
    within: Path | None = None  # the folder the file was found in, which reading must not leave


def is_article_name(name):
    return name.lower().endswith(ARTICLE_SUFFIX)


def kind_of(mode):
    """What a non-regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def find_article_files(paths):
    """Yield a Found for every path given and every file inside the folders given."""
    for found in find_all(paths):
        if found.source and not is_utf8(found.path.name):
            # The name is stored and shown; bytes that are no text cannot be either.
            yield Found(found.path, problem="refused: the file name is not valid UTF-8")
        else:
            yield found


def is_utf8(name):
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes, kept as surrogates by os.fsdecode
        return False
    return True


def find_all(paths):
    for path in map(Path, paths):
        try:
            mode = path.stat().st_mode  # a path given by name may be a link: the user chose it
        except FileNotFoundError:
            yield Found(path, problem="no such file or folder")
            continue
        except OSError as exc:
            yield Found(path, problem=f"cannot be read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(mode):
            yield from walk_folder(path)
        elif not stat.S_ISREG(mode):
            yield Found(path, problem=f"refused: {kind_of(mode)}, not a regular file")
        elif not is_article_name(path.name):
            yield Found(path, problem="not a .txt file")
        else:
            yield Found(path, source=path)


def walk_folder(folder):
    """Every entry under the folder, in name order; links are never followed out of it."""
    root = folder.resolve()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted_entries(current)
        except OSError as exc:
            yield Found(current, problem=f"folder cannot be read: {exc.strerror or exc}")
            continue
        folders = []
        for entry in entries:
            if isinstance(entry, str):
                yield examine_file(current / entry, root)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            else:
                yield examine_entry(Path(entry.path), entry, root)
        pending.extend(reversed(folders))


def sorted_entries(folder):
    """The folder's entries in name order: a regular file by its name alone, anything else
    as its DirEntry. A folder may hold a million files, and a name is a third of the memory."""
    files, others = [], []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_file(follow_symlinks=False):  # the listing says so, without a stat
                files.append(entry.name)
            else:
                others.append(entry)
    files.sort()
    others.sort(key=name_of)
    return list(heapq.merge(files, others, key=name_of)) if others else files


def name_of(entry):
    return entry if isinstance(entry, str) else entry.name


def examine_file(path, root):
    """A regular file found in a folder."""
    if not is_article_name(path.name):
        return Found(path, problem="not a .txt file", skipped=True)
    return Found(path, source=path, within=root)


def examine_entry(path, entry, root):
    """Anything but a regular file or a folder: a link, a FIFO, a device, a socket."""
    if entry.is_symlink():
        return examine_link(path, root)
    if not is_article_name(entry.name):
        return Found(path, problem="not a .txt file", skipped=True)
    mode = entry.stat(follow_symlinks=False).st_mode
    return Found(path, problem=f"refused: {kind_of(mode)}, not a regular file")


def examine_link(path, root):
    if not is_article_name(path.name):  # skipped like any other file, wherever it leads
        reason = "skipped: a symlink to a folder is not followed" if path.is_dir() else None
        return Found(path, problem=reason or "not a .txt file", skipped=True)
    try:
        target = path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        return Found(path, problem="refused: a symlink to nothing (broken or looping)")
    except OSError as exc:
        return Found(path, problem=f"cannot be read: {exc.strerror or exc}")
    if not target.is_relative_to(root):
        return Found(path, problem=f"refused: a symlink to {target}, outside the folder")
    mode = target.stat().st_mode
    if stat.S_ISDIR(mode):
        return Found(path, problem="skipped: a symlink to a folder is not followed", skipped=True)
    if not stat.S_ISREG(mode):
        return Found(path, problem=f"refused: a symlink to {kind_of(mode)}")
    if is_article_name(target.name):  # the walk reaches the file itself: one article, not two
        shown = target.relative_to(root)
        return Found(path, problem=f"skipped: a symlink to {shown}, imported itself", skipped=True)
    return Found(path, source=target, within=root)


def read_limited(source, max_bytes, within=None):
    """The bytes of a regular file, refusing anything else, anything over max_bytes and,
    given `within`, a file that is no longer inside that folder."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(source, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileRejected("refused: a symlink, not a regular file") from exc
        raise FileRejected(f"cannot be read: {exc.strerror or exc}") from exc
    with open(descriptor, "rb", buffering=0, closefd=True) as file:
        if within is not None:
            check_inside(descriptor, within)
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise FileRejected(f"refused: {kind_of(status.st_mode)}, not a regular file")
        if max_bytes is not None and status.st_size > max_bytes:
            raise FileRejected(f"file is {status.st_size:,} bytes; the limit is {max_bytes:,}")
        data = file.readall() if max_bytes is None else read_at_most(file, max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise FileRejected(f"file is over the limit of {max_bytes:,} bytes")
    return data


def check_inside(descriptor, folder):
    """Refuse an opened file that is not inside the folder: a folder on its path may have
    been swapped for a symlink since the folder was walked (O_NOFOLLOW guards only the
    file's own name). Linux names an open file in /proc; elsewhere the check is skipped."""
    try:
        opened = os.readlink(f"/proc/self/fd/{descriptor}")
    except OSError:
        return
    # Strings, not paths: this runs for every file of a re-import, where pathlib's
    # is_relative_to cost as much as hashing the file.
    if not opened.startswith(os.fspath(folder).rstrip(os.sep) + os.sep):
        raise FileRejected(f"refused: it now leads to {opened}, outside the folder")


def read_at_most(file, limit):
    chunks, remaining = [], limit
    while remaining > 0:
        chunk = file.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def content_hash(source, max_bytes, within=None):
    """The sha256 of a regular file's bytes, or FileRejected."""
    return hashlib.sha256(read_limited(source, max_bytes, within)).hexdigest()


def read_article_text(source, max_bytes, within=None):
    """Return (text, sha256) of a valid article file, or raise FileRejected."""
    data = read_limited(source, max_bytes, within)
    if not data.strip():
        raise FileRejected("file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRejected("UTF-16 text: save the file as UTF-8")
    if b"\x00" in data:
        raise FileRejected("binary content (NUL bytes), not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileRejected(f"not valid UTF-8 (byte {exc.start}: {exc.reason})") from exc
    return text, hashlib.sha256(data).hexdigest()
