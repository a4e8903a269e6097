"""CLI commands beyond the core ones in checker/cli.py, one module each, registered explicitly in cli.py."""

# Command modules import their helpers from checker.cli, and checker.cli imports them at its registration
# marker. Importing checker.cli here first means a command module imported on its own (doctest collection,
# a script) finds checker.cli's helpers defined instead of a half-initialised circular import.
import checker.cli  # noqa: F401
