"""`.csv()` with the real `supabase` client against `chunkwise serve`: PostgREST 12's text/csv
body (a header from the first row's keys, then each row as PostgreSQL's record text), on a table
read and on a function call. The expected bodies are what PostgreSQL 15 gives for PostgREST's
SQL (SqlFragment.asCsvF) over the same fixture rows."""
import pytest
from postgrest.exceptions import APIError
from supabase import create_client

from conftest import SYN1, SYN2, serving
from test_serve import raw


@pytest.fixture(scope="module")
def server(data_dir):
    yield from serving(data_dir)


@pytest.fixture
def client(server):
    return create_client(server, "anon-key")


def bars(client):
    return (client.table("market_data").select("timestamp,close,volume,metadata")
            .eq("ticker_id", SYN1).eq("interval", "5m").order("timestamp").limit(3))


def test_table_csv(client):
    assert bars(client).csv().execute().data == (
        "timestamp,close,volume,metadata\n"
        '"2024-01-01 00:00:00+00",7828.75,623,{}\n'
        '"2024-01-01 00:05:00+00",7835.25,449,{}\n'
        '"2024-01-01 00:10:00+00",7831.25,1450,{}')


def test_table_csv_in_the_session_zone(server):
    status, headers, body = raw(server, "/rest/v1/market_data?select=timestamp,close&ticker_id=eq." + SYN1
                                + "&interval=eq.5m&order=timestamp&limit=2",
                                headers={"Accept": "text/csv", "Prefer": "timezone=America/New_York"})
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    assert body == 'timestamp,close\n"2023-12-31 19:00:00-05",7828.75\n"2023-12-31 19:05:00-05",7835.25'


def test_empty_table_csv_is_a_newline(client):
    assert client.table("market_data").select("id").lt("close", 0).csv().execute().data == "\n"


def price_range(client):
    return client.rpc("get_price_range", {"p_ticker_id": SYN2, "p_interval": "5m", "p_start": "2024-01-02 10:00:00+00",
                                          "p_end": "2024-01-02 10:30:00+00"})


def test_single_and_csv_on_a_call_the_last_wins(client):
    # Both set Accept: .csv() after .single() is every row as CSV, no PGRST116; the other way round
    # the single object is asked for, and 7 rows are PGRST116.
    assert price_range(client).single().csv().execute().data.count("\n") == 7
    with pytest.raises(APIError) as e:
        price_range(client).csv().single().execute()
    assert e.value.code == "PGRST116"


def test_rpc_csv(client):
    assert client.rpc("get_latest_price", {"p_ticker_id": SYN1, "p_interval": "1m"}).csv().execute().data == (
        "id,ticker_id,timestamp,open,high,low,close,volume,interval\n"
        'ad3c0676-4057-45d2-8c55-1831c05d7a2f,631eb6fc-3ea7-f5f6-319d-66ac0ff5c73b,"2024-01-05 20:59:00+00",'
        "7841.75,7842.25,7836.25,7837.25,1563,1m")


def test_rpc_csv_header_is_the_calls_columns(client):
    # PostgREST takes the header from the call (its selected columns, sorted), the rows in select order.
    assert price_range(client).select("volume,timestamp,close").order("timestamp", desc=True).limit(3).csv().execute().data == (
        "close,timestamp,volume\n"
        '1053,"2024-01-02 10:30:00+00",4690.50\n'
        '1152,"2024-01-02 10:25:00+00",4691.25\n'
        '316,"2024-01-02 10:20:00+00",4688.00')
