"""The real `supabase` client against `chunkwise serve` where PostgREST 12 answers in ways that
are easy to miss: `.single()` on function calls and writes, counts and ranges on function
results, filters on function results, and the requests a write must leave no trace of. Its own
server, so the writes here touch no other test."""
import json

import pytest
from postgrest.exceptions import APIError
from supabase import create_client

from conftest import NOW, SYN1, SYN2, serving
from test_serve import raw

TICKER = "0e0e0e0e-0000-4000-8000-000000000112"
SINGLE_MESSAGE = "JSON object requested, multiple (or no) rows returned"


@pytest.fixture(scope="module")
def server(data_dir):
    yield from serving(data_dir)


@pytest.fixture
def client(server):
    return create_client(server, "anon-key")


def bar(ts, close, ticker=TICKER, interval="1h"):
    return {"ticker_id": ticker, "timestamp": ts, "open": close, "high": close, "low": close, "close": close,
            "volume": 1, "interval": interval}


def stored(client, ticker=TICKER):
    return client.table("market_data").select("timestamp,close").eq("ticker_id", ticker).order("timestamp").execute().data


def price_range(client, **extra):
    return client.rpc("get_price_range", {"p_ticker_id": SYN2, "p_interval": "5m", "p_start": "2024-01-02 10:00:00+00",
                                          "p_end": "2024-01-02 10:30:00+00", **extra})


# ---- .single() ---------------------------------------------------------------------------------

def test_rpc_single_is_one_object(client, server):
    rows = client.rpc("get_latest_price", {"p_ticker_id": SYN1, "p_interval": "1m"}).execute().data
    one = client.rpc("get_latest_price", {"p_ticker_id": SYN1, "p_interval": "1m"}).single().execute().data
    assert isinstance(one, dict) and one == rows[0]
    status, headers, body = raw(server, "/rest/v1/rpc/get_latest_price", {"p_ticker_id": SYN1, "p_interval": "1m"},
                                headers={"Accept": "application/vnd.pgrst.object+json"})
    assert status == 200 and body.startswith("{") and json.loads(body) == rows[0]
    assert headers["Content-Type"] == "application/vnd.pgrst.object+json; charset=utf-8"


@pytest.mark.parametrize("interval, rows", [("1h", 0), (None, 7)])
def test_rpc_single_of_zero_or_many_rows_is_pgrst116(client, interval, rows):
    call = client.rpc("get_latest_price", {"p_ticker_id": SYN1, "p_interval": interval}) if interval else price_range(client)
    with pytest.raises(APIError) as e:
        call.single().execute()
    assert e.value.code == "PGRST116" and e.value.message == SINGLE_MESSAGE
    assert e.value.details == f"The result contains {rows} rows"


def test_rpc_maybe_single(client):
    assert client.rpc("get_latest_price", {"p_ticker_id": SYN1, "p_interval": "1h"}).maybe_single().execute() is None
    one = client.rpc("get_latest_price", {"p_ticker_id": SYN1, "p_interval": "1m"}).maybe_single().execute().data
    assert one["interval"] == "1m"


def test_table_single_uses_postgrest12_words(client):
    with pytest.raises(APIError) as e:
        client.table("market_data").select("id").eq("ticker_id", TICKER).eq("interval", "1d").single().execute()
    assert e.value.code == "PGRST116" and e.value.message == SINGLE_MESSAGE and e.value.details == "The result contains 0 rows"


def test_single_insert_of_two_rows_is_refused_and_rolled_back(client):
    rows = [bar("2024-03-01T00:00:00+00:00", 1), bar("2024-03-01T01:00:00+00:00", 2)]
    with pytest.raises(APIError) as e:
        client.table("market_data").insert(rows).single().execute()
    assert e.value.code == "PGRST116" and e.value.details == "The result contains 2 rows"
    assert stored(client) == []
    one = client.table("market_data").insert(rows[0]).single().execute().data
    assert isinstance(one, dict) and one["close"] == 1
    assert len(stored(client)) == 1


def test_single_update_and_delete_of_other_than_one_row_are_rolled_back(client):
    client.table("market_data").insert([bar("2024-03-02T00:00:00+00:00", 5), bar("2024-03-02T01:00:00+00:00", 6)]).execute()
    before = stored(client)
    with pytest.raises(APIError) as e:
        client.table("market_data").update({"close": 9}).eq("ticker_id", TICKER).gte("timestamp", "2024-03-02").single().execute()
    assert e.value.code == "PGRST116" and e.value.details == "The result contains 2 rows"
    with pytest.raises(APIError) as e:
        client.table("market_data").delete().eq("ticker_id", TICKER).gte("timestamp", "2024-03-02").single().execute()
    assert e.value.code == "PGRST116" and e.value.details == "The result contains 2 rows"
    with pytest.raises(APIError) as e:
        client.table("market_data").delete().eq("ticker_id", TICKER).eq("timestamp", "2030-01-01").single().execute()
    assert e.value.details == "The result contains 0 rows"
    assert stored(client) == before
    updated = client.table("market_data").update({"close": 9}).eq("ticker_id", TICKER) \
        .eq("timestamp", "2024-03-02T01:00:00+00:00").single().execute().data
    assert isinstance(updated, dict) and updated["close"] == 9


