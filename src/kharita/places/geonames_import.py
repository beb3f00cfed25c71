"""Merge real GeoNames dump files into the gazetteer (``kharita gazetteer import``).

The packaged build covers places of 500+ people; users who need every village download
GeoNames' own dumps (https://download.geonames.org/export/dump/, CC BY 4.0) and import:

* ``allCountries.zip`` or a country file such as ``SY.zip`` (a zip holding ``SY.txt``), or
  the plain ``.txt``: tab-separated, 19 columns -- geonameid, name, asciiname,
  alternatenames (comma-separated), latitude, longitude, feature class, feature code,
  country code, cc2, admin1 code, admin2 code, admin3 code, admin4 code, population,
  elevation, dem, timezone, modification date;
* optionally ``alternateNamesV2.zip`` / ``.txt``: alternateNameId, geonameid, isolanguage,
  alternate name, isPreferredName, isShortName, isColloquial, isHistoric, from, to;
* optionally ``admin1CodesASCII.txt`` / ``admin2Codes.txt`` (code, name, asciiname,
  geonameid) to name the admin units of imported places.

Files are streamed line by line (allCountries is 1.5 GB) and rows are upserted by
geonameid in batches inside one transaction, so a failed import leaves the file as it was.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from kharita.places.gazetteer import (
    GazEntry,
    add_keys,
    add_names,
    create_schema,
    finalize,
    upsert_entries,
    with_variants,
)
from kharita.places.gazetteer_build import keep_alternate

GEONAMES_COLUMNS = 19
ALTNAME_COLUMNS = 10  # V2; the older 8-column form is accepted too
DEFAULT_CLASSES = frozenset("APLHT")  # admin, populated, regions, water, relief
# alternateNames "languages" that are not names: links, postcodes, airport codes, ids.
SKIP_LANGUAGES = frozenset(
    {"link", "post", "iata", "icao", "faac", "fr_1793", "unlc", "wkdt", "tcid", "phon", "piny"}
)
BATCH = 5000
MAX_REPORTED_ERRORS = 5


class GeoNamesImportError(RuntimeError):
    """An input file is missing, unreadable or not in a GeoNames dump format."""


@dataclass
class ImportStats:
    """What an import did; returned as a dict and stored in the gazetteer's metadata."""

    rows: int = 0
    places_written: int = 0
    skipped_feature_class: int = 0
    malformed: int = 0
    alternate_names: int = 0
    errors: list[str] = field(default_factory=list)

    def bad(self, where: str, reason: str) -> None:
        self.malformed += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(f"{where}: {reason}")


# -- reading ----------------------------------------------------------------------------------
def _zip_member(zf: zipfile.ZipFile, path: Path) -> str:
    """The data member of a GeoNames zip: ``SY.txt`` in ``SY.zip``, else the largest .txt."""
    names = [n for n in zf.namelist() if n.lower().endswith(".txt")]
    wanted = f"{path.stem}.txt".lower()
    for name in names:
        if Path(name).name.lower() == wanted:
            return name
    names = [n for n in names if "readme" not in n.lower() and "iso-language" not in n.lower()]
    if not names:
        raise GeoNamesImportError(f"{path}: zip holds no .txt data file")
    return max(names, key=lambda n: zf.getinfo(n).file_size)


@contextmanager
def open_lines(path: Path) -> Iterator[Iterator[str]]:
    """Yield the text lines of a GeoNames ``.txt`` or of the data file inside a ``.zip``."""
    if not path.is_file():
        raise GeoNamesImportError(f"{path}: no such file")
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                member = _zip_member(zf, path)
                with zf.open(member) as raw:
                    yield iter(io.TextIOWrapper(raw, encoding="utf-8", errors="replace"))
        else:
            with path.open(encoding="utf-8", errors="replace") as fh:
                yield iter(fh)
    except (OSError, zipfile.BadZipFile) as exc:
        raise GeoNamesImportError(f"{path}: cannot read ({exc})") from exc


