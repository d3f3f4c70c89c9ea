/* An allocator shim for tests, loaded with LD_PRELOAD: reports every heap
 * block that is freed (or moved away by realloc) while it still holds the
 * marker CERTWIZ_WIPE_MARKER, so that a test can prove that a secret
 * typed, pasted or read by the real program is wiped before its memory
 * goes back to the allocator. Each report is a line
 * "freed N bytes holding the marker" and a backtrace, appended to the
 * file CERTWIZ_WIPE_LOG. glibc's own internal frees (stdio buffers) do
 * not come through here. */
#define _GNU_SOURCE
#include <execinfo.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static __thread int busy;	/* inside a report: no recursion */

static int
holds_marker(void *p)
{
	const char *m = getenv("CERTWIZ_WIPE_MARKER");
	size_t n;

	if (p == NULL || m == NULL || *m == '\0')
		return 0;
	n = malloc_usable_size(p);
	return memmem(p, n, m, strlen(m)) != NULL;
}

static void
report(void *p)
{
	const char *log = getenv("CERTWIZ_WIPE_LOG");
	void *frames[32];
	char line[128];
	int fd, n, len;

	if (log == NULL || busy)
		return;
	busy = 1;
	fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd >= 0) {
		len = snprintf(line, sizeof line, "freed %zu bytes holding the "
		    "marker (pid %ld)\n", malloc_usable_size(p),
		    (long)getpid());
		if (len > 0 && write(fd, line, (size_t)len) < 0)
			len = 0;
		n = backtrace(frames, 32);
		backtrace_symbols_fd(frames, n, fd);
		close(fd);
	}
	busy = 0;
}

void
free(void *p)
{
	if (!busy && holds_marker(p))
		report(p);
	__libc_free(p);
}

void *
realloc(void *p, size_t n)
{
	void *q;
	size_t old;

	if (busy || n == 0 || !holds_marker(p))
		return __libc_realloc(p, n);
	/* Moved by hand, so that the old block is seen as it is freed. */
	if ((q = __libc_malloc(n)) == NULL)
		return NULL;
	old = malloc_usable_size(p);
	memcpy(q, p, old < n ? old : n);
	report(p);
	__libc_free(p);
	return q;
}
