/* The application record: construction, states and the JSON form. */
#include "config.h"

#include "app.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "i18n.h"
#include "utf8.h"
#include "xmalloc.h"

static const struct {
	const char *name;
	const char *label;
} states[APP_NSTATES] = {
	[APP_DRAFT] = { "draft", N_("draft") },
	[APP_READY] = { "ready", N_("ready to submit") },
	[APP_SENDING] = { "sending", N_("being sent") },
	[APP_PREPARED] = { "prepared", N_("prepared, not sent") },
	[APP_SUBMITTED] = { "submitted", N_("submitted") },
	[APP_AWAITING_VALIDATION] = { "awaiting-validation",
	    N_("awaiting domain validation") },
	[APP_UNDER_REVIEW] = { "under-review", N_("under review") },
	[APP_ISSUED] = { "issued", N_("issued") },
	[APP_REJECTED] = { "rejected", N_("rejected") },
	[APP_WITHDRAWN] = { "withdrawn", N_("withdrawn") },
};

const char *
app_state_name(enum app_state s)
{
	return (unsigned)s < APP_NSTATES ? states[s].name : "draft";
}

const char *
app_state_label(enum app_state s)
{
	return _((unsigned)s < APP_NSTATES ? states[s].label :
	    states[APP_DRAFT].label);
}

int
app_state_parse(const char *name)
{
	int i;

	for (i = 0; i < APP_NSTATES; i++)
		if (strcmp(states[i].name, name) == 0)
			return i;
	return -1;
}

struct application *
app_new(const char *id, const char *type)
{
	struct application *app = xcalloc(1, sizeof *app);

	app->id = id != NULL ? xstrdup(id) : NULL;
	app->type = type != NULL ? xstrdup(type) : NULL;
	app->state = APP_DRAFT;
	return app;
}

void
app_document_clear(struct app_document *d)
{
	free(d->path);
	free(d->file);
	free(d->mime);
	free(d->sha256);
	memset(d, 0, sizeof *d);
}

static char *dup_or_null(const char *s);

static void
challenge_clear(struct app_challenge *c)
{
	free(c->name);
	free(c->record_domain);
	free(c->record_type);
	free(c->record_value);
	free(c->file_uri);
	free(c->file_content);
	memset(c, 0, sizeof *c);
}

void
app_clear_challenges(struct app_backend *b)
{
	size_t i;

	for (i = 0; i < b->nchallenges; i++)
		challenge_clear(&b->challenges[i]);
	free(b->challenges);
	b->challenges = NULL;
	b->nchallenges = 0;
}

void
app_add_challenge(struct app_backend *b, const struct app_challenge *c)
{
	struct app_challenge *n;

	b->challenges = xreallocarray(b->challenges, b->nchallenges + 1,
	    sizeof *b->challenges);
	n = &b->challenges[b->nchallenges++];
	n->name = dup_or_null(c->name);
	n->record_domain = dup_or_null(c->record_domain);
	n->record_type = dup_or_null(c->record_type);
	n->record_value = dup_or_null(c->record_value);
	n->file_uri = dup_or_null(c->file_uri);
	n->file_content = dup_or_null(c->file_content);
}

void
app_backend_clear(struct app_backend *b)
{
	app_clear_challenges(b);
	free(b->name);
	free(b->status);
	free(b->record_domain);
	free(b->record_type);
	free(b->record_value);
	free(b->file_uri);
	free(b->file_content);
	free(b->request_id);
	free(b->message);
	free(b->certificate);
	free(b->endpoint);
	free(b->order_url);
	memset(b, 0, sizeof *b);
}

void
app_clear_domains(struct application *app)
{
	size_t i;

	for (i = 0; i < app->ndomains; i++)
		free(app->domains[i]);
	free(app->domains);
	app->domains = NULL;
	app->ndomains = 0;
}

