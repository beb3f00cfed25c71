"""``kharita gazetteer build|import|info``: thin wrappers over kharita.places.gazetteer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kharita import settings
from kharita.cli import app, evaluate_app, gazetteer_app  # noqa: F401

PathOption = Annotated[
    Path | None,
    typer.Option("--path", help="Gazetteer file (default: the data dir, or $KHARITA_GAZETTEER)."),
]


def _say(message: str) -> None:
    typer.echo(message, err=True)


@gazetteer_app.command("build")
def build_cmd(
    path: PathOption = None,
    if_missing: Annotated[
        bool, typer.Option("--if-missing", help="Do nothing if a gazetteer built by this kharita version exists (one with imported GeoNames files is kept too).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages.")] = False,
) -> None:
    """Build the offline gazetteer from the installed packages (about 30 s).

    GeoNames cities (population >= 500) with alternate names, countries, continents,
    admin1/admin2 units with aliases and kharita's regions.yaml, into one SQLite file.

    Example: kharita gazetteer build --if-missing
    """
    from kharita.places.gazetteer import build, prepare_indexes

    target = path or settings.gazetteer_path()
    if if_missing and _current(target):
        prepare_indexes(target)
        _say(f"gazetteer present at {target}; not rebuilt (drop --if-missing to rebuild)")
        return
    try:
        counts = build(target, progress=None if quiet else _say)
    except OSError as exc:
        _say(f"error: cannot write the gazetteer to {target}: {exc}")
        raise typer.Exit(1) from exc
    typer.echo(json.dumps({"path": str(target), **counts}))


def _current(target: Path) -> bool:
    """A usable gazetteer built by this kharita, or one holding user imports (which a
    rebuild would drop: those are kept, with a note, until rebuilt by hand)."""
    from kharita.places.gazetteer import Gazetteer, GazetteerMissing
    from kharita.places.gazetteer_build import build_fingerprint

    try:
        gaz = Gazetteer.open(target)
    except GazetteerMissing:
        return False
    try:
        meta = gaz.metadata()
    finally:
        gaz.close()
    if meta.get("build_fingerprint") == build_fingerprint():
        return True
    if meta.get("imports"):
        _say(f"note: {target} was built by another kharita version and holds imported GeoNames "
             "files; kept as is (run `kharita gazetteer build` and re-import to refresh it)")
        return True
    _say(f"gazetteer at {target} was built by another kharita version; rebuilding")
    return False


@gazetteer_app.command("import")
def import_cmd(
    files: Annotated[list[Path], typer.Argument(
        help="GeoNames dumps: allCountries.zip, a country file (SY.zip) or its .txt.")],
    alternate_names: Annotated[Path | None, typer.Option(
        "--alternate-names", help="alternateNamesV2.zip (or .txt) to add their names.")] = None,
    admin_codes: Annotated[list[Path] | None, typer.Option(
        "--admin-codes", help="admin1CodesASCII.txt / admin2Codes.txt for admin names.")] = None,
    path: PathOption = None,
) -> None:
    """Merge real GeoNames dump files into the gazetteer (upsert by geonameid).

    For users who need every village.  Streams the files, so allCountries.zip (1.5 GB)
    works in constant memory.  Download the dumps from https://download.geonames.org/export/dump/.

    Example: kharita gazetteer import SY.zip IQ.zip --alternate-names alternateNamesV2.zip
    """
    from kharita.places.geonames_import import GeoNamesImportError, import_files

    target = path or settings.gazetteer_path()
    try:
        counts = import_files(target, files, alternate_names=alternate_names,
                              admin_codes=admin_codes or [], progress=_say)
    except GeoNamesImportError as exc:
        _say(f"error: {exc}")
        raise typer.Exit(1) from exc
    from kharita.places.gazetteer import prepare_indexes

    prepare_indexes(target)
    typer.echo(json.dumps({"path": str(target), **counts}))


@gazetteer_app.command("info")
def info_cmd(
    path: PathOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the gazetteer's path, sources, build date and counts.

    Example: kharita gazetteer info
    """
    from kharita.places.gazetteer import Gazetteer, GazetteerMissing

    target = path or settings.gazetteer_path()
    try:
        with Gazetteer.open(target) as gaz:
            info = {"path": str(target), "size_mb": round(target.stat().st_size / 1e6, 1),
                    **gaz.metadata(), "counts": gaz.counts()}
    except GazetteerMissing as exc:
        _say(f"error: {exc}")
        raise typer.Exit(1) from exc
    if as_json:
        typer.echo(json.dumps(info, indent=2, ensure_ascii=False))
        return
    for key, value in info.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items())
        typer.echo(f"{key}: {value}")
