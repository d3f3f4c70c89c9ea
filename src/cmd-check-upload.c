/* certwiz check upload: are these files documents the CA will accept? */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "document.h"
#include "i18n.h"
#include "verdict.h"

/*
 * Without --type, the limit is that of the types that ask for documents
 * (the strictest of them), so that a file that passes fits all of them.
 */
static const struct cert_type *
default_type(const struct catalog *cat)
{
	const struct cert_type *best = NULL;
	size_t i;

	for (i = 0; i < cat->n; i++)
		if (cat->types[i].documents > 0 && (best == NULL ||
		    cat->types[i].document_bytes < best->document_bytes))
			best = &cat->types[i];
	for (i = 0; best == NULL && i < cat->n; i++)
		if (best == NULL ||
		    cat->types[i].document_bytes < best->document_bytes)
			best = &cat->types[i];
	return best;
}

/* "PNG image" / "JPEG image", for the line of an accepted file. */
static const char *
kind_text(const char *mime)
{
	if (strcmp(mime, "image/png") == 0)
		return _("PNG image");
	return _("JPEG image");
}

static json_t *
file_json(const char *path, bool good, const struct doc_info *info,
    const struct findings *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "file", json_string(path));
	json_object_set_new(o, "ok", json_boolean(good));
	json_object_set_new(o, "mime", info->mime != NULL ?
	    json_string(info->mime) : json_null());
	json_object_set_new(o, "description", info->description != NULL ?
	    json_string(info->description) : json_null());
	json_object_set_new(o, "size", json_integer((json_int_t)info->size));
	if (good) {
		json_object_set_new(o, "width", json_integer(info->width));
		json_object_set_new(o, "height", json_integer(info->height));
		json_object_set_new(o, "sha256", json_string(info->sha256));
	} else {
		json_object_set_new(o, "width", json_null());
		json_object_set_new(o, "height", json_null());
		json_object_set_new(o, "sha256", json_null());
	}
	json_object_set_new(o, "findings", cli_findings_json(f));
	return o;
}

/* The findings of one file joined on one line: "a; b; warning: c". */
static char *
findings_line(const struct findings *f, enum verdict_level level)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (f->v[i].level != level)
			continue;
		t = xasprintf("%s%s%s", s, *s != '\0' ? "; " : "",
		    f->v[i].message);
		free(s);
		s = t;
	}
	return s;
}

int
cmd_check_upload(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct catalog *cat = NULL;
	const struct cert_type *type;
	const char *type_id = NULL;
	json_t *files = NULL, *root;
	char *err = NULL, *limit;
	int c, json = 0, rc = EXIT_OK, i;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ht:", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			type_id = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			fputs(_("Usage: certwiz check upload [--type TYPE] "
			    "[--json] FILE...\n"
			    "Check scans before they are added to an "
			    "application: PNG or JPEG by content,\n"
			    "whole, with image data that decodes cleanly, "
			    "not larger than the type allows.\n\n"
			    "Options:\n"
			    "  -t, --type TYPE  the certificate type whose "
			    "limit applies (see certwiz types)\n"
			    "      --json       the results as JSON\n"), stdout);
			return EXIT_OK;
		default:
			if (optopt == 't')
				return cli_usage_error("check", _("--type "
				    "needs a type (see certwiz types)"));
			return cli_usage_error("check", _("unknown option "
			    "'%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("check", _("which files? Give one or "
		    "more scans to check"));
	if ((cat = cli_catalog()) == NULL)
		return EXIT_FAILURE_IO;
	type = type_id != NULL ? catalog_find(cat, type_id) :
	    default_type(cat);
	if (type == NULL) {
		rc = type_id != NULL ? cli_usage_error("check", _("unknown "
		    "certificate type '%s' (see certwiz types)"), type_id) :
		    (cli_error(_("the catalog has no certificate types")),
		    EXIT_FAILURE_IO);
		catalog_free(cat);
		return rc;
	}
	/* A broken libmagic installation is a failure, not a refusal. */
	if (doc_magic_init(&err) != 0) {
		cli_error("%s", err);
		free(err);
		catalog_free(cat);
		return EXIT_FAILURE_IO;
	}
	if (json)
		files = json_array();
	for (i = optind; i < argc; i++) {
		struct findings f;
		struct doc_info info;
		bool good;

		findings_init(&f);
		memset(&info, 0, sizeof info);
		good = doc_check(argv[i], type->document_bytes, NULL, &f,
		    &info);
		if (!good)
			rc = EXIT_REJECTED;
		if (json)
			json_array_append_new(files, file_json(argv[i], good,
			    &info, &f));
		else if (good) {
			char *size = doc_size_text(info.size);
			char *warn = findings_line(&f, VERDICT_WARNING);

			/* TRANSLATORS: file: ok: PNG image, 1240x1754
			 * pixels, 312.4 KB */
			printf(_("%s: ok: %s, %ux%u pixels, %s"), argv[i],
			    kind_text(info.mime), info.width, info.height,
			    size);
			if (*warn != '\0')
				printf(" (%s%s)", _("warning: "), warn);
			putchar('\n');
			free(size);
			free(warn);
		} else {
			char *why = findings_line(&f, VERDICT_ERROR);

			/* Keep the order of the lines on a terminal. */
			fflush(stdout);
			/* TRANSLATORS: file: refused: the reasons. */
			fprintf(stderr, _("%s: refused: %s\n"), argv[i], why);
			free(why);
		}
		doc_info_clear(&info);
		findings_clear(&f);
	}
	if (json) {
		root = json_object();
		json_object_set_new(root, "ok", json_boolean(rc == EXIT_OK));
		json_object_set_new(root, "type", json_string(type->id));
		json_object_set_new(root, "max_bytes",
		    json_integer((json_int_t)type->document_bytes));
		json_object_set_new(root, "files", files);
		cli_print_json(root);
	} else if (rc != EXIT_OK && argc - optind > 1) {
		limit = doc_size_text(type->document_bytes);
		fflush(stdout);
		/* TRANSLATORS: %s is the largest size, "500 KB". */
		cli_error(_("some files were refused: the CA accepts PNG or "
		    "JPEG scans of at most %s each"), limit);
		free(limit);
	}
	catalog_free(cat);
	return rc;
}