void
app_free(struct application *app)
{
	size_t i;

	if (app == NULL)
		return;
	free(app->id);
	free(app->type);
	free(app->kind);
	free(app->screen);
	free(app->focus);
	app_clear_domains(app);
	for (i = 0; i < fields_n; i++)
		field_set(&fields[i], app, NULL);
	free(app->csr_key_fingerprint);
	for (i = 0; i < app->ndocs; i++)
		app_document_clear(&app->docs[i]);
	free(app->docs);
	app_backend_clear(&app->backend);
	free(app);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

struct application *
app_dup(const struct application *src)
{
	struct application *app = app_new(src->id, src->type);
	const struct app_backend *b = &src->backend;
	size_t i;

	app->kind = dup_or_null(src->kind);
	app->state = src->state;
	app->screen = dup_or_null(src->screen);
	app->focus = dup_or_null(src->focus);
	app->created = src->created;
	app->updated = src->updated;
	app_set_domains(app, (const char *const *)src->domains, src->ndomains);
	for (i = 0; i < fields_n; i++)
		field_set(&fields[i], app, field_get(&fields[i], src));
	app->csr_key_encrypted = src->csr_key_encrypted;
	app->csr_key_fingerprint = dup_or_null(src->csr_key_fingerprint);
	for (i = 0; i < src->ndocs; i++) {
		struct app_document d = src->docs[i];

		d.path = dup_or_null(d.path);
		d.file = dup_or_null(d.file);
		d.mime = dup_or_null(d.mime);
		d.sha256 = dup_or_null(d.sha256);
		app_add_document(app, &d);
	}
	app->backend = *b;
	app->backend.name = dup_or_null(b->name);
	app->backend.status = dup_or_null(b->status);
	app->backend.record_domain = dup_or_null(b->record_domain);
	app->backend.record_type = dup_or_null(b->record_type);
	app->backend.record_value = dup_or_null(b->record_value);
	app->backend.file_uri = dup_or_null(b->file_uri);
	app->backend.file_content = dup_or_null(b->file_content);
	app->backend.request_id = dup_or_null(b->request_id);
	app->backend.message = dup_or_null(b->message);
	app->backend.certificate = dup_or_null(b->certificate);
	app->backend.endpoint = dup_or_null(b->endpoint);
	app->backend.order_url = dup_or_null(b->order_url);
	app->backend.challenges = NULL;
	app->backend.nchallenges = 0;
	for (i = 0; i < b->nchallenges; i++)
		app_add_challenge(&app->backend, &b->challenges[i]);
	return app;
}

void
app_add_domain(struct application *app, const char *name)
{
	app->domains = xreallocarray(app->domains, app->ndomains + 1,
	    sizeof *app->domains);
	app->domains[app->ndomains++] = xstrdup(name);
}

void
app_set_domains(struct application *app, const char *const *names, size_t n)
{
	size_t i;

	app_clear_domains(app);
	for (i = 0; i < n; i++)
		app_add_domain(app, names[i]);
}

void
app_add_document(struct application *app, struct app_document *doc)
{
	app->docs = xreallocarray(app->docs, app->ndocs + 1,
	    sizeof *app->docs);
	app->docs[app->ndocs++] = *doc;
	memset(doc, 0, sizeof *doc);
}

void
app_remove_document(struct application *app, size_t i)
{
	if (i >= app->ndocs)
		return;
	app_document_clear(&app->docs[i]);
	memmove(&app->docs[i], &app->docs[i + 1],
	    (app->ndocs - i - 1) * sizeof *app->docs);
	app->ndocs--;
}

char *
app_format_time(time_t t)
{
	struct tm tm;
	char buf[32];

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return xstrdup("1970-01-01T00:00:00Z");
	return xstrdup(buf);
}

time_t
app_parse_time(const char *s)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (end == NULL || *end != '\0')
		return 0;
	return timegm(&tm);
}

/* --- to JSON ------------------------------------------------------------- */

/*
 * v as a JSON string. jansson refuses bytes that are not UTF-8 (a file
 * name from a folder in another encoding) and the value would silently
 * vanish from the record: each invalid byte becomes U+FFFD instead, so
 * that it stays, visibly damaged.
 */
