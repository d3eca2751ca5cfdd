UPDATE rating SET score = NULL WHERE score = 5;
