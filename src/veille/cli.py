"""The ``veille`` command: thin wrappers over library functions.

User errors are printed as one line on stderr, never as a traceback; the exit status is 1
when any document failed.
"""

import getpass
import json
import sys

import click
from tqdm import tqdm

from . import __version__
from . import settings as settings_module
from .errors import VeilleError
from .prepare.read import read_paths
from .pipeline import Pipeline, Report
from .extract.resolution import resolve_run
from .store import Store
from .store.claims import claims, override_grade
from .store.ingest import IngestReport, ingest_paths
from .store.judgements import merge, resolve_store, split
from .store.queries import entity_profile
from .store.read import stats
from .store.search import search
from .store.transfer import dump_to, load
from .summary import summarise
from .web.cli import serve
from .export.cli import export


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
    if fmt != "jsonl":            # every document is at hand: one canonical id per entity across them
        resolve_run(docs)
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
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Extract on the Dask cluster of this scheduler (its workers need veille, the model, "
                   "and the store: a PostgreSQL server they reach).")
@click.option("--workers", type=int, default=None, metavar="N",
              help="Extract on a local Dask cluster of N worker processes.")
def ingest_cli(paths, db, max_bytes, scheduler, workers):
    """Extract articles (files, folders, or - for stdin) into the store; those stored already are
    left out before any processing."""
    settings = _settings(db=db, max_bytes=max_bytes)
    bar = lambda total: tqdm(total=total, unit="doc", file=sys.stderr,  # noqa: E731
                             disable=total < settings.progress_min)
    try:
        with Store.open(settings.db) as store:
            if scheduler is not None or workers is not None:
                from .distributed import ingest_distributed
                report = ingest_distributed(store, paths, settings, scheduler=scheduler, workers=workers,
                                            progress=bar)
            else:
                report = ingest_paths(store, paths, settings, progress=bar)
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


# ---------------------------------------------------------------- cross-document resolution

@main.command("resolve")
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
def resolve_cli(db):
    """Resolve the stored entities across documents: judge the pairs not judged yet."""
    settings = _settings(db=db)
    try:
        with Store.open(settings.db) as store:
            report = resolve_store(store)
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(report.summary())


def _analyst() -> str:
    try:
        return getpass.getuser()
    except Exception:           # no login name (a container without one): say who with --by
        return "analyst"


def _judge_cli(action, a, b, by, db):
    settings, by = _settings(db=db), by or _analyst()
    try:
        with Store.open(settings.db) as store:
            judged = action(store, a, b, by)
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{judged.judgement}: {judged.left} {judged.right} (by {by})")


@main.command("merge")
@click.argument("a")
@click.argument("b")
@click.option("--by", default=None, help="The analyst's name (default: the login name).")
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
def merge_cli(a, b, by, db):
    """Record that A and B (entity statement ids or canonical ids) are one entity."""
    _judge_cli(merge, a, b, by, db)


@main.command("split")
@click.argument("a")
@click.argument("b")
@click.option("--by", default=None, help="The analyst's name (default: the login name).")
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
def split_cli(a, b, by, db):
    """Record that A and B (entity statement ids or canonical ids) are two entities."""
    _judge_cli(split, a, b, by, db)


@main.command("search")
@click.argument("query")
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
@click.option("--limit", type=int, default=20, show_default=True, help="Most entities, and most documents, shown.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def search_cli(query, db, limit, as_json):
    """Search the store: entities by their names and aliases, documents by their title and text.

    Every word must be found; accents, case and apostrophes do not count; "a phrase" must be found
    as it is; a trailing * makes a prefix (sécurit*)."""
    settings = _settings(db=db)
    try:
        with Store.open(settings.db) as store:
            result = search(store, query, limit)
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else _shown_search(result))


@main.command("profile")
@click.argument("entity")
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
def profile_cli(entity, db, as_json):
    """Everything the store says about one entity, given by its canonical id or by a name that
    one entity only bears: aliases, roles, relations with their sources, events."""
    settings = _settings(db=db)
    try:
        with Store.open(settings.db) as store:
            profile = entity_profile(store, entity)
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    if profile is None:
        raise click.ClickException(f"no entity {entity!r} in the store (try veille search)")
    click.echo(json.dumps(profile, ensure_ascii=False, indent=1) if as_json else _shown_profile(profile))


@main.command("claims")
@click.option("--entity", default=None, help="Only the claims of this canonical entity.")
@click.option("--type", "types", multiple=True, help="Relation or event type (repeat for several).")
@click.option("--min-grade", type=click.IntRange(1, 6), default=None,
              help="Only claims graded this well or better (1 confirmed … 6 cannot be judged).")
@click.option("--limit", type=click.IntRange(0), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
@click.option("--json", "as_json", is_flag=True, help="Print the claims as JSON.")
def claims_cli(entity, types, min_grade, limit, offset, db, as_json):
    """Claims across documents, best graded first: who says so, how many independent sources,
    the Admiralty grade (1 confirmed … 6 cannot be judged)."""
    settings = _settings(db=db)
    try:
        with Store.open(settings.db) as store:
            found = claims(store, entity=entity, types=types or None, min_grade=min_grade, limit=limit,
                           offset=offset)
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(found, ensure_ascii=False, indent=1) if as_json else _shown_claims(found))


@main.command("grade")
@click.argument("claim_id")
@click.argument("grade", type=click.IntRange(1, 6))
@click.option("--by", default=None, help="The analyst's name (default: the login name).")
@click.option("--note", default=None, help="Why (kept with the override).")
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
def grade_cli(claim_id, grade, by, note, db):
    """Override the grade of a claim (an analyst's judgement: the latest one is in force)."""
    settings, by = _settings(db=db), by or _analyst()
    try:
        with Store.open(settings.db) as store:
            graded = override_grade(store, claim_id, grade, by, note)
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{graded['id']}: grade {graded['grade']} ({graded['grade_label']}; the rule gives "
               f"{graded['rule_grade']}) by {by}")


