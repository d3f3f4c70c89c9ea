/* certwiz apply --answers FILE: the whole flow without screens. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "backend.h"
#include "batch.h"
#include "catalog.h"
#include "cli.h"
#include "csr.h"
#include "document.h"
#include "fileio.h"
#include "i18n.h"
#include "settings.h"
#include "store.h"
#include "verdict.h"

struct apply_opts {
	const char *answers;
	const char *backend;
	const char *passphrase_file;
	int passphrase_fd;
	int dry_run;
	int json;
};

static int
parse_args(int argc, char **argv, struct apply_opts *o)
{
	static const struct option opts[] = {
		{ "answers", required_argument, NULL, 'a' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "backend", required_argument, NULL, 'b' },
		{ "passphrase-file", required_argument, NULL, 'p' },
		{ "passphrase-fd", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	long n;
	int c;

	memset(o, 0, sizeof *o);
	o->passphrase_fd = -1;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "a:nhj", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			o->answers = optarg;
			break;
		case 'n':
			o->dry_run = 1;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'b':
			if (!backend_known(optarg))
				return cli_usage_error("apply", _("unknown "
				    "backend '%s': use one of %s"), optarg,
				    backend_names());
			o->backend = optarg;
			break;
		case 'p':
			o->passphrase_file = optarg;
			break;
		case 'f':
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 0 ||
			    n > 1024)
				return cli_usage_error("apply", _("--passphrase-fd "
				    "takes a descriptor number, not '%s'"),
				    optarg);
			o->passphrase_fd = (int)n;
			break;
		case 'h':
			cli_command_help("apply", _("Options:\n"
			    "  -a, --answers FILE       the answers: an "
			    "application JSON (- for standard input)\n"
			    "  -n, --dry-run            check everything, "
			    "write and send nothing\n"
			    "      --json               the result as JSON\n"
			    "      --backend NAME       local (prepare only) or "
			    "cas (send to the CA)\n"
			    "      --passphrase-file F  encrypt a key made here "
			    "with the first line of F\n"
			    "      --passphrase-fd N    the same, read from "
			    "descriptor N\n"
			    "\nThe passphrase is never taken from the command "
			    "line or the environment.\nThe keys of the answers "
			    "file: certwiz(5).\n"));
			return EXIT_OK;
		case ':':
			return cli_usage_error("apply", _("option '%s' needs a "
			    "value"), argv[optind - 1]);
		default:
			return cli_usage_error("apply", _("unknown option "
			    "'%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("apply", _("unexpected argument '%s' "
		    "(the answers file goes after --answers)"), argv[optind]);
	if (o->answers == NULL)
		return cli_usage_error("apply", _("which answers? Give "
		    "--answers FILE (an application JSON; see certwiz(5))"));
	if (o->passphrase_file != NULL && o->passphrase_fd >= 0)
		return cli_usage_error("apply", _("give --passphrase-file or "
		    "--passphrase-fd, not both"));
	return -1;
}

/*
 * The result: with --json one object (result, id, state, findings, and
 * error when error is not NULL) on stdout, whatever happened; else the
 * findings on stderr.
 */
static void
report_error(const struct apply_opts *o, const struct findings *f,
    const struct application *app, const char *verdict, const char *error)
{
	if (o->json) {
		json_t *j = json_object();

		json_object_set_new(j, "result", json_string(verdict));
		json_object_set_new(j, "id", app != NULL && app->id != NULL ?
		    json_string(app->id) : json_null());
		json_object_set_new(j, "state", app != NULL && app->id !=
		    NULL ? json_string(app_state_name(app->state)) :
		    json_null());
		json_object_set_new(j, "findings", cli_findings_json(f));
		if (error != NULL)
			json_object_set_new(j, "error", json_string(error));
		cli_print_json(j);
	} else
		cli_print_findings(stderr, f, "");
}

static void
report(const struct apply_opts *o, const struct findings *f,
    const struct application *app, const char *verdict)
{
	report_error(o, f, app, verdict, NULL);
}

/*
 * Send the ready application with the chosen backend, and report. local
 * prepares it; cas sends it to the CA.
 */
static int
apply_submit(const struct apply_opts *o, struct application *app,
    const struct catalog *cat, struct findings *f)
{
	struct backend_options bo;
	struct settings *s;
	struct backend *b;
	char *err = NULL, *warning = NULL;
	int rc = EXIT_OK;

	if ((s = settings_load(&err)) == NULL) {
		cli_error("%s", err);
		free(err);
		return EXIT_FAILURE_IO;
	}
	memset(&bo, 0, sizeof bo);
	bo.name = o->backend;
	if ((b = backend_open(s, &bo, &warning, &err)) == NULL ||
	    backend_submit(b, app, cat, &err) != 0) {
		if (warning != NULL)
			cli_warning("%s", warning);
		cli_error("%s", err);
		cli_error(_("application %s is kept (%s): run certwiz submit "
		    "%s to try again"), app->id, app_state_label(app->state),
		    app->id);
		report_error(o, f, app, "failed", err);
		rc = EXIT_FAILURE_IO;
		goto out;
	}
	if (warning != NULL)
		cli_warning("%s", warning);
	report(o, f, app, app->state == APP_PREPARED ? "prepared" :
	    "submitted");
	if (!o->json)
		printf(_("Application %s: %s with the %s backend. See certwiz "
		    "status %s.\n"), app->id, app_state_label(app->state),
		    backend_name(b), app->id);
out:
	backend_close(b);
	settings_free(s);
	free(warning);
	free(err);
	return rc;
}

