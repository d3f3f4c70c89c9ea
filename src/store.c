/* The local store: applications as JSON files in private folders. */
#include "config.h"

#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "app.h"
#include "fileio.h"
#include "i18n.h"
#include "verdict.h"
#include "xmalloc.h"

#define APP_FILE "application.json"
#define APP_MAX_BYTES (8 * 1024 * 1024)

/* No 0/o, 1/l/i: ids are read aloud and typed by hand. */
static const char id_alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";

char *
store_root(char **err)
{
	char *d = fileio_data_dir(err), *r;

	if (d == NULL)
		return NULL;
	r = xasprintf("%s/applications", d);
	free(d);
	return r;
}

int
store_valid_id(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= 64 && s[0] != '.' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

char *
store_app_dir(const char *id, char **err)
{
	char *root, *d;

	if (!store_valid_id(id)) {
		*err = xasprintf(_("\"%s\" is not an application id: see "
		    "certwiz list"), id);
		return NULL;
	}
	if ((root = store_root(err)) == NULL)
		return NULL;
	d = xasprintf("%s/%s", root, id);
	free(root);
	return d;
}

static void
random_id(char out[10])
{
	unsigned char r[8];
	size_t i, j = 0;

	/*
	 * The kernel's generator, not OpenSSL's: an id is no secret, and
	 * starting OpenSSL's generator costs a millisecond and megabytes the
	 * first screen does not need.
	 */
	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
		fatal(_("the random number generator failed"));
	for (i = 0; i < 8; i++) {
		if (i == 4)
			out[j++] = '-';
		out[j++] = id_alphabet[r[i] % (sizeof id_alphabet - 1)];
	}
	out[j] = '\0';
}

int
store_create(struct application *app, char **err)
{
	char *root, *dir = NULL, id[10];
	int tries;

	if ((root = store_root(err)) == NULL)
		return -1;
	if (fileio_mkdirs(root, 0700, err) != 0) {
		free(root);
		return -1;
	}
	for (tries = 0; tries < 100; tries++) {
		random_id(id);
		dir = xasprintf("%s/%s", root, id);
		if (mkdir(dir, 0700) == 0)
			break;
		if (errno != EEXIST) {
			*err = xasprintf(_("cannot create the folder %s: %s"),
			    dir, strerror(errno));
			free(dir);
			free(root);
			return -1;
		}
		free(dir);
		dir = NULL;
	}
	free(root);
	if (dir == NULL) {
		*err = xstrdup(_("cannot find a free application id"));
		return -1;
	}
	if (chmod(dir, 0700) != 0) {
		*err = xasprintf(_("cannot set the mode of %s: %s"), dir,
		    strerror(errno));
		rmdir(dir);
		free(dir);
		return -1;
	}
	free(dir);
	free(app->id);
	app->id = xstrdup(id);
	app->created = app->updated = time(NULL);
	return 0;
}

int
store_save(struct application *app, char **err)
{
	char *dir, *path, *text;
	json_t *j;
	int rc;

	if (app->id == NULL && store_create(app, err) != 0)
		return -1;
	if ((dir = store_app_dir(app->id, err)) == NULL)
		return -1;
	if (fileio_mkdirs(dir, 0700, err) != 0) {
		free(dir);
		return -1;
	}
	if (app->created == 0)
		app->created = time(NULL);
	app->updated = time(NULL);
	j = app_to_json(app, false);
	text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (text == NULL)
		fatal(_("out of memory"));
	path = xasprintf("%s/" APP_FILE, dir);
	/* Append a newline: a text file for people and diff. */
	{
		size_t n = strlen(text);
		char *t = xmalloc(n + 2);

		memcpy(t, text, n);
		t[n] = '\n';
		t[n + 1] = '\0';
		free(text);
		text = t;
	}
	rc = fileio_write_atomic(path, text, strlen(text), 0600, err);
	free(text);
	free(path);
	free(dir);
	return rc;
}

int
store_load(const char *id, struct application **out, char **err)
{
	struct findings f;
	struct application *app;
	char *dir, *path, *buf = NULL, *cause = NULL;
	json_error_t jerr;
	json_t *j, *ver;
	size_t len;
	struct stat st;
	int rc;

	if ((dir = store_app_dir(id, err)) == NULL)
		return STORE_EIO;
	path = xasprintf("%s/" APP_FILE, dir);
	free(dir);
	if (stat(path, &st) != 0 && errno == ENOENT) {
		*err = xasprintf(_("no application \"%s\": see certwiz list"),
		    id);
		free(path);
		return STORE_ENOENT;
	}
	if ((rc = fileio_read(path, APP_MAX_BYTES, &buf, &len, &cause)) != 0) {
		*err = cause;
		free(path);
		return rc == -2 ? STORE_ECORRUPT : STORE_EIO;
	}
	j = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	free(buf);
	if (j == NULL) {
		*err = xasprintf(_("%s is damaged (line %d: %s): it was left "
		    "as it is; restore it from a backup or delete the "
		    "application"), path, jerr.line, jerr.text);
		free(path);
		return STORE_ECORRUPT;
	}
	ver = json_is_object(j) ? json_object_get(j, "version") : NULL;
	if (json_is_integer(ver) &&
	    json_integer_value(ver) > APP_SCHEMA_VERSION) {
		*err = xasprintf(_("%s was written by a newer certwiz (schema "
		    "%lld, this one reads %d): upgrade certwiz to open it; "
		    "the file was left as it is"), path,
		    (long long)json_integer_value(ver), APP_SCHEMA_VERSION);
		json_decref(j);
		free(path);
		return STORE_ENEWER;
	}
	findings_init(&f);
	app = app_from_json(j, false, &f);
	json_decref(j);
	if (ver == NULL && f.n == 0)
		findings_add(&f, VERDICT_ERROR, "json.missing", "version",
		    _("no schema version"));
	if (app->id == NULL || strcmp(app->id, id) != 0)
		findings_add(&f, VERDICT_ERROR, "json.id", "id",
		    _("the id does not match the folder"));
	if (findings_worst(&f) == VERDICT_ERROR) {
		*err = xasprintf(_("%s is damaged (%s: %s): it was left as it "
		    "is; restore it from a backup or delete the application"),
		    path, f.v[0].key != NULL ? f.v[0].key : "",
		    f.v[0].message);
		findings_clear(&f);
		app_free(app);
		free(path);
		return STORE_ECORRUPT;
	}
	findings_clear(&f);
	free(path);
	*out = app;
	return STORE_OK;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct store_entry *x = a, *y = b;

	if ((x->app == NULL) != (y->app == NULL))
		return x->app == NULL ? 1 : -1;
	if (x->app != NULL && x->app->updated != y->app->updated)
		return x->app->updated > y->app->updated ? -1 : 1;
	return strcmp(x->id, y->id);
}

int
store_list(struct store_entry **out, size_t *n, char **err)
{
	struct store_entry *v = NULL;
	size_t cnt = 0;
	struct dirent *de;
	char *root;
	DIR *d;

	if ((root = store_root(err)) == NULL)
		return -1;
	if ((d = opendir(root)) == NULL) {
		if (errno == ENOENT) {
			free(root);
			*out = NULL;
			*n = 0;
			return 0;
		}
		*err = xasprintf(_("cannot read the folder %s: %s"), root,
		    strerror(errno));
		free(root);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		struct store_entry *e;
		struct stat st;
		char *p;

		if (de->d_name[0] == '.' || !store_valid_id(de->d_name))
			continue;
		p = xasprintf("%s/%s", root, de->d_name);
		if (lstat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
			free(p);
			continue;
		}
		free(p);
		v = xreallocarray(v, cnt + 1, sizeof *v);
		e = &v[cnt++];
		memset(e, 0, sizeof *e);
		e->id = xstrdup(de->d_name);
		e->code = store_load(e->id, &e->app, &e->error);
		if (e->code != STORE_OK)
			e->app = NULL;
	}
	closedir(d);
	free(root);
	if (cnt > 1)
		qsort(v, cnt, sizeof *v, entry_cmp);
	*out = v;
	*n = cnt;
	return 0;
}

void
store_list_free(struct store_entry *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].id);
		app_free(list[i].app);
		free(list[i].error);
	}
	free(list);
}

