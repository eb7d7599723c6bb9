"""`python -m juesuan` runs the command line."""

from juesuan.cli.main import main

main()