/* Make the key and CSR here, as the CSR screen would. */
static int
make_csr(struct application *app, const struct cert_type *t,
    const char *passphrase, char **err)
{
	struct csr_request req;
	struct csr_result res;
	int kind = csr_key_kind_parse(app->csr_key_type);

	memset(&req, 0, sizeof req);
	memset(&res, 0, sizeof res);
	req.kind = (enum csr_key_kind)kind;
	req.app = app;
	req.type = t;
	req.key_path = app->csr_key_path;
	req.passphrase = passphrase;
	if (csr_generate(&req, &res, err) != 0)
		return -1;
	free(app->csr_pem);
	app->csr_pem = res.csr_pem;
	res.csr_pem = NULL;
	free(app->csr_key_fingerprint);
	app->csr_key_fingerprint = res.fingerprint;
	res.fingerprint = NULL;
	app->csr_key_encrypted = passphrase != NULL;
	csr_result_clear(&res);
	return 0;
}

/* Copy the checked documents into the application, as the screen would. */
static int
add_documents(struct application *app, const struct cert_type *t,
    struct findings *f, char **err)
{
	struct app_document *docs = app->docs;
	size_t n = app->ndocs, i;
	int rc = 0;

	app->docs = NULL;
	app->ndocs = 0;
	for (i = 0; i < n; i++) {
		char *key = xasprintf("documents[%zu]", i);

		if (rc == 0 && doc_add(app, t, docs[i].path, key, f, err) != 1)
			rc = -1;
		free(key);
		app_document_clear(&docs[i]);
	}
	free(docs);
	return rc;
}

int
cmd_apply(int argc, char **argv)
{
	struct apply_opts o;
	struct findings f;
	struct catalog *cat = NULL;
	struct application *app = NULL;
	const struct cert_type *t;
	char *text = NULL, *err = NULL, *pass = NULL;
	size_t len;
	int rc, lock = -1;

	if ((rc = parse_args(argc, argv, &o)) >= 0)
		return rc;
	findings_init(&f);
	rc = fileio_read(o.answers, BATCH_MAX_BYTES, &text, &len, &err);
	if (rc == -2) {
		findings_add(&f, VERDICT_ERROR, "answers.size", NULL,
		    _("%s is larger than %d KiB: an answers file is a few "
		    "kilobytes; check that you gave the right file"),
		    o.answers, BATCH_MAX_BYTES / 1024);
		report(&o, &f, NULL, "rejected");
		rc = EXIT_REJECTED;
		goto out;
	}
	if (rc != 0) {
		cli_error("%s", err);
		report_error(&o, &f, NULL, "failed", err);
		rc = EXIT_FAILURE_IO;
		goto out;
	}
	if ((cat = cli_catalog()) == NULL) {
		report_error(&o, &f, NULL, "failed",
		    _("the catalog of certificate types cannot be read"));
		rc = EXIT_FAILURE_IO;
		goto out;
	}
	app = batch_parse(text, len, strcmp(o.answers, "-") == 0 ?
	    _("standard input") : o.answers, cat, &f);
	/* A missing document library is a failure, not a refusal. */
	if (app != NULL && app->ndocs > 0 && doc_magic_init(&err) != 0) {
		cli_error("%s", err);
		rc = EXIT_FAILURE_IO;
		goto out;
	}
	if (app == NULL || findings_worst(&f) == VERDICT_ERROR) {
		report(&o, &f, NULL, "rejected");
		rc = EXIT_REJECTED;
		goto out;
	}
	if (o.dry_run) {
		report(&o, &f, NULL, "valid");
		if (!o.json)
			printf(_("The answers are complete and valid: nothing "
			    "was written (--dry-run).\n"));
		rc = EXIT_OK;
		goto out;
	}
	t = catalog_find(cat, app->type);
	if (o.passphrase_file != NULL || o.passphrase_fd >= 0) {
		if (strcmp(app->csr_mode, "generate") != 0) {
			rc = cli_usage_error("apply", _("a passphrase is only "
			    "used when csr.mode is \"generate\""));
			goto out;
		}
		if ((pass = batch_read_passphrase(o.passphrase_file,
		    o.passphrase_fd, &err)) == NULL) {
			cli_error("%s", err);
			report_error(&o, &f, NULL, "failed", err);
			rc = EXIT_FAILURE_IO;
			goto out;
		}
	}

	/* From here on the application is in the store. */
	if (store_create(app, &err) != 0 ||
	    (lock = store_lock(app->id, &err)) < 0)
		goto fail;
	if (strcmp(app->csr_mode, "generate") == 0 &&
	    make_csr(app, t, pass, &err) != 0)
		goto fail;
	if (add_documents(app, t, &f, &err) != 0) {
		if (err == NULL) {
			/* Refused on copy: the file changed since the check. */
			report(&o, &f, app, "rejected");
			app->state = APP_DRAFT;
			store_save(app, &err);
			rc = EXIT_REJECTED;
			goto out;
		}
		goto fail;
	}
	app->state = APP_READY;
	if (store_save(app, &err) != 0)
		goto fail;
	rc = apply_submit(&o, app, cat, &f);
	goto out;
fail:
	cli_error("%s", err);
	if (app->id != NULL) {
		char *e2 = NULL;

		app->state = APP_DRAFT;
		if (store_save(app, &e2) == 0)
			cli_error(_("the application was kept as draft %s: "
			    "fix the cause, then run certwiz resume %s"),
			    app->id, app->id);
		free(e2);
	}
	report_error(&o, &f, app, "failed", err);
	rc = EXIT_FAILURE_IO;
out:
	store_unlock(lock);
	freezero_str(pass);
	free(err);
	free(text);
	findings_clear(&f);
	app_free(app);
	catalog_free(cat);
	return rc;
}
