"""Start the web app: `python app.py` is the same as `rag serve`."""

import sys

from rag.app.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
