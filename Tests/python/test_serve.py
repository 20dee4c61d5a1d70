"""The real `supabase` Python client against `chunkwise serve`: every RPC, filter, order, range,
upsert and error path the NQP repositories use, plus hostile requests and role checks."""
import csv
import json
import time
import urllib.error
import urllib.request

import pytest
from postgrest.exceptions import APIError
from supabase import create_client

from conftest import NOW, ROOT, SECRET, SYN1, SYN2, token

ANON_KEY = "anon-key-not-checked-without-jwt-secret"


@pytest.fixture(scope="module")
def bars():
    with open(ROOT / "fixtures" / "market_data_sample.csv", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def client(open_server):
    return create_client(open_server, ANON_KEY)


def iso(pg):
    """PostgreSQL text '2024-01-05 22:59:00+00' → to_json's '2024-01-05T22:59:00+00:00'."""
    return pg.replace(" ", "T") + ":00"


# ---- RPC --------------------------------------------------------------------------------------

def test_latest_price_matches_the_newest_bar(client, bars):
    rows = [b for b in bars if b["ticker_id"] == SYN1 and b["interval"] == "1m"]
    newest = max(rows, key=lambda b: b["timestamp"])
    data = client.rpc("get_latest_price", {"p_ticker_id": SYN1, "p_interval": "1m"}).execute().data
    assert data == [{
        "id": newest["id"], "ticker_id": SYN1, "timestamp": iso(newest["timestamp"]),
        "open": float(newest["open"]), "high": float(newest["high"]), "low": float(newest["low"]),
        "close": float(newest["close"]), "volume": int(newest["volume"]), "interval": "1m",
    }]


def test_latest_price_default_interval_is_1h(client):
    # The fixture holds 1m and 5m bars only: the declared DEFAULT '1h' finds nothing.
    assert client.rpc("get_latest_price", {"p_ticker_id": SYN1}).execute().data == []


def test_numeric_keeps_its_scale_on_the_wire(open_server):
    body = raw(open_server, "/rest/v1/rpc/get_latest_price", {"p_ticker_id": SYN2, "p_interval": "5m"})[2]
    assert '"open":' in body and '.' in body.split('"open":')[1].split(",")[0]
    assert body.split('"open":')[1].split(",")[0].split(".")[1].__len__() == 2


def test_price_range_is_inclusive_and_ascending(client, bars):
    start, end = "2024-01-02 10:00:00+00", "2024-01-02 10:30:00+00"
    expected = sorted((b for b in bars if b["ticker_id"] == SYN2 and b["interval"] == "5m" and start <= b["timestamp"] <= end),
                      key=lambda b: b["timestamp"])
    data = client.rpc("get_price_range", {"p_ticker_id": SYN2, "p_interval": "5m", "p_start": start, "p_end": end}).execute().data
    assert [d["timestamp"] for d in data] == [iso(b["timestamp"]) for b in expected]
    assert [d["close"] for d in data] == [float(b["close"]) for b in expected]
    assert len(data) == 7 and set(data[0]) == {"timestamp", "open", "high", "low", "close", "volume"}


def test_price_range_reversed_is_empty(client):
    assert client.rpc("get_price_range", {"p_ticker_id": SYN2, "p_interval": "5m", "p_start": "2024-01-03T00:00:00Z",
                                          "p_end": "2024-01-02T00:00:00Z"}).execute().data == []


def window_rows(ticker, days):
    with open(pytest.data_dir / "predictions.csv") as f:
        rows = [r for r in csv.DictReader(f) if r["ticker_id"] == ticker]
    cutoff = time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime(1704499200 - days * 86400))
    return [r for r in rows if r["created_at"] >= cutoff]


@pytest.fixture(autouse=True, scope="module")
def remember_data_dir(data_dir):
    pytest.data_dir = data_dir


@pytest.mark.parametrize("days", [None, 7, 0, -1])
def test_prediction_accuracy(client, days):
    args = {"p_ticker_id": SYN1} if days is None else {"p_ticker_id": SYN1, "p_days": days}
    data = client.rpc("get_prediction_accuracy", args).execute().data
    rows = window_rows(SYN1, 30 if days is None else days)
    assert len(data) == 1
    row = data[0]
    assert row["total_predictions"] == len(rows)
    if rows:
        assert row["correct_predictions"] == sum(r["actual_result"] == "CORRECT" for r in rows)
        assert row["pending_predictions"] == sum(r["actual_result"] in ("", "PENDING") for r in rows)
    else:
        assert row["correct_predictions"] is None and row["accuracy_percentage"] is None


