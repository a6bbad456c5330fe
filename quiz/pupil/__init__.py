"""The pupils' pages: joining a class, solo play, one item per screen, results, certificate."""
