"""Run the corpus gold checker under pytest (no extractor involved)."""

import importlib.util
from pathlib import Path


def test_gold_files_are_consistent():
    spec = importlib.util.spec_from_file_location(
        "check_gold", Path(__file__).with_name("check_gold.py")
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main() == 0