# ---- counts on function results ----------------------------------------------------------------

def test_rpc_exact_count(client, server):
    response = price_range(client, p_end="2024-01-02 10:10:00+00").execute()
    assert len(response.data) == 3 and response.count is None
    counted = client.rpc("get_price_range", {"p_ticker_id": SYN2, "p_interval": "5m", "p_start": "2024-01-02 10:00:00+00",
                                             "p_end": "2024-01-02 10:10:00+00"}, count="exact").execute()
    assert counted.count == 3 and len(counted.data) == 3
    args = {"p_ticker_id": SYN2, "p_interval": "5m", "p_start": "2024-01-02 10:00:00+00", "p_end": "2024-01-02 10:10:00+00"}
    status, headers, _ = raw(server, "/rest/v1/rpc/get_price_range", args, headers={"Prefer": "count=exact"})
    assert status == 200 and headers["Content-Range"] == "0-2/3"
    head = client.rpc("get_price_range", args, count="exact", head=True).execute()
    assert head.count == 3


# ---- a refused request leaves nothing behind -----------------------------------------------------

def test_insert_with_a_misspelled_select_is_refused_and_not_stored(client):
    row = bar("2024-03-03T00:00:00+00:00", 3)
    with pytest.raises(APIError) as e:
        client.table("market_data").insert(row).select("id,clse").execute()
    assert e.value.code == "42703"
    assert [r for r in stored(client) if r["timestamp"].startswith("2024-03-03")] == []
    with pytest.raises(APIError) as e:
        client.table("market_data").upsert(row, on_conflict="ticker_id,timestamp,interval").select("clse").execute()
    assert e.value.code == "42703"
    assert [r for r in stored(client) if r["timestamp"].startswith("2024-03-03")] == []
    kept = client.table("market_data").insert(row).select("id,close").execute().data
    assert len(kept) == 1 and set(kept[0]) == {"id", "close"}


def test_update_with_a_misspelled_select_is_refused_and_not_applied(client):
    client.table("market_data").insert(bar("2024-03-04T00:00:00+00:00", 4)).execute()
    before = stored(client)
    with pytest.raises(APIError) as e:
        client.table("market_data").update({"close": 44}).eq("ticker_id", TICKER) \
            .eq("timestamp", "2024-03-04T00:00:00+00:00").select("clse").execute()
    assert e.value.code == "42703"
    with pytest.raises(APIError) as e:
        client.table("market_data").upsert(bar("2024-03-04T00:00:00+00:00", 45), on_conflict="ticker_id,timestamp,interval") \
            .select("clse").execute()
    assert e.value.code == "42703"
    assert stored(client) == before


# ---- ranges ------------------------------------------------------------------------------------

def test_range_at_the_end_is_an_empty_206_and_past_it_416(client):
    ticker = "0e0e0e0e-0000-4000-8000-000000000113"
    client.table("market_data").insert([bar(f"2024-03-05T0{h}:00:00+00:00", h, ticker=ticker) for h in range(3)]).execute()
    query = lambda: client.table("market_data").select("close", count="exact").eq("ticker_id", ticker).order("timestamp")
    page = query().range(0, 1).execute()
    assert page.count == 3 and [r["close"] for r in page.data] == [0, 1]
    end = query().range(3, 5).execute()
    assert end.count == 3 and end.data == []
    with pytest.raises(APIError) as e:
        query().range(4, 5).execute()
    assert e.value.code == "PGRST103" and e.value.details == "An offset of 4 was requested, but there are only 3 rows."
    none = query().limit(0).execute()
    assert none.count == 3 and none.data == []


# ---- filters, select, order and ranges on function results ---------------------------------------

def test_rpc_results_take_filters_order_select_and_range(client):
    every = price_range(client).execute().data
    assert len(every) == 7
    expected = sorted((r for r in every if r["close"] > every[2]["close"]), key=lambda r: -r["close"])[:2]
    shaped = price_range(client).select("timestamp,close").gt("close", every[2]["close"]).order("close", desc=True).limit(2).execute().data
    assert shaped == [{"timestamp": r["timestamp"], "close": r["close"]} for r in expected]
    window = price_range(client).order("timestamp").range(2, 4).execute().data
    assert window == every[2:5]
    on_get = client.rpc("get_price_range", {"p_ticker_id": SYN2, "p_interval": "5m", "p_start": "2024-01-02 10:00:00+00",
                                            "p_end": "2024-01-02 10:30:00+00"}, get=True) \
        .lte("timestamp", every[1]["timestamp"]).select("timestamp").execute().data
    assert on_get == [{"timestamp": r["timestamp"]} for r in every[:2]]
    counted = client.rpc("get_price_range", {"p_ticker_id": SYN2, "p_interval": "5m", "p_start": "2024-01-02 10:00:00+00",
                                             "p_end": "2024-01-02 10:30:00+00"}, count="exact").limit(3).execute()
    assert counted.count == 7 and len(counted.data) == 3


