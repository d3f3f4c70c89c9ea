/* Submitted: the CA's answer and what happens next (the record or file to
 * publish, expected issuance, validity, where the files are); r asks the
 * CA again. */
#include "config.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/domain.h"
#include "../src/backend.h"
#include "../src/catalog.h"
#include "../src/export.h"
#include "../src/flow.h"
#include "../src/i18n.h"
#include "../src/settings.h"
#include "../src/store.h"
#include "../src/verdict.h"
#include "../src/verify.h"
#include "../src/xmalloc.h"

struct sline {
	char *text;
	enum ui_attr attr;
	int indent;
};

struct sub {
	struct sline *lines;
	size_t n, cap;
	int top;		/* first row shown */
	struct backend *b;	/* while a refresh runs */
	struct backend_job *job;
	int spin;
	/* Check now (verify): the running check, then its result. */
	struct verify_job *vjob;
	struct findings vf;
	int vresult;		/* -1: no result to show */
	char *verr;
};

static void
add(struct sub *s, enum ui_attr attr, int indent, const char *fmt, ...)
    CW_PRINTF(4, 5);
static void add_exported(struct sub *s, const struct application *app,
    const char *shown);

static void
add(struct sub *s, enum ui_attr attr, int indent, const char *fmt, ...)
{
	va_list ap;

	if (s->n == s->cap) {
		s->cap = s->cap * 2 + 32;
		s->lines = xreallocarray(s->lines, s->cap, sizeof *s->lines);
	}
	va_start(ap, fmt);
	s->lines[s->n].text = xvasprintf(fmt, ap);
	va_end(ap);
	s->lines[s->n].attr = attr;
	s->lines[s->n].indent = indent;
	s->n++;
}

static void
clear_lines(struct sub *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->lines[i].text);
	s->n = 0;
}

/* A local time for people: "2026-11-29 23:40". Caller frees. */
static char *
local_time(time_t t)
{
	char buf[64];
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm) == 0)
		return xstrdup("?");
	return xstrdup(buf);
}

static bool
is_cas(const struct application *app)
{
	return app->backend.name != NULL &&
	    strcmp(app->backend.name, "cas") == 0;
}

static bool
pending(const struct application *app)
{
	return app->state == APP_PREPARED || app->state == APP_SUBMITTED ||
	    app->state == APP_AWAITING_VALIDATION ||
	    app->state == APP_UNDER_REVIEW;
}

/*
 * The names applied for on one line, the Unicode form beside the A-label
 * sent, and the name the CA adds free.
 */
static void
add_domains(struct sub *s, const struct application *app,
    const struct cert_type *t)
{
	char *list = NULL, *x;
	size_t i;

	for (i = 0; i < app->ndomains; i++) {
		char *shown = domain_display(app->domains[i]);

		/* TRANSLATORS: two names of a list: "a.cn, b.cn". */
		x = list == NULL ? xstrdup(shown) :
		    xasprintf(pgettext("list", "%s, %s"), list, shown);
		free(list);
		free(shown);
		list = x;
	}
	if (list != NULL)
		add(s, UI_NORMAL, 0, _("Domains: %s"), list);
	free(list);
	if ((x = flow_complimentary_text(app, t)) != NULL) {
		/* The name the CA adds free, once validated by DNS. */
		add(s, UI_NORMAL, 2, "%s", x);
		free(x);
	}
}

