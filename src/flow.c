/* The whole application checked in the order of the wizard's screens. */
#include "config.h"

#include "flow.h"

#include <string.h>

#include "app.h"
#include "catalog.h"
#include "fields.h"
#include "i18n.h"
#include "verdict.h"

bool
flow_check(const struct application *app, const struct catalog *cat,
    struct findings *f)
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
	if (app->ndomains == 0)
		findings_add(f, VERDICT_ERROR, "domains.empty", "domains",
		    _("no domain to bind: enter at least one name"));
	for (i = 0; i < fields_n; i++) {
		const struct field_def *fd = &fields[i];

		if (field_required(fd, app, t) && field_get(fd, app) == NULL)
			findings_add(f, VERDICT_ERROR, "field.required",
			    fd->key, _("%s is required: fill it in"),
			    _(fd->label));
	}
	if (t != NULL && app->ndocs < t->documents)
		findings_add(f, VERDICT_ERROR, "documents.missing", "documents",
		    ngettext("this type needs %u qualification document (PNG "
		    "or JPEG): add it", "this type needs %u qualification "
		    "documents (PNG or JPEG): add them", t->documents),
		    t->documents);
	return findings_worst(f) < VERDICT_ERROR;
}
