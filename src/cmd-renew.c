/* certwiz renew: a new application from an issued one's answers. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "batch.h"
#include "catalog.h"
#include "cli.h"
#include "csr.h"
#include "i18n.h"
#include "store.h"
#include "verdict.h"
#include "../ui/wizard.h"

struct renew_opts {
	int reuse_key, submit;
	const char *backend, *endpoint, *cacert, *pass_file;
	int pass_fd;
};

static int
parse_opts(int argc, char **argv, struct renew_opts *o)
{
	static const struct option opts[] = {
		{ "reuse-key", no_argument, NULL, 'r' },
		{ "submit", no_argument, NULL, 's' },
		{ "backend", required_argument, NULL, 'b' },
		{ "endpoint", required_argument, NULL, 'e' },
		{ "cacert", required_argument, NULL, 'c' },
		{ "passphrase-file", required_argument, NULL, 'p' },
		{ "passphrase-fd", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	memset(o, 0, sizeof *o);
	o->pass_fd = -1;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'r': o->reuse_key = 1; break;
		case 's': o->submit = 1; break;
		case 'b': o->backend = optarg; break;
		case 'e': o->endpoint = optarg; break;
		case 'c': o->cacert = optarg; break;
		case 'p': o->pass_file = optarg; break;
		case 'f':
			o->pass_fd = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || o->pass_fd < 0)
				return cli_usage_error("renew", _("--passphrase-fd "
				    "wants a descriptor number, not '%s'"),
				    optarg);
			break;
		case 'h':
			cli_command_help("renew", _("Options:\n"
			    "  --reuse-key          keep the key (a new one is "
			    "made by default)\n"
			    "  --submit             check and submit the new "
			    "application at once,\n"
			    "                       without the wizard\n"
			    "  --backend NAME       with --submit: local or cas "
			    "(default: the old one's)\n"
			    "  --endpoint URL       with --submit: the API host "
			    "(cas)\n"
			    "  --cacert FILE        with --submit: CA certificates "
			    "for the API (cas)\n"
			    "  --passphrase-file F  with --submit: encrypt the "
			    "new key\n"
			    "  --passphrase-fd N    the same, read from "
			    "descriptor N\n"));
			return EXIT_OK;
		default:
			return cli_usage_error("renew", _("unknown option '%s'"),
			    argv[optind - 1]);
		}
	}
	if (!o->submit && (o->backend != NULL || o->endpoint != NULL ||
	    o->cacert != NULL || o->pass_file != NULL || o->pass_fd >= 0))
		return cli_usage_error("renew", _("--backend, --endpoint, "
		    "--cacert and the passphrase options go with --submit"));
	return -1;
}

/*
 * The successor's answers: the same type, names, applicant, company and
 * validation; state, backend and documents' copies are not carried over.
 */
static struct application *
successor(const struct application *old)
{
	struct application *app = app_dup(old);
	struct application *fresh = app_new(NULL, old->type);
	size_t i;

	free(app->id);
	app->id = NULL;
	free(app->screen);
	app->screen = NULL;
	app->state = APP_DRAFT;
	/* A fresh backend part: the old order is not the new one's. */
	app_backend_clear(&app->backend);
	app->backend = fresh->backend;
	memset(&fresh->backend, 0, sizeof fresh->backend);
	app_free(fresh);
	for (i = 0; i < app->ndocs; i++)
		app_document_clear(&app->docs[i]);
	free(app->docs);
	app->docs = NULL;
	app->ndocs = 0;
	return app;
}

