/* Files on disk: XDG folders, atomic writes, bounded reads. */
#ifndef FILEIO_H
#define FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/*
 * The certwiz folder under $XDG_CONFIG_HOME (else ~/.config) or
 * $XDG_DATA_HOME (else ~/.local/share). Relative XDG values are ignored,
 * as the XDG base directory specification says. Caller frees; NULL with
 * *err set when no home folder can be found.
 */
char *fileio_config_dir(char **err);
char *fileio_data_dir(char **err);

/*
 * Create path and any missing parents; the folders this call creates get
 * mode, whatever the umask, and the last one is chmod'ed to mode even when
 * it existed. Returns 0, or -1 with *err set.
 */
int fileio_mkdirs(const char *path, mode_t mode, char **err);

/*
 * Replace path with data atomically: a temporary file in the same folder
 * (created 0600, then fchmod'ed to mode), fsync, rename, fsync of the
 * folder. On failure the old file is untouched and the temporary file is
 * removed. Returns 0, or -1 with *err set.
 */
int fileio_write_atomic(const char *path, const void *data, size_t len,
    mode_t mode, char **err);

/* Test hook: called between the fsync of the temporary file and rename. */
extern void (*fileio_hook_before_rename)(void);

/*
 * Read a whole file (path "-" is standard input) of at most max bytes.
 * The buffer is NUL-terminated; *lenp excludes the NUL. Returns 0, -1 with
 * *err set, or -2 with *err set when the file is larger than max.
 */
int fileio_read(const char *path, size_t max, char **bufp, size_t *lenp,
    char **err);

/* Read everything from an open descriptor, same contract as fileio_read. */
int fileio_read_fd(int fd, const char *name, size_t max, char **bufp,
    size_t *lenp, char **err);

/*
 * A secret on the first line of a file (path) or of an inherited descriptor
 * (fd >= 0, when path is NULL), without its line end; what follows the
 * line is wiped. Returns it (possibly "", for the caller to refuse; free
 * with freezero_str) or NULL with *err.
 */
char *fileio_read_secret_line(const char *path, int fd, size_t max,
    char **err);

/* Remove a folder and what it holds (files and folders, no links followed). */
int fileio_remove_tree(const char *path, char **err);

#endif /* FILEIO_H */
