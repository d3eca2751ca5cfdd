INSERT INTO reviewer(name, created) VALUES ('zed', '2026-01-01T00:00:00Z');
INSERT INTO rating SELECT (SELECT id FROM reviewer WHERE name = 'zed'), output, capability, 'clarity', rubric, 2, changed FROM rating;
