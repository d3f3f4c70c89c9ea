/* Unit tests for src/store.c, src/app.c and src/fileio.c: the store. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

	if (fileio_read(path, 1 << 24, &buf, &len, &err) != 0) {
		free(err);
		return NULL;
	}
	return buf;
}

static char *
app_path(const char *id)
{
	char *err = NULL, *dir = store_app_dir(id, &err), *p;

	p = malloc(strlen(dir) + 32);
	sprintf(p, "%s/application.json", dir);
	free(dir);
	return p;
}

static char *
dump(const struct application *app)
{
	json_t *j = app_to_json(app, false);
	char *s = json_dumps(j, JSON_SORT_KEYS);

	json_decref(j);
	return s;
}

/* An application with every field, document and backend value set. */
static struct application *
full_app(void)
{
	struct application *app = app_new(NULL, "professional");
	const char *doms[] = { "example.com", "www.example.com",
	    "例子.example.com" };
	struct app_document d;
	size_t i;

	app_set_domains(app, doms, 3);
	for (i = 0; i < fields_n; i++) {
		char v[64];

		snprintf(v, sizeof v, "value of %s ✓", fields[i].key);
		field_set(&fields[i], app, v);
	}
	app->screen = strdup("confirm");
	app->state = APP_AWAITING_VALIDATION;
	app->csr_key_encrypted = true;
	app->csr_key_fingerprint = strdup("ab12");
	memset(&d, 0, sizeof d);
	d.path = strdup("/tmp/licence.png");
	d.file = strdup("documents/licence.png");
	d.mime = strdup("image/png");
	d.size = 512000;
	d.width = 800;
	d.height = 600;
	d.sha256 = strdup("00ff");
	app_add_document(app, &d);
	app->backend.name = strdup("cas");
	app->backend.order_id = 9007199254740993LL;	/* > 2^53 */
	app->backend.status = strdup("domain_verify");
	app->backend.submitted = 1764450000;
	app->backend.refreshed = 1764450060;
	app->backend.record_domain = strdup("_dnsauth");
	app->backend.record_type = strdup("TXT");
	app->backend.record_value = strdup("2020abc");
	app->backend.file_uri = strdup("/.well-known/pki-validation/f.txt");
	app->backend.file_content = strdup("content");
	app->backend.request_id = strdup("RID-1");
	app->backend.message = strdup("msg");
	app->backend.certificate = strdup("certificate.pem");
	app->backend.not_before = 1764450000;
	app->backend.not_after = 1781730000;
	return app;
}

static void
crash_hook(void)
{
	_exit(42);
}

