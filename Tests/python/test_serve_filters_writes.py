"""The real `supabase` client against `chunkwise serve` for the PostgREST operations beyond reads
and inserts: `.update()` / `.delete()` with filters (PATCH/DELETE), `.or_()` and nested
`and(…)` logic trees, `.like()` / `.ilike()`, the `not.` prefix, `count=exact` on HEAD, and the
escapes of control characters in bodies. Its own server, so the writes here touch no other test."""
import csv
import json

import pytest
from postgrest.exceptions import APIError
from supabase import create_client

from conftest import ROOT, SECRET, SYN1, SYN2, serving, token
from test_serve import raw

TICKER = "0e0e0e0e-0000-4000-8000-000000000016"


@pytest.fixture(scope="module")
def server(data_dir):
    yield from serving(data_dir)


@pytest.fixture(scope="module")
def secured(data_dir):
    yield from serving(data_dir, "--jwt-secret", SECRET)


@pytest.fixture
def client(server):
    return create_client(server, "anon-key")


@pytest.fixture(scope="module")
def bars():
    with open(ROOT / "fixtures" / "market_data_sample.csv", newline="") as f:
        return list(csv.DictReader(f))


def bar(ts, close, volume=10, interval="1h"):
    return {"ticker_id": TICKER, "timestamp": ts, "open": close, "high": close, "low": close, "close": close,
            "volume": volume, "interval": interval}


def rows_of(client, ticker=TICKER):
    return client.table("market_data").select("timestamp,close,volume,interval").eq("ticker_id", ticker).order("timestamp").execute().data


# ---- PATCH ------------------------------------------------------------------------------------

def test_update_eq_changes_only_matching_rows(client):
    client.table("market_data").insert([bar(f"2024-02-01T0{h}:00:00+00:00", 100 + h) for h in range(5)]).execute()
    updated = client.table("market_data").update({"close": 123.4, "volume": 7}).eq("ticker_id", TICKER) \
        .gte("timestamp", "2024-02-01T03:00:00+00:00").execute().data
    assert sorted(r["timestamp"] for r in updated) == ["2024-02-01T03:00:00+00:00", "2024-02-01T04:00:00+00:00"]
    assert all(r["close"] == 123.40 and r["volume"] == 7 and r["open"] == r["high"] for r in updated)
    after = rows_of(client)
    assert [r["close"] for r in after] == [100, 101, 102, 123.4, 123.4]
    assert [r["volume"] for r in after] == [10, 10, 10, 7, 7]


def test_update_keeps_scale_and_id(server):
    c = create_client(server, "k")
    before = c.table("market_data").select("id").eq("ticker_id", TICKER).eq("timestamp", "2024-02-01T00:00:00+00:00").execute().data
    status, headers, body = raw(server, f"/rest/v1/market_data?ticker_id=eq.{TICKER}&timestamp=eq.2024-02-01T00:00:00%2B00:00&select=id,close",
                                {"close": 5}, method="PATCH", headers={"Prefer": "return=representation"})
    assert status == 200 and json.loads(body) == [{"id": before[0]["id"], "close": 5.00}]
    assert '"close":5.00' in body and headers["Content-Range"] == "0-0/*"


def test_update_minimal_is_204(server):
    status, headers, body = raw(server, f"/rest/v1/market_data?ticker_id=eq.{TICKER}&timestamp=eq.2024-02-01T01:00:00Z",
                                {"volume": 11}, method="PATCH", headers={"Prefer": "count=exact"})
    assert status == 204 and body == "" and headers["Content-Range"] == "0-0/1"


def test_update_without_filters_is_refused(client):
    before = rows_of(client)
    with pytest.raises(APIError) as e:
        client.table("market_data").update({"volume": 1}).execute()
    assert e.value.code == "21000" and e.value.message == "UPDATE requires a WHERE clause"
    assert rows_of(client) == before


