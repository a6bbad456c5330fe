"""Teachers' pages: accounts, classes, assignments, records, results, paper and live modes."""
