"""The ``veille`` command: thin wrappers over library functions.

User errors are printed as one line on stderr, never as a traceback; the exit status is 1
when any document failed.
"""

import json
import sys

import click
from tqdm import tqdm

from . import __version__
from . import settings as settings_module
from .errors import VeilleError
from .ingest import read_paths
from .pipeline import Pipeline, Report
from .store import Store
from .store.ingest import IngestReport, ingest_paths
from .store.read import stats
from .summary import summarise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="veille")
def main():
    """veille: French-language news and intelligence reports into a sourced knowledge graph."""


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "summary"]), default="json",
              show_default=True, help="json: one list; jsonl: one record a line; summary: readable text.")
@click.option("--max-bytes", type=int, default=None, help="Largest document accepted (default 5 MB).")
def extract_cli(paths, fmt, max_bytes):
    """Extract entities, relations and events from articles (files, folders, or - for stdin)."""
    try:
        settings = settings_module.load().with_overrides(max_bytes=max_bytes)
        report = Report()
        items = list(read_paths(paths, settings, report.skipped))
        pipeline = Pipeline(settings)
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    bar = tqdm(total=len(items), unit="doc", file=sys.stderr, disable=len(items) < settings.progress_min)
    docs = []
    for doc in pipeline.extract(items, report):
        bar.update(1)
        if fmt == "jsonl":
            click.echo(json.dumps(doc.to_record(), ensure_ascii=False))
        else:
            docs.append(doc)
    bar.close()
    if fmt == "json":
        click.echo(json.dumps([d.to_record() for d in docs], ensure_ascii=False, indent=1))
    elif fmt == "summary":
        click.echo(summarise(docs))
    _report(report)
    sys.exit(1 if report.failures else 0)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
@click.option("--max-bytes", type=int, default=None, help="Largest document accepted (default 5 MB).")
def ingest_cli(paths, db, max_bytes):
    """Extract articles (files, folders, or - for stdin) into the store; those stored already are
    left out before any processing."""
    settings = _settings(db=db, max_bytes=max_bytes)
    try:
        with Store.open(settings.db) as store:
            report = ingest_paths(store, paths, settings, progress=lambda total: tqdm(
                total=total, unit="doc", file=sys.stderr, disable=total < settings.progress_min))
            where = store.url
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    _report(report)
    click.echo(f"store: {where}", err=True)
    sys.exit(1 if report.failures else 0)


@main.command("stats")
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
def stats_cli(db):
    """Count what the store holds, table by table."""
    settings = _settings(db=db)
    try:
        with Store.open(settings.db) as store:
            counts, where = stats(store), store.url
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"store: {where}")
    width = max(map(len, counts))
    for table, count in counts.items():
        click.echo(f"{table:<{width}}  {count}")


def _settings(**overrides):
    try:
        return settings_module.load().with_overrides(**overrides)
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None


def _report(report: Report | IngestReport) -> None:
    for failure in report.failures:
        click.echo(f"error: {failure}", err=True)
    for duplicate in report.duplicates:
        click.echo(f"skipped: {duplicate}", err=True)
    click.echo(report.summary(), err=True)


if __name__ == "__main__":
    main()