int
main(void)
{
	struct application *app, *back = NULL;
	struct store_entry *list;
	char *err = NULL, *before, *after, *path, *a, *b, *full = NULL;
	size_t n;
	struct stat st;
	int status;
	pid_t pid;

	testutil_home_new();
	umask(0);

	/* Round trip of every field. */
	app = full_app();
	ok(store_save(app, &err) == 0, "a new application is saved");
	ok(app->id != NULL && store_valid_id(app->id), "it got an id: %s",
	    app->id ? app->id : "(none)");
	is_int(strlen(app->id), 9, "the id is short (xxxx-xxxx)");
	ok(app->created != 0 && app->updated != 0, "timestamps set");
	ok(store_load(app->id, &back, &err) == STORE_OK, "it loads back");
	a = dump(app);
	b = dump(back);
	is_str(b, a, "every field survives the round trip");
	free(a);
	free(b);
	is_int(back->backend.order_id, 9007199254740993LL,
	    "a 64-bit order id is exact");
	is_str(back->domains[2], "例子.example.com", "UTF-8 is kept");
	app_free(back);

	/* Permissions whatever the umask. */
	path = app_path(app->id);
	ok(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600,
	    "application.json is 0600 under umask 000 (%o)",
	    (unsigned)(st.st_mode & 07777));
	{
		char *err2 = NULL, *dir = store_app_dir(app->id, &err2), *root;

		ok(stat(dir, &st) == 0 && (st.st_mode & 07777) == 0700,
		    "the application folder is 0700 (%o)",
		    (unsigned)(st.st_mode & 07777));
		root = store_root(&err2);
		ok(stat(root, &st) == 0 && (st.st_mode & 07777) == 0700,
		    "the applications folder is 0700");
		free(root);
		free(dir);
	}

	/* A crash between write and rename leaves the old file intact. */
	before = slurp(path);
	fflush(stdout);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		fileio_hook_before_rename = crash_hook;
		field_set(field_find("applicant.name"), app, "Changed");
		store_save(app, &err);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 42,
	    "the child crashed before rename");
	after = slurp(path);
	is_str(after, before, "the old application.json is intact");
	free(after);
	ok(store_load(app->id, &back, &err) == STORE_OK, "and still loads");
	app_free(back);
	ok(store_list(&list, &n, &err) == 0 && n == 1 && list[0].app != NULL,
	    "the leftover temporary file is not listed as an application");
	store_list_free(list, n);

	/* A truncated file is refused and left untouched. */
	testutil_write(path, "{\"version\": 1, \"id\": \"");
	before = (free(before), slurp(path));
	ok(store_load(app->id, &back, &err) == STORE_ECORRUPT,
	    "a truncated file is reported as damaged");
	ok(err != NULL && strstr(err, path) != NULL, "the message names the "
	    "file");
	free(err);
	err = NULL;
	after = slurp(path);
	is_str(after, before, "the damaged file is unchanged");
	free(after);

	/* A file from a newer certwiz is refused and left untouched. */
	testutil_write(path, "{\"version\": 99, \"id\": \"x\", \"hologram\": 1}");
	free(before);
	before = slurp(path);
	ok(store_load(app->id, &back, &err) == STORE_ENEWER,
	    "a newer schema is refused");
	ok(err != NULL && strstr(err, "upgrade") != NULL, "and says upgrade");
	free(err);
	err = NULL;
	after = slurp(path);
	is_str(after, before, "the newer file is unchanged");
	free(after);
	free(before);

	/* Wrong types inside are damage too. */
	testutil_write(path, "{\"version\": 1, \"id\": 5}");
	ok(store_load(app->id, &back, &err) == STORE_ECORRUPT,
	    "a wrong JSON type is damage");
	free(err);
	err = NULL;

	/* Listing: good ones first, newest first; the damaged one reported. */
	{
		struct application *x = app_new(NULL, "free");
		struct application *y = app_new(NULL, "standard");

		ok(store_save(x, &err) == 0, "second application saved");
		ok(store_save(y, &err) == 0, "third application saved");
		y->updated = 0;
		y->created = 1;
		/* Make x the newest. */
		ok(store_save(x, &err) == 0, "second saved again");
		ok(store_list(&list, &n, &err) == 0, "the store lists");
		is_int(n, 3, "three entries");
		ok(list[2].app == NULL && list[2].error != NULL &&
		    list[2].code == STORE_ECORRUPT, "the damaged one is last, "
		    "with its error");
		ok(list[0].app != NULL && list[1].app != NULL &&
		    list[0].app->updated >= list[1].app->updated,
		    "newest first");
		store_list_free(list, n);

		/* Ids resolve by unique prefix. */
		ok(store_resolve(x->id, &full, &err) == STORE_OK &&
		    strcmp(full, x->id) == 0, "a full id resolves");
		free(full);
		full = NULL;
		ok(store_resolve("../etc", &full, &err) == STORE_ENOENT,
		    "a path is not an id");
		free(err);
		err = NULL;
		ok(store_resolve("zzzzzzzzzzzz", &full, &err) == STORE_ENOENT &&
		    strstr(err, "certwiz list") != NULL, "an unknown id says "
		    "where to look");
		free(err);
		err = NULL;
		{
			char pre[5];

			memcpy(pre, y->id, 4);
			pre[4] = '\0';
			if (strncmp(x->id, pre, 4) != 0 &&
			    strncmp(app->id, pre, 4) != 0) {
				ok(store_resolve(pre, &full, &err) ==
				    STORE_OK && strcmp(full, y->id) == 0,
				    "a unique prefix resolves");
				free(full);
			} else
				ok(1, "# SKIP prefixes collide");
		}
		ok(store_delete(x->id, &err) == 0, "delete works");
		ok(store_load(x->id, &back, &err) == STORE_ENOENT,
		    "a deleted application is gone");
		free(err);
		err = NULL;
		app_free(x);
		app_free(y);
	}

	/* An unwritable folder: the error says so and the old file stays. */
	if (geteuid() != 0) {
		char *dir = store_app_dir(app->id, &err);

		chmod(dir, 0500);
		ok(store_save(app, &err) == -1 && err != NULL,
		    "saving into a read-only folder fails with a message");
		chmod(dir, 0700);
		free(dir);
		free(err);
		err = NULL;
	} else
		ok(1, "# SKIP root ignores folder modes");

	/* HOME unset falls back to the password database. */
	{
		char *h = strdup(getenv("HOME")), *r;

		unsetenv("HOME");
		r = store_root(&err);
		ok(r != NULL, "without HOME the store is still found");
		free(r);
		setenv("XDG_DATA_HOME", "relative/path", 1);
		setenv("HOME", h, 1);
		r = store_root(&err);
		ok(r != NULL && strncmp(r, h, strlen(h)) == 0,
		    "a relative XDG_DATA_HOME is ignored");
		free(r);
		unsetenv("XDG_DATA_HOME");
		free(h);
	}
	/* Two processes on one application: the second is told who holds it. */
	{
		int fd = store_lock(app->id, &err), fds[2];
		char msg[512] = "";
		ssize_t got;

		ok(fd >= 0, "the lock is taken");
		if (pipe(fds) != 0)
			return 99;
		fflush(stdout);
	fflush(stdout);
	pid = fork();
		if (pid == 0) {
			char *e = NULL;
			int c = store_lock(app->id, &e);

			if (c < 0 && e != NULL &&
			    write(fds[1], e, strlen(e)) < 0)
				_exit(2);
			_exit(c < 0 ? 0 : 1);
		}
		close(fds[1]);
		got = read(fds[0], msg, sizeof msg - 1);
		msg[got > 0 ? got : 0] = '\0';
		close(fds[0]);
		waitpid(pid, &status, 0);
		ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "a second process cannot take it");
		{
			char want[64];

			snprintf(want, sizeof want, "process %ld", (long)getpid());
			ok(strstr(msg, want) != NULL && strstr(msg, "another "
			    "certwiz") != NULL, "and is told who holds it");
			if (strstr(msg, want) == NULL)
				diag("got: %s", msg);
		}
		store_unlock(fd);
		fflush(stdout);
	fflush(stdout);
	pid = fork();
		if (pid == 0) {
			char *e = NULL;

			_exit(store_lock(app->id, &e) >= 0 ? 0 : 1);
		}
		waitpid(pid, &status, 0);
		ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "once released, another process can take it");
	}
	/* A value that is not UTF-8 (a file name in another encoding) is
	   kept, its bad bytes replaced, never silently dropped. */
	{
		struct application *ua = app_new(NULL, "standard"), *ub = NULL;
		struct app_document d;
		char *e = NULL;

		memset(&d, 0, sizeof d);
		d.path = xstrdup("/tmp/scan-\xff\xfe.png");
		d.file = xstrdup("documents/1.png");
		app_add_document(ua, &d);
		ua->applicant_name = xstrdup("Li \xc3 Lei");
		ok(store_save(ua, &e) == 0, "a record with bytes that are not "
		    "UTF-8 is saved");
		ok(store_load(ua->id, &ub, &e) == STORE_OK, "and read back");
		ok(ub != NULL && ub->ndocs == 1 && ub->docs[0].path != NULL &&
		    strcmp(ub->docs[0].path,
		    "/tmp/scan-\xef\xbf\xbd\xef\xbf\xbd.png") == 0,
		    "the document's path is kept, each bad byte U+FFFD");
		ok(ub != NULL && ub->applicant_name != NULL &&
		    strcmp(ub->applicant_name, "Li \xef\xbf\xbd Lei") == 0,
		    "so is a field");
		app_free(ua);
		app_free(ub);
		free(e);
	}
	free(path);
	app_free(app);
	return tap_done();
}
