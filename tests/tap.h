/* A few TAP assertion macros for the unit tests (automake's tap-driver). */
#ifndef TESTS_TAP_H
#define TESTS_TAP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) do { \
	int ok_c_ = (cond) ? 1 : 0; \
	printf("%s %d - ", ok_c_ ? "ok" : "not ok", ++tap_n); \
	printf(__VA_ARGS__); \
	putchar('\n'); \
	if (!ok_c_) { \
		tap_failed++; \
		printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, \
		    #cond); \
	} \
} while (0)

#define is_str(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int m_ = (g_ == NULL && w_ == NULL) || \
	    (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0); \
	ok(m_, __VA_ARGS__); \
	if (!m_) \
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n", \
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

#define is_int(got, want, ...) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	ok(g_ == w_, __VA_ARGS__); \
	if (g_ != w_) \
		printf("#   got: %lld, want: %lld\n", g_, w_); \
} while (0)

#define diag(...) do { printf("# "); printf(__VA_ARGS__); \
	putchar('\n'); } while (0)

/* Print the plan and return the exit status for main(). */
static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif /* TESTS_TAP_H */