def parse_geonames_row(line: str) -> tuple[GazEntry, list[str]]:
    """One ``allCountries``-format line -> (entry, alternate names).  Raises ValueError."""
    cols = line.rstrip("\r\n").split("\t")
    if len(cols) != GEONAMES_COLUMNS:
        raise ValueError(f"{len(cols)} columns, expected {GEONAMES_COLUMNS}")
    gid, name = int(cols[0]), cols[1] or cols[2]
    lat, lon = float(cols[4]), float(cols[5])
    if not name or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError("empty name or coordinates out of range")
    fclass, fcode = cols[6], cols[7]
    alts = [a for a in cols[3].split(",") if a]
    own1 = name if fcode == "ADM1" else None
    own2 = name if fcode == "ADM2" else None
    entry = GazEntry(gid, name, lat, lon, fclass, fcode, cols[8] or None, cols[10] or None,
                     cols[11] or None, own1, own2, int(cols[14] or 0), len(alts))
    return entry, [cols[2], *alts]


def read_admin_codes(paths: Iterable[Path]) -> dict[str, tuple[str, int | None]]:
    """``admin1CodesASCII.txt``/``admin2Codes.txt``: "SY.07" -> (name, geonameid)."""
    out: dict[str, tuple[str, int | None]] = {}
    for path in paths:
        with open_lines(path) as lines:
            for line in lines:
                cols = line.rstrip("\r\n").split("\t")
                if len(cols) >= 2 and cols[0].count(".") in (1, 2) and cols[1]:
                    gid = int(cols[3]) if len(cols) > 3 and cols[3].isdigit() else None
                    out[cols[0]] = (cols[1], gid)
    return out


# -- writing ----------------------------------------------------------------------------------
def _with_admin_names(entry: GazEntry, codes: dict[str, tuple[str, int | None]]) -> GazEntry:
    if not codes or not entry.country or not entry.admin1_code:
        return entry
    a1 = codes.get(f"{entry.country}.{entry.admin1_code}")
    a2 = codes.get(f"{entry.country}.{entry.admin1_code}.{entry.admin2_code}")
    return replace(entry, admin1=entry.admin1 or (a1[0] if a1 else None),
                   admin2=entry.admin2 or (a2[0] if a2 else None))


def _merge_batch(conn: sqlite3.Connection, batch: list[tuple[GazEntry, list[str]]]) -> int:
    """Upsert a batch; a place already present keeps its (readable) name and derived
    population when the dump has none, and the dump's name becomes an alternate."""
    ids = [e.geonameid for e, _ in batch]
    marks = ",".join("?" * len(ids))
    old = {gid: (name, pop) for gid, name, pop in conn.execute(
        f"SELECT geonameid, name, population FROM places WHERE geonameid IN ({marks})", ids)}
    entries, names, country_of = [], [], {}
    for entry, alts in batch:
        if entry.geonameid in old:
            name, pop = old[entry.geonameid]
            entry = replace(entry, name=name, population=entry.population or pop,
                            admin1=name if entry.feature_code == "ADM1" else entry.admin1,
                            admin2=name if entry.feature_code == "ADM2" else entry.admin2)
        entries.append(entry)
        country_of[entry.geonameid] = entry.country
        names += [(entry.geonameid, n) for n in {entry.name, *alts}
                  if keep_alternate(n, entry.name)]
    upsert_entries(conn, entries)
    add_keys(conn, with_variants(names, country_of))
    return len(entries)


def import_places(conn: sqlite3.Connection, path: Path, stats: ImportStats,
                  classes: frozenset[str] = DEFAULT_CLASSES,
                  codes: dict[str, tuple[str, int | None]] | None = None,
                  progress: Callable[[str], None] | None = None) -> None:
    """Stream one geoname-table file into the gazetteer."""
    batch: list[tuple[GazEntry, list[str]]] = []
    with open_lines(path) as lines:
        for lineno, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            stats.rows += 1
            try:
                entry, alts = parse_geonames_row(line)
            except ValueError as exc:
                stats.bad(f"{path.name} line {lineno}", str(exc))
                continue
            if entry.feature_class not in classes:
                stats.skipped_feature_class += 1
                continue
            batch.append((_with_admin_names(entry, codes or {}), alts))
            if len(batch) >= BATCH:
                stats.places_written += _merge_batch(conn, batch)
                batch.clear()
                if progress and stats.places_written % 500_000 < BATCH:
                    progress(f"{path.name}: {stats.places_written} places")
    if batch:
        stats.places_written += _merge_batch(conn, batch)