static json_t *
json_text(const char *v)
{
	json_t *j = json_string(v);
	const unsigned char *p = (const unsigned char *)v;
	char *fixed, *q;
	uint32_t cp;

	if (j != NULL)
		return j;
	q = fixed = xmalloc(strlen(v) * 3 + 1);
	while (*p != '\0') {
		size_t n = utf8_seq(p, &cp);

		if (n == 0) {
			memcpy(q, "\xef\xbf\xbd", 3);
			q += 3;
			p++;
		} else {
			memcpy(q, p, n);
			q += n;
			p += n;
		}
	}
	*q = '\0';
	if ((j = json_string(fixed)) == NULL)
		fatal(_("out of memory"));
	free(fixed);
	return j;
}

static void
set_str(json_t *obj, const char *key, const char *v)
{
	if (v != NULL)
		json_object_set_new(obj, key, json_text(v));
}

static void
set_time(json_t *obj, const char *key, time_t t)
{
	char *s;

	if (t == 0)
		return;
	s = app_format_time(t);
	json_object_set_new(obj, key, json_string(s));
	free(s);
}

/* The object for "group" in root, created when missing. */
static json_t *
group_object(json_t *root, const char *group)
{
	json_t *o = json_object_get(root, group);

	if (o == NULL) {
		o = json_object();
		json_object_set_new(root, group, o);
	}
	return o;
}

json_t *
app_to_json(const struct application *app, bool answers)
{
	json_t *root = json_object(), *a, *o;
	size_t i;

	json_object_set_new(root, "version", json_integer(APP_SCHEMA_VERSION));
	if (!answers) {
		set_str(root, "id", app->id);
		json_object_set_new(root, "state",
		    json_string(app_state_name(app->state)));
		set_str(root, "screen", app->screen);
		set_str(root, "focus", app->focus);
		set_time(root, "created", app->created);
		set_time(root, "updated", app->updated);
	}
	set_str(root, "type", app->type);
	set_str(root, "kind", app->kind);
	a = json_array();
	for (i = 0; i < app->ndomains; i++)
		json_array_append_new(a, json_text(app->domains[i]));
	json_object_set_new(root, "domains", a);

	/* Every field of the table, grouped by the part of its key. */
	for (i = 0; i < fields_n; i++) {
		const char *v = field_get(&fields[i], app);
		const char *dot = strchr(fields[i].key, '.');
		char *group;

		if (v == NULL)
			continue;
		group = xstrndup(fields[i].key,
		    (size_t)(dot - fields[i].key));
		set_str(group_object(root, group), dot + 1, v);
		free(group);
	}
	if (!answers && (app->csr_key_fingerprint != NULL ||
	    app->csr_key_encrypted)) {
		o = group_object(root, "csr");
		set_str(o, "key_fingerprint", app->csr_key_fingerprint);
		json_object_set_new(o, "key_encrypted",
		    json_boolean(app->csr_key_encrypted));
	}

	a = json_array();
	for (i = 0; i < app->ndocs; i++) {
		const struct app_document *d = &app->docs[i];

		o = json_object();
		set_str(o, "path", d->path);
		if (!answers) {
			set_str(o, "file", d->file);
			set_str(o, "mime", d->mime);
			json_object_set_new(o, "size", json_integer(
			    (json_int_t)d->size));
			json_object_set_new(o, "width",
			    json_integer(d->width));
			json_object_set_new(o, "height",
			    json_integer(d->height));
			set_str(o, "sha256", d->sha256);
		}
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "documents", a);

	if (!answers && app->backend.name != NULL) {
		const struct app_backend *b = &app->backend;

		o = json_object();
		set_str(o, "name", b->name);
		if (b->order_id != 0)
			json_object_set_new(o, "order_id",
			    json_integer((json_int_t)b->order_id));
		set_str(o, "status", b->status);
		set_time(o, "submitted", b->submitted);
		set_time(o, "refreshed", b->refreshed);
		set_str(o, "record_domain", b->record_domain);
		set_str(o, "record_type", b->record_type);
		set_str(o, "record_value", b->record_value);
		set_str(o, "file_uri", b->file_uri);
		set_str(o, "file_content", b->file_content);
		set_str(o, "request_id", b->request_id);
		set_str(o, "message", b->message);
		set_str(o, "certificate", b->certificate);
		set_time(o, "not_before", b->not_before);
		set_time(o, "not_after", b->not_after);
		set_str(o, "endpoint", b->endpoint);
		set_str(o, "order_url", b->order_url);
		if (b->nchallenges > 0) {
			json_t *ca = json_array();
			size_t j;

			for (j = 0; j < b->nchallenges; j++) {
				const struct app_challenge *c =
				    &b->challenges[j];
				json_t *co = json_object();

				set_str(co, "name", c->name);
				set_str(co, "record_domain", c->record_domain);
				set_str(co, "record_type", c->record_type);
				set_str(co, "record_value", c->record_value);
				set_str(co, "file_uri", c->file_uri);
				set_str(co, "file_content", c->file_content);
				json_array_append_new(ca, co);
			}
			json_object_set_new(o, "challenges", ca);
		}
		if (b->company_id != 0)
			json_object_set_new(o, "company_id",
			    json_integer((json_int_t)b->company_id));
		json_object_set_new(root, "backend", o);
	}
	return root;
}

