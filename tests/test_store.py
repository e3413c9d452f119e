"""The store on a real SQLite file: append-only versions, conflicts, exact round trips."""

from __future__ import annotations

import sqlalchemy as sa
import pytest

from spmp_widgets.errors import ConflictError
from spmp_widgets.model import PlanStatus
from spmp_widgets.store import Store, database_url


def test_versions_are_appended_and_loaded_unchanged(store, people, example_file):
    plan = example_file.plan
    v1 = store.save_version(plan, author="coord", based_on=None, next_review_due=None)
    changed = plan.model_copy(deep=True)
    changed.part1.summary += " Further contact attempted in November."
    v2 = store.save_version(changed, author="coord", based_on=1, next_review_due=None)
    assert (v1.version, v2.version) == (1, 2)
    assert store.load("SUB-0001", 1)[0] == plan
    assert store.load("SUB-0001")[0] == changed
    assert [i.status for i in store.versions("SUB-0001")] == [PlanStatus.DRAFT, PlanStatus.DRAFT]
    assert v2.sha256 == changed.sha256() != v1.sha256


def test_stale_save_is_refused_and_writes_nothing(store, people, example_file):
    store.save_version(example_file.plan, author="coord", based_on=None, next_review_due=None)
    store.save_version(example_file.plan, author="sup", based_on=1, next_review_due=None)
    with pytest.raises(ConflictError, match="started from version 1, the latest is 2") as e:
        store.save_version(example_file.plan, author="coord", based_on=1, next_review_due=None)
    assert e.value.current_version == 2
    assert len(store.versions("SUB-0001")) == 2


@pytest.mark.parametrize("sql", [
    "UPDATE plan_versions SET document = '{}'",
    "DELETE FROM plan_versions",
])
def test_database_refuses_to_change_a_stored_version(store, people, example_file, sql):
    store.save_version(example_file.plan, author="coord", based_on=None, next_review_due=None)
    with pytest.raises(sa.exc.IntegrityError, match="append-only"):
        with store.engine.begin() as conn:
            conn.execute(sa.text(sql))
    assert store.load("SUB-0001")[0] == example_file.plan


def test_schema_is_created_by_alembic_and_reopening_is_harmless(db_url, people, example_file, store):
    store.save_version(example_file.plan, author="coord", based_on=None, next_review_due=None)
    again = Store(db_url)
    with again.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "0002"
    assert again.latest_version("SUB-0001") == 1
    again.close()


def test_history_round_trip(store, people, example_file):
    store.save_version(example_file.plan, author="coord", based_on=None, next_review_due=None)
    store.put_history("SUB-0001", example_file.history, recorded_by="coord")
    store.put_history("SUB-0001", example_file.history, recorded_by="coord")
    assert store.history("SUB-0001") == example_file.history


def test_postgres_urls_get_the_installed_driver(monkeypatch):
    monkeypatch.delenv("SPMP_DATABASE_URL", raising=False)
    assert database_url("postgresql://spmp@localhost:5432/spmp") == "postgresql+psycopg://spmp@localhost:5432/spmp"
    monkeypatch.setenv("SPMP_DATABASE_URL", "sqlite:////tmp/x.sqlite3")
    assert database_url() == "sqlite:////tmp/x.sqlite3"
