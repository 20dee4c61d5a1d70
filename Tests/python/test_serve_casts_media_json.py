"""The real `supabase` client against `chunkwise serve` for three PostgREST 12 behaviours: a
`json` column keeps the text the client wrote (Python's `json.dumps` spacing), `select` casts to
`char` and `interval` as PostgreSQL 15 converts them, and media types read case-sensitively. The
expected values are PostgreSQL 15.18's for PostgREST's SQL over the same rows."""
import json

import pytest
from postgrest.exceptions import APIError
from supabase import create_client

from conftest import start
from test_serve import raw

SCHEMA = """create table notes (id integer primary key, body text, doc json, meta jsonb, ts timestamptz, amount numeric(12,2));
grant all on notes to anon;
"""
ROWS = 'id,body,doc,meta,ts,amount\n1,1 day 02:00,"{""a"" :  1}",,2024-01-01 10:00:00+00,101.50\n'


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    d = tmp_path_factory.mktemp("notes")
    (d / "schema.sql").write_text(SCHEMA)
    (d / "notes.csv").write_text(ROWS)
    proc, url = start(["--data", str(d / "notes.csv"), "--schema", str(d / "schema.sql")])
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def client(server):
    return create_client(server, "anon-key")


def test_json_column_keeps_the_written_text(client, server):
    # httpx writes compact JSON; a body written by hand keeps its spacing in a json column
    # (jsonb normalizes it), as PostgreSQL's json_to_recordset over the json body gives it.
    written = client.table("notes").insert({"id": 2, "doc": {"x": [1, 2]}, "meta": {"x": [1, 2]}}).execute().data
    assert written == [{"id": 2, "body": None, "doc": {"x": [1, 2]}, "meta": {"x": [1, 2]},
                        "ts": None, "amount": None}]
    status, _, body = raw(server, "/rest/v1/notes", body=b'{"id": 3, "doc": {"x" :  [1, 2]}, "meta": {"x" :  [1, 2]}}')
    assert status == 201
    status, _, body = raw(server, "/rest/v1/notes?select=doc,meta&id=gt.1&order=id")
    assert status == 200 and body == '[{"doc":{"x":[1,2]},"meta":{"x": [1, 2]}}, \n {"doc":{"x" :  [1, 2]},"meta":{"x": [1, 2]}}]'
    status, _, body = raw(server, "/rest/v1/notes?select=doc&id=eq.1")
    assert body == '[{"doc":{"a" :  1}}]'


def test_casts_to_char_and_interval(client):
    row = client.table("notes").select("ts::char,amount::char,body::interval").eq("id", 1).execute().data
    assert row == [{"ts": "2", "amount": "1", "body": "1 day 02:00:00"}]
    with pytest.raises(APIError) as refused:
        client.table("notes").select("amount::interval").execute()
    assert refused.value.code == "42846" and refused.value.message == "cannot cast type numeric to interval"


def test_media_types_are_case_sensitive(server):
    for accept in ["Application/JSON", "application/*"]:
        status, _, body = raw(server, "/rest/v1/notes?select=id", headers={"Accept": accept})
        assert status == 406 and json.loads(body) == {
            "code": "PGRST107", "details": None, "hint": None,
            "message": f"None of these media types are available: {accept}"}
    status, _, body = raw(server, "/rest/v1/notes", body={"id": 4}, headers={"Content-Type": "Application/json"})
    assert status == 400 and json.loads(body)["message"] == "Content-Type not acceptable: Application/json"