/* One record or file per name (acme), each as the single one is shown. */
static void
add_challenges(struct sub *s, const struct app_backend *k)
{
	bool dns = k->challenges[0].record_value != NULL;
	size_t i;

	add(s, UI_TITLE, 0, "%s", dns ? _("Publish these DNS records so the "
	    "CA can validate the domains:") : _("Publish these files on the "
	    "web server so the CA can validate the domains:"));
	for (i = 0; i < k->nchallenges; i++) {
		const struct app_challenge *c = &k->challenges[i];

		add(s, UI_TITLE, 2, "%s", c->name != NULL ? c->name : "");
		if (c->record_value != NULL) {
			add(s, UI_NORMAL, 4, _("Name:  %s"), c->record_domain);
			add(s, UI_NORMAL, 4, _("Type:  %s"),
			    c->record_type != NULL ? c->record_type : "TXT");
			add(s, UI_NORMAL, 4, "%s", _("Value:"));
			add(s, UI_NORMAL, 4, "%s", c->record_value);
		} else {
			add(s, UI_NORMAL, 4, _("Path:    %s"),
			    c->file_uri != NULL ? c->file_uri : "");
			add(s, UI_NORMAL, 4, "%s", _("Content:"));
			add(s, UI_NORMAL, 4, "%s", c->file_content != NULL ?
			    c->file_content : "");
		}
	}
	add(s, UI_DIM, 2, "%s", dns ? _("Add them at your DNS provider; the "
	    "CA checks them by itself. Leave them in place until the "
	    "certificate is issued.") : _("Each must be reachable "
	    "over HTTP on port 80 with exactly that content."));
}

/* What to publish so that the CA can validate the domains. */
static void
add_validation(struct sub *s, const struct application *app)
{
	const struct app_backend *k = &app->backend;
	bool dns = app->validation_method == NULL ||
	    strcmp(app->validation_method, "file") != 0;
	char *fqdn = backend_record_fqdn(app);

	if (app->state == APP_ISSUED || app->state == APP_WITHDRAWN ||
	    app->state == APP_REJECTED) {
		free(fqdn);
		return;
	}
	if (k->nchallenges > 0) {
		add_challenges(s, k);
	} else if (dns && fqdn != NULL) {
		add(s, UI_TITLE, 0, "%s", _("Publish this DNS record so the "
		    "CA can validate the domain:"));
		add(s, UI_NORMAL, 2, _("Name:  %s"), fqdn);
		add(s, UI_NORMAL, 2, _("Type:  %s"), k->record_type != NULL ?
		    k->record_type : "TXT");
		/* The value on a line of its own: it is long, and copied. */
		add(s, UI_NORMAL, 2, "%s", _("Value:"));
		add(s, UI_NORMAL, 2, "%s", k->record_value != NULL ?
		    k->record_value : "");
		add(s, UI_DIM, 2, "%s", _("Add it at your DNS provider; the "
		    "CA checks it by itself. Leave it in place until the "
		    "certificate is issued."));
	} else if (!dns && k->file_uri != NULL) {
		add(s, UI_TITLE, 0, "%s", _("Publish this file on the web "
		    "server so the CA can validate the domain:"));
		add(s, UI_NORMAL, 2, _("Path:    %s"), k->file_uri);
		add(s, UI_NORMAL, 2, "%s", _("Content:"));
		add(s, UI_NORMAL, 2, "%s", k->file_content != NULL ?
		    k->file_content : "");
		add(s, UI_DIM, 2, "%s", _("It must be reachable at that path "
		    "on ports 443 (HTTPS) and 80 (HTTP), with exactly that "
		    "content and no redirect."));
	} else if (dns && is_cas(app))
		add(s, UI_NORMAL, 0, "%s", _("The CA has not given the DNS "
		    "record yet: press r in a moment to ask again."));
	else if (dns)
		add(s, UI_NORMAL, 0, _("Once it is sent, the CA gives a TXT "
		    "record to publish (certwiz status %s shows it)."),
		    app->id);
	else if (is_cas(app))
		add(s, UI_NORMAL, 0, "%s", _("The CA has not given the "
		    "validation file yet: press r in a moment to ask again."));
	else
		add(s, UI_NORMAL, 0, _("Once it is sent, the CA gives a file "
		    "to publish on the web server (certwiz status %s shows "
		    "it)."), app->id);
	free(fqdn);
}

/* Whether there is something the CA validates to check. */
static bool
checkable(const struct application *app)
{
	const struct app_backend *k = &app->backend;

	return (pending(app) || app->state == APP_SENDING) &&
	    ((k->record_value != NULL && *k->record_value != '\0') ||
	    k->file_content != NULL);
}

