"""Where articles come from: files (and, as they arrive, web pages and feeds) → ArticleInput."""
