/* Helpers for unit tests: a private temporary HOME for each test program. */
#ifndef TESTS_TESTUTIL_H
#define TESTS_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char testutil_home[256];

static void
testutil_rm(void)
{
	char cmd[300];

	if (testutil_home[0] != '\0') {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", testutil_home);
		if (system(cmd) != 0)
			fprintf(stderr, "# cannot remove %s\n", testutil_home);
	}
}

/* Make a fresh HOME under TMPDIR, point the XDG variables into it. */
static inline const char *
testutil_home_new(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(testutil_home, sizeof testutil_home, "%s/certwiz-test.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(testutil_home) == NULL) {
		perror("mkdtemp");
		exit(99);
	}
	setenv("HOME", testutil_home, 1);
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_CONFIG_HOME");
	atexit(testutil_rm);
	return testutil_home;
}

/* Write a whole file; exits on failure. */
static inline void
testutil_write(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL || fputs(text, fp) == EOF || fclose(fp) != 0) {
		perror(path);
		exit(99);
	}
}

#endif /* TESTS_TESTUTIL_H */
