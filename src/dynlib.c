/*
 * The one loader of certwiz's optional libraries: see dynlib.h.
 */
#include "config.h"

#include "dynlib.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xmalloc.h"

int
dynlib_load(const struct dynlib *lib, void *table, char **err)
{
	const char *const *s;
	const char *e;
	char *why = NULL;
	void *h = NULL, *f;
	size_t i;

	for (s = lib->sonames; *s != NULL && h == NULL; s++) {
		dlerror();
		if ((h = dlopen(*s, RTLD_NOW | RTLD_LOCAL)) == NULL &&
		    why == NULL) {
			/* The first soname's reason: the one installed by
			   the package named. */
			e = dlerror();
			why = xstrdup(e != NULL ? e : _("no such library"));
		}
	}
	if (h == NULL) {
		if (err != NULL)
			*err = xasprintf(_("%s needs %s, which cannot be "
			    "loaded: %s (install the Debian package %s)"),
			    _(lib->purpose), lib->sonames[0], why,
			    lib->package);
		free(why);
		return -1;
	}
	free(why);
	for (i = 0; i < lib->nfns; i++) {
		dlerror();
		if ((f = dlsym(h, lib->fns[i].name)) == NULL) {
			e = dlerror();
			if (err != NULL)
				*err = xasprintf(_("%s needs %s, which lacks "
				    "the function %s (%s): it is too old or "
				    "damaged (install the Debian package %s)"),
				    _(lib->purpose), s[-1], lib->fns[i].name,
				    e != NULL ? e : "?", lib->package);
			dlclose(h);
			return -1;
		}
		memcpy((char *)table + lib->fns[i].offset, &f, sizeof f);
	}
	return 0;
}
