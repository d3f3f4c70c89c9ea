/* The user's settings: "key = value" lines in $XDG_CONFIG_HOME/certwiz/config. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "settings.h"

#include "fileio.h"
#include "i18n.h"
#include "kvfile.h"
#include "xmalloc.h"

#define SETTINGS_MAX_BYTES (64 * 1024)

const char *const settings_keys[] = {
	"backend", "endpoint", "region", "key_type", "language", "cacert",
	"profile", "resolver", "directory", "email", "webroot", "agree_tos",
	NULL,
};

static const char *const backends[] = { "local", "cas", "acme", NULL };
static const char *const key_types[] = {
	"ec-p256", "ec-p384", "rsa-2048", "rsa-3072", "rsa-4096", NULL,
};

struct settings *
settings_new(void)
{
	struct settings *s = xcalloc(1, sizeof *s);

	s->backend = xstrdup("local");
	s->region = xstrdup("cn-hangzhou");
	s->key_type = xstrdup("ec-p256");
	return s;
}

void
settings_free(struct settings *s)
{
	if (s == NULL)
		return;
	free(s->backend);
	free(s->endpoint);
	free(s->region);
	free(s->key_type);
	free(s->language);
	free(s->cacert);
	free(s->profile);
	free(s->resolver);
	free(s->directory);
	free(s->email);
	free(s->webroot);
	free(s->path);
	free(s);
}

static int
one_of(const char *v, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(v, *list) == 0)
			return 1;
	return 0;
}

static char *
join(const char *const *list)
{
	char *s = xstrdup(""), *t;

	for (; *list != NULL; list++) {
		t = xasprintf("%s%s%s", s, *s ? ", " : "", *list);
		free(s);
		s = t;
	}
	return s;
}

static void
set(char **field, const char *v)
{
	free(*field);
	*field = *v != '\0' ? xstrdup(v) : NULL;
}

static int
settings_cb(void *ctx, unsigned line, const char *section, const char *key,
    const char *v, char **err)
{
	struct settings *s = ctx;
	const char *const *choices = NULL;
	char *list;

	(void)line;
	if (key == NULL || section != NULL) {
		*err = xstrdup(_("the config file has no [sections]: write "
		    "\"key = value\" lines only"));
		return -1;
	}
	if (strcmp(key, "backend") == 0)
		choices = backends;
	else if (strcmp(key, "key_type") == 0)
		choices = key_types;
	if (choices != NULL && !one_of(v, choices)) {
		list = join(choices);
		*err = xasprintf(_("%s must be one of %s, not \"%s\""), key,
		    list, v);
		free(list);
		return -1;
	}
	if (strcmp(key, "backend") == 0)
		set(&s->backend, v);
	else if (strcmp(key, "endpoint") == 0)
		set(&s->endpoint, v);
	else if (strcmp(key, "region") == 0) {
		if (*v == '\0' || strspn(v, "abcdefghijklmnopqrstuvwxyz"
		    "0123456789-") != strlen(v)) {
			*err = xasprintf(_("region must be a region id such as "
			    "cn-hangzhou, not \"%s\""), v);
			return -1;
		}
		set(&s->region, v);
	} else if (strcmp(key, "key_type") == 0)
		set(&s->key_type, v);
	else if (strcmp(key, "language") == 0)
		set(&s->language, v);
	else if (strcmp(key, "cacert") == 0)
		set(&s->cacert, v);
	else if (strcmp(key, "profile") == 0)
		set(&s->profile, v);
	else if (strcmp(key, "resolver") == 0)
		set(&s->resolver, v);
	else if (strcmp(key, "directory") == 0)
		set(&s->directory, v);
	else if (strcmp(key, "email") == 0)
		set(&s->email, v);
	else if (strcmp(key, "webroot") == 0)
		set(&s->webroot, v);
	else if (strcmp(key, "agree_tos") == 0) {
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
			*err = xasprintf(_("agree_tos must be yes or no, not "
			    "\"%s\""), v);
			return -1;
		}
		s->agree_tos = strcmp(v, "yes") == 0;
	} else {
		list = join(settings_keys);
		*err = xasprintf(_("unknown setting \"%s\" (known: %s)"), key,
		    list);
		free(list);
		return -1;
	}
	return 0;
}

int
settings_parse(struct settings *s, const char *text, size_t len,
    const char *name, char **err)
{
	return kvfile_parse(text, len, name, settings_cb, s, err);
}

struct settings *
settings_load(char **err)
{
	struct settings *s = settings_new();
	char *dir, *path, *buf = NULL;
	size_t len;

	if ((dir = fileio_config_dir(err)) == NULL) {
		settings_free(s);
		return NULL;
	}
	path = xasprintf("%s/config", dir);
	free(dir);
	if (access(path, F_OK) != 0 && errno == ENOENT) {
		free(path);
		return s;
	}
	if (fileio_read(path, SETTINGS_MAX_BYTES, &buf, &len, err) != 0 ||
	    settings_parse(s, buf, len, path, err) != 0) {
		free(buf);
		free(path);
		settings_free(s);
		return NULL;
	}
	free(buf);
	s->path = path;
	return s;
}
