"""`make bench`: figures for the quality bars, as ratios against baselines measured in the same run."""
