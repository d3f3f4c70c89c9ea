/* Batch mode: an answers file checked by the same rules as the screens. */
#include "config.h"

#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "app.h"
#include "domain.h"
#include "fields.h"
#include "fileio.h"
#include "flow.h"
#include "i18n.h"
#include "rules.h"
#include "verdict.h"
#include "xmalloc.h"

/* The passphrase is at most this long; longer input is refused. */
#define PASSPHRASE_MAX 1024

static void
json_problem(const char *name, const json_error_t *je, struct findings *f)
{
	switch (json_error_code(je)) {
	case json_error_invalid_utf8:
		findings_add(f, VERDICT_ERROR, "answers.utf8", NULL,
		    _("%s is not valid UTF-8 (line %d, column %d): save it "
		    "as UTF-8 text"), name, je->line, je->column);
		break;
	case json_error_premature_end_of_input:
		findings_add(f, VERDICT_ERROR, "answers.truncated", NULL,
		    _("%s ends in the middle of the JSON (line %d): the file "
		    "is incomplete; write it again"), name, je->line);
		break;
	case json_error_duplicate_key:
		findings_add(f, VERDICT_ERROR, "answers.duplicate", NULL,
		    _("%s gives the same key twice (line %d: %s): keep one"),
		    name, je->line, je->text);
		break;
	default:
		findings_add(f, VERDICT_ERROR, "answers.json", NULL,
		    _("%s is not valid JSON (line %d, column %d: %s): fix the "
		    "file, or save one from the wizard's confirm screen"),
		    name, je->line, je->column, je->text);
		break;
	}
}

struct application *
batch_parse(const char *text, size_t len, const char *name,
    const struct catalog *cat, struct findings *f)
{
	struct application *app;
	json_error_t je;
	json_t *root;
	size_t i;

	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		json_problem(name, &je, f);
		return NULL;
	}
	if (!json_is_object(root)) {
		findings_add(f, VERDICT_ERROR, "answers.json", NULL,
		    _("%s must hold one JSON object with the application's "
		    "keys (see certwiz(5))"), name);
		json_decref(root);
		return NULL;
	}
	app = app_from_json(root, true, f);
	json_decref(root);
	batch_resolve_paths(app, name);

	/* Store the names and fields as the screens do: names in their
	   A-label form, fields normalised. A name that cannot be converted
	   stays as given, for the rules to explain. */
	for (i = 0; i < app->ndomains; i++) {
		char *a = domain_to_ascii(app->domains[i]);

		if (a != NULL) {
			free(app->domains[i]);
			app->domains[i] = a;
		}
	}
	for (i = 0; i < fields_n; i++) {
		const char *v = field_get(&fields[i], app);
		char *norm;

		if (v != NULL && (norm = rules_normalize(&fields[i], v)) !=
		    NULL) {
			field_set(&fields[i], app, norm);
			free(norm);
		}
	}
	flow_check_opts(app, cat, FLOW_CSR_PENDING, f);
	return app;
}

void
batch_resolve_paths(struct application *app, const char *name)
{
	char *copy, *dir;
	size_t i;

	if (strcmp(name, "-") == 0)
		return;
	copy = xstrdup(name);
	dir = dirname(copy);
	for (i = 0; i < app->ndocs; i++) {
		char *p = app->docs[i].path;

		if (p != NULL && p[0] != '/' && strcmp(dir, ".") != 0) {
			app->docs[i].path = xasprintf("%s/%s", dir, p);
			free(p);
		}
	}
	free(copy);
}

char *
batch_read_passphrase(const char *path, int fd, char **err)
{
	char *buf, *cause = NULL;

	if ((buf = fileio_read_secret_line(path, fd, PASSPHRASE_MAX,
	    &cause)) == NULL) {
		*err = xasprintf(_("cannot read the passphrase: %s"), cause);
		free(cause);
		return NULL;
	}
	if (*buf == '\0') {
		freezero_str(buf);
		*err = xstrdup(_("the passphrase is empty: write it on the "
		    "first line, or leave out --passphrase-file to write the "
		    "key unencrypted"));
		return NULL;
	}
	return buf;
}

char *
batch_answers_name(const struct application *app)
{
	return xasprintf("certwiz-answers-%s.json",
	    app->id != NULL ? app->id : "new");
}

/* Make the relative "path" of every document in o absolute. */
static void
absolute_doc_paths(json_t *o)
{
	json_t *docs = json_object_get(o, "documents"), *d;
	char *cwd = NULL;
	size_t i;

	json_array_foreach(docs, i, d) {
		const char *p = json_string_value(json_object_get(d, "path"));
		char *abs;

		if (p == NULL || p[0] == '/')
			continue;
		if (cwd == NULL && (cwd = getcwd(NULL, 0)) == NULL)
			return;
		abs = xasprintf("%s/%s", cwd, p);
		json_object_set_new(d, "path", json_string(abs));
		free(abs);
	}
	free(cwd);
}

int
batch_write_answers(const struct application *app, const char *path,
    bool overwrite, char **err)
{
	struct stat st;
	json_t *o = NULL;
	char *text = NULL, *line = NULL;
	int rc = -1;

	if (path == NULL || *path == '\0') {
		*err = xstrdup(_("no file name given"));
		return -1;
	}
	if (!overwrite && lstat(path, &st) == 0)
		return BATCH_EXISTS;
	if (!overwrite && errno != ENOENT) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	o = app_to_json(app, true);
	absolute_doc_paths(o);
	text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (text == NULL) {
		*err = xstrdup(_("the answers could not be turned into JSON"));
		goto out;
	}
	line = xasprintf("%s\n", text);
	if (fileio_write_atomic(path, line, strlen(line), 0600, err) != 0)
		goto out;
	rc = 0;
out:
	free(line);
	free(text);
	json_decref(o);
	return rc;
}