@main.command("dump")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="File to write (default: standard output).")
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
def dump_cli(out, db):
    """Write every fact of the store (documents with their statements, judgements, grade
    overrides) as JSON lines, for veille load into another store."""
    settings = _settings(db=db)
    try:
        with Store.open(settings.db) as store, click.open_file(out or "-", "w", encoding="utf-8") as stream:
            lines = dump_to(store, stream)
    except OSError as exc:
        raise click.ClickException(f"{out}: {exc.strerror or exc}") from None
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{lines} line(s) written", err=True)


@main.command("load")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--db", default=None, help=settings_module.HELP["db"] + " Overrides VEILLE_DB.")
def load_cli(path, db):
    """Load a dump (veille dump) into the store: same ids, so loading twice changes nothing."""
    settings = _settings(db=db)
    try:
        with Store.open(settings.db) as store, click.open_file(path, "r", encoding="utf-8") as stream:
            report = load(store, stream, origin=path)
    except OSError as exc:
        raise click.ClickException(f"{path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{path}: not UTF-8 text") from None
    except VeilleError as exc:
        raise click.ClickException(str(exc)) from None
    for failure in report.failures:
        click.echo(str(failure), err=True)
    click.echo(report.summary())
    if report.failures:
        sys.exit(1)


def _shown_claims(found: dict) -> str:
    lines = [f"{found['total']} claim(s)"]
    for c in found["claims"]:
        if c["kind"] == "relation":
            what = f"{c['subject_name']} {c['type']} {c['object_name']}"
        else:
            what = f"{c['type']} {c['date'] or 'undated'}: " + ", ".join(p["name"] for p in c["participants"])
        overridden = " (analyst)" if c["overridden"] else ""
        lines.append(f"[{c['grade']} {c['grade_label']}{overridden}] {what}")
        denied = "; CONTESTED" if c["contested"] else "; DENIED" if c["denied"] else ""
        lines.append(f"    {c['documents']} document(s), {c['sources']} independent source(s); "
                     f"{', '.join(c['kinds'])}{'; hedged' if c['hedged'] else ''}{denied}  {c['id']}")
        if c["contested"]:
            for side in ("asserted", "denied"):
                lines.append(f"    {side} by: " + "; ".join(
                    f"{s['outlet'] or 'unknown outlet'}, {s['published'] or 'undated'} ({s['kind']})"
                    for s in c["sides"][side]))
        for t in c["tellings"][:3]:
            lines.append(f"    - {t['outlet'] or '-'}, {t['published'] or 'undated'}: {t['evidence']['text']}")
    return "\n".join(lines)


def _shown_search(result: dict) -> str:
    lines = ["entities:"] if result["entities"] else ["entities: none"]
    for e in result["entities"]:
        lines.append(f"  {e['name']}  {_kind(e)}  {e['documents']} document(s)  {e['canonical']}")
        lines.append(f"      matched: {'; '.join(e['matched'])}")
    lines.append("documents:" if result["documents"] else "documents: none")
    for d in result["documents"]:
        lines.append(f"  {d['doc_id']}  {d['published'] or '-'}  {d['source'] or '-'}  {d['title'] or ''}")
        snippet, shift = d["snippet"], 0
        for start, end in d["highlights"]:
            snippet = f"{snippet[:start + shift]}[{snippet[start + shift:end + shift]}]{snippet[end + shift:]}"
            shift += 2
        lines.append(f"      {snippet}")
    return "\n".join(lines)


def _kind(entity: dict) -> str:
    return " ".join(x for x in (entity["type"], entity["kind"], entity["country"]) if x)


def _source(statement: dict) -> str:
    d, said = statement["document"], statement["attribution"]
    how = said["kind"] + (", hedged" if said["hedged"] else "") + (", denied" if statement["negated"] else "")
    return f"{d['source'] or '-'}, {d['published'] or 'undated'} ({d['doc_id']}); {how}"


def _shown_profile(p: dict) -> str:
    lines = [f"{p['name']}  {_kind(p)}  {p['canonical']}", f"aliases: {'; '.join(p['aliases']) or '-'}",
             f"documents: {p['documents']}"]
    if p["roles"]:
        lines.append("roles:")
    for r in p["roles"]:
        span = " ".join(x for x in (r["start"] and f"from {r['start']}", r["end"] and f"to {r['end']}",
                                    r["past"] and "(past)") if x)
        lines.append(f"  {r['type']} {r['organisation']['name']} as {r['role'] or '-'} {span}".rstrip()
                     + f"  [{', '.join(d['doc_id'] for d in r['documents'])}]")
    for relation_type, statements in p["relations"].items():
        lines.append(f"{relation_type}:")
        for s in statements:
            arrow = "->" if s["direction"] == "out" else "<-"
            lines.append(f"  {arrow} {s['other']['name']} ({s['other']['canonical']})  {_source(s)}")
            lines.append(f"      {s['evidence']}")
    if p["events"]:
        lines.append("events:")
    for e in p["events"]:
        who = ", ".join(x["name"] for x in e["participants"])
        place = f" at {e['place']['name']}" if e["place"] else ""
        lines.append(f"  {e['date'] or 'undated'}  {e['type']}  {who}{place}  {_source(e)}")
    return "\n".join(lines)


main.add_command(serve)
main.add_command(export)

if __name__ == "__main__":
    main()
