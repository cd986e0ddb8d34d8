"""``veille export``: a thin wrapper over :func:`veille.export.export`.

Registered on the ``veille`` group by ``cli.py`` (``main.add_command(export)``); it does not
import ``cli.py``, which imports it. Errors are one line on stderr, as for every command.
"""

import sys

import click

from .. import settings as settings_module
from ..errors import VeilleError
from ..store import Store
from . import FORMATS, check_request
from . import export as export_store


@click.command("export")
@click.option("--format", "fmt", required=True, metavar="|".join(FORMATS),
              help="ftm: FollowTheMoney entities, one JSON object a line (Aleph, ftm tools); graphml, "
                   "gexf: the canonical graph for Gephi or networkx; csv: tables of entities, relations, "
                   "events, claims and documents (into a folder, or a .zip).")
@click.option("--out", default=None, metavar="PATH",
              help="File to write (folder or .zip for csv); standard output when left out.")
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
def export(fmt, out, db):
    """Export the store's canonical graph: entities, relations and events with their sources."""
    try:
        check_request(fmt, out)           # before opening a store: a typo creates no veille.db
        settings = settings_module.load().with_overrides(db=db)
        with Store.open(settings.db) as store:
            report = export_store(store, fmt, out, stream=sys.stdout.buffer)
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(report.summary(), err=True)