def test_rpc_misspelled_select_is_42703(client):
    with pytest.raises(APIError) as e:
        price_range(client).select("timestamp,clse").execute()
    # PostgREST 12 asks the call itself for the selected columns: `SELECT pgrst_call.clse …`.
    assert e.value.code == "42703" and e.value.message == "column pgrst_call.clse does not exist"


# ---- now, today, tomorrow, yesterday -------------------------------------------------------------

def test_special_timestamps_read_the_servers_clock(client):
    # NOW is 2024-01-06 00:00:00+00: yesterday is 2024-01-05, as PostgreSQL reads it in UTC.
    explicit = client.rpc("get_price_range", {"p_ticker_id": SYN1, "p_interval": "5m", "p_start": "2024-01-05 00:00:00+00",
                                              "p_end": "2024-01-06 00:00:00+00"}).execute().data
    special = client.rpc("get_price_range", {"p_ticker_id": SYN1, "p_interval": "5m", "p_start": "yesterday",
                                             "p_end": "today"}).execute().data
    assert explicit and special == explicit
    assert client.rpc("get_price_range", {"p_ticker_id": SYN1, "p_interval": "5m", "p_start": "yesterday 12:00",
                                          "p_end": "now"}).execute().data == [r for r in explicit if r["timestamp"] >= "2024-01-05T12:00"]
    filtered = client.table("market_data").select("timestamp").eq("ticker_id", SYN1).eq("interval", "5m") \
        .gte("timestamp", "yesterday").lt("timestamp", "today").order("timestamp").execute().data
    assert [r["timestamp"] for r in filtered] == [r["timestamp"] for r in explicit]
    assert client.table("market_data").select("id").eq("ticker_id", SYN1).gte("timestamp", "tomorrow").execute().data == []


# ---- an object with no keys ------------------------------------------------------------------------

@pytest.mark.parametrize("payload", [{}, [{}], [{}, {}]])
def test_insert_of_empty_objects_is_a_row_of_defaults(client, payload):
    before = client.table("market_data").select("id", count="exact").limit(1).execute().count
    with pytest.raises(APIError) as e:
        client.table("market_data").insert(payload).execute()
    # id has a DEFAULT (gen_random_uuid()); ticker_id, the next column, has none and is NOT NULL.
    assert e.value.code == "23502"
    assert e.value.message == 'null value in column "ticker_id" of relation "market_data" violates not-null constraint'
    assert e.value.details.startswith("Failing row contains (")
    assert client.table("market_data").select("id", count="exact").limit(1).execute().count == before


# ---- --max-rows ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def capped(data_dir):
    for url in serving(data_dir, "--max-rows", "2"):
        yield create_client(url, "anon-key")


def test_max_rows_caps_reads_and_function_results(capped, client):
    full = client.table("market_data").select("id", count="exact").eq("ticker_id", SYN1).order("timestamp").execute()
    read = capped.table("market_data").select("id", count="exact").eq("ticker_id", SYN1).order("timestamp").execute()
    assert len(full.data) > 2 and read.data == full.data[:2] and read.count == full.count
    assert capped.table("market_data").select("id").eq("ticker_id", SYN1).order("timestamp").range(1, 5).execute().data == full.data[1:3]
    assert len(capped.table("market_data").select("id").eq("ticker_id", SYN1).limit(1).execute().data) == 1
    assert price_range(capped).execute().data == price_range(client).execute().data[:2]



def test_client_insert_of_objects_with_different_keys_names_the_columns(client):
    # supabase-py sends ?columns= (every key of every object) with a list, so PostgREST reads a
    # key an object lacks as NULL; without columns= it would refuse the array (PGRST102).
    first = bar("2024-03-06T00:00:00+00:00", 6)
    second = {k: v for k, v in bar("2024-03-06T01:00:00+00:00", 7).items() if k != "volume"}
    client.table("market_data").insert([first, second]).execute()
    rows = client.table("market_data").select("volume").eq("ticker_id", TICKER).gte("timestamp", "2024-03-06") \
        .lt("timestamp", "2024-03-07").order("timestamp").execute().data
    assert rows == [{"volume": 1}, {"volume": None}]
