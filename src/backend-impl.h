/* Between the backend interface and its two implementations. */
#ifndef BACKEND_IMPL_H
#define BACKEND_IMPL_H

#include "backend.h"

struct cas_client;

struct backend {
	char *name;			/* "local" or "cas" */
	struct cas_client *cas;		/* cas only */
};

/* Save app, with the message for *err on failure. 0 or -1. */
int backend_save(struct application *app, char **err);
/* Write request.json and csr.pem into app's folder. 0 or -1 with *err. */
int backend_prepare_files(struct application *app, const struct cert_type *t,
    char **err);
/* The domains to send, A-labels joined by commas, without a complimentary
   name typed again (domain_verdict for type t); caller frees. */
char *backend_domains(const struct application *app,
    const struct cert_type *t);
/* The string a setter stores: a copy of s, or NULL. */
void backend_set(char **dst, const char *s);

int local_submit(struct backend *b, struct application *app,
    const struct cert_type *t, char **err);

int cas_backend_submit(struct backend *b, struct application *app,
    const struct cert_type *t, char **err);
int cas_backend_refresh(struct backend *b, struct application *app,
    char **err);
int cas_backend_withdraw(struct backend *b, struct application *app,
    char **err);
int cas_backend_release(struct backend *b, struct application *app,
    char **err);

#endif /* BACKEND_IMPL_H */
