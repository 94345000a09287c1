"""Rebuild the small committed test package (TestModel/small/) with the exporter's own code.

    /usr/bin/python3 tests/LatentPlayground.Inference.Tests/TestModel/make_test_model.py

The C# tests need a package that runs in CI without Python and stays small in git, so this is the
default architecture at capacity 4 instead of 16 (about a tenth of the size), random-init, exported
by `lpexport.export --random` unchanged: same graph wrappers, model.json schema and reference.json.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "src", "export"))

from lpexport import export, model  # noqa: E402

CAPACITY = 4


def main(out=os.path.join(HERE, "small")):
    # Autoencoder() reads DEFAULT_CONFIG when it is built, so this narrows every layer the export makes.
    model.DEFAULT_CONFIG["capacity"] = CAPACITY
    return export.main(["--random", "--arch", "legacy", "--out", out, "--name", "inference-test-small"])


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
