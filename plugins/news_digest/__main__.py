import gc
import signal
import sys

from .curator.cli import main

code = main()
# The command is done: a SIGTERM or SIGHUP from now on (a CI job cancelled as it ended)
# would only turn its exit code into a kill's.
for name in ("SIGINT", "SIGTERM", "SIGHUP"):
    if hasattr(signal, name):
        signal.signal(getattr(signal, name), signal.SIG_IGN)
# What the command made lives until the process ends: the interpreter's last
# collection need not walk it (half a second after a build of 10,000 stories).
gc.freeze()
sys.exit(code)
