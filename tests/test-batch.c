/* Unit tests for batch_write_answers (src/batch.c): the wizard's "Save as
 * answers file". */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "batch.h"
#include "catalog.h"
#include "fileio.h"
#include "verdict.h"
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

int
main(void)
{
	const char *home = testutil_home_new();
	struct application *app = app_new("ab12-cd34", "standard"), *back;
	const char *doms[] = { "example.com", "www.example.com" };
	struct app_document d;
	struct catalog *cat;
	struct findings f = { 0 };
	struct stat st;
	char *path, *err = NULL, *text, *name;
	int rc;

	app_set_domains(app, doms, 2);
	app->applicant_name = strdup("Li Lei");
	app->applicant_phone = strdup("+86 138 0013 8000");
	app->applicant_email = strdup("admin@example.com");
	app->csr_mode = strdup("generate");
	app->csr_key_type = strdup("ec-p256");
	app->csr_key_path = strdup("/somewhere/key.pem");
	app->csr_key_fingerprint = strdup("00ff");
	app->validation_method = strdup("dns");
	app->state = APP_SUBMITTED;
	app->backend.name = strdup("cas");
	app->backend.order_id = 42;
	app->backend.record_value = strdup("secret-token-value");
	memset(&d, 0, sizeof d);
	d.path = strdup("docs/licence.png");
	d.file = strdup("documents/1.png");
	app_add_document(app, &d);

	name = batch_answers_name(app);
	is_str(name, "certwiz-answers-ab12-cd34.json", "the usual name");
	free(name);

	path = malloc(strlen(home) + 32);
	sprintf(path, "%s/answers.json", home);
	rc = batch_write_answers(app, path, false, &err);
	is_int(rc, 0, "the answers are written");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "mode 0600 (%o)", (unsigned)(st.st_mode & 0777));
	text = slurp(path);
	ok(text != NULL && strstr(text, "\"www.example.com\"") != NULL,
	    "the domains are in it");
	ok(text != NULL && strstr(text, "ab12-cd34") == NULL,
	    "no id");
	ok(text != NULL && strstr(text, "backend") == NULL &&
	    strstr(text, "secret-token-value") == NULL &&
	    strstr(text, "42") == NULL, "no backend state");
	ok(text != NULL && strstr(text, "fingerprint") == NULL &&
	    strstr(text, "\"state\"") == NULL, "no key fingerprint, no state");
	ok(text != NULL && strstr(text, "\"path\": \"/") != NULL &&
	    strstr(text, "/docs/licence.png\"") != NULL,
	    "a relative document path is made absolute");
	free(text);

	rc = batch_write_answers(app, path, false, &err);
	is_int(rc, BATCH_EXISTS, "an existing file is not overwritten");
	free(app->applicant_name);
	app->applicant_name = strdup("Han Meimei");
	rc = batch_write_answers(app, path, true, &err);
	is_int(rc, 0, "unless asked to");
	text = slurp(path);
	ok(text != NULL && strstr(text, "Han Meimei") != NULL,
	    "the file has the new answers");

	/* The file reads back as answers with the same values. */
	setenv("CERTWIZ_DATADIR", getenv("CERTWIZ_DATADIR") != NULL ?
	    getenv("CERTWIZ_DATADIR") : "data", 0);
	cat = catalog_load(&err);
	ok(cat != NULL, "the catalog loads");
	if (cat != NULL && text != NULL) {
		back = batch_parse(text, strlen(text), path, cat, &f);
		ok(back != NULL && back->ndomains == 2 &&
		    strcmp(back->domains[1], "www.example.com") == 0 &&
		    strcmp(back->applicant_name, "Han Meimei") == 0,
		    "it parses back as answers");
		app_free(back);
		findings_clear(&f);
	}
	free(text);
	catalog_free(cat);

	sprintf(path, "%s/no/such/dir/a.json", home);
	rc = batch_write_answers(app, path, false, &err);
	ok(rc == -1 && err != NULL, "a folder that does not exist: an error "
	    "(%s)", err != NULL ? err : "none");
	free(err);
	err = NULL;
	rc = batch_write_answers(app, "", false, &err);
	ok(rc == -1 && err != NULL, "an empty name: an error");
	free(err);

	free(path);
	app_free(app);
	return tap_done();
}