def test_update_errors_change_nothing(client):
    before = rows_of(client)
    cases = [({"interval": "2h"}, "23514"),            # CHECK
             ({"close": None}, "23502"),               # NOT NULL
             ({"close": 12345678901.5}, "22003"),      # numeric(12,2) overflow
             ({"nope": 1}, "PGRST204"),                # unknown column
             ({"timestamp": "2024-02-01T04:00:00Z"}, "23505")]  # two rows onto one unique key
    for change, code in cases:
        with pytest.raises(APIError) as e:
            client.table("market_data").update(change).eq("ticker_id", TICKER).execute()
        assert e.value.code == code, (change, e.value)
    with pytest.raises(APIError) as e:
        client.table("market_data").update({"volume": 1}).eq("ticker_id", "not-a-uuid").execute()
    assert e.value.code == "22P02"
    assert rows_of(client) == before


def test_update_conflict_is_409(server):
    status, _, body = raw(server, f"/rest/v1/market_data?ticker_id=eq.{TICKER}&timestamp=eq.2024-02-01T00:00:00Z",
                          {"timestamp": "2024-02-01T01:00:00Z"}, method="PATCH")
    assert status == 409 and json.loads(body)["code"] == "23505"
    assert "already exists" in json.loads(body)["details"]


def test_update_of_no_rows(client):
    assert client.table("market_data").update({"volume": 1}).eq("ticker_id", "00000000-0000-4000-8000-00000000dead").execute().data == []


def test_update_body_must_be_an_object(server):
    status, _, body = raw(server, f"/rest/v1/market_data?ticker_id=eq.{TICKER}", b"[1", method="PATCH")
    assert status == 400 and json.loads(body)["code"] == "PGRST102"


# ---- DELETE -----------------------------------------------------------------------------------

def test_delete_eq_returns_the_deleted_rows(client):
    client.table("market_data").insert([bar(f"2024-02-02T0{h}:00:00+00:00", 50 + h) for h in range(4)]).execute()
    deleted = client.table("market_data").delete().eq("ticker_id", TICKER).gte("timestamp", "2024-02-02T02:00:00Z").execute().data
    assert sorted(r["close"] for r in deleted) == [52, 53]
    left = [r["timestamp"] for r in rows_of(client) if r["timestamp"].startswith("2024-02-02")]
    assert left == ["2024-02-02T00:00:00+00:00", "2024-02-02T01:00:00+00:00"]
    # The analytics functions see the delete.
    latest = client.rpc("get_latest_price", {"p_ticker_id": TICKER}).execute().data
    assert latest[0]["timestamp"] == "2024-02-02T01:00:00+00:00"


def test_delete_without_filters_is_refused(client):
    before = rows_of(client)
    with pytest.raises(APIError) as e:
        client.table("market_data").delete().execute()
    assert e.value.code == "21000" and e.value.message == "DELETE requires a WHERE clause"
    assert rows_of(client) == before


def test_delete_minimal_and_count(server):
    status, headers, body = raw(server, f"/rest/v1/market_data?ticker_id=eq.{TICKER}&timestamp=eq.2024-02-02T01:00:00Z",
                                method="DELETE", headers={"Prefer": "return=minimal, count=exact"})
    assert status == 204 and headers["Content-Range"] == "0-0/1"
    status, headers, _ = raw(server, f"/rest/v1/market_data?ticker_id=eq.{TICKER}&timestamp=eq.2024-02-02T01:00:00Z",
                             method="DELETE", headers={"Prefer": "count=exact"})
    assert status == 204 and headers["Content-Range"] == "*/0"


def test_delete_with_bad_filter_changes_nothing(client):
    before = rows_of(client)
    with pytest.raises(APIError) as e:
        client.table("market_data").delete().eq("ticker_id", TICKER).eq("timestamp", "yesterday-ish").execute()
    assert e.value.code.startswith("22")
    with pytest.raises(APIError) as e:
        client.table("market_data").delete().eq("tickerid", TICKER).execute()
    assert e.value.code == "42703"
    assert rows_of(client) == before


# ---- Logic trees ------------------------------------------------------------------------------

