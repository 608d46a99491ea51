"""The staff tables are part of the models (the schema comparison of
test_schema_matches_models covers their columns, indexes and triggers on both engines)."""

from __future__ import annotations

from gestco.storage import binding, schema
from gestco.storage.staff_models import STAFF_MODELS


def test_each_model_is_its_table(db_path) -> None:
    real = binding.database.obj
    for model in STAFF_MODELS:
        assert model in schema.DATA_MODELS
        columns = {c.name for c in real.get_columns(model._meta.table_name)}
        assert columns == {f.column_name for f in model._meta.sorted_fields}, model
    indexes = {i.name for i in real.get_indexes("operators")}
    assert "operators_username_key" in indexes
