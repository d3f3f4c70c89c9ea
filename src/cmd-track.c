/* certwiz status, withdraw and reopen: follow a submitted application. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "backend.h"
#include "catalog.h"
#include "cli.h"
#include "cmd-backend.h"
#include "i18n.h"
#include "store.h"

/*
 * status writes what the CA says into the record: take the lock first and
 * read the record again under it. Returns -1 to go on, or an exit status.
 */
static int
status_lock(struct application **app)
{
	struct application *fresh = NULL;
	char *err = NULL;
	int rc;

	if ((rc = cli_app_lock((*app)->id)) >= 0)
		return rc;
	if (store_load((*app)->id, &fresh, &err) != STORE_OK) {
		cli_error("%s", err);
		free(err);
		return EXIT_FAILURE_IO;
	}
	app_free(*app);
	*app = fresh;
	return -1;
}

int
cmd_status(int argc, char **argv)
{
	struct application *app = NULL;
	struct catalog *cat = NULL;
	struct backend *b = NULL;
	struct track_opts o;
	char *err = NULL;
	json_t *j;
	int rc = EXIT_OK;

	if ((rc = track_parse("status", argc, argv, "ecrpjD", &o,
	    _("Asks the CA where the application is (cas backend) and shows "
	    "what to\npublish and what happens next.\n\nOptions:\n"
	    "  --endpoint URL   the API host or https:// URL\n"
	    "  --cacert FILE    CA certificates to trust for the API\n"
	    "  --region ID      the region whose endpoint to use\n"
	    "  --profile NAME   the aliyun CLI profile for credentials\n"
	    "  --directory URL  the ACME directory (acme)\n"
	    "  --json           the status as JSON\n"))) >= 0)
		return rc;
	if ((rc = track_load("status", argc, argv, &app)) >= 0)
		return rc;
	rc = EXIT_OK;
	cat = cli_catalog();
	/* Only an order at the CA can be refreshed. */
	if (app->backend.name != NULL &&
	    strcmp(app->backend.name, "local") != 0 &&
	    (app->backend.order_id != 0 || app->backend.order_url != NULL) &&
	    app->state != APP_ISSUED &&
	    !(app->state == APP_WITHDRAWN && !backend_needs_release(app))) {
		if ((rc = status_lock(&app)) >= 0)
			goto out;
		rc = EXIT_OK;
		if ((b = track_open(&o, app)) == NULL)
			rc = EXIT_FAILURE_IO;
		else if (backend_refresh(b, app, &err) != 0) {
			cli_error("%s", err);
			rc = EXIT_FAILURE_IO;
		}
	}
	if (o.json) {
		j = track_json(app, cat);
		if (err != NULL)
			json_object_set_new(j, "error", json_string(err));
		if (err == NULL)
			track_verify(app, cat, j);
		cli_print_json(j);
	} else {
		track_print(app, cat);
		if (err == NULL)
			track_verify(app, cat, NULL);
	}
out:
	free(err);
	backend_close(b);
	catalog_free(cat);
	app_free(app);
	return rc;
}

/* Ask q unless --yes; 1 yes, 0 no, -1 no terminal (message printed). */
static int
ask(const struct track_opts *o, const char *q)
{
	int a;

	if (o->yes)
		return 1;
	if ((a = cli_confirm(q)) < 0)
		cli_usage_error("withdraw", _("there is no terminal to ask: "
		    "add --yes to go ahead without asking"));
	return a;
}

