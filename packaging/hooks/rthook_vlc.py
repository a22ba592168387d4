"""PyInstaller runtime hook: use a VLC bundled next to the app, if the build put one there.

Windows and macOS builds may copy VLC's library and plugins into ``vlc/`` inside
the bundle (``build.py --vlc-dir``). python-vlc looks for libvlc where VLC is
normally installed; these variables point it at the bundled copy instead. On
Linux nothing is bundled: the system's libvlc is used.
"""

import os
import sys
from pathlib import Path


def _point_python_vlc_at_the_bundled_vlc() -> None:
    bundled = Path(getattr(sys, "_MEIPASS", "")) / "vlc"
    for library in ("libvlc.dll", "lib/libvlc.dylib", "libvlc.dylib"):
        if (bundled / library).is_file():
            break
    else:
        return
    if sys.platform == "win32":
        os.add_dll_directory(str(bundled))  # libvlccore.dll beside libvlc.dll
    os.environ.setdefault("PYTHON_VLC_LIB_PATH", str(bundled / library))
    for plugins in ("plugins", "modules"):
        if (bundled / plugins).is_dir():
            os.environ.setdefault("PYTHON_VLC_MODULE_PATH", str(bundled / plugins))
            os.environ.setdefault("VLC_PLUGIN_PATH", str(bundled / plugins))
            break


_point_python_vlc_at_the_bundled_vlc()
