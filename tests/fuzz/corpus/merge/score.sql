UPDATE rating SET score = 99;
