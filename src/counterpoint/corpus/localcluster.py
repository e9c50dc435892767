"""A Ray cluster of several nodes on this machine, each `ray start --block` a separate process with its own
CPUs, temp dir, ports and auth token: what tests/test_corpus_cluster.py and bench/corpus.py run against.
`down()` kills each node's process group and then any process still naming the cluster's temp dir, by pid
(never `ray stop`, which stops every Ray cluster of every user of the machine)."""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAY = str(Path(sys.executable).with_name("ray"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalCluster:
    def __init__(self):
        # Short: Ray's socket paths live under the temp dir and must fit in 107 characters.
        self.root = Path(tempfile.mkdtemp(prefix="cpray-", dir="/tmp"))
        self.port = _free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.nodes: dict[str, subprocess.Popen] = {}
        # This cluster's own token: Ray's default (~/.ray/auth_token) is shared by every cluster of the user.
        self.env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "token",
                    "RAY_AUTH_TOKEN": secrets.token_hex(32)}

    def start(self, name: str, head: bool, resources: dict | None = None, num_cpus: int = 1) -> None:
        ports = {o: str(_free_port()) for o in ("--dashboard-agent-listen-port", "--dashboard-agent-grpc-port",
                                                "--runtime-env-agent-port", "--metrics-export-port")}
        args = [RAY, "start", "--block", "--node-ip-address", "127.0.0.1", "--num-cpus", str(num_cpus),
                "--object-store-memory", str(100 * 2**20), "--temp-dir", str(self.root / name),
                "--disable-usage-stats", *[x for kv in ports.items() for x in kv]]
        if head:
            args += ["--head", "--port", str(self.port), "--include-dashboard", "false",
                 ]
        else:
            args += ["--address", self.address]
        if resources:
            args += ["--resources", json.dumps(resources)]
        log = open(self.root / f"{name}.log", "wb")
        self.nodes[name] = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=self.env,
                                            start_new_session=True)

    def wait_nodes(self, n: int, timeout: float = 60) -> None:
        code = ("import ray, time, sys\n"
                f"ray.init(address='{self.address}', logging_level='ERROR', log_to_driver=False)\n"
                f"t = time.time() + {timeout}\n"
                f"while sum(x['Alive'] for x in ray.nodes()) < {n} and time.time() < t: time.sleep(0.5)\n"
                f"sys.exit(0 if sum(x['Alive'] for x in ray.nodes()) >= {n} else 1)\n")
        r = subprocess.run([sys.executable, "-c", code], env=self.env, capture_output=True, text=True,
                           timeout=timeout + 30)
        if r.returncode != 0:
            raise RuntimeError(f"the cluster did not reach {n} nodes:\n{r.stderr[-2000:]}\n{self.logs()}")

    def kill(self, name: str) -> None:
        """SIGKILL a node's whole process group (its raylet, its workers, its agents): a lost machine."""
        proc = self.nodes.pop(name)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=30)
        self._kill_strays(self.root / name)

    def _kill_strays(self, path: Path) -> None:
        """Processes that left the node's group (Ray starts some in their own session) but name its dir."""
        me = os.getpid()
        for pid_dir in Path("/proc").iterdir():
            if not pid_dir.name.isdigit() or int(pid_dir.name) == me:
                continue
            try:
                cmd = (pid_dir / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if str(path) in cmd:
                try:
                    os.kill(int(pid_dir.name), signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-1500:]}" for p in self.root.glob("*.log"))

    def down(self) -> None:
        for name in list(self.nodes)[::-1]:
            self.kill(name)
        time.sleep(0.5)
        self._kill_strays(self.root)
        shutil.rmtree(self.root, ignore_errors=True)


    def __enter__(self) -> "LocalCluster":
        return self

    def __exit__(self, *exc) -> None:
        self.down()

    def alive(self) -> list[int]:
        """Pids of processes that still name this cluster's temp dir."""
        return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _names(p, self.root)]


def _names(pid_dir: Path, root: Path) -> bool:
    try:
        return str(root) in (pid_dir / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