def test_block_prediction_accuracy(client):
    data = client.rpc("get_block_prediction_accuracy", {"p_ticker_id": SYN2, "p_days": 7}).execute().data
    assert list(data[0]) == ["total_predictions", "verified_predictions", "correct_predictions",
                             "accuracy_percentage", "avg_confidence"]
    assert data[0]["total_predictions"] > 0 and isinstance(data[0]["avg_confidence"], float)


def test_rpc_argument_as_string_number(client):
    a = client.rpc("get_prediction_accuracy", {"p_ticker_id": SYN1, "p_days": "7"}).execute().data
    b = client.rpc("get_prediction_accuracy", {"p_ticker_id": SYN1, "p_days": 7}).execute().data
    assert a == b


def test_rpc_get_method(client):
    data = client.rpc("get_latest_price", {"p_ticker_id": SYN1, "p_interval": "5m"}, get=True).execute().data
    assert len(data) == 1 and data[0]["interval"] == "5m"


def test_unknown_function_is_pgrst202(client):
    with pytest.raises(APIError) as e:
        client.rpc("get_latest_prices", {"p_ticker_id": SYN1}).execute()
    assert e.value.code == "PGRST202"


def test_unknown_argument_is_pgrst202(client):
    with pytest.raises(APIError) as e:
        client.rpc("get_latest_price", {"p_ticker": SYN1}).execute()
    assert e.value.code == "PGRST202" and "get_latest_price" in e.value.message


def test_missing_required_argument_is_pgrst202(client):
    with pytest.raises(APIError) as e:
        client.rpc("get_price_range", {"p_ticker_id": SYN1, "p_interval": "1m"}).execute()
    assert e.value.code == "PGRST202"


def test_bad_uuid_argument_is_22p02(client):
    with pytest.raises(APIError) as e:
        client.rpc("get_latest_price", {"p_ticker_id": "not-a-uuid"}).execute()
    assert e.value.code == "22P02"
    assert e.value.message == 'invalid input syntax for type uuid: "not-a-uuid"'


def test_fractional_days_is_22p02(client):
    with pytest.raises(APIError) as e:
        client.rpc("get_prediction_accuracy", {"p_ticker_id": SYN1, "p_days": 1.5}).execute()
    assert e.value.code == "22P02"


@pytest.mark.parametrize("start, hint", [("2024-13-01", 'Perhaps you need a different "datestyle" setting.'),
                                         ("2024-02-30", None)])
def test_month_past_twelve_hints_at_datestyle(client, start, hint):
    # PostgreSQL's DateTimeParseError: a month or day field past its range carries a HINT,
    # which PostgREST passes on; a day past its month's end does not.
    with pytest.raises(APIError) as e:
        client.rpc("get_price_range", {"p_ticker_id": SYN1, "p_interval": "1m", "p_start": start,
                                       "p_end": "2024-01-02"}).execute()
    assert e.value.code == "22008" and e.value.hint == hint
    assert e.value.message == f'date/time field value out of range: "{start}"'
    with pytest.raises(APIError) as e:
        client.table("market_data").select("id").gt("timestamp", start).execute()
    assert e.value.code == "22008" and e.value.hint == hint


@pytest.mark.parametrize("days", ['[1, 2]', '{"n":  7}', '[1,2]'])
def test_array_or_object_argument_is_refused_as_sent(open_server, days):
    # PostgREST reads arguments with json_to_record: the parameter's input function sees an array
    # or object argument as its json text, exactly as the client wrote it (spaces kept).
    body = ('{"p_ticker_id": "%s", "p_days": %s}' % (SYN1, days)).encode()
    status, _, text = raw(open_server, "/rest/v1/rpc/get_prediction_accuracy", body)
    assert status == 400 and json.loads(text)["code"] == "22P02"
    assert json.loads(text)["message"] == f'invalid input syntax for type integer: "{days}"'


# ---- Table reads ------------------------------------------------------------------------------

