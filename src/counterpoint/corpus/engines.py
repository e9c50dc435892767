"""Where the per-article analysis runs. Both engines return, for a list of accounts, the same list of
result dicts in the same order; everything that compares an article with the corpus (dedupe, stories,
storage) runs afterwards in the driver, in input order, so the store does not depend on the engine."""
from __future__ import annotations

import json
from typing import Optional

from counterpoint.records import Account


class LocalEngine:
    """In-process: one spaCy pipeline, `nlp.pipe` over the batch (n_process > 1 forks parser workers)."""

    name = "local"

    def __init__(self, n_process: int = 1, pipe_batch: int = 16):
        self.n_process = n_process
        self.pipe_batch = pipe_batch
        # Forked workers load the pipeline on every call: give them several batches at a time.
        self.batches_per_call = 1 if n_process == 1 else 8

    def analyze(self, accounts: list[Account]) -> list[dict]:
        from counterpoint.corpus.analyze import analyze_accounts

        # Forking parser workers only pays when there is enough text to keep them busy.
        n = self.n_process if len(accounts) >= 4 * self.n_process * self.pipe_batch else 1
        return list(analyze_accounts(accounts, batch_size=self.pipe_batch, n_process=n))

    def close(self) -> None:
        pass


class _RayAnalyzer:
    """Ray Data class UDF: each actor loads the pipeline once and analyses many batches."""

    def __init__(self):
        from counterpoint.analysis.nlp import load_pipeline

        self.nlp = load_pipeline()

    def __call__(self, batch: dict) -> dict:
        from counterpoint.corpus.analyze import analyze_parsed

        accounts = [Account.model_validate_json(s) for s in batch["account"]]
        results = []
        for doc, account in self.nlp.pipe(((a.text, a) for a in accounts), as_tuples=True, batch_size=16):
            results.append(json.dumps(analyze_parsed(doc, account)))
        return {"idx": batch["idx"], "result": results}


class RayEngine:
    """The same analysis as Ray Data `map_batches` over an actor pool, locally or on a cluster.

    Ray Data starts an actor pool (each actor loading spaCy once) per dataset it executes, so the ingest
    hands this engine `batches_per_call` batches at a time: one streaming Ray Data pipeline per chunk of
    thousands of articles, whose few seconds of start-up are small beside the minutes of parsing."""

    name = "ray"

    def __init__(self, address: Optional[str] = None, num_cpus: Optional[int] = None, actors: Optional[int] = None,
                 udf_batch: int = 8, batches_per_call: int = 16):
        import ray

        if not ray.is_initialized():
            kwargs = dict(include_dashboard=False, log_to_driver=False, configure_logging=True,
                          logging_level="ERROR")
            if address:
                ray.init(address=address, **kwargs)
            else:
                ray.init(num_cpus=num_cpus or 2, **kwargs)
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False  # the CLI draws its own
        ctx.print_on_execution_start = False
        self.actors = actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.udf_batch = udf_batch
        self.batches_per_call = batches_per_call

    def analyze(self, accounts: list[Account]) -> list[dict]:
        import ray

        if not accounts:
            return []
        items = [{"idx": i, "account": a.model_dump_json()} for i, a in enumerate(accounts)]
        ds = ray.data.from_items(items, override_num_blocks=min(len(items), self.actors * 4))
        ds = ds.map_batches(_RayAnalyzer, batch_size=self.udf_batch, concurrency=self.actors, num_cpus=1)
        rows = sorted(ds.take_all(), key=lambda r: int(r["idx"]))
        return [json.loads(r["result"]) for r in rows]

    def close(self) -> None:
        import ray

        if ray.is_initialized():
            ray.shutdown()


def make_engine(name: str, address: Optional[str] = None, workers: int = 1):
    if name == "local":
        return LocalEngine(n_process=workers)
    if name == "ray":
        return RayEngine(address=address, num_cpus=None if address else max(2, workers))
    raise ValueError(f"unknown engine {name!r}: choose local or ray")
