"""One typed Parquet file per table (pyarrow), for DuckDB, Polars and pandas.

Served as plain files, they are queryable over HTTP: DuckDB reads only the byte ranges
it needs (`SELECT … FROM 'https://…/data/cchc/targets.parquet'`). The bytes depend only
on the rows: no statistics timestamps, a fixed writer, no pandas metadata.
"""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import Table, json_value

TYPES = {"integer": pa.int64(), "year": pa.int64(), "number": pa.float64(), "date": pa.date32(),
         "boolean": pa.bool_()}


def parquet_file(table: Table) -> bytes:
    """The table as Parquet: string, int64, float64 (numbers), date32 (dates) columns."""
    columns, fields = [], []
    for spec in table.fields:
        kind = TYPES.get(spec.get("type"), pa.string())
        values = [row.get(spec["name"]) for row in table.rows]
        if kind == pa.float64() or kind == pa.int64():
            values = [None if v is None else json_value(v) for v in values]
            values = [None if v is None else (float(v) if kind == pa.float64() else int(v)) for v in values]
        columns.append(pa.array(values, type=kind))
        fields.append(pa.field(spec["name"], kind, metadata={"description": spec.get("description", "")}))
    data = pa.Table.from_arrays(columns, schema=pa.schema(fields, metadata={"name": table.name}))
    out = io.BytesIO()
    pq.write_table(data, out, compression="zstd", store_schema=True)
    return out.getvalue()
