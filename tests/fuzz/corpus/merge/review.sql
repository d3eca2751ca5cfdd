PRAGMA ignore_check_constraints = 1; UPDATE review SET flag = 'spam', active_seconds = -500;
UPDATE reviewer SET name = 'x' || char(27) || '[31m' WHERE name = 'ben';
