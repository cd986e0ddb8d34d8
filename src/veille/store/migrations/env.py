"""Alembic's entry point for the store's migrations.

``Store.open`` runs them on its own connection (``config.attributes["connection"]``), inside the
transaction that holds the migration lock. Run by the ``alembic`` command (to write a revision:
``alembic -c PATH/alembic.ini revision --autogenerate -m "…"`` with ``script_location`` set to
this folder), they use the store URL of the settings (``VEILLE_DB``).
"""

from alembic import context

from veille import settings
from veille.store import dialect
from veille.store.db import make_engine
from veille.store.schema import metadata


def run(connection) -> None:
    # the full-text indexes of one database are not in the metadata (dialect.create_full_text)
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      include_name=dialect.declared)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    with make_engine(settings.load().db).begin() as own:
        run(own)
