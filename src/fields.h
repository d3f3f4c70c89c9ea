/* The field table: every text field of the application, described once. */
#ifndef FIELDS_H
#define FIELDS_H

#include <stdbool.h>
#include <stddef.h>

struct application;
struct cert_type;
struct findings;

enum field_need {
	NEED_ALWAYS,		/* every type */
	NEED_COMPANY,		/* types that require company details */
	NEED_OPTIONAL,		/* never required */
	NEED_CSR_GENERATE,	/* when csr.mode is "generate" */
	NEED_CSR_MANUAL,	/* when csr.mode is "manual" */
};

enum field_kind {
	FIELD_TEXT,		/* one line of text */
	FIELD_CHOICE,		/* one of choices[] */
	FIELD_COUNTRY,		/* ISO 3166-1 alpha-2 */
	FIELD_MULTILINE,	/* text with newlines (a PEM block) */
};

struct field_choice {
	const char *value;	/* stored and written to JSON */
	const char *label;	/* N_(): shown to people */
};

struct field_def {
	const char *key;	/* JSON key: "applicant.email" */
	const char *label;	/* N_() */
	const char *tip;	/* N_(): what it is for, with an example */
	const char *example;	/* an example value; N_() where it is a
				   person, company or place (shown with _()) */
	enum field_need need;
	enum field_kind kind;
	const struct field_choice *choices;	/* FIELD_CHOICE, NULL-ended */
	size_t max_chars;	/* in characters; 0: no limit */
	size_t offset;		/* of the char * in struct application */
	/*
	 * The rule for this field, or NULL when it only needs the common
	 * checks (UTF-8, no control characters, length, choices). Adds its
	 * findings to f under key; value is never NULL or empty.
	 */
	void (*check)(const struct field_def *fd, const char *value,
	    const struct application *app, struct findings *f);
};

/* The table, in the order of the screens; fields_n entries. */
extern const struct field_def fields[];
extern const size_t fields_n;

/* The field with this JSON key, or NULL. */
const struct field_def *field_find(const char *key);
/* The fields whose key begins with "group." ("applicant", "company"). */
size_t field_group(const char *group, const struct field_def **out,
    size_t max);

/* The field's value in app (borrowed; NULL when empty). */
const char *field_get(const struct field_def *fd,
    const struct application *app);
/* Set the field's value (copied); NULL or "" clears it. */
void field_set(const struct field_def *fd, struct application *app,
    const char *value);

/* Whether the field must be filled for this application and type. */
bool field_required(const struct field_def *fd,
    const struct application *app, const struct cert_type *type);

/* Whether the field applies at all (company fields for DV types: no). */
bool field_applies(const struct field_def *fd,
    const struct application *app, const struct cert_type *type);

/* The label of a choice value, translated, or the value itself. */
const char *field_choice_label(const struct field_def *fd, const char *value);

#endif /* FIELDS_H */
