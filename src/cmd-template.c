/* certwiz template: write the authorization letter to print, sign and stamp. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "catalog.h"
#include "cli.h"
#include "document.h"
#include "fields.h"
#include "i18n.h"
#include "store.h"

/* Name the fields the letter leaves blank, so the user can complete them. */
static void
warn_blanks(const struct application *app, const struct cert_type *type)
{
	static const char *const keys[] = {
		"company.name", "company.org_id", "company.address",
		"applicant.name", "applicant.phone", "applicant.email",
	};
	char *list = xstrdup(""), *t;
	size_t i, n = 0;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const struct field_def *fd = field_find(keys[i]);

		if (fd == NULL || field_get(fd, app) != NULL)
			continue;
		t = xasprintf("%s%s%s", list, n > 0 ? ", " : "",
		    _(fd->label));
		free(list);
		list = t;
		n++;
	}
	if (app->ndomains == 0) {
		t = xasprintf("%s%s%s", list, n > 0 ? ", " : "",
		    _("domain names"));
		free(list);
		list = t;
		n++;
	}
	if (n > 0)
		cli_warning(ngettext("the letter leaves blank: %s. Fill it "
		    "in by hand, or complete the application first "
		    "(certwiz resume %s)", "the letter leaves blank: %s. Fill "
		    "them in by hand, or complete the application first "
		    "(certwiz resume %s)", n), list, app->id);
	if (type != NULL && type->documents == 0)
		cli_warning(_("a %s needs no verification documents: the "
		    "letter is only needed for types that ask for them"),
		    _(type->name));
	free(list);
}

int
cmd_template(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "html", no_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct application *app = NULL;
	struct catalog *cat = NULL;
	const struct cert_type *type = NULL;
	const char *out = NULL;
	char *err = NULL, *text;
	int c, force = 0, html = 0, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:f", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'f':
			force = 1;
			break;
		case 'H':
			html = 1;
			break;
		case 'h':
			cli_command_help("template", _("Options:\n"
			    "  -o, --output FILE  write to FILE (HTML when it "
			    "ends in .html or .htm)\n"
			    "                     instead of standard output\n"
			    "  -f, --force        replace FILE if it exists\n"
			    "      --html         HTML on standard output\n"));
			return EXIT_OK;
		default:
			if (optopt == 'o')
				return cli_usage_error("template", _("-o needs "
				    "a file name"));
			return cli_usage_error("template", _("unknown option "
			    "'%s'"), argv[optind - 1]);
		}
	}
	if (out != NULL && *out == '\0')
		return cli_usage_error("template", _("-o needs a file name"));
	if ((rc = cli_app_load("template", argc, argv, &app)) >= 0)
		goto out;
	if ((cat = cli_catalog()) == NULL) {
		rc = EXIT_FAILURE_IO;
		goto out;
	}
	if (app->type != NULL && (type = catalog_find(cat, app->type)) ==
	    NULL)
		cli_warning(_("application %s has the unknown type '%s'"),
		    app->id, app->type);
	warn_blanks(app, type);
	if (out == NULL || strcmp(out, "-") == 0) {
		text = doc_template_text(app, type, html != 0, time(NULL));
		fputs(text, stdout);
		free(text);
		rc = fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK :
		    EXIT_FAILURE_IO;
		if (rc != EXIT_OK)
			cli_error(_("cannot write to standard output: %s"),
			    strerror(errno));
		goto out;
	}
	if (doc_template_write(app, type, out, force != 0, &err) != 0) {
		if (errno == EEXIST && !force) {
			cli_error(_("%s already exists: give another file "
			    "with -o, or add --force to replace it"), out);
			rc = EXIT_FAILURE_IO;
		} else {
			cli_error("%s", err);
			rc = EXIT_FAILURE_IO;
		}
		goto out;
	}
	/* TRANSLATORS: %s is the file written. */
	fprintf(stderr, _("Wrote %s: print it, fill in what is blank, sign "
	    "and stamp it, then scan it.\n"), out);
	rc = EXIT_OK;
out:
	free(err);
	app_free(app);
	catalog_free(cat);
	return rc;
}
