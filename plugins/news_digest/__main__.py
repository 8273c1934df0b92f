import gc
import os
import signal
import sys

from .curator import std_streams

if not sys.flags.utf8_mode and sys.getfilesystemencoding().lower() not in ("utf-8", "utf8") \
        and sys.orig_argv[1:3] != ["-X", "utf8"]:  # once (`-X utf8=0` given would loop)
    # A locale that is not UTF-8 (PYTHONUTF8=0 under LC_ALL=C, a Latin-1 locale): seeds,
    # their folders' names and the arguments are UTF-8, which it misread (a folder
    # `sübdir` refused as "not UTF-8", a traceback from `new --url https://a.example/ü`).
    os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]])
std_streams.ensure_open()  # a closed stdout or stderr (`>&-`), before any file is opened

from .curator.cli import main  # noqa: E402 - after the streams are sound

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