int
cmd_renew(int argc, char **argv)
{
	struct renew_opts o;
	struct application *old = NULL, *app = NULL;
	struct catalog *cat = NULL;
	const struct cert_type *t;
	char *id = NULL, *err = NULL, *pass = NULL, *oldkey = NULL;
	int rc, lock = -1;

	if ((rc = parse_opts(argc, argv, &o)) >= 0)
		return rc;
	if ((rc = cli_app_id("renew", argc, argv, &id)) >= 0)
		return rc;
	rc = EXIT_FAILURE_IO;
	if ((lock = store_lock(id, &err)) < 0) {
		cli_error("%s", err);
		goto out;
	}
	if (store_load(id, &old, &err) != STORE_OK) {
		cli_error("%s", err);
		goto out;
	}
	if (old->state != APP_ISSUED) {
		cli_error(_("application %s is not issued (%s): only an issued "
		    "certificate is renewed; use certwiz reopen or resume for "
		    "the others"), id, app_state_label(old->state));
		rc = EXIT_REJECTED;
		goto out;
	}
	if ((cat = cli_catalog()) == NULL)
		goto out;
	t = old->type != NULL ? catalog_find(cat, old->type) : NULL;
	app = successor(old);
	if (o.reuse_key) {
		struct findings f;
		const char *mode = old->csr_mode != NULL ? old->csr_mode : "";

		if (strcmp(mode, "generate") != 0) {
			cli_error(strcmp(mode, "manual") == 0 ?
			    _("the CSR of %s was made elsewhere: make a new CSR "
			    "with your key and give it in the wizard (certwiz "
			    "renew without --reuse-key)") :
			    _("the CA made the key of %s: it cannot be reused; "
			    "renew without --reuse-key"), id);
			rc = EXIT_REJECTED;
			goto out;
		}
		/* The same key means the same CSR: check it as it is now. */
		findings_init(&f);
		if (old->csr_pem == NULL || !csr_check(old->csr_pem,
		    strlen(old->csr_pem), t, (const char *const *)old->domains,
		    old->ndomains, &f, NULL)) {
			cli_error(_("the key of %s cannot be reused:"), id);
			cli_print_findings(stderr, &f, "  ");
			fprintf(stderr, "%s\n", _("Renew without --reuse-key to "
			    "make a new key."));
			findings_clear(&f);
			rc = EXIT_REJECTED;
			goto out;
		}
		findings_clear(&f);
		if (app->csr_key_path == NULL) {
			char *dir = store_app_dir(id, &err);

			if (dir == NULL) {
				cli_error("%s", err);
				goto out;
			}
			oldkey = xasprintf("%s/key.pem", dir);
			free(dir);
			app->csr_key_path = xstrdup(oldkey);
		}
	} else if (app->csr_mode != NULL &&
	    strcmp(app->csr_mode, "generate") == 0) {
		/* A new key: made on the CSR screen, or below with --submit. */
		free(app->csr_pem);
		app->csr_pem = NULL;
		free(app->csr_key_fingerprint);
		app->csr_key_fingerprint = NULL;
		app->csr_key_encrypted = false;
		free(app->csr_key_path);
		app->csr_key_path = NULL;
	} else if (app->csr_mode != NULL &&
	    strcmp(app->csr_mode, "manual") == 0) {
		free(app->csr_pem);
		app->csr_pem = NULL;
	}
	if (store_create(app, &err) != 0) {
		cli_error("%s", err);
		goto out;
	}
	if (!o.reuse_key && o.submit && app->csr_mode != NULL &&
	    strcmp(app->csr_mode, "generate") == 0) {
		struct csr_request req;
		struct csr_result res;
		char *dir = store_app_dir(app->id, &err);
		int kind = csr_key_kind_parse(app->csr_key_type);

		if (dir == NULL) {
			cli_error("%s", err);
			goto out;
		}
		if (o.pass_file != NULL || o.pass_fd >= 0) {
			pass = batch_read_passphrase(o.pass_file, o.pass_fd,
			    &err);
			if (pass == NULL) {
				cli_error("%s", err);
				free(dir);
				rc = EXIT_USAGE;
				goto out;
			}
		}
		memset(&req, 0, sizeof req);
		memset(&res, 0, sizeof res);
		req.kind = kind >= 0 ? (enum csr_key_kind)kind :
		    CSR_KEY_EC_P256;
		req.app = app;
		req.type = t;
		app->csr_key_path = xasprintf("%s/key.pem", dir);
		free(dir);
		req.key_path = app->csr_key_path;
		req.passphrase = pass;
		if (csr_generate(&req, &res, &err) != 0) {
			cli_error("%s", err);
			goto out;
		}
		app->csr_pem = res.csr_pem;
		res.csr_pem = NULL;
		app->csr_key_fingerprint = res.fingerprint;
		res.fingerprint = NULL;
		app->csr_key_encrypted = pass != NULL;
		csr_result_clear(&res);
	}
	if (store_save(app, &err) != 0) {
		cli_error("%s", err);
		goto out;
	}
	printf(_("Application %s renews %s (same answers, %s).\n"), app->id,
	    id, o.reuse_key ? _("same key") : _("a new key"));
	if (old->ndocs > 0)
		printf("%s\n", _("Add the verification documents again: they "
		    "are checked anew for each application."));
	store_unlock(lock);
	lock = -1;
	if (o.submit) {
		char *sargv[8];
		int sargc = 0;

		sargv[sargc++] = (char *)"submit";
		sargv[sargc++] = app->id;
		if (o.backend != NULL || old->backend.name != NULL) {
			sargv[sargc++] = (char *)"--backend";
			sargv[sargc++] = (char *)(o.backend != NULL ?
			    o.backend : old->backend.name);
		}
		if (o.endpoint != NULL) {
			sargv[sargc++] = (char *)"--endpoint";
			sargv[sargc++] = (char *)o.endpoint;
		}
		if (o.cacert != NULL) {
			sargv[sargc++] = (char *)"--cacert";
			sargv[sargc++] = (char *)o.cacert;
		}
		rc = cmd_submit(sargc, sargv);
	} else if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		rc = wizard_run(app->id);
	else {
		printf(_("Complete it with 'certwiz resume %s', or submit it "
		    "with 'certwiz submit %s'.\n"), app->id, app->id);
		rc = EXIT_OK;
	}
out:
	if (pass != NULL)
		freezero_str(pass);
	store_unlock(lock);
	catalog_free(cat);
	app_free(old);
	app_free(app);
	free(oldkey);
	free(err);
	free(id);
	return rc;
}
