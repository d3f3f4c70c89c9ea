/* Faults while saving a draft: a full disk, a read-only file system. The
 * previous draft survives, no temporary file is left, and the message says
 * what happened. Runs itself again under tests/faultshim.so. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "fields.h"
#include "fileio.h"
#include "store.h"
#include "tap.h"
#include "testutil.h"

static char *
slurp(const char *path)
{
	char *buf = NULL, *err = NULL;
	size_t len;

	if (fileio_read(path, 1 << 20, &buf, &len, &err) != 0) {
		free(err);
		return NULL;
	}
	return buf;
}

/* Files in the application's folder other than application.json. */
static int
leftovers(const char *dir)
{
	struct dirent *de;
	int n = 0;
	DIR *d = opendir(dir);

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "application.json.", 17) == 0)
			n++;
	closedir(d);
	return n;
}

static void
try_fault(struct application *app, const char *kind, const char *want)
{
	char *err = NULL, *dir = store_app_dir(app->id, &err), path[1024];
	char *before, *after;

	snprintf(path, sizeof path, "%s/application.json", dir);
	before = slurp(path);
	setenv("CERTWIZ_FAULT", kind, 1);
	setenv("CERTWIZ_FAULT_MATCH", "application.json.", 1);
	field_set(field_find("applicant.name"), app, "A new name");
	ok(store_save(app, &err) == -1, "%s: saving fails", kind);
	unsetenv("CERTWIZ_FAULT");
	ok(err != NULL && strstr(err, want) != NULL &&
	    strstr(err, "previous version is kept") != NULL,
	    "%s: the message says why and that the draft is kept", kind);
	if (err != NULL)
		diag("%s", err);
	after = slurp(path);
	ok(before != NULL && after != NULL && strcmp(before, after) == 0,
	    "%s: the previous draft is intact", kind);
	is_int(leftovers(dir), 0, "%s: no temporary file is left", kind);
	free(before);
	free(after);
	free(err);
	free(dir);
}

int
main(int argc, char **argv)
{
	const char *shim = getenv("FAULTSHIM"), *pre = getenv("LD_PRELOAD");
	struct application *app;
	char *err = NULL;

	(void)argc;
	if (shim == NULL || access(shim, R_OK) != 0) {
		printf("1..0 # SKIP no fault shim (FAULTSHIM)\n");
		return 0;
	}
	if (pre == NULL || strstr(pre, shim) == NULL) {
		setenv("LD_PRELOAD", shim, 1);
		/* The sanitizers' runtime need not come first here. */
		setenv("ASAN_OPTIONS", "verify_asan_link_order=0", 1);
		execv("/proc/self/exe", argv);
		printf("1..0 # SKIP cannot run again under the shim\n");
		return 0;
	}
	testutil_home_new();
	app = app_new(NULL, "free");
	field_set(field_find("applicant.name"), app, "Old name");
	ok(store_save(app, &err) == 0, "a draft is saved");
	try_fault(app, "enospc", "No space left on device");
	try_fault(app, "erofs", "Read-only file system");
	/* With the fault gone, saving works again. */
	ok(store_save(app, &err) == 0, "saving works once space is back");
	app_free(app);
	return tap_done();
}
