"""``python -m spmp_widgets`` is the ``spmp`` command."""

from .cli import main

main(prog_name="spmp")
