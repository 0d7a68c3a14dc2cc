"""Text layout: title and paragraphs, dateline, sentences, boilerplate, literal-first scans."""
