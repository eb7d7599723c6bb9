"""juesuan（决算）: hold, check, read, write and compare departmental final-accounts disclosures."""

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it from here
