"""newsstream: clean news articles and extract quotations, offline or on Apache Kafka.

The package is the pure processing core. It imports nothing from Faust or Kafka
(the transport lives in the top-level ``agents`` package), so every stage can be
tested and benchmarked on its own.
"""

__version__ = "0.1.0"
PIPELINE_VERSION = f"newsstream/{__version__}"
# The message contract every output record carries as ``schema_version``: MAJOR is the ``vN`` in the schemas'
# ``$id``s, MINOR counts additive changes within it (README, "Evolving the contracts"). 1.0 = before the field.
SCHEMA_VERSION = "1.1"

__all__ = ["PIPELINE_VERSION", "SCHEMA_VERSION", "__version__"]
