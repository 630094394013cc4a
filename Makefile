# The two commands of the README. Both set up .venv on first use.
.PHONY: run test bench

run:   ## set up, start the local Kafka broker and a worker, send the samples, print enriched results
	bash scripts/run.sh

test:  ## set up, start the local Kafka broker, run ruff and the whole test suite, stop the broker
	bash scripts/test.sh

bench: ## cleaning, quotes and streaming benchmarks (read ../shared/eval; bench/stream.py starts its own broker)
	.venv/bin/python bench/cleaning.py && .venv/bin/python bench/quotes.py && .venv/bin/python bench/stream.py
