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

/*
 * The domain kinds the CA sells (DESIGN 2), as the console's purchase page
 * names them: one name, several names, one wildcard name.
 */
enum cert_kind {
	KIND_SINGLE,
	KIND_MULTI,
	KIND_WILDCARD,
	KIND_N,
};
/* For the functions that take a kind: choose it from the names. */
#define KIND_AUTO (-1)

/* Key types the brand issues for (DESIGN 2: RSA 2048/3072/4096, P-256/384). */
enum {
	KEY_RSA_2048 = 1 << 0,
	KEY_RSA_3072 = 1 << 1,
	KEY_RSA_4096 = 1 << 2,
	KEY_EC_P256 = 1 << 3,
	KEY_EC_P384 = 1 << 4,
	KEY_ALL = (1 << 5) - 1,
};

/* One kind of a type. */
struct cert_kind_def {
	bool offered;
	char *product;		/* the CA's product code */
	unsigned min_domains, max_domains;	/* names, complimentary not counted */
	bool ip;		/* a public IPv4 address may be bound */
	bool complimentary;	/* the CA adds a name free (www.X / X) */
	unsigned validation;	/* VALIDATION_* bits allowed for this kind */
};

/* From this date (00:00 UTC) the brand issues at most days. */
struct validity_cap {
	time_t from;
	unsigned days;
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
	char *backend;		/* "acme": sold by an ACME CA (no product
				   codes); NULL: the cas API */
	/* The fields above about names are derived from the kinds. */
	struct cert_kind_def kinds[KIND_N];
	unsigned keys;		/* KEY_* bits */
	char **audit;		/* the CA's security-audit words (free DV) */
	size_t naudit;
	struct validity_cap *caps;	/* the brand's caps, by date */
	size_t ncaps;
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
 * Keep only the types backend can send: "cas" drops the ACME types,
 * "acme" keeps only them; any other backend (local: prepared here) keeps
 * all. The type named keep (a draft's) always stays.
 */
void catalog_for_backend(struct catalog *cat, const char *backend,
    const char *keep);

/* Whether t is sold by an ACME CA (backend = acme in types.conf). */
bool catalog_is_acme(const struct cert_type *t);
/* The product code of kind (enum cert_kind) of t, for people: the code,
   else why there is none (translated). */
const char *catalog_product_text(const struct cert_type *t, int kind);

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

/* "single", "multi", "wildcard": stable, for files and JSON. */
const char *catalog_kind_id(int kind);
/* The kind named by s, or -1. */
int catalog_kind_parse(const char *s);
/* The kind in words, translated: "single domain". */
const char *catalog_kind_label(int kind);
/* The product code of a kind of t, or NULL when t does not offer it. */
const char *catalog_product(const struct cert_type *t, int kind);

/* The KEY_* bit of "rsa-2048", "ec-p256", ..., or 0. */
unsigned catalog_key_parse(const char *s);
/* The KEY_* bit of a key: algorithm "RSA" or "EC", bits or curve name. */
unsigned catalog_key_bit(const char *alg, int bits, const char *curve);
/* The key types as words: "RSA 2048, RSA 3072, ..., EC P-384". Caller
   frees. */
char *catalog_keys_text(unsigned keys);

/*
 * Days of validity a certificate of this type gets when applied for at
 * time when: the type's validity capped by the Baseline Requirements'
 * maximum for that date (398 / 200 / 100 / 47 days) and by the brand's
 * cap table (validity_cap: 199 days from 2026-02-24 for DigiCert).
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

/*
 * Which documents a type with documents needs and how to make them (the
 * verification letter, signed and stamped; the business licence the
 * company details must match), translated; NULL for a type without
 * documents. brief: the short form a screen shows above its list (the
 * tips show the whole). Caller frees.
 */
char *catalog_documents_text(const struct cert_type *t, bool brief);

#endif /* CATALOG_H */