/* --- from JSON ----------------------------------------------------------- */

/* Levenshtein distance, for "did you mean". */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, r;

	if (la > 64 || lb > 64)
		return 99;
	row = xcalloc(lb + 1, sizeof *row);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best;

			best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	r = row[lb];
	free(row);
	return r;
}

static void
unknown_key(struct findings *f, const char *prefix, const char *key,
    const char *const *known, size_t nknown)
{
	const char *best = NULL;
	size_t i, bestd = 3;
	char *full = prefix != NULL ? xasprintf("%s.%s", prefix, key) :
	    xstrdup(key);

	for (i = 0; i < nknown; i++) {
		size_t d = edit_distance(key, known[i]);

		if (d < bestd) {
			bestd = d;
			best = known[i];
		}
	}
	if (best != NULL)
		findings_add(f, VERDICT_ERROR, "json.unknown-key", full,
		    _("unknown key \"%s\": did you mean \"%s\"?"), key, best);
	else
		findings_add(f, VERDICT_ERROR, "json.unknown-key", full,
		    _("unknown key \"%s\": remove it (see certwiz(5) for the "
		    "keys)"), key);
	free(full);
}

static const char *
json_type_word(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return _("an object");
	case JSON_ARRAY: return _("an array");
	case JSON_STRING: return _("a string");
	case JSON_INTEGER: return _("a number");
	case JSON_REAL: return _("a number");
	case JSON_TRUE: case JSON_FALSE: return _("true or false");
	case JSON_NULL: break;
	}
	return _("null");
}

static void
wrong_type(struct findings *f, const char *key, const json_t *v,
    const char *want)
{
	findings_add(f, VERDICT_ERROR, "json.type", key,
	    _("must be %s, not %s"), want, json_type_word(v));
}

/* A string value (or null) for key; NULL otherwise, with a finding. */
static const char *
get_string(const json_t *v, const char *key, struct findings *f)
{
	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		wrong_type(f, key, v, _("a string"));
		return NULL;
	}
	if (strlen(json_string_value(v)) != json_string_length(v)) {
		findings_add(f, VERDICT_ERROR, "text.nul", key,
		    _("holds a NUL character: remove it"));
		return NULL;
	}
	return json_string_value(v);
}

static time_t
get_time(const json_t *v, const char *key, struct findings *f)
{
	const char *s = get_string(v, key, f);
	time_t t;

	if (s == NULL)
		return 0;
	if ((t = app_parse_time(s)) == 0)
		findings_add(f, VERDICT_ERROR, "json.time", key,
		    _("must be a UTC time like 2026-11-29T08:00:00Z, not "
		    "\"%s\""), s);
	return t;
}

