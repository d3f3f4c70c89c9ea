/*
 * DNS lookups for the validation probe, behind one small interface. The
 * resolver library (libunbound: a validating resolver) is loaded on first
 * use, never at program start.
 */
#ifndef DNS_H
#define DNS_H

#include <stdbool.h>
#include <stddef.h>

/* Record types the probe asks for. */
enum {
	DNS_A = 1,
	DNS_NS = 2,
	DNS_CNAME = 5,
	DNS_SOA = 6,
	DNS_TXT = 16,
	DNS_AAAA = 28,
	DNS_CAA = 257,
};

/* How a lookup ended. */
enum dns_status {
	DNS_OK = 0,		/* an answer: data, no data, or NXDOMAIN */
	DNS_ESERVFAIL = -1,	/* the server(s) failed (or DNSSEC bogus) */
	DNS_ETIMEOUT = -2,	/* no answer within the time limit */
	DNS_ELIB = -3,		/* the library could not be loaded or set up */
	DNS_ECANCEL = -4,	/* cancelled by the caller */
	DNS_EREFUSED = -5,	/* the server refused (not authoritative) */
};

enum dns_security {
	DNS_INSECURE = 0,	/* not signed, or nothing to validate against */
	DNS_SECURE = 1,		/* validated */
	DNS_BOGUS = 2,		/* signed but the validation failed */
};

struct dns_answer {
	int status;		/* enum dns_status */
	bool nxdomain;		/* the name does not exist */
	enum dns_security security;
	char *why_bogus;	/* the validator's reason, or NULL */
	int ttl;		/* of the answer (0 when none) */
	char *canonname;	/* the name after CNAMEs, or NULL */
	unsigned char **rdata;	/* raw RDATA of each record */
	size_t *rdlen;
	size_t n;
};

/* Where lookups go. */
struct dns_options {
	const char *resolver;	/* "ADDR[:PORT]" or "[V6]:PORT"; NULL: resolve
				   from the root servers ourselves */
	const char *trust_anchor;	/* DS/DNSKEY file; NULL: the root's
					   (from the root) or none (resolver) */
	long timeout_ms;	/* each lookup; 0: 5 s */
	const volatile int *cancel;	/* non-zero: stop as soon as possible */
};

struct dns_ctx;

/*
 * A resolver context. Loads the library on first use: when it is missing
 * the error names the Debian package to install. NULL with *err.
 */
struct dns_ctx *dns_open(const struct dns_options *o, char **err);

/*
 * A context that asks one server directly (an authoritative server of a
 * zone), at address addr and port, with no validation.
 */
struct dns_ctx *dns_open_server(const char *addr, unsigned port,
    const struct dns_options *o, char **err);

void dns_close(struct dns_ctx *c);

/* Whether this context validates DNSSEC itself. */
bool dns_validates(const struct dns_ctx *c);

/*
 * For a context that forwards to a resolver (dns_open with a resolver):
 * ask that resolver name/type once more, with the DO bit, and read the AD
 * bit of its answer (libldns, loaded on first use): 1 the resolver
 * validated the answer, 0 it did not say so, or a negative enum
 * dns_status (DNS_ELIB: no libldns, or no resolver).
 */
int dns_resolver_ad(struct dns_ctx *c, const char *name, int type);
/* Why dns_resolver_ad could not load libldns (the loader's message,
   naming the Debian package), or NULL when it did or has not tried. */
const char *dns_resolver_ad_error(void);

/*
 * Look name up (type). Returns the status (also in a->status); a is always
 * filled and must be cleared with dns_answer_clear.
 */
int dns_query(struct dns_ctx *c, const char *name, int type,
    struct dns_answer *a);
void dns_answer_clear(struct dns_answer *a);

/* The status in words, translated. */
const char *dns_status_text(int status);

/* RDATA decoders: NULL when the data is malformed. Caller frees. */
/* TXT: the strings joined, as a CA reads a split record. */
char *dns_txt_text(const unsigned char *rd, size_t len);
/* NS, CNAME: the name, lower case, with no final dot. */
char *dns_name_text(const unsigned char *rd, size_t len);
/* A, AAAA: the address as text. */
char *dns_addr_text(int type, const unsigned char *rd, size_t len);
/* CAA: flags, tag and value (value may hold any byte but NUL). */
int dns_caa_parse(const unsigned char *rd, size_t len, unsigned *flags,
    char **tag, char **value);

/* Whether s is a DNS server address as dns_options.resolver takes it
   (checked without loading the library). */
bool dns_server_valid(const char *s);

/* Whether the library can be loaded; NULL or the reason. Caller frees. */
char *dns_library_error(void);

#endif /* DNS_H */
