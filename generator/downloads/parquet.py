"""One typed Parquet file per table (pyarrow), for DuckDB, Polars and pandas.

Served as plain files, they are queryable over HTTP: DuckDB reads only the byte ranges
it needs (`SELECT … FROM 'https://…/data/cchc/targets.parquet'`). The bytes depend only
on the rows: no statistics timestamps, a fixed writer, no pandas metadata.
"""

from __future__ import annotations

from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import Table, json_value

TYPES = {"integer": pa.int64(), "year": pa.int64(), "number": pa.float64(), "date": pa.date32(),
         "boolean": pa.bool_()}


ROW_GROUP = 20_000  # rows encoded at a time, one row group each: a table is never all in Arrow at once
# (at 10,000 documents, 50,000-row groups took a download worker to 1,019 MB: +160 MB for targets-flat)


def write_parquet(table: Table, out: BinaryIO) -> None:
    """The table as Parquet: string, int64, float64 (numbers), date32 (dates) columns, written
    into `out` a row group at a time."""
    kinds = [TYPES.get(spec.get("type"), pa.string()) for spec in table.fields]
    schema = pa.schema([pa.field(spec["name"], kind, metadata={"description": spec.get("description", "")})
                        for spec, kind in zip(table.fields, kinds)], metadata={"name": table.name})
    with pq.ParquetWriter(out, schema, compression="zstd", store_schema=True) as writer:
        for start in range(0, len(table.rows) or 1, ROW_GROUP):  # an empty table: one empty group
            rows = table.rows[start:start + ROW_GROUP]
            columns = [pa.array(_column(rows, spec["name"], kind), type=kind)
                       for spec, kind in zip(table.fields, kinds)]
            writer.write_table(pa.Table.from_arrays(columns, schema=schema))


def _column(rows: list, name: str, kind: pa.DataType) -> list:
    values = [row.get(name) for row in rows]
    if kind == pa.float64() or kind == pa.int64():
        number = float if kind == pa.float64() else int
        values = [None if v is None else number(json_value(v)) for v in values]
    return values
