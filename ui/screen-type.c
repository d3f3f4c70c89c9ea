/* The certificate type: the catalog, with what each type requires (and,
 * with the cas backend, what is left of the plan). */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/account.h"
#include "../src/backend.h"
#include "../src/catalog.h"
#include "../src/i18n.h"
#include "../src/settings.h"
#include "../src/xmalloc.h"

struct type_state {
	struct ui_menu *menu;
	int details_y;
	/* The second question, for a type sold in several kinds. */
	struct ui_menu *kmenu;	/* NULL: the type question */
	int kinds[KIND_N + 1];	/* kmenu's entries; KIND_AUTO last */
	size_t nk;
};

/*
 * The remaining quota of each type's products (DescribePackageState),
 * asked once per run on a thread of its own, so that a slow or absent
 * network never holds the screen. The thread owns everything until done
 * is set; then only the screen reads it.
 */
struct quota_fetch {
	pthread_t thread;
	struct backend *b;
	size_t n;			/* types x KIND_N */
	char **product;			/* per type and kind; NULL: none */
	struct backend_quota *q;
	bool *ok;
	char *err;			/* the first failure */
	size_t nok;			/* products whose quota came */
	atomic_bool done;
};
static struct quota_fetch *quota;	/* NULL: not asked (local backend) */
static bool quota_asked;
static bool quota_drawn;		/* the quota's tick was handled */

/*
 * The account check (as `certwiz account`) with the cas backend, before
 * the first form: wrong credentials or a missing permission show here,
 * not after the whole wizard. Esc cancels it.
 */
static struct account_job *acct_job;
static struct account_report acct;
static enum { ACCT_NONE, ACCT_RUNNING, ACCT_DONE, ACCT_CANCELLED }
    acct_state;

static void
acct_poll(void)
{
	if (acct_state == ACCT_RUNNING && account_job_done(acct_job)) {
		account_job_finish(acct_job, &acct);
		acct_job = NULL;
		acct_state = ACCT_DONE;
	}
}

static void *
quota_main(void *arg)
{
	struct quota_fetch *f = arg;
	size_t i;

	/* A product the plan does not know leaves only its own kind out. */
	for (i = 0; i < f->n; i++) {
		char *e = NULL;

		if (f->product[i] == NULL)
			continue;
		f->ok[i] = backend_quota(f->b, f->product[i], &f->q[i],
		    &e) == 0;
		if (f->ok[i])
			f->nok++;
		else if (f->err == NULL)
			f->err = e;
		else
			free(e);
	}
	backend_close(f->b);
	f->b = NULL;
	atomic_store(&f->done, true);
	return NULL;
}

/* With the cas backend configured, start asking for the quota. */
static void
quota_start(const struct catalog *cat)
{
	struct settings *st;
	struct quota_fetch *f;
	struct backend *b;
	char *err = NULL;
	struct backend_options bo;
	size_t i;

	if (quota_asked)
		return;
	quota_asked = true;
	if ((st = settings_load(&err)) == NULL) {
		free(err);
		return;
	}
	if (st->backend == NULL || strcmp(st->backend, "cas") != 0) {
		settings_free(st);
		return;
	}
	f = xcalloc(1, sizeof *f);
	atomic_init(&f->done, false);
	/* A short timeout: this is only a hint on the screen. It is
	   passed, not put in the environment: a backend job's thread may
	   be reading it (setenv is not thread-safe). */
	memset(&bo, 0, sizeof bo);
	bo.timeout_ms = 5000;
	b = backend_open(st, &bo, NULL, &f->err);
	/* The credentials and the plan, checked as certwiz account does. */
	if ((acct_job = account_job_start(st, NULL, cat)) != NULL)
		acct_state = ACCT_RUNNING;
	settings_free(st);
	quota = f;
	if (b == NULL) {
		atomic_store(&f->done, true);
		return;
	}
	f->b = b;
	/* DescribePackageState per product: one per type and kind. */
	f->n = cat->n * KIND_N;
	f->product = xcalloc(f->n + 1, sizeof *f->product);
	f->q = xcalloc(f->n + 1, sizeof *f->q);
	f->ok = xcalloc(f->n + 1, sizeof *f->ok);
	for (i = 0; i < f->n; i++) {
		const char *p = catalog_product(&cat->types[i / KIND_N],
		    (int)(i % KIND_N));

		if (p != NULL)
			f->product[i] = xstrdup(p);
	}
	if (pthread_create(&f->thread, NULL, quota_main, f) != 0) {
		backend_close(f->b);
		f->b = NULL;
		f->err = xstrdup(_("cannot start a thread for the network "
		    "request"));
		atomic_store(&f->done, true);
		return;
	}
	pthread_detach(f->thread);
}

