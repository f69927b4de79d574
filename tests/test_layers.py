"""The layers hold at run time too: the domain and the data layer load no screen code.

`make test` also runs import-linter's contracts (pyproject.toml); this checks
what actually ends up in `sys.modules`, as harlequin's import-hygiene test does.
"""

from __future__ import annotations

import json
import subprocess
import sys

CORE = "import ladder, data.service, data.importer, data.transfer, data.backup, data.store.erasure"


def loaded_after(imports: str) -> list[str]:
    script = (
        f"import sys, json; {imports}; "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_the_domain_and_the_use_cases_load_no_textual():
    loaded = loaded_after(CORE)
    assert "textual" not in loaded and "rich" not in loaded


def test_the_command_line_loads_no_textual():
    loaded = loaded_after("import cli.main, cli.customers, cli.files, present.exports")
    assert "textual" not in loaded and "tui" not in loaded


def test_the_domain_loads_no_database_library():
    loaded = loaded_after("import ladder")
    assert not {"sqlalchemy", "sqlmodel", "textual", "psycopg", "alembic"} & set(loaded)


def test_the_app_draws_its_first_frame_without_the_database_code():
    loaded = loaded_after("import tui.launch, tui.app")
    assert not {"sqlalchemy", "sqlmodel", "alembic", "psycopg", "fpdf", "vobject"} & set(loaded)


def test_every_use_case_is_what_it_says_once_every_module_is_loaded():
    """A use case named like a module of the service would be shadowed by it."""
    import importlib
    import pkgutil

    from data import service

    for module in pkgutil.iter_modules(service.__path__):
        importlib.import_module(f"data.service.{module.name}")
    for name in service.__all__:
        found = getattr(service, name)
        assert not isinstance(found, type(service)), name


OPEN_APP = """
import json, sys
from cli.main import main
opened = []
code = main(["--db", "x.db", "--today", "-1d"], open_app=lambda s: opened.append(str(s.today)) or 0)
print(json.dumps([code, opened, "cli.customers" in sys.modules, "data.store" in sys.modules]))
"""


def test_opening_the_app_reads_the_options_without_loading_the_commands():
    found = subprocess.run(
        [sys.executable, "-c", OPEN_APP], capture_output=True, text=True, check=True
    )
    code, opened, commands_loaded, store_loaded = json.loads(found.stdout)
    assert code == 0 and len(opened) == 1
    assert not commands_loaded and not store_loaded
