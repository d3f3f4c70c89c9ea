/* Domain names to bind: normalisation (IDNA, case, dot) and every rule. */
#ifndef DOMAIN_H
#define DOMAIN_H

#include <stdbool.h>
#include <stddef.h>

struct cert_type;
struct findings;

/* One name after domain_check. */
struct domain_name {
	char *input;		/* as given */
	char *ascii;		/* normalised A-label form; NULL when rejected */
	char *unicode;		/* U-label form for display when it differs
				   from ascii (an IDN), else NULL */
	bool wildcard;		/* "*." + name */
	bool ip;		/* a public IPv4 address (types that bind one) */
};

/*
 * The verdict on a list of names for a type and a kind (DESIGN 2, 3): the
 * one implementation the domains screen, check domain, check csr, batch
 * mode and submit call.
 */
struct domain_verdict {
	struct domain_name *d;	/* n entries, as domain_check fills them */
	size_t n;
	int kind;		/* the kind judged (given, or chosen from the
				   names), or KIND_AUTO when none fits */
	bool *extra;		/* d[i] is the complimentary name of another
				   entry, typed again: noted, never sent */
	char *free_name;	/* the name the CA adds free (A-labels), or
				   NULL: none, or lost with file validation */
	size_t free_with;	/* the entry free_name comes with */
};

/*
 * Normalise and check one name (DESIGN 3, issuance-rules 1 and 2): case
 * folding, one trailing dot, IDNA 2008 / UTS #46 non-transitional with
 * libidn2, LDH labels, 63/253 octets on the A-label form, reserved "??--"
 * labels, underscores, spaces, wildcard only as the whole left-most label,
 * the public suffix list (libpsl: ICANN section, not itself a suffix, no
 * wildcard directly on one), IP literals, internal names, URL parts
 * (scheme, port, path) with a message that says what to type instead.
 * With type (may be NULL): the type's refused suffixes and wildcard ban.
 * Findings go to f under key (may be NULL). Fills *out (caller frees with
 * domain_name_clear) and returns true when the name is acceptable
 * (warnings allowed), false when rejected.
 */
bool domain_check(const char *input, const struct cert_type *type,
    const char *key, struct findings *f, struct domain_name *out);

/*
 * Load libidn2 and libpsl (dlopen, once, safe from any thread); the
 * checks do it themselves, and end the program (exit 3) when they are
 * missing. 0, or -1 with *err (if not NULL; caller frees) naming the
 * Debian package to install: call it first where that can be reported.
 */
int domain_libs_load(char **err);

void domain_name_clear(struct domain_name *d);

/*
 * Normalise without judging: the A-label form of a name, or NULL when it
 * cannot be converted. For comparing names ("例子.中国" equals
 * "xn--fsqu00a.xn--fiqs8s"). Caller frees.
 */
char *domain_to_ascii(const char *input);

/*
 * The U-label form of a name kept as A-labels, for display:
 * "xn--fsqu00a.xn--fiqs8s" -> "例子.中国" (a wildcard keeps its "*.").
 * NULL when the name holds no A-label, or when its A-labels do not
 * convert back to the same name (show it as it is). Caller frees.
 */
char *domain_to_unicode(const char *ascii);

/*
 * A name kept as A-labels for display where there is room: the U-label
 * form with the A-label in parentheses for an IDN ("例子.中国
 * (xn--fsqu00a.xn--fiqs8s)"), the name unchanged otherwise. Translated
 * format; caller frees.
 */
char *domain_display(const char *ascii);

/*
 * domain_verdict with the kind chosen from the names and no validation
 * method yet. Check a whole list for a type (names as entered, in order): each name
 * with domain_check under key "domains[i]", then the list rules — count
 * limits, wildcard count and mixing, duplicates after normalisation,
 * names covered by a wildcard of the list (warning), the first name (the
 * future CN) over 64 characters (error that offers to move a shorter name
 * first). out (may be NULL) receives n entries; caller clears each and
 * frees the array. Returns true when the list is acceptable.
 */
bool domain_check_list(const char *const *names, size_t n,
    const struct cert_type *type, struct findings *f,
    struct domain_name **out);

/*
 * Judge a list of names for a type (NULL: the rules every type shares)
 * and a kind (KIND_* or KIND_AUTO: chosen from the names, one wildcard
 * -> wildcard, one plain name -> single, more -> multi), with the
 * validation method ("dns", "file" or NULL: not chosen yet): each name
 * (domain_check), the kind's limits (one wildcard per certificate, the
 * number of names, a public IPv4 only where the kind binds one), the
 * free type's audit words, duplicates, the complimentary name (noted;
 * typed again it is not an error and is not sent; with file validation it
 * is lost: a warning) and the first name as the CN. out (may be NULL) is
 * cleared with domain_verdict_clear. Returns true when acceptable.
 */
bool domain_verdict(const char *const *names, size_t n,
    const struct cert_type *type, int kind, const char *method,
    struct findings *f, struct domain_verdict *out);
void domain_verdict_clear(struct domain_verdict *v);

/*
 * The names to send to the CA, A-labels separated by commas, without the
 * complimentary names typed again. Caller frees.
 */
char *domain_send_list(const struct domain_verdict *v);

/*
 * The tip for the domains field, for this type (NULL: general): what the
 * type allows, with examples. Translated; caller frees.
 */
char *domain_tip(const struct cert_type *type);

#endif /* DOMAIN_H */
