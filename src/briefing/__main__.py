"""``python -m briefing`` runs the command line."""

import sys

from briefing.cli import main

sys.exit(main())