def import_alternate_names(conn: sqlite3.Connection, path: Path, stats: ImportStats) -> None:
    """Add alternate names for places present in the gazetteer (others are skipped)."""
    batch: list[tuple[int, str]] = []

    def flush() -> None:
        ids = sorted({gid for gid, _ in batch})
        marks = ",".join("?" * len(ids))
        country_of = dict(conn.execute(
            f"SELECT geonameid, country FROM places WHERE geonameid IN ({marks})", ids))
        pairs = [(gid, n) for gid, n in batch if gid in country_of]
        stats.alternate_names += len(pairs)
        add_keys(conn, with_variants(pairs, country_of))
        batch.clear()

    with open_lines(path) as lines:
        for lineno, line in enumerate(lines, 1):
            cols = line.rstrip("\r\n").split("\t")
            if not line.strip():
                continue
            if len(cols) not in (8, ALTNAME_COLUMNS) or not cols[1].isdigit():
                stats.bad(f"{path.name} line {lineno}",
                          f"{len(cols)} columns, expected {ALTNAME_COLUMNS} (alternateNamesV2)")
                continue
            lang, name = cols[2], cols[3]
            if lang in SKIP_LANGUAGES or not name or not keep_alternate(name, ""):
                continue
            batch.append((int(cols[1]), name))
            if len(batch) >= BATCH:
                flush()
    if batch:
        flush()


def import_files(target: Path, files: Iterable[Path], alternate_names: Path | None = None,
                 admin_codes: Iterable[Path] = (), classes: Iterable[str] = DEFAULT_CLASSES,
                 progress: Callable[[str], None] | None = None) -> dict:
    """Import dumps into the gazetteer at ``target`` (created if absent); returns stats."""
    files = [Path(f) for f in files]
    for path in [*files, *([alternate_names] if alternate_names else []), *admin_codes]:
        if not Path(path).is_file():
            raise GeoNamesImportError(f"{path}: no such file")
    codes = read_admin_codes(Path(p) for p in admin_codes)
    stats = ImportStats()
    target.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(target)
    try:
        create_schema(conn)
        with conn:  # one transaction: all or nothing
            for path in files:
                if progress:
                    progress(f"importing {path}")
                import_places(conn, path, stats, frozenset(classes), codes, progress)
            if alternate_names:
                if progress:
                    progress(f"importing alternate names from {alternate_names}")
                import_alternate_names(conn, Path(alternate_names), stats)
            _add_admin_code_names(conn, codes)
            finalize(conn)
            _record(conn, files, alternate_names, stats)
    except sqlite3.DatabaseError as exc:
        raise GeoNamesImportError(f"{target}: not a usable gazetteer ({exc})") from exc
    finally:
        conn.close()
    return {k: v for k, v in vars(stats).items()}


def _add_admin_code_names(conn: sqlite3.Connection, codes: dict[str, tuple[str, int | None]]
                          ) -> None:
    """Index the admin-code files' names (e.g. "Deir ez-Zor") for the units present."""
    pairs = [(gid, name) for name, gid in codes.values() if gid is not None]
    present = {gid for (gid,) in conn.execute(
        "SELECT geonameid FROM places WHERE feature_class = 'A'")}
    add_names(conn, [(gid, name) for gid, name in pairs if gid in present])


def _record(conn: sqlite3.Connection, files: list[Path], alternate_names: Path | None,
            stats: ImportStats) -> None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'imports'").fetchone()
    imports = json.loads(row[0]) if row else []
    imports.append({
        "files": [str(f) for f in files],
        "alternate_names": str(alternate_names) if alternate_names else None,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "places_written": stats.places_written,
        "alternate_names_added": stats.alternate_names,
    })
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('imports', ?)", (json.dumps(imports),))