def test_select_filter_order_limit(client, bars):
    a, b = "2024-01-03 00:00:00+00", "2024-01-03 12:00:00+00"
    expected = sorted((x for x in bars if x["ticker_id"] == SYN1 and x["interval"] == "1m" and a <= x["timestamp"] < b),
                      key=lambda x: x["timestamp"], reverse=True)[:100]
    data = (client.table("market_data").select("timestamp,close").eq("ticker_id", SYN1).eq("interval", "1m")
            .gte("timestamp", a).lt("timestamp", b).order("timestamp", desc=True).limit(100).execute().data)
    assert data == [{"timestamp": iso(x["timestamp"]), "close": float(x["close"])} for x in expected]


def test_neq_gt_lte_in(client, bars):
    data = (client.table("market_data").select("id,volume").neq("interval", "1m").in_("ticker_id", [SYN1, SYN2])
            .gt("volume", 5000).lte("timestamp", "2024-01-01T06:00:00+00:00").order("id").execute().data)
    expected = sorted((x for x in bars if x["interval"] != "1m" and x["volume"] and int(x["volume"]) > 5000
                       and x["timestamp"] <= "2024-01-01 06:00:00+00"), key=lambda x: x["id"])
    assert [d["id"] for d in data] == [x["id"] for x in expected]


def test_is_null_and_not(client):
    data = client.table("predictions").select("id").is_("weighted_score", "null").eq("ticker_id", SYN1).execute().data
    with open(pytest.data_dir / "predictions.csv") as f:
        expected = [r["id"] for r in csv.DictReader(f) if r["ticker_id"] == SYN1 and r["weighted_score"] == ""]
    assert sorted(d["id"] for d in data) == sorted(expected)
    others = client.table("predictions").select("id").not_.is_("weighted_score", "null").eq("ticker_id", SYN1).execute().data
    assert len(others) + len(data) == sum(1 for _ in open(pytest.data_dir / "predictions.csv")) // 2


def test_order_nulls_first(client):
    data = client.table("predictions").select("weighted_score").eq("ticker_id", SYN2).order("weighted_score", nullsfirst=True).limit(3).execute().data
    assert data[0]["weighted_score"] is None


def test_count_exact_and_range(client, bars):
    total = sum(1 for x in bars if x["ticker_id"] == SYN2 and x["interval"] == "5m")
    resp = (client.table("market_data").select("timestamp", count="exact").eq("ticker_id", SYN2).eq("interval", "5m")
            .order("timestamp").range(10, 19).execute())
    assert resp.count == total and len(resp.data) == 10


def test_single_object(client):
    row = client.table("market_data").select("interval").eq("ticker_id", SYN1).eq("interval", "5m").order("timestamp").limit(1).single().execute().data
    assert row == {"interval": "5m"}


def test_alias(client):
    data = client.table("market_data").select("t:timestamp").eq("ticker_id", SYN1).order("timestamp").limit(1).execute().data
    assert data == [{"t": "2024-01-01T00:00:00+00:00"}]


def test_unknown_table_is_404(client):
    with pytest.raises(APIError) as e:
        client.table("market_datas").select("*").execute()
    assert e.value.code == "PGRST205"


def test_unknown_column_is_42703(client):
    with pytest.raises(APIError) as e:
        client.table("market_data").select("timestamp,closing").limit(1).execute()
    assert e.value.code == "42703"


def test_bad_filter_value_is_22p02(client):
    with pytest.raises(APIError) as e:
        client.table("market_data").select("id").eq("ticker_id", "x' OR '1'='1").execute()
    assert e.value.code == "22P02"


# ---- Writes -----------------------------------------------------------------------------------

def count(client, ticker):
    return client.table("market_data").select("id", count="exact").eq("ticker_id", ticker).limit(1).execute().count


NEW = "0f0f0f0f-0000-4000-8000-000000000001"


def bar(ts, close, volume=10):
    return {"ticker_id": NEW, "timestamp": ts, "open": close, "high": close, "low": close, "close": close,
            "volume": volume, "interval": "1h"}


