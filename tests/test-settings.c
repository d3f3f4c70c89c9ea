/* Unit tests for src/settings.c: the config file. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "settings.h"
#include "tap.h"
#include "testutil.h"

static void
bad(const char *text, const char *want, const char *what)
{
	struct settings *s = settings_new();
	char *err = NULL;
	int rc = settings_parse(s, text, strlen(text), "config", &err);

	ok(rc == -1 && err != NULL && strstr(err, want) != NULL,
	    "refused: %s", what);
	if (err == NULL || strstr(err, want) == NULL)
		diag("got: %s", err ? err : "(no error)");
	free(err);
	settings_free(s);
}

int
main(void)
{
	struct settings *s = settings_new();
	const char *home;
	char *err = NULL, path[512];

	is_str(s->backend, "local", "the default backend is local");
	is_str(s->key_type, "ec-p256", "the default key is P-256");
	is_str(s->region, "cn-hangzhou", "the default region");
	{
		const char *text = "# comment\n; comment\n\nbackend = cas\n"
		    "  region=ap-southeast-1  \nkey_type = rsa-2048\n"
		    "endpoint = https://127.0.0.1:8443\n";

		ok(settings_parse(s, text, strlen(text), "config", &err) == 0,
		    "good lines parse");
	}
	is_str(s->backend, "cas", "backend set");
	is_str(s->region, "ap-southeast-1", "blanks trimmed");
	is_str(s->key_type, "rsa-2048", "key type set");
	is_str(s->endpoint, "https://127.0.0.1:8443", "endpoint set");
	settings_free(s);

	bad("backend = aws\n", "config:1: backend must be one of local, cas",
	    "an unknown backend, with file:line");
	bad("\ncolour = blue\n", "config:2: unknown setting \"colour\"",
	    "an unknown key");
	bad("key_type = dsa\n", "key_type must be one of", "a bad key type");
	bad("region = Hang Zhou\n", "region must be", "a bad region");
	bad("[main]\n", "no [sections]", "a section");
	bad("backend\n", "expected \"key = value\"", "a line without =");

	home = testutil_home_new();
	s = settings_load(&err);
	ok(s != NULL && s->path == NULL, "no config file: defaults");
	settings_free(s);
	snprintf(path, sizeof path, "%s/.config", home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/.config/certwiz", home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/.config/certwiz/config", home);
	testutil_write(path, "backend = cas\n");
	s = settings_load(&err);
	ok(s != NULL && strcmp(s->backend, "cas") == 0, "the file is read");
	settings_free(s);
	testutil_write(path, "backend = cas\nbogus = 1\n");
	s = settings_load(&err);
	ok(s == NULL && err != NULL && strstr(err, "config:2:") != NULL,
	    "a bad file names its line");
	free(err);
	return tap_done();
}
