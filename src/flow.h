/* The whole application checked in the order of the wizard's screens. */
#ifndef FLOW_H
#define FLOW_H

#include <stdbool.h>

struct application;
struct catalog;
struct findings;

/*
 * Run every rule of the flow over app (type, domains, applicant, company,
 * CSR, validation method, documents), in the order of the screens, adding
 * every finding to f with its JSON key. Returns true when the application
 * is complete and acceptable (warnings allowed): ready to submit.
 */
bool flow_check(const struct application *app, const struct catalog *cat,
    struct findings *f);

/* For flow_check_opts: the key and CSR of "generate" are made after the
 * check (batch mode), so a CSR not made yet is no error. */
#define FLOW_CSR_PENDING 0x1

/* flow_check with FLOW_* flags. */
bool flow_check_opts(const struct application *app, const struct catalog *cat,
    unsigned flags, struct findings *f);

/*
 * The domain kind app names ("kind" of the answers file, the Type
 * screen's question): KIND_SINGLE, KIND_MULTI, KIND_WILDCARD, or
 * KIND_AUTO when it names none (or an unknown one: flow_check says so).
 */
int flow_kind(const struct application *app);

struct cert_type;

/*
 * The complimentary-name line of app for type t (DESIGN 2), translated:
 * "example.com is included free with *.example.com", or, with file
 * validation, that it is not; NULL when the kind adds none or the names
 * are not acceptable. For Confirm and Submitted. Caller frees.
 */
char *flow_complimentary_text(const struct application *app,
    const struct cert_type *t);

#endif /* FLOW_H */
