"""Allow ``python -m hallmanager``."""

import sys

from hallmanager.cli import main

sys.exit(main())