static void
read_group(struct application *app, const char *group, const json_t *obj,
    bool answers, struct findings *f)
{
	const char *known[32], *k;
	size_t nknown = 0, i, glen = strlen(group);
	json_t *v;

	if (!json_is_object(obj)) {
		wrong_type(f, group, obj, _("an object"));
		return;
	}
	for (i = 0; i < fields_n && nknown < 30; i++)
		if (strncmp(fields[i].key, group, glen) == 0 &&
		    fields[i].key[glen] == '.')
			known[nknown++] = fields[i].key + glen + 1;
	json_object_foreach((json_t *)obj, k, v) {
		char *full = xasprintf("%s.%s", group, k);
		const struct field_def *fd = field_find(full);
		const char *s;

		if (fd != NULL) {
			if ((s = get_string(v, full, f)) != NULL)
				field_set(fd, app, s);
		} else if (!answers && strcmp(full, "csr.key_fingerprint") == 0)
			app->csr_key_fingerprint =
			    dup_or_null(get_string(v, full, f));
		else if (!answers && strcmp(full, "csr.key_encrypted") == 0) {
			if (json_is_boolean(v))
				app->csr_key_encrypted = json_is_true(v);
			else
				wrong_type(f, full, v, _("true or false"));
		} else
			unknown_key(f, group, k, known, nknown);
		free(full);
	}
}

static void
read_domains(struct application *app, const json_t *a, struct findings *f)
{
	size_t i;
	json_t *v;

	if (!json_is_array(a)) {
		wrong_type(f, "domains", a, _("an array of names"));
		return;
	}
	json_array_foreach(a, i, v) {
		char *key = xasprintf("domains[%zu]", i);
		const char *s = get_string(v, key, f);

		if (s != NULL)
			app_add_domain(app, s);
		else if (json_is_null(v))
			findings_add(f, VERDICT_ERROR, "json.type", key,
			    _("must be a domain name, not null"));
		free(key);
	}
}

static json_int_t
get_uint(const json_t *v, const char *key, json_int_t max,
    struct findings *f)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > max) {
		findings_add(f, VERDICT_ERROR, "json.type", key,
		    /* %lld, not JSON_INTEGER_FORMAT: xgettext must see it. */
		    _("must be a whole number from 0 to %lld"),
		    (long long)max);
		return 0;
	}
	return json_integer_value(v);
}

static void
read_documents(struct application *app, const json_t *a, bool answers,
    struct findings *f)
{
	static const char *const known[] = {
		"path", "file", "mime", "size", "width", "height", "sha256",
	};
	size_t i;
	json_t *o;

	if (!json_is_array(a)) {
		wrong_type(f, "documents", a, _("an array"));
		return;
	}
	json_array_foreach(a, i, o) {
		struct app_document d;
		char *pre = xasprintf("documents[%zu]", i), *key;
		const char *k;
		json_t *v;

		memset(&d, 0, sizeof d);
		if (json_is_string(o))
			/* A bare path is accepted in answers. */
			d.path = xstrdup(json_string_value(o));
		else if (!json_is_object(o))
			wrong_type(f, pre, o, _("an object or a path"));
		else json_object_foreach(o, k, v) {
			key = xasprintf("%s.%s", pre, k);
			if (strcmp(k, "path") == 0)
				d.path = dup_or_null(get_string(v, key, f));
			else if (answers)
				unknown_key(f, pre, k, known, 1);
			else if (strcmp(k, "file") == 0)
				d.file = dup_or_null(get_string(v, key, f));
			else if (strcmp(k, "mime") == 0)
				d.mime = dup_or_null(get_string(v, key, f));
			else if (strcmp(k, "sha256") == 0)
				d.sha256 = dup_or_null(get_string(v, key, f));
			else if (strcmp(k, "size") == 0)
				d.size = (unsigned long)get_uint(v, key,
				    (json_int_t)1 << 40, f);
			else if (strcmp(k, "width") == 0)
				d.width = (unsigned)get_uint(v, key, 1 << 30,
				    f);
			else if (strcmp(k, "height") == 0)
				d.height = (unsigned)get_uint(v, key, 1 << 30,
				    f);
			else
				unknown_key(f, pre, k, known,
				    sizeof known / sizeof known[0]);
			free(key);
		}
		if (d.path == NULL && d.file == NULL) {
			findings_add(f, VERDICT_ERROR, "json.missing", pre,
			    _("a document needs a \"path\": the file to "
			    "upload"));
			app_document_clear(&d);
		} else
			app_add_document(app, &d);
		free(pre);
	}
}

