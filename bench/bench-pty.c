/*
 * Benchmark helper: how long a full-screen program takes from exec to its
 * first complete screen, and its peak memory while that screen waits.
 *
 * Each run opens a pseudo-terminal of the given size, starts the program
 * on it, and reads what it writes. The screen is complete when the marker
 * text has appeared and the program has then written nothing more for the
 * quiet period; the time is that of the last byte, from just before the
 * fork. The program is then killed (it is waiting for a key).
 *
 * Usage: bench-pty [-n RUNS] [-s COLSxLINES] [-m MARKER] [-q QUIET_MS]
 *                  -- PROGRAM [ARG...]
 * Prints: "runs N median_ms M min_ms A max_ms B bytes C hwm_kb D"
 * (bytes: the first screen's, of the last run; hwm_kb: the largest peak
 * resident set, VmHWM, seen while the screen waited).
 */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE 1
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* VmHWM of a process, in kB, or -1. */
static long
peak_rss_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0) {
			kb = strtol(line + 6, NULL, 10);
			break;
		}
	fclose(f);
	return kb;
}

/* memmem over what has been read so far, without the GNU extension. */
static int
contains(const char *buf, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	if (n == 0)
		return 1;
	for (i = 0; i + n <= len; i++)
		if (memcmp(buf + i, needle, n) == 0)
			return 1;
	return 0;
}

/*
 * One run. Returns the time to the first complete screen in ms, or a
 * negative number on failure; *bytes and *hwm are set.
 */
static double
one_run(char **argv, unsigned short cols, unsigned short lines,
    const char *marker, int quiet_ms, int limit_ms, size_t *bytes, long *hwm)
{
	struct winsize ws = { lines, cols, 0, 0 };
	static char buf[1 << 20];
	size_t len = 0;
	double t0, last = -1;
	int master, seen = 0, st;
	pid_t pid;

	*bytes = 0;
	*hwm = -1;
	if ((master = posix_openpt(O_RDWR | O_NOCTTY)) < 0 ||
	    grantpt(master) != 0 || unlockpt(master) != 0) {
		perror("bench-pty: pty");
		return -1;
	}
	ioctl(master, TIOCSWINSZ, &ws);
	t0 = now_ms();
	pid = fork();
	if (pid < 0) {
		perror("bench-pty: fork");
		return -1;
	}
	if (pid == 0) {
		const char *name = ptsname(master);
		int slave;

		setsid();
		if (name == NULL || (slave = open(name, O_RDWR)) < 0)
			_exit(126);
		ioctl(slave, TIOCSCTTY, 0);
		close(master);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		if (slave > 2)
			close(slave);
		execvp(argv[0], argv);
		_exit(127);
	}
	for (;;) {
		struct pollfd p = { master, POLLIN, 0 };
		double t = now_ms();
		int wait_ms = seen ? quiet_ms : (int)(t0 + limit_ms - t);
		ssize_t r;

		if (wait_ms <= 0)
			break;
		if (poll(&p, 1, wait_ms) <= 0)
			break;	/* quiet (or the time limit): the screen is done */
		r = read(master, buf + len, sizeof buf - len);
		if (r <= 0)
			break;	/* the program ended */
		last = now_ms();
		len += (size_t)r;
		if (len == sizeof buf)
			len = 0;	/* a runaway program: keep reading */
		if (!seen && contains(buf, len, marker))
			seen = 1;
	}
	if (seen)
		*hwm = peak_rss_kb(pid);
	*bytes = len;
	kill(pid, SIGKILL);
	close(master);
	waitpid(pid, &st, 0);
	return seen ? last - t0 : -1;
}

int
main(int argc, char **argv)
{
	const char *marker = "";
	int runs = 51, quiet = 40, limit = 5000, c, i, n = 0;
	unsigned cols = 80, lines = 24;
	double *v;
	size_t bytes = 0;
	long hwm = -1;

	while ((c = getopt(argc, argv, "n:s:m:q:")) != -1)
		switch (c) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 's':
			if (sscanf(optarg, "%ux%u", &cols, &lines) != 2)
				runs = 0;
			break;
		case 'm':
			marker = optarg;
			break;
		case 'q':
			quiet = atoi(optarg);
			break;
		default:
			runs = 0;
		}
	if (runs <= 0 || optind >= argc || quiet <= 0) {
		fprintf(stderr, "usage: bench-pty [-n RUNS] [-s COLSxLINES] "
		    "[-m MARKER] [-q QUIET_MS] -- PROGRAM [ARG...]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if ((v = calloc((size_t)runs, sizeof *v)) == NULL)
		return 3;
	for (i = 0; i < runs; i++) {
		size_t b;
		long h;
		double t = one_run(argv + optind, (unsigned short)cols,
		    (unsigned short)lines, marker, quiet, limit, &b, &h);

		if (t < 0) {
			fprintf(stderr, "bench-pty: %s: no complete screen "
			    "(marker \"%s\" not seen)\n", argv[optind], marker);
			free(v);
			return 3;
		}
		v[n++] = t;
		bytes = b;
		if (h > hwm)
			hwm = h;
	}
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	printf("runs %d median_ms %.2f min_ms %.2f max_ms %.2f bytes %zu "
	    "hwm_kb %ld\n", n, n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2,
	    v[0], v[n - 1], bytes, hwm);
	free(v);
	return 0;
}
