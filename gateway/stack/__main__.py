"""`python -m gateway.stack up|down|status`."""

from gateway.stack.cli import main

main()