/* The result of the last check: each finding under its name. */
static void
add_check(struct sub *s)
{
	const char *last = NULL;
	size_t i;

	if (s->vresult < 0)
		return;
	if (s->vresult == VERIFY_READY)
		add(s, UI_OK, 0, "%s", _("Check now: ready, the CA should "
		    "find everything it checks."));
	else if (s->vresult == VERIFY_NOT_READY)
		add(s, UI_ERROR, 0, "%s", _("Check now: not ready yet; change "
		    "what is marked, then press c again."));
	else
		add(s, UI_ERROR, 0, _("Check now: the check failed: %s"),
		    s->verr != NULL ? s->verr : "?");
	for (i = 0; i < s->vf.n; i++) {
		const struct finding *x = &s->vf.v[i];

		if (x->key != NULL && (last == NULL ||
		    strcmp(last, x->key) != 0)) {
			add(s, UI_TITLE, 2, "%s", x->key);
			last = x->key;
		}
		add(s, x->level == VERDICT_ERROR ? UI_ERROR :
		    x->level == VERDICT_WARNING ? UI_WARNING : UI_OK, 4,
		    "%s", x->message);
	}
	add(s, UI_NORMAL, 0, "%s", "");
}

static void
build(struct wiz *w)
{
	struct sub *s = w->state;
	const struct application *app = w->app;
	const struct app_backend *k = &app->backend;
	const struct cert_type *t = w->type;
	char *err = NULL, *dir, *txt, *when;
	time_t lo, hi;
	bool after;

	clear_lines(s);
	add(s, app->state == APP_REJECTED ? UI_ERROR : UI_OK, 0,
	    /* TRANSLATORS: "Application k3f9-x2ab: awaiting domain
	       validation". */
	    _("Application %s: %s"), app->id, app_state_label(app->state));
	/* The result of Check now first, where it is seen. */
	add_check(s);
	if (is_cas(app) && k->order_id != 0)
		add(s, UI_NORMAL, 2, _("Sent to the Alibaba Cloud certificate "
		    "service, order %lld."), (long long)k->order_id);
	if (is_cas(app) && k->status != NULL)
		add(s, UI_NORMAL, 2, _("The CA's answer: %s"), k->status);
	if (k->message != NULL && app->state != APP_ISSUED)
		add(s, UI_ERROR, 2, _("Last error: %s"), k->message);
	if (k->request_id != NULL)
		add(s, UI_DIM, 2, _("Request id: %s"), k->request_id);
	if (app->state == APP_PREPARED) {
		add(s, UI_NORMAL, 0, "%s", "");
		add(s, UI_TITLE, 0, "%s", _("Prepared here, not sent yet"));
		add(s, UI_NORMAL, 2, "%s", _("It is kept on this machine "
		    "with everything the CA needs. Send it later, where the "
		    "Alibaba Cloud credentials are, with:"));
		add(s, UI_NORMAL, 4, "certwiz submit %s --backend cas",
		    app->id);
	}
	if (app->state == APP_SENDING)
		add(s, UI_WARNING, 2, _("The answer to the submission was "
		    "lost. Run certwiz submit %s to find out whether the CA "
		    "has it; it is sent again only if not."), app->id);
	if (app->state == APP_WITHDRAWN) {
		if (backend_needs_release(app))
			add(s, UI_WARNING, 2, "%s", _("The order still holds a "
			    "unit of your plan: w on the Applications screen "
			    "(Enter goes there) returns it."));
		add(s, UI_NORMAL, 2, "%s", _("o on the Applications screen "
		    "reopens it as a draft to change and submit again."));
	}
	if (app->state == APP_REJECTED)
		add(s, UI_WARNING, 2, "%s", _("The CA rejected the "
		    "application: withdraw it (w on the Applications screen) "
		    "to get the quota back, then reopen it, fix it and submit "
		    "again."));
	add(s, UI_NORMAL, 0, "%s", "");
	add_validation(s, app);
	if (t != NULL && app->state != APP_ISSUED &&
	    app->state != APP_WITHDRAWN && app->state != APP_REJECTED) {
		txt = catalog_issuance_text(t);
		add(s, UI_NORMAL, 0, _("Expected issuance: %s"), txt);
		free(txt);
		if (backend_expected_issuance(app, t, &lo, &hi, &after) &&
		    !after) {
			when = local_time(hi);
			add(s, UI_NORMAL, 2, _("Expected by: %s"), when);
			free(when);
		}
	}
	if (app->state == APP_ISSUED && k->not_after != 0) {
		char *from = local_time(k->not_before);

		when = local_time(k->not_after);
		add(s, UI_NORMAL, 0, _("Valid from %s to %s"), from, when);
		free(from);
		free(when);
	} else if (t != NULL) {
		unsigned days = catalog_validity_days(t, k->submitted != 0 ?
		    k->submitted : time(NULL));

		add(s, UI_NORMAL, 0, ngettext("Validity: %u day",
		    "Validity: %u days", days), days);
	}
	if (pending(app) || app->state == APP_SENDING)
		add(s, UI_WARNING, 0, "%s", _("Keep your phone on and watch "
		    "your mailbox: the CA may call or write to confirm."));
	if (t != NULL && t->documents > 0 && (pending(app) ||
	    app->state == APP_SENDING))
		add(s, UI_NORMAL, 0, "%s", _("Upload the qualification "
		    "documents in the Alibaba Cloud SSL Certificates console: "
		    "Certificate Application > this order > upload documents. "
		    "The API cannot carry them; certwiz checked them and keeps "
		    "copies in the folder below."));
	dir = store_app_dir(app->id, &err);
	free(err);
	if (dir != NULL) {
		/* Shorter, and as the user would type it: ~/... */
		const char *home = getenv("HOME");
		size_t hl = home != NULL ? strlen(home) : 0;

		if (hl > 1 && strncmp(dir, home, hl) == 0 && dir[hl] == '/') {
			char *tilde = xasprintf("~%s", dir + hl);

			free(dir);
			dir = tilde;
		}
		add(s, UI_NORMAL, 0, _("Files: %s"), dir);
		if (k->certificate != NULL)
			add(s, UI_OK, 2, _("Certificate: %s/%s"), dir,
			    k->certificate);
		if (app->state == APP_ISSUED)
			add_exported(s, app, dir);
		free(dir);
	}
	if (is_cas(app) && (pending(app) || app->state == APP_SENDING))
		add(s, UI_DIM, 0, _("Press r to ask the CA again, or later: "
		    "certwiz status %s"), app->id);
	if (checkable(app) && s->vresult < 0)
		add(s, UI_DIM, 0, _("Press c to check now what the CA will "
		    "see (the record or file, every name server, DNSSEC, "
		    "CAA), or later: certwiz verify %s"), app->id);
	/* Last, where the free name's note was: what to do comes first. */
	add_domains(s, app, t);
}

