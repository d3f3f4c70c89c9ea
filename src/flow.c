/* The whole application checked in the order of the wizard's screens. */
#include "config.h"

#include "flow.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "catalog.h"
#include "csr.h"
#include "document.h"
#include "domain.h"
#include "fields.h"
#include "i18n.h"
#include "rules.h"
#include "store.h"
#include "verdict.h"

int
flow_kind(const struct application *app)
{
	int k;

	if (app->kind == NULL || (k = catalog_kind_parse(app->kind)) < 0)
		return KIND_AUTO;
	return k;
}

char *
flow_complimentary_text(const struct application *app,
    const struct cert_type *t)
{
	struct domain_verdict v;
	struct findings f;
	char *s = NULL;
	size_t i;

	if (t == NULL || app->ndomains == 0)
		return NULL;
	findings_init(&f);
	domain_verdict((const char *const *)app->domains, app->ndomains, t,
	    flow_kind(app), app->validation_method, &f, &v);
	for (i = 0; i < f.n && s == NULL; i++)
		if (strcmp(f.v[i].code, "domains.complimentary") == 0 ||
		    strcmp(f.v[i].code, "domains.complimentary-lost") == 0)
			s = xstrdup(f.v[i].message);
	findings_clear(&f);
	domain_verdict_clear(&v);
	return s;
}

bool
flow_check(const struct application *app, const struct catalog *cat,
    struct findings *f)
{
	return flow_check_opts(app, cat, 0, f);
}

bool
flow_check_opts(const struct application *app, const struct catalog *cat,
    unsigned flags, struct findings *f)
{
	const struct cert_type *t = NULL;
	size_t i;

	if (app->type == NULL)
		findings_add(f, VERDICT_ERROR, "type.missing", "type",
		    _("no certificate type chosen: pick one (certwiz types "
		    "lists them)"));
	else if ((t = catalog_find(cat, app->type)) == NULL)
		findings_add(f, VERDICT_ERROR, "type.unknown", "type",
		    _("unknown certificate type \"%s\": certwiz types lists "
		    "the types"), app->type);
	if (app->kind != NULL && catalog_kind_parse(app->kind) < 0)
		findings_add(f, VERDICT_ERROR, "kind.unknown", "kind",
		    _("unknown domain kind \"%s\": choose single, multi or "
		    "wildcard, or leave it out to have it follow from the "
		    "names"), app->kind);
	/* Domains: each name, then the list against the type and kind. */
	domain_verdict((const char *const *)app->domains, app->ndomains,
	    t, flow_kind(app), app->validation_method, f, NULL);
	/* Every field that applies to this type and CSR mode, in order. */
	for (i = 0; i < fields_n; i++) {
		const struct field_def *fd = &fields[i];

		if (field_applies(fd, app, t))
			rules_check_field(fd, field_get(fd, app), app, t, f);
	}
	/* The CSR screen: the CSR as it stands against today's domains. */
	if (!((flags & FLOW_CSR_PENDING) && app->csr_pem == NULL &&
	    app->csr_mode != NULL && strcmp(app->csr_mode, "generate") == 0))
		csr_check_application(app, t, f);
	/* An ACME CA never makes the key (RFC 8555 finalizes a CSR). */
	if (app->csr_mode != NULL && strcmp(app->csr_mode, "auto") == 0 &&
	    !csr_mode_offered(t, app->csr_mode))
		findings_add(f, VERDICT_ERROR, "csr.mode-not-offered",
		    "csr.mode", _("a %s is issued for a CSR: choose \"generate "
		    "here\" or give your own CSR (the CA does not make the "
		    "key)"), _(t->name));
	/* The validation method: the type's, and DNS for a wildcard. */
	if (app->validation_method != NULL && t != NULL) {
		const char *m = app->validation_method;

		if ((strcmp(m, "dns") == 0 && !(t->validation &
		    VALIDATION_DNS)) || (strcmp(m, "file") == 0 &&
		    !(t->validation & VALIDATION_FILE))) {
			char *ok = catalog_validation_text(t->validation);

			findings_add(f, VERDICT_ERROR,
			    "validation.method-not-allowed",
			    "validation.method", _("a %s cannot be validated "
			    "by %s: choose %s"), _(t->name), m, ok);
			free(ok);
		}
	}
	if (app->validation_method != NULL &&
	    strcmp(app->validation_method, "file") == 0)
		for (i = 0; i < app->ndomains; i++) {
			char *a = domain_to_ascii(app->domains[i]);

			if (a != NULL && strncmp(a, "*.", 2) == 0) {
				findings_add(f, VERDICT_ERROR,
				    "validation.wildcard-needs-dns",
				    "validation.method", _("%s is a wildcard "
				    "name, which can only be validated by DNS: "
				    "choose DNS validation"), a);
				free(a);
				break;
			}
			free(a);
		}
	/* Each document: the accepted copy, or the file still to add. */
	for (i = 0; i < app->ndocs; i++) {
		const struct app_document *d = &app->docs[i];
		char *key = xasprintf("documents[%zu]", i), *path = NULL;
		char *err = NULL, *dir;

		if (d->file != NULL && app->id != NULL &&
		    (dir = store_app_dir(app->id, &err)) != NULL) {
			path = xasprintf("%s/%s", dir, d->file);
			free(dir);
		} else if (d->path != NULL)
			path = xstrdup(d->path);
		free(err);
		if (path != NULL)
			doc_check(path, t != NULL ? t->document_bytes : 512000,
			    key, f, NULL);
		free(path);
		free(key);
	}
	if (t != NULL && app->ndocs < t->documents)
		findings_add(f, VERDICT_ERROR, "documents.missing", "documents",
		    ngettext("this type needs %u qualification document (PNG "
		    "or JPEG): add it", "this type needs %u qualification "
		    "documents (PNG or JPEG): add them", t->documents),
		    t->documents);
	return findings_worst(f) < VERDICT_ERROR;
}
