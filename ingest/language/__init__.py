"""Language data: word lists and tables under ``data/`` and their loaders."""
