/* The local store of applications: one 0700 folder each, JSON inside. */
#ifndef STORE_H
#define STORE_H

#include <stddef.h>

struct application;

/* Errors of store_load, so callers can tell a damaged file from I/O. */
enum store_error {
	STORE_OK = 0,
	STORE_EIO = -1,		/* cannot read or write */
	STORE_ENOENT = -2,	/* no such application */
	STORE_ECORRUPT = -3,	/* not valid JSON or not an application */
	STORE_ENEWER = -4,	/* written by a newer certwiz */
};

/* $XDG_DATA_HOME/certwiz/applications, or NULL with *err. Caller frees. */
char *store_root(char **err);
/* The folder of application id, or NULL with *err. Caller frees. */
char *store_app_dir(const char *id, char **err);

/*
 * Give app a new unique id and create its folder (0700). Sets created and
 * updated. Returns 0, or -1 with *err.
 */
int store_create(struct application *app, char **err);

/*
 * Write app->id's application.json atomically (0600 in a 0700 folder,
 * whatever the umask); creates the folder when needed. Sets app->updated.
 * Returns 0, or -1 with *err (the previous file is then intact).
 */
int store_save(struct application *app, char **err);

/*
 * Read application id. Returns STORE_OK and *out (caller frees with
 * app_free), or an enum store_error with *err naming the file. A damaged
 * or newer file is never changed.
 */
int store_load(const char *id, struct application **out, char **err);

struct store_entry {
	char *id;
	struct application *app;	/* NULL when it could not be read */
	char *error;			/* why, when app is NULL */
	int code;			/* enum store_error */
};

/*
 * Every application in the store, most recently updated first (those that
 * could not be read last). Returns 0, or -1 with *err when the store
 * itself cannot be read; an absent store is an empty list.
 */
int store_list(struct store_entry **out, size_t *n, char **err);
void store_list_free(struct store_entry *list, size_t n);

/*
 * Find the application whose id is id or begins with it (unique prefix).
 * Returns STORE_OK with *full (caller frees), STORE_ENOENT, or STORE_EIO,
 * with *err for the user (an ambiguous prefix names the candidates).
 */
int store_resolve(const char *id, char **full, char **err);

/* Remove the folder of application id with everything in it. */
int store_delete(const char *id, char **err);

/*
 * Take the advisory lock of application id (a .lock file in its folder,
 * fcntl write lock), so that two certwiz processes never edit the same
 * application. Returns a descriptor to give to store_unlock, or -1 with
 * *err; when another process holds it, *err says which (process, host,
 * since when) and what to do.
 */
int store_lock(const char *id, char **err);
/* Release a lock from store_lock; -1 is a no-op. */
void store_unlock(int fd);

/* Whether s looks like an id certwiz would make (no path characters). */
int store_valid_id(const char *s);

#endif /* STORE_H */