def test_or(client, bars):
    data = (client.table("market_data").select("id").eq("ticker_id", SYN1)
            .or_("interval.eq.5m,volume.gt.9000").order("id").execute().data)
    expected = sorted(b["id"] for b in bars if b["ticker_id"] == SYN1
                      and (b["interval"] == "5m" or (b["volume"] != "" and int(b["volume"]) > 9000)))
    assert [d["id"] for d in data] == expected and len(expected) > 10


def test_or_with_nested_and_and_not(client, bars):
    data = (client.table("market_data").select("id")
            .or_(f"and(ticker_id.eq.{SYN2},interval.eq.1m,volume.lt.200),and(ticker_id.eq.{SYN1},interval.not.eq.1m,close.gte.7850)")
            .order("id").execute().data)
    expected = sorted(b["id"] for b in bars
                      if (b["ticker_id"] == SYN2 and b["interval"] == "1m" and b["volume"] != "" and int(b["volume"]) < 200)
                      or (b["ticker_id"] == SYN1 and b["interval"] != "1m" and float(b["close"]) >= 7850))
    assert [d["id"] for d in data] == expected and expected


def test_and_and_not_or_keys(server, bars):
    status, _, body = raw(server, f"/rest/v1/market_data?select=id&and=(ticker_id.eq.{SYN1},interval.eq.5m)"
                                  f"&not.or=(volume.gt.1000,volume.is.null)&order=id")
    expected = sorted(b["id"] for b in bars if b["ticker_id"] == SYN1 and b["interval"] == "5m"
                      and b["volume"] != "" and int(b["volume"]) <= 1000)
    assert status == 200 and [r["id"] for r in json.loads(body)] == expected


def test_or_with_quoted_value_and_in(server):
    status, _, body = raw(server, '/rest/v1/market_data?select=interval&or=(interval.eq."1m",interval.in.(5m,"15m"))'
                                  f'&ticker_id=eq.{SYN2}&limit=1&order=interval.desc')
    assert status == 200 and json.loads(body) == [{"interval": "5m"}]


@pytest.mark.parametrize("tree", ["(interval.eq.1m", "interval.eq.1m", "()", "(interval.zz.1m)", "(,)", "(interval)",
                                  "(and(interval.eq.1m)", "(not.interval.eq.1m)",
                                  "(" * 200 + ")" * 200])
def test_bad_logic_tree_is_pgrst100(server, tree):
    status, _, body = raw(server, "/rest/v1/market_data?select=id&or=" + tree.replace("(", "%28").replace(")", "%29"))
    assert status == 400 and json.loads(body)["code"] == "PGRST100", body


def test_update_with_or(client):
    client.table("market_data").insert([bar("2024-02-03T00:00:00Z", 1), bar("2024-02-03T01:00:00Z", 2), bar("2024-02-03T02:00:00Z", 3)]).execute()
    updated = (client.table("market_data").update({"volume": 99}).eq("ticker_id", TICKER)
               .or_("close.eq.1,close.eq.3").execute().data)
    assert sorted(r["close"] for r in updated) == [1, 3]
    deleted = client.table("market_data").delete().eq("ticker_id", TICKER).or_("volume.eq.99,close.eq.2").execute().data
    assert len(deleted) == 3


# ---- LIKE / ILIKE / NOT -----------------------------------------------------------------------

def test_like_and_ilike(client, bars):
    ones = client.table("market_data").select("id", count="exact").like("interval", "%m").eq("ticker_id", SYN1).limit(1).execute().count
    assert ones == sum(1 for b in bars if b["ticker_id"] == SYN1 and b["interval"].endswith("m"))
    fives = client.table("market_data").select("id", count="exact").ilike("interval", "5M").eq("ticker_id", SYN1).limit(1).execute().count
    assert fives == sum(1 for b in bars if b["ticker_id"] == SYN1 and b["interval"] == "5m") and fives > 0
    assert client.table("market_data").select("id").like("interval", "5M").eq("ticker_id", SYN1).execute().data == []
    underscore = client.table("market_data").select("id", count="exact").like("interval", "_m").limit(1).execute().count
    assert underscore == len(bars)


