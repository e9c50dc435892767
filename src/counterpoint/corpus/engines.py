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


class EngineError(RuntimeError):
    """The engine could not analyse a chunk (a cluster that lost its nodes, a task that kept failing)."""


def _ray_analyze(payload: list[str]) -> tuple[str, list[str]]:
    """One Ray task: parse and analyse a few accounts. The worker process keeps its pipeline
    (`load_pipeline` is cached per process), so each worker loads spaCy once, not once per task."""
    from counterpoint.analysis.nlp import load_pipeline
    from counterpoint.corpus.analyze import analyze_parsed

    import ray

    nlp = load_pipeline()
    accounts = [Account.model_validate_json(s) for s in payload]
    return ray.get_runtime_context().get_node_id(), [
        json.dumps(analyze_parsed(doc, account))
        for doc, account in nlp.pipe(((a.text, a) for a in accounts), as_tuples=True, batch_size=16)]


class RayEngine:
    """The same analysis as Ray tasks of `task_size` accounts, locally or on a cluster.

    Every task is idempotent (it reads its accounts and returns their analyses; only the driver writes
    the store), so Ray may run it again: a task whose node dies is retried on the nodes that remain
    (`max_retries`), and a result lost with its node is rebuilt from lineage. A chunk that still cannot
    be analysed (every node gone, or no task finishing for `timeout_s`) raises EngineError; the batches
    committed before it stay, and running the ingest again resumes after them."""

    name = "ray"

    def __init__(self, address: Optional[str] = None, num_cpus: Optional[int] = None, task_size: int = 8,
                 batches_per_call: int = 16, max_retries: int = 3, timeout_s: float = 600.0):
        import ray

        if not ray.is_initialized():
            kwargs = dict(include_dashboard=False, log_to_driver=False, configure_logging=True,
                          logging_level="ERROR")
            if address:
                ray.init(address=address, **kwargs)
            else:
                ray.init(num_cpus=num_cpus or 2, **kwargs)
        self.task_size = task_size
        self.batches_per_call = batches_per_call
        self.timeout_s = timeout_s
        self._task = ray.remote(num_cpus=1, max_retries=max_retries)(_ray_analyze)
        self.tasks_per_node: dict[str, int] = {}  # node id -> analysis tasks it completed

    def nodes(self) -> int:
        import ray

        return sum(1 for n in ray.nodes() if n.get("Alive"))

    def analyze(self, accounts: list[Account]) -> list[dict]:
        import ray

        if not accounts:
            return []
        payload = [a.model_dump_json() for a in accounts]
        refs = [self._task.remote(payload[i:i + self.task_size]) for i in range(0, len(payload), self.task_size)]
        done: dict = {}
        pending = list(refs)
        try:
            while pending:  # the time limit is between two results, not for the whole chunk
                ready, pending = ray.wait(pending, num_returns=min(len(pending), 4), timeout=self.timeout_s,
                                          fetch_local=True)
                if not ready:
                    for r in pending:
                        ray.cancel(r, force=True)
                    raise EngineError(f"no result from the Ray cluster in {self.timeout_s:.0f} s "
                                      f"({self.nodes()} nodes alive)")
                done.update(zip(ready, ray.get(ready)))
        except ray.exceptions.RayError as e:
            first = (str(e).strip().splitlines() or [type(e).__name__])[0]
            raise EngineError(f"{type(e).__name__}: {first[:200]} ({self.nodes()} nodes alive)") from None
        parts = [done[r] for r in refs]
        for node, _ in parts:
            self.tasks_per_node[node] = self.tasks_per_node.get(node, 0) + 1
        return [json.loads(r) for _, part in parts for r in part]

    def describe(self) -> str:
        """Where the analysis ran: tasks per node (short node ids)."""
        per = ", ".join(f"{n[:8]} {k}" for n, k in sorted(self.tasks_per_node.items()))
        return f"ray: {sum(self.tasks_per_node.values())} analysis tasks on {len(self.tasks_per_node)} nodes ({per})"

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
