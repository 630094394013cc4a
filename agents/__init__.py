"""Transport for newsstream: the Faust app, its topics, codec and agents, and the local broker.

Everything that speaks Kafka lives here; the processing itself is in the pure
``newsstream`` package.
"""