static bool
quota_ready(void)
{
	return quota != NULL && atomic_load(&quota->done);
}

bool
ui_type_quota_running(void)
{
	return quota != NULL && !atomic_load(&quota->done);
}

/* The units left of kind k of type i, as words, or NULL. Caller frees. */
static char *
kind_quota(size_t i, int k)
{
	const struct quota_fetch *f = quota;
	size_t j = i * KIND_N + (size_t)k;
	long long left;

	if (!quota_ready() || j >= f->n || f->ok == NULL || !f->ok[j])
		return NULL;
	left = (long long)(f->q[j].total - f->q[j].used);
	if (left <= 0)
		return xstrdup(_("none left: buy a plan for it in the CA's "
		    "console"));
	/* TRANSLATORS: units of a plan: "3 of 5 left". */
	return xasprintf(_("%lld of %lld left"), left,
	    (long long)f->q[j].total);
}

/* The quota line of type i, per kind, or NULL. Caller frees. */
static char *
quota_text(const struct cert_type *t, size_t i)
{
	char *line = NULL, *x, *q;
	int k;

	for (k = 0; k < KIND_N; k++) {
		if (!t->kinds[k].offered || (q = kind_quota(i, k)) == NULL)
			continue;
		/* Chinese punctuation in Chinese: "%s：%s", "%s；%s". */
		x = xasprintf(_("%s: %s"), catalog_kind_label(k), q);
		free(q);
		if (line != NULL) {
			/* TRANSLATORS: two parts of a list: "single
			   domain: 3 of 5 left; wildcard: none left". */
			q = xasprintf(_("%s; %s"), line, x);
			free(line);
			free(x);
			x = q;
		}
		line = x;
	}
	if (line == NULL)
		return NULL;
	/* TRANSLATORS: %s lists the kinds and their units left. */
	x = xasprintf(_("Remaining in your plan: %s"), line);
	free(line);
	return x;
}

/* Hand the screen a tick once the quota has come. */
static bool
type_tick(struct wiz *w)
{
	(void)w;
	return (quota_ready() && !quota_drawn) || (acct_state ==
	    ACCT_RUNNING && account_job_done(acct_job));
}

/*
 * During the kind question: a tick once when the quota comes. Ticks on
 * also make the driver hand Esc to the screen, which goes back to the
 * type question.
 */
static bool kind_quota_shown;

static bool
kind_tick(struct wiz *w)
{
	(void)w;
	return quota_ready() && !kind_quota_shown;
}

static void
type_enter(struct wiz *w)
{
	struct type_state *s = xcalloc(1, sizeof *s);
	const char **names = xcalloc(w->cat->n + 1, sizeof *names);
	char **lines = xcalloc(w->cat->n + 1, sizeof *lines);
	size_t i;

	for (i = 0; i < w->cat->n; i++) {
		const struct cert_type *t = &w->cat->types[i];

		lines[i] = xasprintf("%-13s %s (%s)", t->id, _(t->name),
		    t->level);
		names[i] = lines[i];
	}
	s->menu = ui_menu_new(names, NULL, w->cat->n);
	for (i = 0; i < w->cat->n; i++) {
		if (w->app->type != NULL &&
		    strcmp(w->cat->types[i].id, w->app->type) == 0)
			ui_menu_set_current(s->menu, (int)i);
		free(lines[i]);
	}
	free(lines);
	free(names);
	w->state = s;
	quota_start(w->cat);
	if ((quota != NULL && !quota_drawn) || acct_state == ACCT_RUNNING)
		w->tick = type_tick;
}