static void check_start(struct wiz *w);

/*
 * Where certwiz export put the files in its default folder (shown: the
 * application's folder as the user would type it), or how to make them.
 */
static void
add_exported(struct sub *s, const struct application *app, const char *shown)
{
	char *err = NULL, *xdir = export_default_dir(app->id, &err);
	struct dirent *d;
	DIR *dp;
	size_t n = 0;

	free(err);
	if (xdir != NULL && (dp = opendir(xdir)) != NULL) {
		while ((d = readdir(dp)) != NULL) {
			if (d->d_name[0] == '.' ||
			    strstr(d->d_name, ".tmp-") != NULL)
				continue;
			add(s, UI_OK, 2, _("Exported: %s/export/%s"), shown,
			    d->d_name);
			n++;
		}
		closedir(dp);
	}
	free(xdir);
	if (n == 0)
		add(s, UI_DIM, 2, _("Export it for your server: x on the "
		    "Applications screen, or certwiz export %s --format "
		    "nginx|apache|pem|pfx"), app->id);
}

static void
sub_enter(struct wiz *w)
{
	struct sub *s = xcalloc(1, sizeof(struct sub));

	s->vresult = -1;
	findings_init(&s->vf);
	w->state = s;
	build(w);
	if (w->check_now) {
		w->check_now = false;
		check_start(w);
	}
}

