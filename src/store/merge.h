/* store/merge.h: what merge's three files share: merge-copy.c reads the
 * other database into TEMP copies of its tables (ov_*), merge-check.c puts
 * every row of them through the gate, merge.c brings them in. */
#ifndef PANELIST_STORE_MERGE_H
#define PANELIST_STORE_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct errlist;
struct store;

/* The whole merge stops after this long: a time(NULL) deadline, checked
 * between rows, by SQLite's progress handler calling store_merge_past
 * and by PostgreSQL's statement_timeout (merge_timeout). */
#define MERGE_SECONDS	120
int store_merge_past(void *deadline);

/* Read another database into TEMP copies of its tables (ov_*) and maps to
 * this one (merge_output, merge_rubric), every row through the gate, all
 * problems listed in errs (merge-check.c).  *adopt: this study, which
 * nobody has rated yet, is to take the other's identity (merge_adopt).
 * store_merge_drop removes the copies and maps. */
int store_merge_check(struct store *, const char *path, const time_t *deadline,
    bool *adopt, struct errlist *);
void store_merge_drop(struct store *);

/* One merge's problems, counted so a file with a million bad rows lists a
 * hundred and says how many more. */
struct problems {
	struct errlist	*errs;
	const char	*path;
	size_t		 n;
};

void merge_problem(struct problems *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
/* The count and the refusal when there were problems: STORE_INPUT, else 0. */
int merge_problems_end(struct problems *);

/* Rows of a copy looked at in one statement: a PostgreSQL result is read
 * whole into memory, so a table of a million rows is read a page at a time. */
#define MERGE_PAGE	20000

/* Every table merge reads from the other database into ov_<table> here,
 * each row numbered (n, from 1) and every value of the type of its column
 * or NULL with the reason in the row's `bad`; the rows of the tables whose
 * rows merge-check.c looks at one by one keep their reason for it, the
 * others' are problems at once.  0, or STORE_INPUT with the problems
 * listed, or STORE_RUNTIME. */
int merge_copy(struct store *, const char *path, const time_t *deadline, struct problems *);
void merge_drop_copies(struct store *);
/* PostgreSQL's bound on every statement until *deadline, for the
 * transaction under way (SQLite's is its progress handler); 0 or the
 * failure. */
int merge_timeout(struct store *, const time_t *deadline, struct errlist *);

#endif
