"""Which files of `data/` the generator reads: anything else there is an error, never silently ignored.

Editors' lock, swap and backup files (`.#x.yml`, `x.yml.swp`, `x.yml~`, `.DS_Store`) are skipped.
A path that resolves outside the data folder (a symbolic link to `/etc/shadow`, say) is refused
by name and never opened, so no line of it can reach an error message or a CI log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .models import MAX_ID

FOLDERS = ("articles", "agencies", "people", "charts", "comments")  # one .yml file per record
SINGLES = ("glossary.yml", "events.yml")
_SUFFIX = ".yml"
_READS = (
    "it reads the folders articles/, agencies/, people/, charts/ and comments/ (one .yml file per record) "
    "and the files glossary.yml and events.yml"
)


@dataclass
class Listing:
    """The data files to read, by folder (id, path) and by name, and the problems found listing them."""

    folders: dict[str, list[tuple[str, Path]]] = field(default_factory=lambda: {kind: [] for kind in FOLDERS})
    singles: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def editor_leftover(name: str) -> bool:
    """Files editors and systems leave beside the data: hidden, lock, swap and backup files."""
    return name.startswith(".") or name.endswith(("~", ".swp", ".swo", ".swx")) or name[:1] == name[-1:] == "#"


def list_data(data_dir: Path) -> Listing:
    """Every file the generator reads in `data_dir`, and a problem for anything else there."""
    listing, root = Listing(), _resolved(data_dir)
    for path in _entries(data_dir, data_dir, listing):
        name = _display(data_dir, path)
        if path.name in FOLDERS:
            _list_folder(data_dir, root, path, listing)
        elif path.name in SINGLES and _inside(path, root, name, listing):
            listing.singles[path.name] = path
        elif path.name not in SINGLES:
            listing.problems.append(Problem(name, None, "", f"the generator does not read this; {_READS}"))
    return listing


def display_name(data_dir: Path, path: Path) -> str:
    """How messages name a data file: `data/people/x.yml`."""
    return _display(data_dir, path)


def _display(data_dir: Path, path: Path) -> str:
    return f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"


def _list_folder(data_dir: Path, root: Path | None, folder: Path, listing: Listing) -> None:
    if not folder.is_dir():
        message = f"should be a folder of .yml files; {_READS}"
        listing.problems.append(Problem(_display(data_dir, folder), None, "", message))
        return
    if not _inside(folder, root, _display(data_dir, folder), listing):
        return
    for path in _entries(data_dir, folder, listing):
        problem = _file_problem(path, root)
        if problem:
            listing.problems.append(Problem(_display(data_dir, path), None, "", problem))
        else:
            listing.folders[folder.name].append((path.stem, path))


def _file_problem(path: Path, root: Path | None) -> str | None:
    """Why a file in a record folder is not read, or None."""
    if path.suffix != _SUFFIX:
        hint = f"rename it to '{path.stem}{_SUFFIX}'" if path.suffix == ".yaml" else "move it out of data/"
        return f"the generator reads only {_SUFFIX} files here; {hint}"
    if len(path.stem) > MAX_ID:
        return f"file name is {len(path.stem)} characters long; an id may be at most {MAX_ID}: shorten it"
    if not path.is_symlink():
        return "is a folder; this folder holds .yml files only" if path.is_dir() else None
    target = _resolved(path)
    if root is None or target is None or not target.is_relative_to(root):
        return "is a link to a file outside data/; data files must live in data/: copy the file in instead"
    return None


def _entries(data_dir: Path, folder: Path, listing: Listing) -> list[Path]:
    """The folder's entries in name order, without editors' leftovers."""
    try:
        return sorted(path for path in folder.iterdir() if not editor_leftover(path.name))
    except OSError as exc:
        message = f"cannot be listed ({exc.strerror or 'input/output error'}); check the folder's permissions"
        name = _display(data_dir, folder) if folder != data_dir else f"{data_dir.name}/"
        listing.problems.append(Problem(name, None, "", message))
        return []


def _inside(path: Path, root: Path | None, name: str, listing: Listing) -> bool:
    """Whether `path` resolves inside the data folder; a problem when it does not."""
    target = _resolved(path)
    if root is not None and target is not None and target.is_relative_to(root):
        return True
    listing.problems.append(Problem(name, None, "", "is a link outside data/; data files must live in data/"))
    return False


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return None
