"""Python's cyclic garbage collector, paused while one bounded piece of work runs.

Reading a self-assessment (libyaml's node tree, then the values) and making a report (the view-model, Jinja's
frames and loops) each allocate tens of thousands of short-lived containers. Each 700 of them set off a
collection, which walks every young object and now and then every tracked object in the process: measured, about a
tenth of reading a file and an eighth of rendering a gap report. Nearly all of it is freed by reference counting
as soon as the work ends; whatever was left in cycles is collected at the next collection after it, as before.
Only work of bounded size runs paused (one file of at most ``yamlio.MAX_BYTES``, one report).
"""

from __future__ import annotations

import gc


class paused:  # lower case: used as a function, ``with paused():``
    """No cyclic collection inside the block; the collector is on again after it, whatever happens in it. When it
    is off already (an outer pause, or the program turned it off), it is left as it is. A class, not a
    generator-based context manager: it is entered for every file read (~0.7 µs less each).

    >>> with paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """

    __slots__ = ("_was_on",)

    def __enter__(self) -> None:
        self._was_on = gc.isenabled()
        if self._was_on:
            gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self._was_on:
            gc.enable()