/* What the type requires, in lines of text; caller frees each. */
static size_t
type_facts(const struct cert_type *t, char **out, size_t max)
{
	size_t n = 0;
	char *iss = catalog_issuance_text(t);
	char *val = catalog_validation_text(t->validation);

	if (t->min_domains == t->max_domains)
		out[n++] = xasprintf(ngettext("Domains: exactly %u name",
		    "Domains: exactly %u names", t->max_domains),
		    t->max_domains);
	else
		out[n++] = xasprintf(_("Domains: %u to %u names"),
		    t->min_domains, t->max_domains);
	{
		char *ks = NULL, *x;
		int k;

		for (k = 0; k < KIND_N; k++)
			if (t->kinds[k].offered) {
				x = xasprintf("%s%s%s", ks != NULL ? ks : "",
				    ks != NULL ? ", " : "",
				    catalog_kind_label(k));
				free(ks);
				ks = x;
			}
		/* TRANSLATORS: the domain kinds the CA sells for the type:
		   "single domain, multiple domains, wildcard domain". */
		out[n++] = xasprintf(_("Sold as: %s"), ks != NULL ? ks : "");
		free(ks);
	}
	if (t->max_wildcards == 0)
		out[n++] = xstrdup(_("Wildcard (*.example.com): not allowed"));
	else
		out[n++] = xstrdup(_("Wildcard (*.example.com): one per "
		    "certificate, alone; example.com comes free with it"));
	if (t->company)
		out[n++] = xasprintf(ngettext("Company details and %u "
		    "document (PNG or JPEG): required", "Company details and "
		    "%u documents (PNG or JPEG): required", t->documents),
		    t->documents);
	else
		out[n++] = xstrdup(_("Company details and documents: not "
		    "needed"));
	out[n++] = xasprintf(_("Domain validation: %s"), val);
	out[n++] = xasprintf(_("Expected issuance: %s"), iss);
	out[n++] = xasprintf(ngettext("Validity: %u day", "Validity: %u days",
	    catalog_validity_days(t, time(NULL))),
	    catalog_validity_days(t, time(NULL)));
	if (t->nrefused > 0 && n < max) {
		size_t i, len = 1;
		char *list;

		for (i = 0; i < t->nrefused; i++)
			len += strlen(t->refused[i]) + 2;
		list = xcalloc(1, len);
		for (i = 0; i < t->nrefused; i++) {
			if (i > 0)
				strcat(list, " ");
			strcat(list, ".");
			strcat(list, t->refused[i]);
		}
		out[n++] = xasprintf(_("Refused endings: %s"), list);
		free(list);
	}
	free(iss);
	free(val);
	return n;
}

/* The account check's state, on the lines above the quota note. */
static void
draw_account(const struct ui_area *a)
{
	char *text = NULL, **lines;
	size_t nl, k;
	int attr = ui_attr(UI_DIM), y0;

	acct_poll();
	if (acct_state == ACCT_RUNNING)
		text = xstrdup(_("Checking the credentials and permissions "
		    "with the CA... (Esc cancels the check)"));
	else if (acct_state == ACCT_CANCELLED)
		text = xstrdup(_("Credentials check cancelled: run 'certwiz "
		    "account' to check them."));
	else if (acct_state == ACCT_DONE && acct.problem == ACCOUNT_OK)
		text = xasprintf(_("Credentials: %s, accepted by the CA."),
		    acct.kind);
	else if (acct_state == ACCT_DONE && acct.message != NULL) {
		text = xstrdup(acct.message);
		attr = ui_attr(acct.problem == ACCOUNT_NO_PLAN ? UI_WARNING :
		    UI_ERROR);
	}
	if (text == NULL)
		return;
	lines = ui_wrap(text, a->w, &nl);
	if (nl > 4)
		nl = 4;
	y0 = a->y + a->h - 1 - (int)nl;
	for (k = 0; k < nl; k++) {
		ui_blank(y0 + (int)k, a->x, a->w);
		ui_put(y0 + (int)k, a->x, a->w, lines[k], attr);
	}
	ui_lines_free(lines);
	free(text);
}