/* backend.challenges: one object per name. */
static void
read_challenges(struct app_backend *b, const json_t *a, const char *pre,
    struct findings *f)
{
	static const char *const known[] = {
		"name", "record_domain", "record_type", "record_value",
		"file_uri", "file_content",
	};
	const json_t *o, *v;
	const char *k;
	size_t i, j;

	if (!json_is_array(a)) {
		wrong_type(f, pre, a, _("an array"));
		return;
	}
	json_array_foreach(a, i, o) {
		struct app_challenge c;
		char *ipre = xasprintf("%s[%zu]", pre, i);
		char **dst[6];

		memset(&c, 0, sizeof c);
		dst[0] = &c.name;
		dst[1] = &c.record_domain;
		dst[2] = &c.record_type;
		dst[3] = &c.record_value;
		dst[4] = &c.file_uri;
		dst[5] = &c.file_content;
		if (!json_is_object(o)) {
			wrong_type(f, ipre, o, _("an object"));
			free(ipre);
			continue;
		}
		json_object_foreach((json_t *)o, k, v) {
			char *key = xasprintf("%s.%s", ipre, k);

			for (j = 0; j < 6; j++)
				if (strcmp(k, known[j]) == 0) {
					free(*dst[j]);
					*dst[j] = dup_or_null(get_string(v,
					    key, f));
					break;
				}
			if (j == 6)
				unknown_key(f, ipre, k, known,
				    sizeof known / sizeof known[0]);
			free(key);
		}
		app_add_challenge(b, &c);
		challenge_clear(&c);
		free(ipre);
	}
}

static void
read_backend(struct application *app, const json_t *o, struct findings *f)
{
	static const char *const known[] = {
		"name", "order_id", "status", "submitted", "refreshed",
		"record_domain", "record_type", "record_value", "file_uri",
		"file_content", "request_id", "message", "certificate",
		"not_before", "not_after", "endpoint", "company_id",
		"order_url", "challenges",
	};
	struct {
		const char *key;
		char **dst;
	} strs[] = {
		{ "name", &app->backend.name },
		{ "status", &app->backend.status },
		{ "record_domain", &app->backend.record_domain },
		{ "record_type", &app->backend.record_type },
		{ "record_value", &app->backend.record_value },
		{ "file_uri", &app->backend.file_uri },
		{ "file_content", &app->backend.file_content },
		{ "request_id", &app->backend.request_id },
		{ "message", &app->backend.message },
		{ "certificate", &app->backend.certificate },
		{ "endpoint", &app->backend.endpoint },
		{ "order_url", &app->backend.order_url },
	};
	struct app_backend *b = &app->backend;
	const char *k;
	json_t *v;
	size_t i;

	if (!json_is_object(o)) {
		wrong_type(f, "backend", o, _("an object"));
		return;
	}
	json_object_foreach((json_t *)o, k, v) {
		char *key = xasprintf("backend.%s", k);
		int done = 0;

		for (i = 0; i < sizeof strs / sizeof strs[0]; i++)
			if (strcmp(k, strs[i].key) == 0) {
				free(*strs[i].dst);
				*strs[i].dst = dup_or_null(get_string(v, key,
				    f));
				done = 1;
			}
		if (done)
			;
		else if (strcmp(k, "order_id") == 0) {
			if (json_is_integer(v) && json_integer_value(v) >= 0)
				b->order_id = json_integer_value(v);
			else
				wrong_type(f, key, v, _("a whole number"));
		} else if (strcmp(k, "company_id") == 0) {
			if (json_is_integer(v) && json_integer_value(v) >= 0)
				b->company_id = json_integer_value(v);
			else
				wrong_type(f, key, v, _("a whole number"));
		} else if (strcmp(k, "submitted") == 0)
			b->submitted = get_time(v, key, f);
		else if (strcmp(k, "refreshed") == 0)
			b->refreshed = get_time(v, key, f);
		else if (strcmp(k, "not_before") == 0)
			b->not_before = get_time(v, key, f);
		else if (strcmp(k, "not_after") == 0)
			b->not_after = get_time(v, key, f);
		else if (strcmp(k, "challenges") == 0)
			read_challenges(b, v, key, f);
		else
			unknown_key(f, "backend", k, known,
			    sizeof known / sizeof known[0]);
		free(key);
	}
}

