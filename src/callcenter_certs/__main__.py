"""``python -m callcenter_certs``: the same as the ``callcenter-certs`` command."""

from .cli import main

if __name__ == "__main__":
    main()
