/* The certificate types: data/types.conf, overridden per user. */
#ifndef CATALOG_H
#define CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum {
	VALIDATION_DNS = 1 << 0,
	VALIDATION_FILE = 1 << 1,
};

struct cert_type {
	char *id;		/* "free" */
	char *name;		/* "Free DV certificate" (translated when shown) */
	char *level;		/* "DV" or "OV" */
	unsigned min_domains, max_domains;
	unsigned max_wildcards;	/* 0: no wildcard names */
	bool mix;		/* plain and wildcard names may be bound together */
	char **refused;		/* suffixes the CA refuses, without dots */
	size_t nrefused;
	bool company;		/* company details required */
	unsigned documents;	/* qualification documents required */
	unsigned long document_bytes;	/* largest document accepted */
	unsigned validation;	/* VALIDATION_* bits */
	unsigned issuance_min, issuance_max;	/* minutes */
	bool issuance_after_validation;
	unsigned validity;	/* days, before the Baseline Requirements cap */
	char *product;		/* CA product code for plain names */
	char *product_wildcard;	/* and for wildcard names; may be NULL */
};

struct catalog {
	struct cert_type *types;
	size_t n;
	char *source;		/* where the catalog was read from, for messages */
};

/*
 * Load the catalog: the installed data/types.conf (or, when certwiz runs
 * from its build tree and that file is absent, the copy built into the
 * program), then $XDG_CONFIG_HOME/certwiz/types.conf over it.
 * $CERTWIZ_DATADIR names another folder for types.conf. Returns the catalog
 * (caller frees with catalog_free) or NULL with *err naming file:line.
 */
struct catalog *catalog_load(char **err);

/*
 * Parse one catalog file into cat: sections for existing ids change their
 * attributes, new ids add types (which must then be complete). Returns 0,
 * or -1 with *err set to "name:line: what is wrong".
 */
int catalog_parse(struct catalog *cat, const char *text, size_t len,
    const char *name, char **err);

/* Check that every type is complete and coherent; -1 with *err if not. */
int catalog_validate(const struct catalog *cat, char **err);

void catalog_free(struct catalog *cat);

/* The type with this id, or NULL. Borrowed from cat. */
const struct cert_type *catalog_find(const struct catalog *cat,
    const char *id);

/* The catalog text built into the program (data/types.conf). */
extern const char catalog_builtin[];

/*
 * Days of validity a certificate of this type gets when applied for at
 * time when: the type's validity capped by the Baseline Requirements'
 * maximum for that date (398 / 200 / 100 / 47 days).
 */
unsigned catalog_validity_days(const struct cert_type *t, time_t when);
/* The Baseline Requirements' maximum validity in days at time when. */
unsigned catalog_br_max_validity(time_t when);

/*
 * The expected issuance time in words, translated: "1-15 minutes after
 * domain validation", "about 5 days". Caller frees.
 */
char *catalog_issuance_text(const struct cert_type *t);

/* The validation methods as words: "DNS, file". Caller frees. */
char *catalog_validation_text(unsigned methods);

#endif /* CATALOG_H */