def test_like_star_is_percent(server, bars):
    status, headers, _ = raw(server, "/rest/v1/market_data?select=id&interval=like.*5*&limit=1", headers={"Prefer": "count=exact"})
    assert int(headers["Content-Range"].split("/")[1]) == sum(1 for b in bars if "5" in b["interval"])


def test_not_like_and_not_in_and_not_is(client, bars):
    n = client.table("market_data").select("id", count="exact").not_.like("interval", "1%").eq("ticker_id", SYN2).limit(1).execute().count
    assert n == sum(1 for b in bars if b["ticker_id"] == SYN2 and not b["interval"].startswith("1"))
    n = client.table("market_data").select("id", count="exact").not_.in_("interval", ["1m"]).eq("ticker_id", SYN2).limit(1).execute().count
    assert n == sum(1 for b in bars if b["ticker_id"] == SYN2 and b["interval"] != "1m")
    n = client.table("market_data").select("id", count="exact").not_.is_("volume", "null").eq("ticker_id", SYN2).limit(1).execute().count
    assert n == sum(1 for b in bars if b["ticker_id"] == SYN2 and b["volume"] != "")


def test_like_on_a_uuid_column_is_42883(client):
    with pytest.raises(APIError) as e:
        client.table("market_data").select("id").like("ticker_id", "631%").execute()
    assert e.value.code == "42883"


def test_like_pattern_ending_in_escape_is_22025(server):
    status, _, body = raw(server, "/rest/v1/market_data?select=id&interval=like.1%5C")
    assert status == 400 and json.loads(body)["code"] == "22025"


# ---- HEAD with count ----------------------------------------------------------------------------

def test_head_count_exact(client, bars):
    resp = client.table("market_data").select("*", count="exact", head=True).eq("ticker_id", SYN1).execute()
    assert resp.count == sum(1 for b in bars if b["ticker_id"] == SYN1) and resp.data == []


def test_head_count_with_or(server, bars):
    status, headers, body = raw(server, f"/rest/v1/market_data?select=*&or=(ticker_id.eq.{SYN2},interval.eq.5m)",
                                method="HEAD", headers={"Prefer": "count=exact"})
    n = sum(1 for b in bars if b["ticker_id"] == SYN2 or b["interval"] == "5m")
    assert status == 200 and body == "" and headers["Content-Range"] == f"0-{n - 1}/{n}"


# ---- Escapes --------------------------------------------------------------------------------------

def test_control_characters_are_escaped_like_postgresql(server):
    name = "a\bb\fc\nd\re\tf\x01g\x1fh\"i\\j\x7fk"
    status, _, body = raw(server, "/rest/v1/tickers?select=name,metadata", {"symbol": "ESC1", "name": name, "metadata": {"k": name}},
                          headers={"Prefer": "return=representation"})
    assert status == 201
    escaped = '"a\\bb\\fc\\nd\\re\\tf\\u0001g\\u001fh\\"i\\\\j\x7fk"'
    assert body == '[{"name":' + escaped + ',"metadata":{"k": ' + escaped + '}}]'
    assert json.loads(body)[0]["name"] == name


# ---- Roles --------------------------------------------------------------------------------------

def test_roles_for_update_and_delete(secured):
    anon = create_client(secured, token({"role": "anon"}))
    with pytest.raises(APIError) as e:
        anon.table("market_data").update({"volume": 1}).eq("ticker_id", SYN1).execute()
    assert e.value.code == "42501"
    service = create_client(secured, token({"role": "service_role"}))
    updated = service.table("market_data").update({"volume": 1}).eq("ticker_id", SYN1).eq("interval", "5m") \
        .eq("timestamp", "2024-01-02T15:00:00+00:00").execute().data
    assert [r["volume"] for r in updated] == [1]
    # The grants give service_role INSERT and UPDATE, not DELETE.
    with pytest.raises(APIError) as e:
        service.table("market_data").delete().eq("ticker_id", SYN1).execute()
    assert e.value.code == "42501" and e.value.message == "permission denied for table market_data"
    status, _, body = raw(secured, f"/rest/v1/market_data?ticker_id=eq.{SYN1}", method="DELETE")
    assert status == 401
