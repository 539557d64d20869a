"""``guidemap approve-issue``: an issue made from one of the issue forms, approved by a maintainer
(the label ``approved`` or ``อนุมัติ``), becomes a file on a branch and the text of its pull
request; or, when the form's converter refuses the body, a comment on the issue in Thai first
saying what to change.

The workflow ``.github/workflows/approve-issue.yml`` runs it and only does the git and gh steps,
with nothing but the values written here: the issue's text never reaches a shell.

- :mod:`.event`: the issue, read from the event file GitHub writes (``GITHUB_EVENT_PATH``);
- :mod:`.convert`: which form made it, and that form's converter (the same validator as every
  file) writing the file, a story's picture through the safe fetcher;
- :mod:`.summary`: the entry as a maintainer checks it on a phone (name, province, focus, dates);
- :mod:`.message`: the pull request's title and description, the commit message and the
  comments, every contributed string escaped for Markdown;
- :mod:`.run`: all of it, and the files the workflow reads.
"""
