"""The extractive summary: sentences ranked for the short, default and long summaries."""
