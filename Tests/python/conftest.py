"""Starts `chunkwise serve` on free loopback ports for the suite and stops it afterwards.

Two servers share one fixture directory: `open_server` trusts every request (no --jwt-secret),
`secured_server` verifies HS256 tokens and checks roles against sql/020_api_grants.sql.
"""
import base64
import hashlib
import hmac
import json
import os
import pathlib
import re
import subprocess
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOW = "2024-01-06 00:00:00+00"
SECRET = "chunkwise-test-secret-of-at-least-32-chars"
SYN1 = "631eb6fc-3ea7-f5f6-319d-66ac0ff5c73b"
SYN2 = "767a2eeb-46bb-6799-7f6d-ab58b502f17b"


def binary():
    path = pathlib.Path(os.environ.get("CHUNKWISE_BIN", ROOT / ".build" / "debug" / "chunkwise"))
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: build it first (swift build)")
        pytest.skip(f"{path} is missing: build it first (swift build)")
    return path


def write_predictions(directory):
    """Deterministic predictions and block predictions around NOW for both tickers."""
    results = ["CORRECT", "WRONG", "PENDING", "", "CORRECT", "CORRECT", "WRONG"]
    lines = ["id,ticker_id,timestamp,prediction,confidence,weighted_score,actual_result,created_at"]
    block = ["id,ticker_id,hour_start_timestamp,prediction_timestamp,prediction,confidence,actual_result,created_at"]
    n = 0
    for t, ticker in enumerate([SYN1, SYN2]):
        for day in range(1, 40):
            for k in range(3):
                n += 1
                result = results[(n + t) % len(results)]
                created = f"2024-01-06 00:00:00+00" if day == 0 else time.strftime(
                    "%Y-%m-%d %H:%M:%S+00", time.gmtime(1704499200 - day * 86400 + k * 3600 + 1800))
                confidence = f"{50 + (n * 7) % 50}.{(n * 13) % 100:02d}"
                weighted = "" if n % 5 == 0 else f"0.{(n * 37) % 10000:04d}"
                lines.append(f"00000000-0000-4000-8000-{n:012d},{ticker},{created},BULLISH,{confidence},{weighted},{result},{created}")
                block.append(f"00000000-0000-4000-9000-{n:012d},{ticker},{created},{created},UP,{confidence},{result},{created}")
    (directory / "predictions.csv").write_text("\n".join(lines) + "\n")
    (directory / "block_predictions.csv").write_text("\n".join(block) + "\n")


def start(args):
    proc = subprocess.Popen([str(binary()), "serve", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    match = re.search(r"http://[0-9.]+:(\d+)", line or "")
    if not match:
        proc.kill()
        raise RuntimeError(f"chunkwise serve did not start: {line!r} {proc.stderr.read()}")
    return proc, f"http://127.0.0.1:{match.group(1)}"


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("fixtures")
    (d / "market_data_sample.csv").write_bytes((ROOT / "fixtures" / "market_data_sample.csv").read_bytes())
    write_predictions(d)
    return d


def schema_args():
    return ["--schema", *(str(ROOT / "sql" / f) for f in ["001_nqp_schema.sql", "010_analytics_functions.sql", "020_api_grants.sql"])]


def serving(data_dir, *extra):
    """A server over the fixtures (with `extra` flags) for a fixture to yield from: its URL, then
    the process stopped when the fixture ends."""
    proc, url = start(["--data", str(data_dir), *schema_args(), "--now", NOW, *extra])
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def open_server(data_dir):
    yield from serving(data_dir)


@pytest.fixture(scope="session")
def secured_server(data_dir):
    yield from serving(data_dir, "--jwt-secret", SECRET)


def token(claims, secret=SECRET):
    def b64(raw):
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64(json.dumps(claims).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(signature)}"