def test_insert_upsert_and_conflicts(client):
    rows = [bar("2024-01-05T10:00:00+00:00", 100), bar("2024-01-05T11:00:00+00:00", 101.5)]
    inserted = client.table("market_data").insert(rows).execute().data
    assert [r["close"] for r in inserted] == [100.00, 101.50] and inserted[0]["source"] == "yfinance"
    assert inserted[0]["created_at"] == "2024-01-06T00:00:00+00:00"  # DEFAULT now() under --now

    with pytest.raises(APIError) as e:
        client.table("market_data").insert(rows[:1]).execute()
    assert e.value.code == "23505" and "already exists" in e.value.details

    merged = client.table("market_data").upsert([bar("2024-01-05T11:00:00+00:00", 99.99, 7), bar("2024-01-05T12:00:00+00:00", 98)],
                                                on_conflict="ticker_id,timestamp,interval").execute().data
    assert [r["close"] for r in merged] == [99.99, 98.00]
    assert merged[0]["id"] == inserted[1]["id"]  # the stored row was updated, not replaced

    ignored = client.table("market_data").upsert([bar("2024-01-05T12:00:00+00:00", 1)], on_conflict="ticker_id,timestamp,interval",
                                                 ignore_duplicates=True).execute().data
    assert ignored == []
    latest = client.rpc("get_latest_price", {"p_ticker_id": NEW}).execute().data
    assert latest[0]["close"] == 98.00 and count(client, NEW) == 3


def test_bad_rows_change_nothing(client):
    before = count(client, NEW)
    for bad in ([bar("2024-01-07T00:00:00Z", 1), {**bar("2024-01-07T01:00:00Z", 1), "interval": "2h"}],   # CHECK
                [{**bar("2024-01-07T02:00:00Z", 1), "close": None}],                                     # NOT NULL
                [{**bar("2024-01-07T03:00:00Z", 1), "close": 12345678901.5}],                            # numeric(12,2)
                [{**bar("2024-01-07T04:00:00Z", 1), "nope": 1}]):                                        # unknown column
        with pytest.raises(APIError) as e:
            client.table("market_data").insert(bad).execute()
        assert e.value.code in {"23514", "23502", "22003", "PGRST204"}
    assert count(client, NEW) == before


def test_on_conflict_without_matching_index(client):
    with pytest.raises(APIError) as e:
        client.table("market_data").upsert([bar("2024-01-08T00:00:00Z", 1)], on_conflict="ticker_id").execute()
    assert e.value.code == "42P10"


def test_return_minimal(client):
    resp = client.table("market_data").insert(bar("2024-01-09T00:00:00Z", 5), returning="minimal").execute()
    assert resp.data == []


# ---- Hostile requests (raw HTTP) --------------------------------------------------------------

def raw(base, path, body=None, method=None, headers=None):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data, method=method or ("POST" if data is not None else "GET"),
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def test_malformed_json(open_server):
    status, _, body = raw(open_server, "/rest/v1/market_data", b'{"ticker_id": ')
    assert status == 400 and json.loads(body)["code"] == "PGRST102"
    assert set(json.loads(body)) == {"code", "details", "hint", "message"}


def test_deeply_nested_json(open_server):
    status, _, body = raw(open_server, "/rest/v1/rpc/get_latest_price", b"[" * 100000)
    assert status == 400 and json.loads(body)["code"] == "PGRST102"


def test_huge_body(open_server):
    status, _, _ = raw(open_server, "/rest/v1/market_data", b"[" + b" " * (17 << 20) + b"]")
    assert status == 413


def test_is_takes_postgrest12_values_only(open_server):
    # PostgREST 12 reads is.null/true/false/unknown (any case); `not_null` is not one of them.
    status, _, body = raw(open_server, "/rest/v1/market_data?select=id&volume=is.not_null&limit=1")
    assert status == 400 and json.loads(body)["code"] == "PGRST100"
    status, _, body = raw(open_server, "/rest/v1/market_data?select=id&volume=not.is.NULL&order=id&limit=1")
    assert status == 200 and len(json.loads(body)) == 1


def test_order_injection(open_server):
    status, _, body = raw(open_server, "/rest/v1/market_data?select=id&order=timestamp;drop%20table%20market_data")
    assert status == 400 and json.loads(body)["code"] == "PGRST100"
    status, _, body = raw(open_server, "/rest/v1/market_data?select=id&order=timestamp.sideways")
    assert status == 400


def test_select_injection(open_server):
    status, _, body = raw(open_server, "/rest/v1/market_data?select=id,(select%201)")
    assert status == 400 and json.loads(body)["code"] == "PGRST100"


def test_unknown_operator(open_server):
    status, _, body = raw(open_server, "/rest/v1/market_data?ticker_id=regex.abc")
    assert status == 400 and json.loads(body)["code"] == "PGRST100"


