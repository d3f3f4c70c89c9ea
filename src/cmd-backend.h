/* What submit, status, withdraw and reopen share on the command line. */
#ifndef CMD_BACKEND_H
#define CMD_BACKEND_H

#include <jansson.h>

#include "backend.h"

struct application;
struct catalog;

/* The options every tracking command takes. */
struct track_opts {
	struct backend_options bo;
	int json, yes;
};

/*
 * Parse the options of cmd; allowed is a string of the short letters
 * (b backend, e endpoint, c cacert, r region, p profile, j json, y yes).
 * Returns -1 to go on, or an exit status.
 */
int track_parse(const char *cmd, int argc, char **argv, const char *allowed,
    struct track_opts *o, const char *help);

/* Resolve and load the one ID argument. -1 to go on, or an exit status. */
int track_load(const char *cmd, int argc, char **argv,
    struct application **app);

/*
 * Open the backend for app: name from the options, else the one app was
 * sent with, else the settings. Prints errors and warnings; NULL: exit 3.
 */
struct backend *track_open(const struct track_opts *o,
    const struct application *app);

/* Where app stands and what to do next, for people, on stdout. */
void track_print(const struct application *app, const struct catalog *cat);
/* The same as JSON (documented in certwiz(1)). */
json_t *track_json(const struct application *app, const struct catalog *cat);

/*
 * For an application the CA waits to validate (cas backend): run the
 * check of certwiz verify and say what is missing, on stdout, or as the
 * "verify" key of j when j is not NULL. $CERTWIZ_VERIFY=no skips it.
 */
void track_verify(const struct application *app, const struct catalog *cat,
    json_t *j);

#endif /* CMD_BACKEND_H */
