"""CLI commands beyond the core ones in checker/cli.py, one module each, registered explicitly in cli.py."""
