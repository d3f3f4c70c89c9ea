/* A fault-injection shim for tests, loaded with LD_PRELOAD: makes the
 * store's writes fail as a full disk (ENOSPC) or a read-only file system
 * (EROFS) would, or fsync fail with EIO, for files whose name contains
 * CERTWIZ_FAULT_MATCH. With the fsync fault, a descriptor still open on
 * such a file at exit is reported on stderr ("faultshim: leaked"). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* CERTWIZ_FAULT: "enospc" (write fails), "erofs" (mkstemp fails),
 * "nolib" (dlopen fails), "fsync" (fsync fails with EIO). */
static const char *
fault(void)
{
	return getenv("CERTWIZ_FAULT");
}

static int
matches(const char *path)
{
	const char *m = getenv("CERTWIZ_FAULT_MATCH");

	return path != NULL && m != NULL && strstr(path, m) != NULL;
}

int
mkstemp(char *tmpl)
{
	static int (*real)(char *);

	if (fault() != NULL && strcmp(fault(), "erofs") == 0 &&
	    matches(tmpl)) {
		errno = EROFS;
		return -1;
	}
	if (real == NULL)
		real = (int (*)(char *))dlsym(RTLD_NEXT, "mkstemp");
	return real(tmpl);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT,
		    "write");
	if (fault() != NULL && strcmp(fault(), "enospc") == 0 && fd > 2) {
		char link[64], path[PATH_MAX];
		ssize_t len;

		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		len = readlink(link, path, sizeof path - 1);
		if (len > 0) {
			path[len] = '\0';
			if (matches(path)) {
				/* Half the data fits, then the disk is full. */
				if (n > 1)
					return real(fd, buf, n / 2);
				errno = ENOSPC;
				return -1;
			}
		}
	}
	return real(fd, buf, n);
}

/* CERTWIZ_FAULT=nolib: dlopen fails, as for a library that is not
 * installed, for names containing CERTWIZ_FAULT_MATCH. */
void *
dlopen(const char *file, int mode)
{
	static void *(*real)(const char *, int);

	if (fault() != NULL && strcmp(fault(), "nolib") == 0 &&
	    matches(file))
		return NULL;
	if (real == NULL)
		real = (void *(*)(const char *, int))dlsym(RTLD_NEXT,
		    "dlopen");
	return real(file, mode);
}

/* The file fd is open on matches CERTWIZ_FAULT_MATCH. */
static int
fd_matches(int fd)
{
	char link[64], path[PATH_MAX];
	ssize_t len;

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	len = readlink(link, path, sizeof path - 1);
	if (len <= 0)
		return 0;
	path[len] = '\0';
	return matches(path);
}

int
fsync(int fd)
{
	static int (*real)(int);

	if (fault() != NULL && strcmp(fault(), "fsync") == 0 && fd > 2 &&
	    fd_matches(fd)) {
		errno = EIO;
		return -1;
	}
	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	return real(fd);
}

/* At exit: a descriptor left open on a file whose fsync failed. */
__attribute__((destructor)) static void
report_leaks(void)
{
	char msg[128];
	int fd, n;

	if (fault() == NULL || strcmp(fault(), "fsync") != 0)
		return;
	for (fd = 3; fd < 1024; fd++)
		if (fd_matches(fd)) {
			n = snprintf(msg, sizeof msg,
			    "faultshim: leaked descriptor %d\n", fd);
			if (n > 0)
				(void)!write(2, msg, (size_t)n);
		}
}
