"""``python -m desktop`` and ``tingxie``: the app (alone or with files), or a command."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from desktop.launch import app_launch

    args = sys.argv[1:] if argv is None else argv
    launch = app_launch(args)
    if launch is not None:
        from desktop.app import run_gui  # straight to the window: no command modules

        return run_gui(startup_probe=launch.startup_probe, paths=launch.paths, debug=launch.debug)
    from desktop.cli.main import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
