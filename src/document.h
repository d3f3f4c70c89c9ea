/* Qualification documents: checked by content, copied into the application. */
#ifndef DOCUMENT_H
#define DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct application;
struct cert_type;
struct findings;

struct doc_info {
	char *mime;		/* "image/png", or what libmagic said */
	char *description;	/* "PNG image data", "PDF document" */
	unsigned long size;
	unsigned width, height;
	char sha256[65];
};

void doc_info_clear(struct doc_info *info);

/*
 * Check one file (DESIGN 3, Documents): opened once (O_RDONLY|O_NONBLOCK|
 * O_CLOEXEC), a regular non-empty file of at most max_bytes, PNG or JPEG
 * by content (libmagic on the descriptor), whole (PNG IEND, JPEG EOI).
 * Every refusal says what the file is and what to do. Findings go to f
 * under key. info (may be NULL) is filled. Returns true when acceptable.
 */
bool doc_check(const char *path, unsigned long max_bytes, const char *key,
    struct findings *f, struct doc_info *info);

/*
 * Check path and, when acceptable and not already in the application
 * (same SHA-256), copy it from the checked descriptor into the
 * application's documents/ folder (0600) and record it in app. Returns
 * 1 when added, 0 when refused (findings say why), -1 with *err on an
 * I/O failure. The application must have an id (be in the store).
 */
int doc_add(struct application *app, const struct cert_type *type,
    const char *path, const char *key, struct findings *f, char **err);

/* Remove document i from app and its copy from disk. 0, or -1 with *err. */
int doc_remove(struct application *app, size_t i, char **err);

/*
 * Write the verification template (the authorization letter to print,
 * fill in, sign and stamp) for app to path, in the user's language:
 * HTML when path ends in .html or .htm, else text. The file is mode
 * 0600 (it holds personal details). An existing file is refused unless
 * force (errno is then EEXIST). 0, or -1 with *err.
 */
int doc_template_write(const struct application *app,
    const struct cert_type *type, const char *path, bool force, char **err);

/*
 * Load the document libraries (libmagic, libjpeg, zlib: dlopen, never
 * linked) and the libmagic database now; doc_check does it on first use,
 * once per process. 0, or -1 with *err (caller frees) saying why, naming
 * the Debian package of a missing library: a caller can then tell a broken
 * installation from a refused file.
 */
int doc_magic_init(char **err);

/* A size for people: "812 bytes", "312.4 KB", "3.1 MB". Caller frees. */
char *doc_size_text(unsigned long n);

/*
 * The verification template for app as text (UTF-8, lines within 76
 * columns) or as an HTML page ready to print, dated when, in the user's
 * language. type may be NULL. Caller frees.
 */
char *doc_template_text(const struct application *app,
    const struct cert_type *type, bool html, time_t when);

/* Whether doc_template_write writes HTML to path (.html, .htm, .xhtml). */
bool doc_template_is_html(const char *path);

/*
 * Test hook: called by doc_add between the check and the copy, with the
 * path (a test changes the original there: the copy must not change).
 */
extern void (*doc_hook_after_check)(const char *path);

#endif /* DOCUMENT_H */
