/* The "key = value" file format shared by the catalog and the config file. */
#ifndef KVFILE_H
#define KVFILE_H

#include <stddef.h>

/*
 * Called for each "[section]" line (key NULL, value the section name) and
 * each "key = value" line (value may be empty). Leading and trailing blanks
 * are trimmed; '#' and ';' begin comment lines. Return 0 to go on, or -1
 * with *err set (without file:line, which kvfile_parse adds).
 */
typedef int (*kvfile_cb)(void *ctx, unsigned line, const char *section,
    const char *key, const char *value, char **err);

/*
 * Parse text (len bytes, need not be NUL-terminated); name is the file
 * name for messages. Stops at the first error and returns -1 with *err set
 * to "name:line: what is wrong"; returns 0 when every line was accepted.
 */
int kvfile_parse(const char *text, size_t len, const char *name,
    kvfile_cb cb, void *ctx, char **err);

/* Parse "yes"/"no" (also true/false, 1/0, on/off). 0 on success. */
int kvfile_bool(const char *value, int *out);
/* Parse an unsigned decimal number no larger than max. 0 on success. */
int kvfile_uint(const char *value, unsigned long max, unsigned long *out);

#endif /* KVFILE_H */