static void
sub_draw(struct wiz *w)
{
	struct sub *s = w->state;
	struct ui_area a;
	int rows, row = 0, y;
	size_t i;

	ui_body(&a);
	rows = a.h;
	/*
	 * Keep top within the page before drawing: PgDn past the end
	 * shows the last page, never an empty one.
	 */
	for (i = 0; i < s->n; i++) {
		size_t n;
		char **lines = ui_wrap(s->lines[i].text,
		    a.w - s->lines[i].indent - 3, &n);

		row += (int)n;
		ui_lines_free(lines);
	}
	if (s->top > row - rows)
		s->top = row - rows;
	if (s->top < 0)
		s->top = 0;
	row = 0;
	y = a.y;
	for (i = 0; i < s->n; i++) {
		char **lines;
		size_t n, k;
		int ind = s->lines[i].indent;

		/* Room for the two columns continuation lines move in. */
		lines = ui_wrap(s->lines[i].text, a.w - ind - 3, &n);
		for (k = 0; k < n; k++, row++)
			if (row >= s->top && y < a.y + rows)
				ui_put(y++, a.x + ind + (k > 0 ? 2 : 0),
				    a.w - ind - 2, lines[k],
				    ui_attr(s->lines[i].attr));
		ui_lines_free(lines);
	}
	if (s->top > 0)
		ui_put(a.y, a.x + a.w - 3, 3, "^^^", ui_attr(UI_DIM));
	if (row > s->top + rows)
		ui_put(a.y + rows - 1, a.x + a.w - 3, 3, "vvv",
		    ui_attr(UI_DIM));
}

static bool
sub_tick(struct wiz *w)
{
	(void)w;
	return true;
}

static void
spinner(struct sub *s)
{
	static const char spin[] = "|/-\\";

	ui_message(UI_NORMAL, _("%c Asking the CA..."), spin[s->spin++ % 4]);
}

static void
sub_refresh(struct wiz *w)
{
	struct sub *s = w->state;
	char *err = NULL;

	if (!is_cas(w->app)) {
		ui_message(UI_NORMAL, "%s", _("Prepared with the local "
		    "backend: there is no CA to ask yet."));
		return;
	}
	if ((s->b = wiz_backend_open(w->app, false)) == NULL)
		return;
	if ((s->job = backend_job_start(s->b, BACKEND_REFRESH, w->app,
	    w->cat, &err)) == NULL) {
		backend_close(s->b);
		s->b = NULL;
		ui_message(UI_ERROR, "%s", err);
		free(err);
		return;
	}
	w->busy = true;
	w->tick = sub_tick;
	spinner(s);
}

static enum screen_result
refresh_done(struct wiz *w)
{
	struct sub *s = w->state;
	char *err = NULL;
	int rc = backend_job_finish(s->job, &w->app, &err);

	s->job = NULL;
	backend_close(s->b);
	s->b = NULL;
	w->busy = false;
	w->tick = NULL;
	build(w);
	if (rc != 0) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
	} else
		ui_message(UI_OK, _("Asked the CA: %s."),
		    app_state_label(w->app->state));
	return SCREEN_REDRAW;
}

static void
check_spinner(struct sub *s)
{
	static const char spin[] = "|/-\\";

	ui_message(UI_NORMAL, _("%c Checking what the CA will see... (Esc "
	    "cancels)"), spin[s->spin++ % 4]);
}

/* c: run the check in a job; the screen stays responsive. */
static void
check_start(struct wiz *w)
{
	struct sub *s = w->state;
	struct verify_options o;
	struct settings *st;
	char *err = NULL;

	if (!checkable(w->app)) {
		ui_message(UI_NORMAL, "%s", _("There is nothing to check yet: "
		    "the CA has not given a record or file to publish."));
		return;
	}
	memset(&o, 0, sizeof o);
	/* The resolver of the config file, as certwiz verify uses it. */
	st = settings_load(&err);
	free(err);
	err = NULL;
	o.dns.resolver = st != NULL ? st->resolver : NULL;
	s->vjob = verify_job_start(w->app, w->type, &o, &err);
	settings_free(st);
	if (s->vjob == NULL) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
		return;
	}
	w->tick = sub_tick;
	check_spinner(s);
}

static enum screen_result
check_done(struct wiz *w, bool cancelled)
{
	struct sub *s = w->state;
	long recheck = 0;

	findings_clear(&s->vf);
	free(s->verr);
	s->verr = NULL;
	s->vresult = verify_job_finish(s->vjob, &s->vf, &recheck, &s->verr);
	s->vjob = NULL;
	w->tick = NULL;
	s->top = 0;
	if (cancelled) {
		findings_clear(&s->vf);
		s->vresult = -1;
		ui_message(UI_NORMAL, "%s", _("Check cancelled."));
	} else
		ui_message_clear();
	build(w);
	return SCREEN_REDRAW;
}

