"""RAVE-compatible streaming architecture with explicit state, and the `.ts` importer.

Written in this project from RAVE's published configurations (acids-ircam/RAVE, CC BY-NC 4.0) and
the behaviour of its exported TorchScript modules; no RAVE code is copied. See blocks.py.
"""
