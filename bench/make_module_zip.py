"""Writes a module zip of N files of SIZE random bytes each (incompressible), for bench/h1.sh.
Usage: make_module_zip.py OUT.zip MODULE VERSION FILES SIZE"""
import os
import sys
import zipfile

out, module, version, files, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
prefix = f"{module}@{version}/"
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    z.writestr(prefix + "go.mod", f"module {module}\n\ngo 1.21\n")
    for i in range(files - 1):
        z.writestr(f"{prefix}data/f{i:05d}.bin", os.urandom(size))
