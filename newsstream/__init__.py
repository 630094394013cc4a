"""newsstream: clean news articles and extract quotations, offline or on Apache Kafka.

The package is the pure processing core. It imports nothing from Faust or Kafka
(the transport lives in the top-level ``agents`` package), so every stage can be
tested and benchmarked on its own.
"""

__version__ = "0.1.0"
PIPELINE_VERSION = f"newsstream/{__version__}"

__all__ = ["PIPELINE_VERSION", "__version__"]
