/* The user's settings: $XDG_CONFIG_HOME/certwiz/config. */
#ifndef SETTINGS_H
#define SETTINGS_H

#include <stdbool.h>

struct settings {
	char *backend;		/* "local" (default), "cas" or "acme" */
	char *endpoint;		/* API host or URL; NULL: from the region */
	char *region;		/* "cn-hangzhou" (default) */
	char *key_type;		/* default key for "generate here": "ec-p256" */
	char *language;		/* a locale name for the messages, or NULL */
	char *cacert;		/* CA bundle for the API, or NULL (system) */
	char *profile;		/* aliyun CLI profile name, or NULL */
	char *resolver;		/* DNS server for verify: "ADDR[:PORT]", or
				   NULL (resolve from the root servers) */
	char *directory;	/* acme: the directory URL or name */
	char *email;		/* acme: the account's contact */
	char *webroot;		/* acme: HTTP-01 files go under it */
	bool agree_tos;		/* acme: the CA's terms accepted */
	char *path;		/* the file read, or NULL when none existed */
};

/* The keys the config file accepts, NULL-terminated (for help and tests). */
extern const char *const settings_keys[];

/*
 * Read the config file (a missing file gives the defaults). Returns the
 * settings (caller frees with settings_free) or NULL with *err naming
 * file:line and what is wrong.
 */
struct settings *settings_load(char **err);

/* Parse config text into s, over what it holds. 0, or -1 with *err. */
int settings_parse(struct settings *s, const char *text, size_t len,
    const char *name, char **err);

/* Settings with the defaults and nothing read. */
struct settings *settings_new(void);
void settings_free(struct settings *s);

#endif /* SETTINGS_H */
