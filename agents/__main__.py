"""``python -m agents``: the full ``newsstream`` command line (offline and Kafka commands)."""

import sys

from agents.cli import main

sys.exit(main())