static void
draw_details(struct wiz *w)
{
	struct type_state *s = w->state;
	struct ui_area a;
	const struct cert_type *t;
	char *facts[12], *q;
	size_t n, i, k, row = 0;
	int y;

	ui_body(&a);
	for (y = s->details_y; y < a.y + a.h; y++)
		ui_blank(y, a.x, a.w);
	t = &w->cat->types[ui_menu_current(s->menu)];
	n = type_facts(t, facts, 10);
	if ((q = quota_text(t, (size_t)ui_menu_current(s->menu))) != NULL)
		facts[n++] = q;
	for (i = 0; i < n; i++) {
		char **lines;
		size_t nl;

		lines = ui_wrap(facts[i], a.w - 2, &nl);
		for (k = 0; k < nl; k++) {
			if (s->details_y + (int)row < a.y + a.h)
				ui_put(s->details_y + (int)row, a.x +
				    (k > 0 ? 2 : 0), a.w, lines[k], A_NORMAL);
			row++;
		}
		ui_lines_free(lines);
		free(facts[i]);
	}
	draw_account(&a);
	if (quota != NULL && !quota_ready())
		ui_put(a.y + a.h - 1, a.x, a.w, _("Asking the CA for the "
		    "remaining quota..."), ui_attr(UI_DIM));
	else if (quota_ready() && quota->err != NULL && quota->nok == 0) {
		/* One line, whatever the error: the screen works without. */
		char *note = xasprintf(_("The remaining quota could not be "
		    "read: %s"), quota->err);
		char *nl = strchr(note, '\n');

		if (nl != NULL)
			*nl = '\0';
		ui_put(a.y + a.h - 1, a.x, a.w, note, ui_attr(UI_DIM));
		free(note);
	}
}

/* The kind question's menu for type t: its kinds, then "from the names". */
static void
kind_menu(struct wiz *w, const struct cert_type *t)
{
	struct type_state *s = w->state;
	char *lines[KIND_N + 1];
	const char *names[KIND_N + 1];
	size_t ti = (size_t)(t - w->cat->types), i;
	int k, cur = s->kmenu != NULL ? ui_menu_current(s->kmenu) : -1;

	s->nk = 0;
	for (k = 0; k < KIND_N; k++) {
		const char *code;
		char *q;

		if (!t->kinds[k].offered)
			continue;
		q = kind_quota(ti, k);
		code = catalog_product_text(t, k);
		lines[s->nk] = q != NULL ? xasprintf("%s (%s): %s",
		    catalog_kind_label(k), code, q) :
		    xasprintf("%s (%s)", catalog_kind_label(k), code);
		free(q);
		s->kinds[s->nk++] = k;
	}
	lines[s->nk] = xstrdup(_("not sure: decide from the names I enter"));
	s->kinds[s->nk++] = KIND_AUTO;
	for (i = 0; i < s->nk; i++)
		names[i] = lines[i];
	if (s->kmenu != NULL)
		ui_menu_free(s->kmenu);
	s->kmenu = ui_menu_new(names, NULL, s->nk);
	for (i = 0; i < s->nk; i++) {
		if (cur < 0 && ((w->app->kind != NULL && s->kinds[i] >= 0 &&
		    strcmp(w->app->kind, catalog_kind_id(s->kinds[i])) == 0) ||
		    (w->app->kind == NULL && s->kinds[i] == KIND_AUTO)))
			cur = (int)i;
		free(lines[i]);
	}
	if (cur >= 0)
		ui_menu_set_current(s->kmenu, cur);
}