int
cmd_withdraw(int argc, char **argv)
{
	struct application *app = NULL;
	struct backend *b = NULL;
	struct track_opts o;
	char *err = NULL, *q;
	int rc, a;

	if ((rc = track_parse("withdraw", argc, argv, "ecrpyD", &o,
	    _("Withdraws an application that is not issued yet: the CA "
	    "stops\nprocessing it (CancelOrderRequest). certwiz then asks "
	    "whether to return\nits unit to your plan (DeleteCertificate"
	    "Request, which deletes the order).\nRun it again on a withdrawn "
	    "application to return the unit later.\n\nOptions:\n"
	    "  -y, --yes        do not ask: withdraw and return the quota\n"
	    "  --endpoint URL   the API host or https:// URL\n"
	    "  --cacert FILE    CA certificates to trust for the API\n"
	    "  --region ID      the region whose endpoint to use\n"
	    "  --profile NAME   the aliyun CLI profile for credentials\n")))
	    >= 0)
		return rc;
	if ((rc = cli_app_load_locked("withdraw", argc, argv,
	    &app)) >= 0)
		return rc;
	rc = EXIT_OK;
	if (!backend_can_withdraw(app) && !backend_needs_release(app)) {
		backend_withdraw(NULL, app, &err);	/* says why not */
		cli_error("%s", err);
		free(err);
		app_free(app);
		return EXIT_REJECTED;
	}
	if (app->backend.name != NULL &&
	    strcmp(app->backend.name, "local") != 0 &&
	    (b = track_open(&o, app)) == NULL) {
		app_free(app);
		return EXIT_FAILURE_IO;
	}
	if (backend_can_withdraw(app)) {
		if (b != NULL)
			q = xasprintf(_("Withdraw application %s (%s)? The CA "
			    "stops processing it."), app->id,
			    app_state_label(app->state));
		else
			q = xasprintf(_("Withdraw prepared application %s? It "
			    "was never sent."), app->id);
		a = ask(&o, q);
		free(q);
		if (a <= 0) {
			if (a == 0)
				puts(_("Not withdrawn."));
			rc = a < 0 ? EXIT_USAGE : EXIT_OK;
			goto out;
		}
		if (backend_withdraw(b, app, &err) != 0) {
			cli_error("%s", err);
			rc = EXIT_FAILURE_IO;
			goto out;
		}
		printf(_("Application %s is withdrawn.\n"), app->id);
	}
	if (backend_needs_release(app)) {
		q = xasprintf(_("Return the unit of your plan used by order "
		    "%lld? The order is deleted at the CA."),
		    (long long)app->backend.order_id);
		a = ask(&o, q);
		free(q);
		if (a < 0) {
			rc = EXIT_USAGE;
			goto out;
		}
		if (a == 0) {
			printf(_("The quota is kept by the order; 'certwiz "
			    "withdraw %s' returns it later.\n"), app->id);
			goto out;
		}
		if (backend_release(b, app, &err) != 0) {
			cli_error("%s", err);
			rc = EXIT_FAILURE_IO;
			goto out;
		}
		puts(_("The unit is back in your plan."));
	}
	printf(_("Reopen it as a draft with: certwiz reopen %s\n"), app->id);
out:
	free(err);
	backend_close(b);
	app_free(app);
	return rc;
}

int
cmd_revoke(int argc, char **argv)
{
	struct application *app = NULL;
	struct backend *b = NULL;
	struct track_opts o;
	char *err = NULL, *q;
	int rc, a;

	if ((rc = track_parse("revoke", argc, argv, "cyD", &o,
	    _("Revokes the issued certificate of an application sent with the "
	    "acme\nbackend (revokeCert, signed with the ACME account key).\n\n"
	    "Options:\n"
	    "  -y, --yes        do not ask\n"
	    "  --directory URL  the ACME directory (default: the one the order "
	    "went to)\n"
	    "  --cacert FILE    CA certificates to trust for the ACME server\n")))
	    >= 0)
		return rc;
	if ((rc = cli_app_load_locked("revoke", argc, argv, &app)) >= 0)
		return rc;
	if (app->state != APP_ISSUED || app->backend.name == NULL ||
	    strcmp(app->backend.name, "acme") != 0) {
		backend_revoke(NULL, app, &err);
		cli_error("%s", err);
		free(err);
		app_free(app);
		return EXIT_REJECTED;
	}
	if ((b = track_open(&o, app)) == NULL) {
		app_free(app);
		return EXIT_FAILURE_IO;
	}
	q = xasprintf(_("Revoke the certificate of application %s? Servers "
	    "using it will be distrusted."), app->id);
	a = ask(&o, q);
	free(q);
	if (a != 1) {
		rc = a < 0 ? EXIT_USAGE : EXIT_OK;
		goto out;
	}
	if ((rc = backend_revoke(b, app, &err)) != 0) {
		cli_error("%s", err);
		free(err);
		rc = rc == BACKEND_EREFUSED ? EXIT_REJECTED : EXIT_FAILURE_IO;
		goto out;
	}
	printf(_("The certificate of application %s is revoked.\n"), app->id);
	rc = EXIT_OK;
out:
	backend_close(b);
	app_free(app);
	return rc;
}

int
cmd_reopen(int argc, char **argv)
{
	struct application *app = NULL;
	struct track_opts o;
	char *err = NULL;
	int rc;

	if ((rc = track_parse("reopen", argc, argv, "", &o,
	    _("Makes a withdrawn application a draft again, to change it "
	    "and submit it\nanew. Its old order at the CA is forgotten.\n")))
	    >= 0)
		return rc;
	if ((rc = cli_app_load_locked("reopen", argc, argv,
	    &app)) >= 0)
		return rc;
	if (backend_reopen(app, &err) != 0) {
		cli_error("%s", err);
		free(err);
		app_free(app);
		return EXIT_REJECTED;
	}
	printf(_("Application %s is a draft again: change it with 'certwiz "
	    "resume %s',\nthen submit it with 'certwiz submit %s'.\n"),
	    app->id, app->id, app->id);
	app_free(app);
	return EXIT_OK;
}
