# The two commands of the README. Both set up .venv on first use.
.PHONY: run test bench lock

run:   ## set up, start the local Kafka broker and a worker, send the samples, print enriched results
	bash scripts/run.sh

test:  ## set up, start the local Kafka broker, run ruff and the whole test suite, stop the broker
	bash scripts/test.sh

lock:  ## re-resolve requirements.lock from pyproject.toml (uv, in a throw-away tool venv; README: Upgrading Faust)
	python3 -m venv .lock-tool && .lock-tool/bin/pip install -q 'uv==0.13.9'
	.lock-tool/bin/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
		--generate-hashes --quiet -o requirements.lock
	rm -rf .lock-tool

bench: ## cleaning, quotes and streaming benchmarks (read ../shared/eval; bench/stream.py starts its own broker)
	.venv/bin/python bench/cleaning.py && .venv/bin/python bench/quotes.py && .venv/bin/python bench/stream.py
