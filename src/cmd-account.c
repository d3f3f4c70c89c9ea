/* certwiz account: which credentials, which endpoint, may they call, units. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "catalog.h"
#include "cli.h"
#include "cmd-backend.h"
#include "i18n.h"
#include "settings.h"

static void
print_report(const struct account_report *r)
{
	char buf[32];
	size_t i;

	if (r->kind != NULL) {
		printf(_("Credentials:  %s, from %s\n"), r->kind, r->source);
		if (r->role != NULL)
			printf(_("Role:         %s\n"), r->role);
		printf(_("AccessKey ID: %s\n"), r->key_id);
		if (r->expires != 0) {
			struct tm tm;

			gmtime_r(&r->expires, &tm);
			strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC",
			    &tm);
			printf(_("Expires:      %s (renewed before then)\n"),
			    buf);
		}
	} else
		printf(_("Credentials:  none usable\n"));
	if (r->endpoint != NULL)
		printf(_("Endpoint:     %s (%s)\n"), r->endpoint, r->site);
	if (r->kind != NULL)
		printf(_("Signed call:  %s\n"), r->signed_ok ?
		    _("accepted by the CA") : _("refused by the CA"));
	if (r->signed_ok && r->nproducts > 0) {
		printf(_("Units left per product (DescribePackageState):\n"));
		for (i = 0; i < r->nproducts; i++) {
			const struct account_product *p = &r->products[i];

			if (p->known)
				printf(_("  %-13s %-24s %" PRId64 " of %"
				    PRId64 " left\n"), p->type, p->product,
				    p->total > p->used ? p->total - p->used :
				    0, p->total);
			else if (p->code != NULL)
				printf(_("  %-13s %-24s no plan bought\n"),
				    p->type, p->product);
			else
				printf(_("  %-13s %-24s not checked\n"),
				    p->type, p->product);
		}
	}
	if (r->signed_ok && r->problem == ACCOUNT_OK)
		printf(_("Orders:       may be listed "
		    "(ListUserCertificateOrder)\n"));
	if (r->problem == ACCOUNT_OK)
		printf(_("Everything certwiz needs works.\n"));
}

int
cmd_account(int argc, char **argv)
{
	struct account_report r;
	struct track_opts o;
	struct settings *s;
	struct catalog *cat;
	char *err = NULL, *warning = NULL;
	int rc;

	if ((rc = track_parse("account", argc, argv, "ecrpj", &o,
	    _("Finds the credentials as the cas backend does and makes\n"
	    "read-only signed calls: DescribePackageState for every product\n"
	    "of the catalog, and ListUserCertificateOrder. Never shows a "
	    "secret.\n\n"
	    "Options:\n"
	    "  --profile NAME   the aliyun CLI profile for credentials\n"
	    "  --endpoint URL   the API host or https:// URL\n"
	    "  --cacert FILE    CA certificates to trust for the API\n"
	    "  --region ID      the region whose endpoint to use\n"
	    "  --json           the report as JSON\n"))) >= 0)
		return rc;
	if (optind < argc)
		return cli_usage_error("account", _("unexpected argument "
		    "'%s'"), argv[optind]);
	if ((s = settings_load(&err)) == NULL) {
		cli_error("%s", err);
		free(err);
		return EXIT_FAILURE_IO;
	}
	if ((cat = cli_catalog()) == NULL) {
		settings_free(s);
		return EXIT_FAILURE_IO;
	}
	rc = account_check(s, &o.bo, cat, &r, &warning);
	if (warning != NULL)
		cli_warning("%s", warning);
	if (o.json)
		cli_print_json(account_json(&r));
	else {
		print_report(&r);
		/* The report first, then what is wrong, also in a pipe. */
		fflush(stdout);
		if (r.message != NULL)
			cli_error("%s", r.message);
		if (r.code != NULL && r.problem != ACCOUNT_NO_PLAN)
			fprintf(stderr, _("  The CA said: %s (code %s, request "
			    "id %s)\n"), r.api_message != NULL ?
			    r.api_message : "-", r.code, r.request_id !=
			    NULL ? r.request_id : "-");
	}
	account_report_clear(&r);
	free(warning);
	catalog_free(cat);
	settings_free(s);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error(_("cannot write to standard output: %s"),
		    strerror(errno));
		return EXIT_FAILURE_IO;
	}
	/* Signed calls work but nothing to use: refused, as a rule would. */
	return rc == ACCOUNT_OK ? EXIT_OK : rc == ACCOUNT_NO_PLAN ?
	    EXIT_REJECTED : EXIT_FAILURE_IO;
}