/* Clear the body before the type question is drawn again. */
static void
kind_draw_clear(struct wiz *w)
{
	struct ui_area a;
	int y;

	(void)w;
	ui_body(&a);
	for (y = a.y; y < a.y + a.h; y++)
		ui_blank(y, a.x, a.w);
}

/* The kind question, as the console's purchase page asks it. */
static void
kind_draw(struct wiz *w)
{
	struct type_state *s = w->state;
	const struct cert_type *t = &w->cat->types[ui_menu_current(s->menu)];
	struct ui_area a;
	char *title, **lines;
	size_t nl, i;
	int y;

	ui_body(&a);
	for (y = a.y; y < a.y + a.h; y++)
		ui_blank(y, a.x, a.w);
	/* TRANSLATORS: %s is a certificate type. */
	title = xasprintf(_("Which kind of %s did you buy?"), _(t->name));
	ui_put(a.y, a.x, a.w, title, ui_attr(UI_TITLE));
	free(title);
	ui_menu_post(s->kmenu, a.y + 2, a.x, (int)s->nk, a.w);
	lines = ui_wrap(_("Single domain: one name (www.X and X come "
	    "together, free, with DNS validation). Multiple domains: 2 to 5 "
	    "names. Wildcard domain: one name *.X, with X free. Each kind "
	    "uses a unit of its own plan."), a.w - 2, &nl);
	for (i = 0; i < nl && a.y + 3 + (int)s->nk + (int)i < a.y + a.h;
	    i++)
		ui_put(a.y + 3 + (int)s->nk + (int)i, a.x, a.w, lines[i],
		    A_NORMAL);
	ui_lines_free(lines);
	if (quota != NULL && !quota_ready())
		ui_put(a.y + a.h - 1, a.x, a.w, _("Asking the CA for the "
		    "remaining quota..."), ui_attr(UI_DIM));
}

static void
type_draw(struct wiz *w)
{
	struct type_state *s = w->state;
	struct ui_area a;
	int h = (int)w->cat->n;

	if (s->kmenu != NULL) {
		kind_draw(w);
		return;
	}
	ui_body(&a);
	ui_put(a.y, a.x, a.w, _("Which certificate did you buy?"),
	    ui_attr(UI_TITLE));
	if (h > a.h - 10)
		h = a.h - 10;
	ui_menu_post(s->menu, a.y + 2, a.x, h, a.w);
	s->details_y = a.y + 2 + h + 1;
	draw_details(w);
}