int
store_resolve(const char *id, char **full, char **err)
{
	struct dirent *de;
	char *root, *found = NULL, *dir;
	size_t len = strlen(id), matches = 0;
	struct stat st;
	DIR *d;

	if (!store_valid_id(id)) {
		*err = xasprintf(_("\"%s\" is not an application id: see "
		    "certwiz list"), id);
		return STORE_ENOENT;
	}
	if ((dir = store_app_dir(id, err)) == NULL)
		return STORE_EIO;
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
		free(dir);
		*full = xstrdup(id);
		return STORE_OK;
	}
	free(dir);
	if ((root = store_root(err)) == NULL)
		return STORE_EIO;
	if ((d = opendir(root)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.' ||
			    strncmp(de->d_name, id, len) != 0)
				continue;
			matches++;
			free(found);
			found = xstrdup(de->d_name);
		}
		closedir(d);
	}
	free(root);
	if (matches == 1) {
		*full = found;
		return STORE_OK;
	}
	free(found);
	if (matches > 1)
		*err = xasprintf(_("\"%s\" matches %zu applications: give more "
		    "of the id (see certwiz list)"), id, matches);
	else
		*err = xasprintf(_("no application \"%s\": see certwiz list"),
		    id);
	return STORE_ENOENT;
}

int
store_delete(const char *id, char **err)
{
	char *dir;
	int rc;

	if ((dir = store_app_dir(id, err)) == NULL)
		return -1;
	rc = fileio_remove_tree(dir, err);
	free(dir);
	return rc;
}

