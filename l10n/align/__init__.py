"""Sentence alignment of published editions: the archive becomes translation memory.

Pure: editions in, beads of sentences with a confidence out; no printing, no writing.
"""

from .aligner import Alignment, Bead, align

__all__ = ["Alignment", "Bead", "align"]