def test_content_range_header(open_server):
    status, headers, body = raw(open_server, "/rest/v1/market_data?select=id&order=id&limit=5",
                                headers={"Prefer": "count=exact"})
    assert status == 206 and headers["Content-Range"].startswith("0-4/")
    status, headers, body = raw(open_server, "/rest/v1/market_data?select=id&ticker_id=eq." + "0" * 8 + "-0000-0000-0000-" + "0" * 12)
    assert status == 200 and body == "[]" and headers["Content-Range"] == "*/*"


def test_data_unchanged_by_hostile_requests(open_server):
    c = create_client(open_server, ANON_KEY)
    before = count(c, SYN1)
    raw(open_server, "/rest/v1/market_data", b'[{"ticker_id": "' + SYN1.encode() + b'", "timestamp": "nonsense"}]')
    raw(open_server, "/rest/v1/market_data?on_conflict=id;drop", b"[]")
    assert count(c, SYN1) == before


# ---- Roles ------------------------------------------------------------------------------------

def secured(url, claims):
    return create_client(url, token(claims))


def test_authenticated_token_may_call(secured_server):
    c = secured(secured_server, {"role": "authenticated", "exp": int(time.time()) + 3600})
    assert len(c.rpc("get_latest_price", {"p_ticker_id": SYN1, "p_interval": "1m"}).execute().data) == 1


def test_role_without_grant_is_403(secured_server):
    c = secured(secured_server, {"role": "reporting"})
    with pytest.raises(APIError) as e:
        c.rpc("get_latest_price", {"p_ticker_id": SYN1}).execute()
    assert e.value.code == "42501" and "permission denied for function get_latest_price" == e.value.message


def test_anon_may_not_insert(secured_server):
    c = secured(secured_server, {"role": "anon"})
    with pytest.raises(APIError) as e:
        c.table("market_data").insert(bar("2024-01-10T00:00:00Z", 1)).execute()
    assert e.value.code == "42501"


def test_service_role_may_upsert(secured_server):
    c = secured(secured_server, {"role": "service_role"})
    data = c.table("market_data").upsert(bar("2024-01-10T00:00:00Z", 3), on_conflict="ticker_id,timestamp,interval").execute().data
    assert data[0]["close"] == 3.00


def test_expired_token_is_401(secured_server):
    status, headers, body = raw(secured_server, "/rest/v1/rpc/get_latest_price", {"p_ticker_id": SYN1},
                                headers={"Authorization": "Bearer " + token({"role": "anon", "exp": int(time.time()) - 3600})})
    assert status == 401 and json.loads(body)["code"] == "PGRST303"
    assert "invalid_token" in headers.get("WWW-Authenticate", "")


def test_wrong_signature_is_401(secured_server):
    forged = token({"role": "service_role"}, secret="x" * 40)
    status, _, body = raw(secured_server, "/rest/v1/market_data?limit=1", headers={"Authorization": "Bearer " + forged})
    assert status == 401 and json.loads(body)["code"] == "PGRST301"


def test_garbage_token_is_401(secured_server):
    for bad in ["abc", "a.b.c", "..", "eyJhbGciOiJub25lIn0.e30."]:
        status, _, body = raw(secured_server, "/rest/v1/market_data?limit=1", headers={"Authorization": "Bearer " + bad})
        assert status == 401, bad


def test_no_token_is_anon_and_401_when_refused(secured_server):
    status, _, body = raw(secured_server, "/rest/v1/market_data", [bar("2024-01-11T00:00:00Z", 1)])
    assert status == 401 and json.loads(body)["code"] == "42501"


def test_slow_client_is_cut_off_and_others_are_served(data_dir):
    import socket
    from conftest import schema_args, start
    proc, url = start(["--data", str(data_dir), *schema_args(), "--now", NOW, "--idle-timeout", "1"])
    try:
        port = int(url.rsplit(":", 1)[1])
        slow = socket.create_connection(("127.0.0.1", port))
        slow.sendall(b"POST /rest/v1/rpc/get_latest_price HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"p_tick")
        # Another client is answered while the slow one dawdles.
        status, _, body = raw(url, "/rest/v1/rpc/get_latest_price", {"p_ticker_id": SYN1, "p_interval": "1m"})
        assert status == 200 and body.startswith("[{")
        slow.settimeout(10)
        started = time.time()
        rest = b""
        while True:
            chunk = slow.recv(4096)
            if not chunk:
                break
            rest += chunk
        assert time.time() - started < 9  # closed by the server's idle timeout, not by ours
        assert b"200 OK" not in rest
    finally:
        proc.terminate()
        proc.wait(timeout=10)
