"""The frozen app's entry point: the same ``main`` as the ``tingxie`` command."""

import sys

from desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