/*
 * An open-file-description lock where the system has one: a POSIX record
 * lock belongs to the process, so a second store_lock of the same
 * application in this process would succeed, and closing it would
 * silently drop the first. Either kind ends with the process, so the lock
 * of a process that died is free again (its note is overwritten).
 */
static int
try_lock(int fd, struct flock *fl)
{
#ifdef F_OFD_SETLK
	if (fcntl(fd, F_OFD_SETLK, fl) == 0)
		return 0;
	if (errno != EINVAL)
		return -1;
#endif
	return fcntl(fd, F_SETLK, fl);
}

int
store_lock(const char *id, char **err)
{
	struct flock fl;
	char *dir, *path, holder[256], host[128], when[32], *line;
	struct tm tm;
	time_t now;
	ssize_t n;
	int fd;

	if ((dir = store_app_dir(id, err)) == NULL)
		return -1;
	path = xasprintf("%s/.lock", dir);
	free(dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		*err = xasprintf(_("cannot open %s: %s"), path,
		    strerror(errno));
		free(path);
		return -1;
	}
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (try_lock(fd, &fl) != 0) {
		int saved = errno;

		if (saved != EAGAIN && saved != EACCES) {
			*err = xasprintf(_("cannot lock %s: %s"), path,
			    strerror(saved));
		} else {
			n = pread(fd, holder, sizeof holder - 1, 0);
			holder[n > 0 ? n : 0] = '\0';
			holder[strcspn(holder, "\n")] = '\0';
			*err = xasprintf(_("application %s is open in another "
			    "certwiz (%s): finish or quit there first"), id,
			    holder[0] != '\0' ? holder : _("unknown process"));
		}
		close(fd);
		free(path);
		return -1;
	}
	free(path);
	if (gethostname(host, sizeof host) != 0)
		strcpy(host, "?");
	host[sizeof host - 1] = '\0';
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm) == 0)
		strcpy(when, "?");
	/* TRANSLATORS: who holds a lock: "process 123 on host, since <time>". */
	line = xasprintf(_("process %ld on %s, since %s"), (long)getpid(),
	    host, when);
	/* The lock holds even if the note cannot be written. */
	{
		char *note = xasprintf("%s\n", line);

		if (ftruncate(fd, 0) != 0 ||
		    pwrite(fd, note, strlen(note), 0) < 0) {
			/* Nothing to do: only the message would suffer. */
		}
		free(note);
	}
	free(line);
	return fd;
}

void
store_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}
