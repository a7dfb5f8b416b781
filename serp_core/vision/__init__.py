"""Scoring and judging what the user sees: candidate pages as screenshots, shown to a model
that reads images (GenSERP's Stage 3 with "an LLM with vision", and its side-by-side judges).

- `prompts`: the screenshot notes (prompt blocks vision_*.md) and the message parts.
- `scorer`: the Stage 3 scorers `vision` and `vision-marks` (blocks outlined and numbered on
  the screenshot: set-of-mark prompting); a model that takes no images gets the text scorer.
- `judge`: the experiments' pair judge `vision`, both presentation orders, reasons kept.
- `plugin`: registers them (serp_core.plugins loads it), so neither the pipeline nor the
  experiments import this package.
"""
