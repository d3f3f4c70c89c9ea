/* certwiz submit: check an application, then prepare or send it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "backend.h"
#include "catalog.h"
#include "cli.h"
#include "cmd-backend.h"
#include "flow.h"
#include "i18n.h"
#include "verdict.h"

int
cmd_submit(int argc, char **argv)
{
	struct application *app = NULL;
	struct catalog *cat = NULL;
	struct backend *b = NULL;
	struct track_opts o;
	struct findings f;
	char *err = NULL;
	json_t *j;
	int rc;

	if ((rc = track_parse("submit", argc, argv, "becrpjDMAKHW", &o,
	    _("Options:\n"
	    "  --backend NAME   local (prepare here), cas (send to Alibaba "
	    "Cloud)\n"
	    "                   or acme (Let's Encrypt or another ACME CA)\n"
	    "  --directory URL  the ACME directory, or letsencrypt,\n"
	    "                   letsencrypt-staging (acme; default "
	    "letsencrypt)\n"
	    "  --agree-tos      accept the ACME CA's terms of service (acme)\n"
	    "  --email ADDR     the ACME account's contact (acme)\n"
	    "  --eab-kid ID, --eab-hmac-key KEY\n"
	    "                   External Account Binding (acme)\n"
	    "  --webroot DIR    answer HTTP-01 by writing the token file "
	    "under DIR (acme)\n"
	    "  --endpoint URL   the API host or https:// URL (cas)\n"
	    "  --cacert FILE    CA certificates to trust for the API\n"
	    "  --region ID      the region whose endpoint to use (cas)\n"
	    "  --profile NAME   the aliyun CLI profile for credentials "
	    "(cas)\n"
	    "  --json           the result as JSON\n"))) >= 0)
		return rc;
	if ((rc = cli_app_load_locked("submit", argc, argv, &app)) >= 0)
		return rc;
	if ((cat = cli_catalog()) == NULL) {
		app_free(app);
		return EXIT_FAILURE_IO;
	}
	findings_init(&f);
	/* A lost submission was checked before it was sent. */
	if (app->state != APP_SENDING && !flow_check(app, cat, &f)) {
		if (o.json) {
			j = json_object();
			json_object_set_new(j, "id", json_string(app->id));
			json_object_set_new(j, "submitted", json_false());
			json_object_set_new(j, "findings",
			    cli_findings_json(&f));
			cli_print_json(j);
		} else {
			cli_error(_("application %s cannot be submitted yet:"),
			    app->id);
			cli_print_findings(stderr, &f, "  ");
			fprintf(stderr, _("Fix it with 'certwiz resume %s'.\n"),
			    app->id);
		}
		rc = EXIT_REJECTED;
		goto out;
	}
	if (!o.json && f.n > 0)
		cli_print_findings(stderr, &f, "  ");
	if ((b = track_open(&o, app)) == NULL) {
		rc = EXIT_FAILURE_IO;
		goto out;
	}
	if ((rc = backend_submit(b, app, cat, &err)) != 0) {
		cli_error("%s", err);
		if (o.json) {
			j = track_json(app, cat);
			json_object_set_new(j, "error", json_string(err));
			cli_print_json(j);
		}
		free(err);
		/* Already sent: a rule of the application's life, not a
		 * failure of the network. */
		rc = rc == BACKEND_EREFUSED ? EXIT_REJECTED : EXIT_FAILURE_IO;
		goto out;
	}
	if (o.json) {
		j = track_json(app, cat);
		json_object_set_new(j, "findings", cli_findings_json(&f));
		track_verify(app, cat, j);
		cli_print_json(j);
	} else {
		track_print(app, cat);
		track_verify(app, cat, NULL);
	}
	rc = EXIT_OK;
out:
	findings_clear(&f);
	backend_close(b);
	catalog_free(cat);
	app_free(app);
	return rc;
}
