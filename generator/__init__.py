"""Praktijkbank: YAML practice records -> validated -> Markdown -> MkDocs site."""
