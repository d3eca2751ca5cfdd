UPDATE rating SET score = 'abc', changed = '9999-12-31T00:00:00Z';
