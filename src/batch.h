/* Batch mode: an answers file (the application JSON) checked and applied. */
#ifndef BATCH_H
#define BATCH_H

#include <stdbool.h>
#include <stddef.h>

struct application;
struct catalog;
struct findings;

/* The largest answers file read: a real one is a few kilobytes. */
#define BATCH_MAX_BYTES (1024 * 1024)

/*
 * Parse answers text (name is the file name for messages) into a new
 * application, resolve its document paths (batch_resolve_paths), normalise
 * its fields as the screens do, and run every rule
 * of the flow (flow_check) over it. Every problem goes to f with its JSON
 * key: a malformed file (invalid UTF-8, truncated, not JSON) gives one
 * finding with the line and column. Returns the application (caller frees)
 * whatever the findings say, or NULL when the text is not a JSON object.
 */
struct application *batch_parse(const char *text, size_t len,
    const char *name, const struct catalog *cat, struct findings *f);

/*
 * Make relative document paths of app relative to the folder of the
 * answers file named name (nothing for "-": they stay relative to the
 * current folder).
 */
void batch_resolve_paths(struct application *app, const char *name);

/*
 * Read a passphrase: the first line of a file (path) or of an inherited
 * descriptor (fd >= 0), without its line end. Returns it (caller frees
 * with freezero_str) or NULL with *err. An empty passphrase is an error.
 */
char *batch_read_passphrase(const char *path, int fd, char **err);

/*
 * The answers file's usual name for app: "certwiz-answers-<id>.json"
 * (in the current folder). Caller frees.
 */
char *batch_answers_name(const struct application *app);

/* batch_write_answers: path exists and overwrite was not asked for. */
#define BATCH_EXISTS 1

/*
 * Write the answers file of app (app_to_json(app, true): no id, state,
 * backend or secrets) to path, atomically and mode 0600. Relative
 * document paths are made absolute, so that the file applies from any
 * folder. Unless overwrite, an existing path is left alone and
 * BATCH_EXISTS returned. Returns 0, BATCH_EXISTS, or -1 with *err.
 */
int batch_write_answers(const struct application *app, const char *path,
    bool overwrite, char **err);

#endif /* BATCH_H */
