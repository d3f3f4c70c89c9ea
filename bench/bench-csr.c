/* Benchmark: generate-here (in process) against "openssl req -newkey". */
#include "config.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "csr.h"
#include "xmalloc.h"

extern char **environ;

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

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One "openssl req -new -newkey ... -nodes" with the same parameters. */
static int
run_openssl(enum csr_key_kind kind, const char *key, const char *csr)
{
	const char *argv_ec[] = { "openssl", "req", "-new", "-newkey", "ec",
		"-pkeyopt", kind == CSR_KEY_EC_P384 ? "ec_paramgen_curve:P-384"
		: "ec_paramgen_curve:P-256", "-nodes", "-sha256", "-keyout",
		key, "-subj", "/CN=bench.example.com", "-addext",
		"subjectAltName=DNS:bench.example.com,DNS:www.bench.example.com",
		"-out", csr, NULL };
	const char *bits = kind == CSR_KEY_RSA_4096 ? "rsa:4096" :
	    kind == CSR_KEY_RSA_3072 ? "rsa:3072" : "rsa:2048";
	const char *argv_rsa[] = { "openssl", "req", "-new", "-newkey", bits,
		"-nodes", "-sha256", "-keyout", key, "-subj",
		"/CN=bench.example.com", "-addext",
		"subjectAltName=DNS:bench.example.com,DNS:www.bench.example.com",
		"-out", csr, NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st = 0, rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = posix_spawnp(&pid, "openssl", &fa, NULL,
	    (char *const *)(kind == CSR_KEY_EC_P256 || kind == CSR_KEY_EC_P384
	    ? argv_ec : argv_rsa), environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0 || waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	static const char *const doms[] = {
		"bench.example.com", "www.bench.example.com",
	};
	const char *tmp = getenv("TMPDIR");
	char dir[512], *key, *csr;
	struct application *app;
	double *cw, *os, mcw, mos;
	int runs = 21, i, c, k;

	while ((c = getopt(argc, argv, "n:")) != -1)
		if (c == 'n' && atoi(optarg) > 0)
			runs = atoi(optarg);
		else {
			fprintf(stderr, "usage: bench-csr [-n RUNS] KIND...\n");
			return 2;
		}
	snprintf(dir, sizeof dir, "%s/bench-csr.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 3;
	}
	app = app_new("bench", "standard");
	app_set_domains(app, doms, 2);
	cw = xcalloc((size_t)runs, sizeof *cw);
	os = xcalloc((size_t)runs, sizeof *os);
	printf("%-9s %5s %14s %14s %8s\n", "key", "runs", "certwiz ms",
	    "openssl ms", "ratio");
	for (k = optind; k < argc; k++) {
		int kind = csr_key_kind_parse(argv[k]);

		if (kind < 0) {
			fprintf(stderr, "bench-csr: unknown kind %s\n", argv[k]);
			return 2;
		}
		/* Alternate the two so that drift hits both alike. */
		for (i = 0; i < runs; i++) {
			struct csr_request rq = { (enum csr_key_kind)kind, app,
			    NULL, NULL, NULL };
			struct csr_result res = { 0 };
			char *err = NULL;
			double t;

			key = xasprintf("%s/cw.key", dir);
			rq.key_path = key;
			t = now_ms();
			if (csr_generate(&rq, &res, &err) != 0) {
				fprintf(stderr, "bench-csr: %s\n", err);
				return 3;
			}
			cw[i] = now_ms() - t;
			unlink(res.key_path);
			unlink(res.csr_path);
			csr_result_clear(&res);
			free(key);

			key = xasprintf("%s/os.key", dir);
			csr = xasprintf("%s/os.csr", dir);
			t = now_ms();
			if (run_openssl((enum csr_key_kind)kind, key, csr) != 0) {
				fprintf(stderr, "bench-csr: openssl req failed\n");
				return 3;
			}
			os[i] = now_ms() - t;
			unlink(key);
			unlink(csr);
			free(key);
			free(csr);
		}
		mcw = median(cw, runs);
		mos = median(os, runs);
		printf("%-9s %5d %14.2f %14.2f %8.3f\n", argv[k], runs, mcw, mos,
		    mcw / mos);
	}
	rmdir(dir);
	free(cw);
	free(os);
	app_free(app);
	return 0;
}