static enum screen_result
sub_key(struct wiz *w, const struct ui_key *k)
{
	struct sub *s = w->state;
	struct ui_area a;

	if (s->vjob != NULL) {
		if (k->fkey && k->code == UI_KEY_TICK) {
			if (verify_job_done(s->vjob))
				return check_done(w, false);
			check_spinner(s);
		} else if (!k->fkey && k->ch == 0x1b) {
			verify_job_cancel(s->vjob);
			return check_done(w, true);
		}
		return SCREEN_STAY;
	}

	if (s->job != NULL) {
		if (k->fkey && k->code == UI_KEY_TICK) {
			if (backend_job_done(s->job))
				return refresh_done(w);
			spinner(s);
		} else if (!k->fkey && k->ch == 0x1b)
			ui_message(UI_WARNING, "%s", _("Waiting for the CA's "
			    "answer: a moment, please."));
		return SCREEN_STAY;
	}
	ui_body(&a);
	if (!k->fkey && (k->ch == 'r' || k->ch == 'R')) {
		sub_refresh(w);
		return SCREEN_STAY;
	}
	if (!k->fkey && (k->ch == 'c' || k->ch == 'C')) {
		check_start(w);
		return SCREEN_STAY;
	}
	if (!k->fkey)
		return SCREEN_STAY;
	switch (k->code) {
	case KEY_ENTER:
		w->go_to = "applications";
		return SCREEN_GOTO;
	case KEY_DOWN: s->top++; return SCREEN_REDRAW;
	case KEY_UP: s->top--; return SCREEN_REDRAW;
	case KEY_NPAGE: s->top += a.h - 1; return SCREEN_REDRAW;
	case KEY_PPAGE: s->top -= a.h - 1; return SCREEN_REDRAW;
	case KEY_HOME: s->top = 0; return SCREEN_REDRAW;
	default: break;
	}
	return SCREEN_STAY;
}

static void
sub_leave(struct wiz *w)
{
	struct sub *s = w->state;

	clear_lines(s);
	free(s->lines);
	if (s->vjob != NULL) {
		long recheck;

		verify_job_cancel(s->vjob);
		verify_job_finish(s->vjob, &s->vf, &recheck, NULL);
		w->tick = NULL;
	}
	findings_clear(&s->vf);
	free(s->verr);
	/* A refresh still running at exit owns its backend: leave it. */
	if (s->job == NULL)
		backend_close(s->b);
	free(s);
}

static void
sub_cursor(struct wiz *w)
{
	struct ui_area a;

	(void)w;
	ui_body(&a);
	move(a.y, a.x);
}

static char *
sub_tip(struct wiz *w)
{
	(void)w;
	return xstrdup(_("What happens next. With DNS validation, add the "
	    "TXT record shown at your DNS provider; with file validation, "
	    "put the file on the web server. The CA then validates the "
	    "domain and, for organization validated types, calls or writes "
	    "to the applicant. r asks the CA again; Enter goes to the list "
	    "of applications; F10 (Ctrl-Q) leaves. Later, certwiz status ID "
	    "shows the same."));
}

/* "Submitted" is never said of an application only prepared. */
static const char *
sub_title(const struct wiz *w)
{
	if (w->app != NULL && w->app->state == APP_PREPARED)
		/* TRANSLATORS: the Submitted screen's title for an
		   application kept here, not sent yet. */
		return N_("Prepared");
	return N_("Submitted");
}

const struct screen_ops screen_submitted = {
	.name = "submitted",
	.title = N_("Submitted"),
	.title_for = sub_title,
	.hint = N_("r refresh  Enter applications  PgUp/PgDn scroll  "
	    "F1/^G tips  F10/^Q quit"),
	.step = false,
	.enter = sub_enter,
	.draw = sub_draw,
	.key = sub_key,
	.leave = sub_leave,
	.tip = sub_tip,
	.cursor = sub_cursor,
};
