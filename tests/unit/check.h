/* check.h: the smallest test harness that reads well.
 *
 * A unit test is a program of TEST() functions called from main() through
 * RUN(); CHECK* record a failure with file:line and carry on, so one run
 * shows every broken expectation.  A test that makes no check fails: it
 * could not have failed otherwise.  main() returns check_exit(), which the
 * automake test driver reads: 0 all passed, 1 something failed. */
#ifndef PANELIST_CHECK_H
#define PANELIST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond) do { \
	check_count++; \
	if (!(cond)) { \
		check_failures++; \
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	check_count++; \
	if (g_ != w_) { \
		check_failures++; \
		fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", \
		    __FILE__, __LINE__, #got, g_, w_); \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	check_count++; \
	if (g_ == NULL || w_ == NULL ? g_ != w_ : strcmp(g_, w_) != 0) { \
		check_failures++; \
		fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", \
		    __FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} \
} while (0)

/* Close enough: |got - want| <= tol. */
#define CHECK_NEAR(got, want, tol) do { \
	double g_ = (got), w_ = (want); \
	check_count++; \
	if (!(fabs(g_ - w_) <= (tol))) { \
		check_failures++; \
		fprintf(stderr, "%s:%d: %s is %.6f, expected %.6f (within %g)\n", \
		    __FILE__, __LINE__, #got, g_, w_, (double)(tol)); \
	} \
} while (0)

#define TEST(name) static void name(void)
/* A test that made no check at all proves nothing: it counts as failed. */
#define RUN(name) do { \
	int before_ = check_failures, count_ = check_count; \
	name(); \
	if (check_count == count_) { \
		check_failures++; \
		fprintf(stderr, "%s:%d: %s made no checks\n", __FILE__, __LINE__, #name); \
	} \
	fprintf(stderr, "%s %s\n", check_failures == before_ ? "ok  " : "FAIL", #name); \
} while (0)

static inline int
check_exit(void)
{
	fprintf(stderr, "%d checks, %d failed\n", check_count, check_failures);
	return check_failures == 0 ? 0 : 1;
}

#endif
