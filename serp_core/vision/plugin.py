"""The vision extensions, registered like any plugin's: the Stage 3 scorers `vision` and
`vision-marks` and the experiments' judge `vision` (serp_core.plugins loads this module)."""

from __future__ import annotations

from ..experiments.judges import judges
from ..pipeline.score import scorers
from .judge import VisionJudge
from .scorer import VisionScorer

scorers.register("vision", VisionScorer())
scorers.register("vision-marks", VisionScorer(marks=True))
judges.register("vision", VisionJudge)