struct application *
app_from_json(const json_t *root, bool answers, struct findings *f)
{
	static const char *const known_all[] = {
		"version", "id", "state", "screen", "focus", "created",
		"updated", "type", "kind", "domains", "applicant", "company", "csr",
		"validation", "documents", "backend",
	};
	static const char *const known_answers[] = {
		"version", "type", "kind", "domains", "applicant", "company",
		"csr", "validation", "documents",
	};
	const char *const *known = answers ? known_answers : known_all;
	size_t nknown = answers ? sizeof known_answers / sizeof *known_answers
	    : sizeof known_all / sizeof *known_all;
	struct application *app = app_new(NULL, NULL);
	const char *k, *s;
	json_t *v;
	int st;

	if (!json_is_object(root)) {
		wrong_type(f, "(top level)", root, _("an object"));
		return app;
	}
	json_object_foreach((json_t *)root, k, v) {
		if (strcmp(k, "version") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) < 1)
				wrong_type(f, k, v, _("a schema version "
				    "number"));
			else if (json_integer_value(v) > APP_SCHEMA_VERSION)
				findings_add(f, VERDICT_ERROR,
				    "json.version-newer", k,
				    _("schema version %lld is newer than this "
				    "certwiz understands (%d): upgrade certwiz"),
				    (long long)json_integer_value(v),
				    APP_SCHEMA_VERSION);
		} else if (strcmp(k, "type") == 0)
			app->type = dup_or_null(get_string(v, k, f));
		else if (strcmp(k, "kind") == 0)
			app->kind = dup_or_null(get_string(v, k, f));
		else if (strcmp(k, "domains") == 0)
			read_domains(app, v, f);
		else if (strcmp(k, "applicant") == 0 ||
		    strcmp(k, "company") == 0 || strcmp(k, "csr") == 0 ||
		    strcmp(k, "validation") == 0)
			read_group(app, k, v, answers, f);
		else if (strcmp(k, "documents") == 0)
			read_documents(app, v, answers, f);
		else if (answers)
			unknown_key(f, NULL, k, known, nknown);
		else if (strcmp(k, "id") == 0)
			app->id = dup_or_null(get_string(v, k, f));
		else if (strcmp(k, "screen") == 0)
			app->screen = dup_or_null(get_string(v, k, f));
		else if (strcmp(k, "focus") == 0)
			app->focus = dup_or_null(get_string(v, k, f));
		else if (strcmp(k, "state") == 0) {
			if ((s = get_string(v, k, f)) == NULL)
				;
			else if ((st = app_state_parse(s)) < 0)
				findings_add(f, VERDICT_ERROR, "json.state", k,
				    _("unknown state \"%s\""), s);
			else
				app->state = (enum app_state)st;
		} else if (strcmp(k, "created") == 0)
			app->created = get_time(v, k, f);
		else if (strcmp(k, "updated") == 0)
			app->updated = get_time(v, k, f);
		else if (strcmp(k, "backend") == 0)
			read_backend(app, v, f);
		else
			unknown_key(f, NULL, k, known, nknown);
	}
	/* Records written before the prepared state said "submitted" of
	   an application the local backend only prepared. */
	if (app->state == APP_SUBMITTED && app->backend.name != NULL &&
	    strcmp(app->backend.name, "local") == 0)
		app->state = APP_PREPARED;
	return app;
}
