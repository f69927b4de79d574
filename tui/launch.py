"""The `ladder` command's entry point: the app with no command, else the command line.

It lives here, above both front ends, so that the command line never imports
Textual (an import contract in pyproject.toml keeps it so).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from cli.main import main as command_line
from data import collector
from present.settings import Settings


def open_app(settings: Settings) -> int:
    from tui.app import LadderApp

    collector.started()
    LadderApp(settings).run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return command_line(argv, open_app=open_app)


if __name__ == "__main__":
    sys.exit(main())