static enum screen_result
type_key(struct wiz *w, const struct ui_key *k)
{
	struct type_state *s = w->state;
	int before = ui_menu_current(s->menu);

	if (k->fkey && k->code == UI_KEY_TICK) {
		/* The quota or the check came: show it; no more ticks
		 * once both are in. */
		if (quota_ready())
			quota_drawn = true;
		acct_poll();
		if (s->kmenu != NULL) {
			kind_quota_shown = quota_ready();
			kind_menu(w, &w->cat->types[ui_menu_current(s->menu)]);
			kind_draw(w);
		} else {
			if ((quota == NULL || quota_drawn) &&
			    acct_state != ACCT_RUNNING)
				w->tick = NULL;
			draw_details(w);
		}
		return SCREEN_STAY;
	}
	if (s->kmenu != NULL) {
		/* The kind question: Esc goes back to the types. */
		if ((!k->fkey && k->ch == 0x1b) ||
		    (k->fkey && k->code == KEY_LEFT)) {
			ui_menu_free(s->kmenu);
			s->kmenu = NULL;
			w->tick = (quota != NULL && !quota_ready()) ||
			    acct_state == ACCT_RUNNING ? type_tick : NULL;
			kind_draw_clear(w);
			type_draw(w);
			return SCREEN_STAY;
		}
		if (k->fkey && k->code == KEY_ENTER) {
			int kind = s->kinds[ui_menu_current(s->kmenu)];

			free(w->app->kind);
			w->app->kind = kind >= 0 ?
			    xstrdup(catalog_kind_id(kind)) : NULL;
			return SCREEN_NEXT;
		}
		ui_menu_key(s->kmenu, k);
		return SCREEN_STAY;
	}
	/* While ticks are on, the driver hands Esc to the screen. Esc
	 * first cancels a running check. */
	if (!k->fkey && k->ch == 0x1b) {
		acct_poll();
		if (acct_state == ACCT_RUNNING) {
			account_job_abandon(acct_job);
			acct_job = NULL;
			acct_state = ACCT_CANCELLED;
			if (quota == NULL || quota_drawn)
				w->tick = NULL;
			draw_details(w);
			return SCREEN_STAY;
		}
		return SCREEN_BACK;
	}
	if (k->fkey && k->code == KEY_ENTER) {
		const struct cert_type *t =
		    &w->cat->types[ui_menu_current(s->menu)];
		int nkinds = 0, kk;

		if (w->app->type == NULL || strcmp(w->app->type, t->id) != 0) {
			/* Another type: its kinds are asked afresh. */
			free(w->app->kind);
			w->app->kind = NULL;
		}
		free(w->app->type);
		w->app->type = xstrdup(t->id);
		w->type = t;
		for (kk = 0; kk < KIND_N; kk++)
			nkinds += t->kinds[kk].offered;
		if (nkinds > 1) {
			kind_menu(w, t);
			kind_quota_shown = quota_ready();
			w->tick = kind_tick;
			kind_draw(w);
			return SCREEN_STAY;
		}
		free(w->app->kind);
		w->app->kind = NULL;
		return SCREEN_NEXT;
	}
	if (ui_menu_key(s->menu, k) && ui_menu_current(s->menu) != before)
		draw_details(w);
	return SCREEN_STAY;
}

static void
type_leave(struct wiz *w)
{
	struct type_state *s = w->state;

	if (s->kmenu != NULL)
		ui_menu_free(s->kmenu);
	ui_menu_free(s->menu);
	free(s);
}

static bool
type_complete(const struct wiz *w)
{
	return w->app->type != NULL && w->type != NULL;
}

static void
type_cursor(struct wiz *w)
{
	struct type_state *s = w->state;

	ui_menu_cursor(s->kmenu != NULL ? s->kmenu : s->menu);
}

static char *
type_tip(struct wiz *w)
{
	(void)w;
	return xstrdup(_("Pick the type you bought. Free and standard "
	    "certificates are domain validated (DV): the CA only checks "
	    "that you control the domains, and issues within minutes. A "
	    "professional certificate is organization validated (OV): the "
	    "CA also checks the company, its documents and its phone "
	    "number, which takes days.\n\nA wildcard name such as "
	    "*.example.com covers every name one level under example.com "
	    "(www.example.com, shop.example.com); example.com comes free "
	    "with it. The CA sells each type as kinds: single domain (one "
	    "name, www.X and X together), multiple domains (2 to 5 names) "
	    "and wildcard domain (one *.X); one certificate holds one "
	    "wildcard name at most."));
}

const struct screen_ops screen_type = {
	.name = "type",
	.title = N_("Certificate type"),
	.hint = N_("Up/Down choose  Enter select  Esc back  F1/^G tips  "
	    "F2/^S save  F10/^Q quit"),
	.step = true,
	.enter = type_enter,
	.draw = type_draw,
	.key = type_key,
	.leave = type_leave,
	.complete = type_complete,
	.tip = type_tip,
	.cursor = type_cursor,
};
