import gc
import sys

from .curator.cli import main

code = main()
# What the command made lives until the process ends: the interpreter's last
# collection need not walk it (half a second after a build of 10,000 stories).
gc.freeze()
sys.exit(code)
