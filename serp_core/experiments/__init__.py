"""Experiments over many runs: the paper's Section 5 analyses, by role.

    catalog.py      the experiments as definitions (arms, analysis kind)
    treatments.py   prompt treatments of an arm
    experiment.py   orchestration: every arm's batch, then the analysis of its kind
    analyses.py     the analyses registry: judged, placement, heatmaps
    summary.py      the typed summaries (summary.json), one model per analysis kind
    stats.py        every statistic (Mann-Whitney U, Wilcoxon, Holm/BH, Cliff's delta)
    judges.py       model judges and the judges registry (the reward registers its own)
    judgements.py   the verdict cache (table judgements)
    batch.py        resumable batches (table batch_runs) and the text progress bar
    query_sets.py   the bundled set, CSV files and text, samples
    report.py       summary.json and the figures on disk
"""
