"""Learned section ranking and coverage: features, the fitted models, and their training.

`SectionRanker` ranks; `train.fit_weights` (``python -m bot.core.ranking.train``) fits.
"""
