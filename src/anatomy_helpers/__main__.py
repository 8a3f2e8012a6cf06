"""``python -m anatomy_helpers``: the command line of :mod:`anatomy_helpers.tools.cli`."""

import sys

from anatomy_helpers.tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
