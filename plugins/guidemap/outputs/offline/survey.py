"""What the offline files need of the written site, gathered while it is written.

The service worker's cache is named by a hash of every file of the site (each file's size and
CRC-32: :func:`guidemap.outputs.offline.worker.build_id`), and each province's list holds what
its pages load (:mod:`guidemap.outputs.offline.refs`). Made once everything is written, that is
reading the whole site (290 MB at 2,000 groups + 2,000 stories) after everything else. A site
builder can instead have files surveyed as soon as they are written and final, by a worker
process while the build writes the next pages: a :class:`Survey` keeps each file's sum with
the size and modification time it had, and the end of the build sums only the files no survey
knows or that changed since (another size or time): the same sums as reading everything then,
so the same bytes.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

from guidemap.outputs.offline.refs import page_refs

PAGE = "index.html"  # a page's file in its folder (the site's URLs are folders)


@dataclass(frozen=True)
class Wanted:
    """The pages whose refs the offline files need, by file: these ``names``, and every page
    under one of the ``folders`` (a province's numbered listing pages)."""

    names: frozenset[str] = frozenset()
    folders: tuple[str, ...] = ()

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.endswith(PAGE) and (
            name in self.names or (bool(self.folders) and name.startswith(self.folders)))


@dataclass
class Survey:
    """Files of the site as read: site path → (size, modification time in ns, CRC-32), and the
    refs (pictures too) of the wanted pages among them, by file."""

    sums: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    refs: dict[str, list[str]] = field(default_factory=dict)

    def add(self, other: Survey) -> None:
        self.sums.update(other.sums)
        self.refs.update(other.refs)


class _Reader:
    """Whole files read into one buffer used again: a new bytes object for each of 16,000 files
    cost more than their CRC (read + CRC-32 of a 290 MB site: 0.14 s of CPU so, 0.20 with
    ``open().read()``)."""

    def __init__(self) -> None:
        self._buffer = bytearray(1 << 20)

    def read(self, path: str) -> tuple[os.stat_result, memoryview]:
        """The file's status when opened, and its bytes (valid until the next read)."""
        fd = os.open(path, os.O_RDONLY)
        try:
            status = os.fstat(fd)
            if status.st_size >= len(self._buffer):  # a byte more: the read that finds the end
                self._buffer = bytearray(status.st_size + 1)
            size = 0
            while True:
                if size == len(self._buffer):  # grew since it was opened
                    bigger = bytearray(2 * size)
                    bigger[:size] = self._buffer
                    self._buffer = bigger  # a new one: a view of the old one may still be held
                got = os.readv(fd, [memoryview(self._buffer)[size:]])
                if not got:
                    return status, memoryview(self._buffer)[:size]
                size += got
        finally:
            os.close(fd)


def _text(data: memoryview) -> str:
    """A page's text as ``Path.read_text`` gives it (universal newlines)."""
    text = str(data, "utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _files(site_dir: str) -> Iterator[tuple[str, str]]:
    """Every file of the site (its site path, its path), as ``os.walk`` finds them (a folder's
    symlink is not followed), with no ``os.path.relpath``: a third of the time."""
    folders = [("", site_dir)]
    while folders:
        prefix, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:  # as os.walk: a folder it cannot read is passed over
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if not is_dir:
                yield prefix + entry.name, entry.path
            elif not entry.is_symlink():
                folders.append((f"{prefix}{entry.name}/", entry.path))


def survey_files(site_dir: str, names: Iterable[str], wanted: Wanted) -> Survey:
    """The files ``names`` (site paths), written and final; one not there is left out."""
    found = Survey()
    reader = _Reader()
    for name in names:
        try:
            status, data = reader.read(os.path.join(site_dir, name))
        except OSError:  # not written (a page without content), or not a file: seen at the end
            continue
        if len(data) != status.st_size:  # written meanwhile: summed at the end
            continue
        found.sums[name] = (status.st_size, status.st_mtime_ns, zlib.crc32(data))
        if name in wanted:
            found.refs[name] = page_refs(name[:-len(PAGE)], _text(data), pictures=True)
    return found


def survey_site(site_dir: str, skip: Collection[str], wanted: Wanted) -> Survey:
    """Every file of the site but ``skip`` (those still being written)."""
    return survey_files(site_dir, [name for name, _path in _files(site_dir) if name not in skip], wanted)


def site_sums(site_dir: str, known: Survey) -> tuple[dict[str, tuple[int, int]], set[str]]:
    """Every file of the site, read now: site path → (size, CRC-32); with the files ``known``
    had, unchanged since (the same size and modification time), not read again."""
    sums: dict[str, tuple[int, int]] = {}
    unchanged: set[str] = set()
    reader = _Reader()
    for name, path in _files(site_dir):
        old = known.sums.get(name)
        if old is not None:
            status = os.stat(path)
            if (status.st_size, status.st_mtime_ns) == old[:2]:
                sums[name] = (old[0], old[2])
                unchanged.add(name)
                continue
        _status, data = reader.read(path)
        sums[name] = (len(data), zlib.crc32(data))
    return sums, unchanged
