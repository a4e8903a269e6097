"""A bureau's publication of a round of self-assessments (``sqcheck publish``, docs/publish.md).

* :mod:`collect` finds the files (regular files only, see :func:`checker.files.walk`) and judges them in
  worker processes, in a fixed order, into compact records;
* :mod:`record` defines those records and how two submissions for one community are told apart;
* :mod:`audits`, :mod:`roster` and :mod:`progress` read the audits, the roster and the previous round;
* :mod:`aggregate` computes the publication's view-model from the records alone;
* :mod:`machine` writes summary.json and summary.csv, :mod:`outputs` index.html and report.pdf, :mod:`pages`
  each community's own page;
* :mod:`atomic` puts the whole publication in place of the old one in one step, under a lock;
* :mod:`run` ties them together: :func:`checker.publish.run.publish` is the library call behind the command.
"""
