"""Documentation stays in step with the code (as sqlite-utils does it).

Fails when a field of a model dataclass is missing from docs/data-model.md, when
a CLI command or option is missing from docs/cli.md, or when the README loses its
two set-up commands.  To fix a failure, document the new field/option; don't
loosen the test.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import typer.main

from kharita import model
from kharita.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _sections(markdown: str) -> dict[str, str]:
    """Heading text (without #'s and backticks) -> the body up to the next heading."""
    out: dict[str, str] = {}
    parts = re.split(r"^(#{2,4} .+)$", markdown, flags=re.MULTILINE)
    for heading, body in zip(parts[1::2], parts[2::2]):
        out[heading.lstrip("#").strip().replace("`", "")] = body
    return out


def _model_classes() -> list[type]:
    return [
        obj for obj in vars(model).values()
        if isinstance(obj, type) and dataclasses.is_dataclass(obj)
        and obj.__module__ == model.__name__
    ]


def _documented_fields(body: str) -> set[str]:
    return set(re.findall(r"^\|\s*`([A-Za-z_][A-Za-z0-9_]*)`", body, flags=re.MULTILINE))


def test_every_model_field_is_documented() -> None:
    sections = _sections((DOCS / "data-model.md").read_text(encoding="utf-8"))
    missing = []
    for cls in _model_classes():
        body = sections.get(cls.__name__)
        if body is None:
            missing.append(f"{cls.__name__} (no '## {cls.__name__}' section)")
            continue
        documented = _documented_fields(body)
        missing += [f"{cls.__name__}.{f.name}" for f in dataclasses.fields(cls)
                    if f.name not in documented]
    assert not missing, "undocumented in docs/data-model.md: " + ", ".join(missing)


def test_no_documented_field_that_does_not_exist() -> None:
    sections = _sections((DOCS / "data-model.md").read_text(encoding="utf-8"))
    stale = []
    for cls in _model_classes():
        names = {f.name for f in dataclasses.fields(cls)}
        stale += [f"{cls.__name__}.{n}" for n in _documented_fields(sections.get(cls.__name__, ""))
                  if n not in names]
    assert not stale, "documented but not in the model: " + ", ".join(stale)


@pytest.mark.parametrize(
    "values", [model.PLOVER_TYPES, model.MODALITIES, model.ACTOR_ROLES, model.EVENT_KINDS]
)
def test_allowed_values_are_documented(values: tuple[str, ...]) -> None:
    text = (DOCS / "data-model.md").read_text(encoding="utf-8")
    missing = [v for v in values if f"`{v}`" not in text]
    assert not missing, f"allowed values missing from docs/data-model.md: {missing}"


def _commands() -> list[tuple[str, object]]:
    """(full command path, click command) for every leaf command of the CLI."""
    out = []

    def walk(cmd: object, path: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs is not None:
            for name, sub in subs.items():
                walk(sub, [*path, name])
        else:
            out.append((" ".join(["kharita", *path]), cmd))

    walk(typer.main.get_command(app), [])
    return out


def test_every_cli_command_and_option_is_documented() -> None:
    sections = _sections((DOCS / "cli.md").read_text(encoding="utf-8"))
    missing = []
    for path, cmd in _commands():
        body = next((b for h, b in sections.items() if h.split(" [")[0].strip() == path
                     or h.startswith(path + " ")), None)
        if body is None:
            missing.append(f"{path} (no heading '### `{path} ...`')")
            continue
        for param in cmd.params:  # type: ignore[attr-defined]
            longs = [o for o in param.opts if o.startswith("--")]
            if longs and not any(re.search(re.escape(o) + r"\b", body) for o in longs):
                missing.append(f"{path} {longs[0]}")
    assert not missing, "undocumented in docs/cli.md: " + ", ".join(missing)


def test_readme_has_the_two_setup_commands_and_links() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = _sections(readme).get("Set up", "")
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", setup, flags=re.DOTALL)
    commands = [ln.strip() for b in blocks for ln in b.splitlines()
                if ln.strip() and not ln.strip().startswith("#")]
    assert commands == ["make demo", "make test"]
    for link in ("docs/data-model.md", "docs/cli.md", "docs/architecture.md"):
        assert link in readme


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    assert re.search(r"\b5\b", ci), ".ci/run must treat pytest's exit 5 (no tests) as failure"


def test_relative_links_in_readme_and_reference_docs_exist() -> None:
    broken = []
    for page in (ROOT / "README.md", DOCS / "cli.md", DOCS / "data-model.md",
                 DOCS / "architecture.md"):
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.name}: {target}")
    assert not broken, f"broken links: {broken}"
