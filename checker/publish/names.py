"""How a publication names the files it read: never by a local path, always relative to the folder given.

A publication goes to the public (index.html, report.pdf, summary.json/csv), so it must not show where the
bureau keeps its files (``/home/zhang/桌面/2024年/…``). Every file is named relative to the input it was found
in: with one input folder, ``鼓楼区/康居.yaml``; with several inputs, each keeps its own folder's name in front
(``鼓楼区/康居.yaml``, ``云龙区/下淀.yaml``) so two files of the same name stay apart. A file named on the
command line, the roster and the previous round are named by their own name. The same names replace the paths
inside problem messages (an internal error's text, the file a duplicate lost to).

>>> names = PublicNames.of([Path("/data/2024/round")], audits=Path("/data/2024/round/核查"))
>>> names.name("/data/2024/round/鼓楼区/康居.yaml"), names.name("/data/2024/round/核查/康居.audit.yaml")
('鼓楼区/康居.yaml', '核查/康居.audit.yaml')
>>> names.scrub("打不开 /data/2024/round/鼓楼区/x.yaml：权限不够"), names.name("/elsewhere/y.yaml")
('打不开 鼓楼区/x.yaml：权限不够', 'y.yaml')
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.errors import Problem
from checker.publish.record import CommunityRecord, Rejection

_END = r"(?=$|[\s:：,，;；。)）\]】\"'”’])"  # where a path ends inside a message


@dataclass(frozen=True)
class PublicNames:
    """Local prefixes (absolute, ending in a separator) and the public name each stands for, longest first."""

    roots: tuple[tuple[str, str], ...]
    keep_relative: bool = False  # a relative name is public already (the web app's documents: 区/街道/社区.yaml)

    @classmethod
    def folder(cls, local: Path, public: str) -> PublicNames:
        """Names for documents whose names are public already, beside one local folder shown as ``public``.

        >>> PublicNames.folder(Path("/tmp/x/核查记录"), "核查记录").name("/tmp/x/核查记录/康居.audit.yaml")
        '核查记录/康居.audit.yaml'
        >>> PublicNames.folder(Path("/tmp/x/核查记录"), "核查记录").name("泉山区/康居.yaml")
        '泉山区/康居.yaml'
        """
        return cls(((_absolute(local) + os.sep, public.rstrip("/") + "/"),), keep_relative=True)

    @classmethod
    def of(cls, inputs: Sequence[Path], audits: Path | None = None, others: Iterable[Path] = ()) -> PublicNames:
        """``inputs`` are the round's folders and files; ``audits`` the audit folder; ``others`` single files
        (the roster, the previous round) named by their last part."""
        folders = [_absolute(p) for p in inputs if not Path(p).is_file()]
        files = [_absolute(p) for p in inputs if Path(p).is_file()]
        keep_name = len(inputs) > 1  # several inputs: each keeps its folder's name in front
        roots = {f: (_tail(f, folders + files) + "/" if keep_name else "") for f in folders}
        if audits is not None:  # apart from the round's files, under its own folder's name
            folder = _absolute(audits)
            roots.setdefault(folder, _tail(folder, [folder]) + "/")
        whole = {f: _tail(f, files) for f in files}
        for other in others:
            path = _absolute(other)
            if Path(other).is_dir():  # a previous publication's folder: its summary.json as 2023/summary.json
                roots.setdefault(path, _tail(path, [path]) + "/")
            else:
                whole.setdefault(path, Path(path).name)
        pairs = [(folder + os.sep, public) for folder, public in roots.items()] + list(whole.items())
        return cls(tuple(sorted(pairs, key=lambda pair: -len(pair[0]))))

    def name(self, path: str) -> str:
        """A file's public name; a path under none of the inputs is named by its last part."""
        if not path or (self.keep_relative and not os.path.isabs(path)):
            return path
        absolute = _absolute(path)
        for local, public in self.roots:
            if not local.endswith(os.sep):
                if absolute == local:
                    return public
            elif absolute.startswith(local):
                return public + absolute[len(local) :].replace(os.sep, "/")
        return Path(absolute).name

    def scrub(self, text: str) -> str:
        """``text`` with every local path of an input replaced by its public name."""
        for local, public in self.roots:
            text = text.replace(local, public)
            bare = local.rstrip(os.sep)
            if bare and bare != local:  # the folder itself, as in "…/round：…", not "…/round2"
                text = re.sub(re.escape(bare) + _END, public.rstrip("/") or ".", text)
        return text

    def problem(self, problem: Problem) -> Problem:
        args = {key: self.scrub(value) if isinstance(value, str) else value for key, value in problem.args.items()}
        return replace(problem, file=self.name(problem.file), args=args)

    def record(self, record: CommunityRecord) -> CommunityRecord:
        audit = record.audit and replace(record.audit, file=self.name(record.audit.file))
        notices = tuple(self.problem(p) for p in record.notices)
        return replace(record, file=self.name(record.file), audit=audit, notices=notices)

    def rejection(self, rejection: Rejection) -> Rejection:
        problems = tuple(self.problem(p) for p in rejection.problems)
        return replace(rejection, file=self.name(rejection.file), kept=self.name(rejection.kept), problems=problems)


def _absolute(path: str | Path) -> str:
    return os.path.normpath(os.path.abspath(path))


def _tail(path: str, among: Sequence[str]) -> str:
    """The shortest ending of ``path`` (its last folder names) that no other of ``among`` ends with."""
    parts = Path(path).parts
    others = [Path(p).parts for p in among if p != path]
    for n in range(1, len(parts) + 1):
        if all(o[-n:] != parts[-n:] for o in others):
            return "/".join(parts[-n:]).lstrip("/") or "."
    return "/".join(parts).lstrip("/") or "."
