/* Qualification documents: checked by content, copied into the application. */
#ifndef DOCUMENT_H
#define DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

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
 * fill in, sign and stamp) for app to path, in the user's language. An
 * existing file is refused unless force. 0, or -1 with *err.
 */
int doc_template_write(const struct application *app,
    const struct cert_type *type, const char *path, bool force, char **err);

#endif /* DOCUMENT_H */
