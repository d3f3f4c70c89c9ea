/* Applications: drafts and applications with their state, type, domains,
 * expected issuance and validity; open one, refresh, withdraw, reopen,
 * delete a draft. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "export-dialog.h"
#include "../src/app.h"
#include "../src/domain.h"
#include "../src/backend.h"
#include "../src/catalog.h"
#include "../src/i18n.h"
#include "../src/store.h"
#include "../src/xmalloc.h"

/* The list's columns: their widths in display columns, as load() sized
   them for the rows and the body's width. */
struct cols {
	int id, state, type;
};

struct apps {
	struct store_entry *list;
	size_t n;
	struct ui_menu *menu;
	char *error;
	int details_y;
	/* A backend job on one application (a copy from the store). */
	struct backend *b;
	struct backend_job *job;
	enum backend_op op;
	struct application *japp;
	bool then_reopen;	/* reopen once the quota is returned */
	int lock;		/* the job's application's lock (wiz_lock) */
	int spin;
	struct cols cols;	/* the list's columns, for width */
	int width;
};

#define COL_GAP 2		/* columns between two columns */
#define DOMAINS_MIN 16		/* the domains column's least width */

/*
 * s cut to at most w display columns, with "…" where it is cut, and
 * padded with spaces to w when pad. Caller frees.
 */
static char *
fit(const char *s, int w, bool pad)
{
	mbstate_t st;
	size_t i = 0, len = strlen(s), keep = 0;
	int used = 0, sw = ui_width(s);
	char *r;

	if (w < 1)
		return xstrdup("");
	if (sw <= w)
		return pad ? xasprintf("%s%*s", s, w - sw, "") : xstrdup(s);
	memset(&st, 0, sizeof st);
	while (i < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, len - i, &st);
		int cw = 1;

		if (n == (size_t)-1 || n == (size_t)-2) {
			n = 1;
			memset(&st, 0, sizeof st);
		} else {
			if (n == 0)
				n = 1;
			cw = wcwidth(wc) >= 0 ? wcwidth(wc) : 1;
		}
		if (used + cw > w - 1)
			break;
		used += cw;
		i += n;
		keep = i;
	}
	r = xasprintf("%.*s…%*s", (int)keep, s, pad ? w - 1 - used : 0, "");
	return r;
}

/*
 * The domains cell in w columns: the first name (in Unicode for an IDN)
 * and "+N" for the others; the name is cut, never the count.
 */
static char *
domains_cell(const struct application *app, int w)
{
	char *first, *more, *cut, *r;

	if (app->ndomains == 0)
		return xstrdup("-");
	if ((first = domain_to_unicode(app->domains[0])) == NULL)
		first = xstrdup(app->domains[0]);
	if (app->ndomains == 1) {
		r = fit(first, w, false);
		free(first);
		return r;
	}
	more = xasprintf(" +%zu", app->ndomains - 1);
	cut = fit(first, w - ui_width(more), false);
	r = xasprintf("%s%s", cut, more);
	free(cut);
	free(more);
	free(first);
	return r;
}

/*
 * A state's word in the list, short and in the user's language (at most
 * 19 columns, never cut); the details below say it in a sentence.
 */
static const char *
state_word(const struct application *app)
{
	switch (app->state) {
	case APP_DRAFT: return pgettext("state", "draft");
	case APP_READY: return pgettext("state", "ready");
	case APP_SENDING: return pgettext("state", "sending");
	case APP_PREPARED: return pgettext("state", "prepared");
	case APP_SUBMITTED: return pgettext("state", "submitted");
	case APP_AWAITING_VALIDATION:
		return pgettext("state", "awaiting-validation");
	case APP_UNDER_REVIEW: return pgettext("state", "under-review");
	case APP_ISSUED: return pgettext("state", "issued");
	case APP_REJECTED: return pgettext("state", "rejected");
	case APP_WITHDRAWN: return pgettext("state", "withdrawn");
	}
	return app_state_name(app->state);
}

/*
 * Size the columns by display width for the rows and a line of width
 * columns: the id, state and type columns as wide as their longest
 * entry (and title), the domains column the rest; when that is under
 * DOMAINS_MIN, the type column gives up room (cut with "…").
 */
static struct cols
size_cols(const struct store_entry *list, size_t n, int width)
{
	struct cols c;
	size_t i;
	int rest;

	/* TRANSLATORS: the titles of the Applications list's columns. */
	c.id = ui_width(pgettext("column", "ID"));
	c.state = ui_width(pgettext("column", "state"));
	c.type = ui_width(pgettext("column", "type"));
	for (i = 0; i < n; i++) {
		const struct application *app = list[i].app;

		if (ui_width(list[i].id) > c.id)
			c.id = ui_width(list[i].id);
		if (app == NULL)
			continue;
		if (ui_width(state_word(app)) > c.state)
			c.state = ui_width(state_word(app));
		if (app->type != NULL && ui_width(app->type) > c.type)
			c.type = ui_width(app->type);
	}
	rest = width - c.id - c.state - c.type - 3 * COL_GAP;
	if (rest < DOMAINS_MIN) {
		c.type -= DOMAINS_MIN - rest;
		if (c.type < 5)
			c.type = 5;
	}
	return c;
}

/* One row of the list (or the titles, app NULL and title true). */
static char *
row(const struct cols *c, int width, const char *id,
    const struct application *app)
{
	char *cid = fit(id, c->id, true);
	char *cst = fit(app != NULL ? state_word(app) :
	    pgettext("column", "state"), c->state, true);
	char *cty = fit(app != NULL ? (app->type != NULL ? app->type : "-") :
	    pgettext("column", "type"), c->type, true);
	int dw = width - c->id - c->state - c->type - 3 * COL_GAP;
	char *cdo = app != NULL ? domains_cell(app, dw) :
	    fit(pgettext("column", "domains"), dw, false);
	char *r = xasprintf("%s%*s%s%*s%s%*s%s", cid, COL_GAP, "", cst,
	    COL_GAP, "", cty, COL_GAP, "", cdo);

	free(cid);
	free(cst);
	free(cty);
	free(cdo);
	return r;
}

/* The width of the list's lines: the body less the menu's mark. */
static int
list_width(void)
{
	struct ui_area a;

	ui_body(&a);
	return a.w - 2;
}

static void
load(struct wiz *w)
{
	struct apps *s = w->state;
	const char **names;
	char **lines;
	size_t i;
	int cur = s->menu != NULL ? ui_menu_current(s->menu) : 0;
	char *keep = s->menu != NULL && cur < (int)s->n ?
	    xstrdup(s->list[cur].id) : NULL;

	ui_menu_free(s->menu);
	s->menu = NULL;
	store_list_free(s->list, s->n);
	s->list = NULL;
	s->n = 0;
	free(s->error);
	s->error = NULL;
	s->width = list_width();
	if (store_list(&s->list, &s->n, &s->error) != 0 || s->n == 0) {
		free(keep);
		return;
	}
	/* The same application stays selected (the list is in order of
	   change, and what was just changed moves up). */
	for (i = 0; keep != NULL && i < s->n; i++)
		if (strcmp(s->list[i].id, keep) == 0)
			cur = (int)i;
	free(keep);
	names = xcalloc(s->n, sizeof *names);
	lines = xcalloc(s->n, sizeof *lines);
	s->cols = size_cols(s->list, s->n, s->width);
	for (i = 0; i < s->n; i++) {
		const struct application *app = s->list[i].app;

		if (app == NULL) {
			char *cid = fit(s->list[i].id, s->cols.id, true);

			lines[i] = xasprintf("%s%*s%s", cid, COL_GAP, "",
			    _("(cannot be read)"));
			free(cid);
		} else
			lines[i] = row(&s->cols, s->width, s->list[i].id, app);
		names[i] = lines[i];
	}
	s->menu = ui_menu_new(names, NULL, s->n);
	ui_menu_set_current(s->menu, cur < (int)s->n ? cur : 0);
	for (i = 0; i < s->n; i++)
		free(lines[i]);
	free(lines);
	free(names);
}

static void
apps_enter(struct wiz *w)
{
	w->state = xcalloc(1, sizeof(struct apps));
	((struct apps *)w->state)->lock = -1;
	load(w);
}

static void
draw_details(struct wiz *w)
{
	struct apps *s = w->state;
	struct ui_area a;
	const struct store_entry *e;
	const struct cert_type *t;
	char *line, *fqdn;
	int y;
	size_t i;

	ui_body(&a);
	for (y = s->details_y; y < a.y + a.h; y++)
		ui_blank(y, a.x, a.w);
	if (s->menu == NULL)
		return;
	e = &s->list[ui_menu_current(s->menu)];
	y = s->details_y;
	if (e->app == NULL) {
		ui_put(y, a.x, a.w, e->error != NULL ? e->error : "",
		    ui_attr(UI_ERROR));
		return;
	}
	t = e->app->type != NULL ? catalog_find(w->cat, e->app->type) : NULL;
	if (e->app->backend.status != NULL &&
	    e->app->backend.name != NULL &&
	    strcmp(e->app->backend.name, "cas") == 0)
		line = xasprintf(_("State: %s (the CA: %s)"),
		    app_state_label(e->app->state), e->app->backend.status);
	else
		line = xasprintf(_("State: %s"),
		    app_state_label(e->app->state));
	ui_put(y++, a.x, a.w, line, A_BOLD);
	free(line);
	if (e->app->state == APP_AWAITING_VALIDATION &&
	    (fqdn = backend_record_fqdn(e->app)) != NULL) {
		line = xasprintf(_("Publish: %s %s %s"), fqdn,
		    e->app->backend.record_type != NULL ?
		    e->app->backend.record_type : "TXT",
		    e->app->backend.record_value != NULL ?
		    e->app->backend.record_value : "");
		ui_put(y++, a.x, a.w, line, ui_attr(UI_WARNING));
		free(line);
		free(fqdn);
	}
	if (e->app->state == APP_ISSUED) {
		ui_put(y++, a.x, a.w, _("Press x to export it for nginx, "
		    "Apache, IIS or Tomcat."), ui_attr(UI_OK));
	}
	if (e->app->backend.message != NULL && e->app->state != APP_ISSUED) {
		line = xasprintf(_("Last error: %s"), e->app->backend.message);
		ui_put(y++, a.x, a.w, line, ui_attr(UI_ERROR));
		free(line);
	}
	if (t != NULL) {
		char *iss = catalog_issuance_text(t);
		unsigned days = catalog_validity_days(t, e->app->created != 0 ?
		    e->app->created : time(NULL));
		time_t lo, hi;
		bool after;

		line = xasprintf(_("Type: %s"), _(t->name));
		ui_put(y++, a.x, a.w, line, A_NORMAL);
		free(line);
		if (backend_expected_issuance(e->app, t, &lo, &hi, &after) &&
		    !after) {
			char when[32];
			struct tm tm;

			if (localtime_r(&hi, &tm) == NULL || strftime(when,
			    sizeof when, "%Y-%m-%d %H:%M", &tm) == 0)
				strcpy(when, "?");
			line = xasprintf(_("Expected issuance: %s (by %s)"),
			    iss, when);
		} else
			line = xasprintf(_("Expected issuance: %s"), iss);
		ui_put(y++, a.x, a.w, line, A_NORMAL);
		free(line);
		line = xasprintf(ngettext("Validity: %u day",
		    "Validity: %u days", days), days);
		ui_put(y++, a.x, a.w, line, A_NORMAL);
		free(line);
		free(iss);
	}
	ui_put(y++, a.x, a.w, _("Domains:"), A_NORMAL);
	for (i = 0; i < e->app->ndomains && y < a.y + a.h; i++) {
		char *shown = domain_display(e->app->domains[i]);

		ui_put(y++, a.x + 2, a.w - 2, shown, A_NORMAL);
		free(shown);
	}
}

static void
apps_draw(struct wiz *w)
{
	struct apps *s = w->state;
	struct ui_area a;
	char *title;
	int h;

	ui_body(&a);
	if (s->error != NULL)
		ui_put(a.y, a.x, a.w, s->error, ui_attr(UI_ERROR));
	if (s->menu == NULL) {
		ui_put(a.y + 1, a.x, a.w, _("No applications yet. Esc goes "
		    "back to start one."), A_NORMAL);
		return;
	}
	/* The columns follow the body's width (a resized terminal). */
	if (s->width != list_width()) {
		load(w);
		if (s->menu == NULL)
			return;
	}
	title = row(&s->cols, s->width, pgettext("column", "ID"), NULL);
	ui_put(a.y, a.x + 2, a.w - 2, title, ui_attr(UI_TITLE));
	free(title);
	h = (int)s->n < 8 ? (int)s->n : 8;
	ui_menu_post(s->menu, a.y + 1, a.x, h, a.w);
	s->details_y = a.y + h + 2;
	draw_details(w);
}

static bool
apps_tick(struct wiz *w)
{
	(void)w;
	return true;
}

static void
spinner(struct apps *s)
{
	static const char spin[] = "|/-\\";

	ui_message(UI_NORMAL, _("%c Asking the CA about %s..."),
	    spin[s->spin++ % 4], s->japp->id);
}

/*
 * Start op on japp (taken) with backend b (taken), holding japp's lock
 * until the job ends. Returns false after saying why it did not start.
 */
static bool
job_start(struct wiz *w, struct backend *b, enum backend_op op,
    struct application *japp)
{
	struct apps *s = w->state;
	struct application *fresh = NULL;
	char *err = NULL;

	if ((s->lock = wiz_lock(japp->id)) == -1) {
		backend_close(b);
		app_free(japp);
		return false;
	}
	/* Read again under the lock: another process may have changed it. */
	if (s->lock != WIZ_LOCK_HELD &&
	    store_load(japp->id, &fresh, &err) == STORE_OK) {
		app_free(japp);
		japp = fresh;
	}
	free(err);
	err = NULL;
	s->b = b;
	s->op = op;
	s->japp = japp;
	if ((s->job = backend_job_start(b, op, japp, w->cat, &err)) == NULL) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
		backend_close(s->b);
		s->b = NULL;
		app_free(s->japp);
		s->japp = NULL;
		wiz_unlock(s->lock);
		s->lock = -1;
		return false;
	}
	w->busy = true;
	w->tick = apps_tick;
	spinner(s);
	return true;
}

/* A fresh copy of entry e from the store, or NULL after saying why. */
static struct application *
fresh(const struct store_entry *e)
{
	struct application *app = NULL;
	char *err = NULL;

	if (store_load(e->id, &app, &err) != STORE_OK) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
		return NULL;
	}
	return app;
}

/* Ask whether to return the quota now; true: a release job started. */
static bool
offer_release(struct wiz *w, struct application *app, struct backend *b,
    bool then_reopen)
{
	struct apps *s = w->state;
	const char *buttons[2];
	char *q;
	int r;

	buttons[0] = _("Return it");
	buttons[1] = _("Keep it");
	q = xasprintf(_("Order %lld of %s still holds a unit of your plan. "
	    "Return it now? DeleteCertificateRequest deletes the order at "
	    "the CA and gives the unit back, so that you can apply again."),
	    (long long)app->backend.order_id, app->id);
	r = ui_ask(_("Return the quota"), q, buttons, 2, 0);
	free(q);
	if (r != 0)
		return false;
	if (b == NULL && (b = wiz_backend_open(app, false)) == NULL)
		return false;
	s->then_reopen = then_reopen;
	return job_start(w, b, BACKEND_RELEASE, app_dup(app));
}

/* Reopen app (taken) as a draft and open it in the wizard. */
static enum screen_result
reopen(struct wiz *w, struct application *app)
{
	char *err = NULL;

	/* Open it (and so lock it) before it is changed. */
	if (!wiz_open(w, app_dup(app))) {
		app_free(app);
		return SCREEN_REDRAW;
	}
	app_free(app);
	app = app_dup(w->app);
	if (backend_reopen(app, &err) != 0) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
		app_free(app);
		return SCREEN_REDRAW;
	}
	/* wiz_open takes app (and may replace it with a fresher copy):
	   from here on only w->app. */
	if (!wiz_open(w, app))
		return SCREEN_REDRAW;
	ui_message(UI_OK, _("%s is a draft again: change what the CA "
	    "needs, then submit it."), w->app->id);
	w->go_to = w->app->screen != NULL ? w->app->screen : "domains";
	return SCREEN_GOTO;
}

/* The job ended: say how, and go on (quota, reopen) where asked. */
static enum screen_result
job_done(struct wiz *w)
{
	struct apps *s = w->state;
	struct application *app = s->japp;
	struct backend *b = s->b;
	enum backend_op op = s->op;
	char *err = NULL;
	int rc = backend_job_finish(s->job, &app, &err);

	s->job = NULL;
	s->japp = NULL;
	s->b = NULL;
	w->busy = false;
	w->tick = NULL;
	/* The job saved its copy: the lock has done its work. */
	wiz_unlock(s->lock);
	s->lock = -1;
	/* The wizard's own copy of this application is out of date now. */
	if (w->app != NULL && w->app->id != NULL &&
	    strcmp(w->app->id, app->id) == 0)
		(void)wiz_open(w, app_dup(app));
	if (rc != 0) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
		backend_close(b);
		app_free(app);
		s->then_reopen = false;
		load(w);
		return SCREEN_REDRAW;
	}
	if (op == BACKEND_WITHDRAW && backend_needs_release(app)) {
		load(w);
		wiz_redraw();
		if (offer_release(w, app, b, false)) {
			app_free(app);
			return SCREEN_REDRAW;
		}
	}
	backend_close(b);
	if (op == BACKEND_RELEASE && s->then_reopen) {
		s->then_reopen = false;
		return reopen(w, app);
	}
	switch (op) {
	case BACKEND_REFRESH:
		ui_message(UI_OK, _("%s: %s."), app->id,
		    app_state_label(app->state));
		break;
	case BACKEND_WITHDRAW:
		ui_message(UI_OK, _("%s is withdrawn. o reopens it as a "
		    "draft."), app->id);
		break;
	case BACKEND_RELEASE:
		ui_message(UI_OK, _("The quota of %s is returned to your "
		    "plan."), app->id);
		break;
	case BACKEND_SUBMIT:
		break;
	}
	app_free(app);
	load(w);
	return SCREEN_REDRAW;
}

static bool
sent_with_cas(const struct application *app)
{
	return app->backend.name != NULL &&
	    strcmp(app->backend.name, "cas") == 0;
}

static enum screen_result
do_refresh(struct wiz *w, const struct store_entry *e)
{
	struct application *app;
	struct backend *b;

	if (e == NULL || e->app == NULL || !sent_with_cas(e->app) ||
	    e->app->state == APP_ISSUED || e->app->state == APP_WITHDRAWN) {
		load(w);
		ui_message(UI_OK, "%s", _("The list was read again."));
		return SCREEN_REDRAW;
	}
	if (e->app->state == APP_SENDING) {
		ui_message(UI_WARNING, _("The answer to the submission of %s "
		    "was lost: certwiz submit %s finds out whether the CA has "
		    "it."), e->id, e->id);
		return SCREEN_STAY;
	}
	if ((app = fresh(e)) == NULL)
		return SCREEN_STAY;
	if ((b = wiz_backend_open(app, false)) == NULL) {
		app_free(app);
		return SCREEN_STAY;
	}
	job_start(w, b, BACKEND_REFRESH, app);
	return SCREEN_STAY;
}

static enum screen_result
do_withdraw(struct wiz *w, const struct store_entry *e)
{
	const char *buttons[2];
	struct application *app;
	struct backend *b;
	char *q, *err = NULL;
	int r;

	if (e->app == NULL || (app = fresh(e)) == NULL)
		return SCREEN_STAY;
	if (app->state == APP_WITHDRAWN && backend_needs_release(app)) {
		(void)offer_release(w, app, NULL, false);
		app_free(app);
		return SCREEN_REDRAW;
	}
	if (!backend_can_withdraw(app) && (app->state == APP_DRAFT ||
	    app->state == APP_READY)) {
		/* The CLI's message names certwiz delete; here it is d. */
		ui_message(UI_WARNING, _("%s was never submitted: there is "
		    "nothing to withdraw. Press d to delete it."), app->id);
		app_free(app);
		return SCREEN_STAY;
	}
	if (!backend_can_withdraw(app)) {
		/* It says why (issued, being sent). */
		if (backend_withdraw(NULL, app, &err) != 0) {
			ui_message(UI_WARNING, "%s", err);
			free(err);
		}
		app_free(app);
		return SCREEN_STAY;
	}
	buttons[0] = _("Withdraw");
	buttons[1] = _("Keep");
	if (sent_with_cas(app) && app->backend.order_id != 0)
		q = xasprintf(_("Withdraw %s (order %lld)? The CA stops "
		    "processing it (CancelOrderRequest). A withdrawn "
		    "application can be reopened as a draft and submitted "
		    "again."), app->id, (long long)app->backend.order_id);
	else
		q = xasprintf(_("Withdraw %s? A withdrawn application can be "
		    "reopened as a draft and submitted again."), app->id);
	r = ui_ask(_("Withdraw"), q, buttons, 2, 1);
	free(q);
	if (r != 0) {
		app_free(app);
		return SCREEN_REDRAW;
	}
	if ((b = wiz_backend_open(app, false)) == NULL) {
		app_free(app);
		return SCREEN_REDRAW;
	}
	job_start(w, b, BACKEND_WITHDRAW, app);
	return SCREEN_REDRAW;
}

static enum screen_result
do_reopen(struct wiz *w, const struct store_entry *e)
{
	struct application *app;

	if (e->app == NULL)
		return SCREEN_STAY;
	if (e->app->state != APP_WITHDRAWN) {
		ui_message(UI_WARNING, "%s", _("Only a withdrawn application "
		    "can be reopened: withdraw it first (w)."));
		return SCREEN_STAY;
	}
	if ((app = fresh(e)) == NULL)
		return SCREEN_STAY;
	if (backend_needs_release(app)) {
		bool started = offer_release(w, app, NULL, true);

		if (!started)
			ui_message(UI_WARNING, _("%s still holds a unit of "
			    "your plan at the CA: return it before reopening "
			    "it."), app->id);
		app_free(app);
		return SCREEN_REDRAW;
	}
	return reopen(w, app);
}

static enum screen_result
apps_key(struct wiz *w, const struct ui_key *k)
{
	struct apps *s = w->state;
	const struct store_entry *e;
	int before;

	if (s->job != NULL) {
		if (k->fkey && k->code == UI_KEY_TICK) {
			if (backend_job_done(s->job))
				return job_done(w);
			spinner(s);
		} else if (!k->fkey && k->ch == 0x1b)
			ui_message(UI_WARNING, "%s", _("Waiting for the CA's "
			    "answer: a moment, please."));
		return SCREEN_STAY;
	}
	if (k->fkey && k->code == UI_KEY_TICK)
		return SCREEN_STAY;
	e = s->menu != NULL ? &s->list[ui_menu_current(s->menu)] : NULL;
	if (!k->fkey && k->ch == 'r')
		return do_refresh(w, e);
	if (e == NULL)
		return SCREEN_STAY;
	if (!k->fkey && k->ch == 'w')
		return do_withdraw(w, e);
	if (!k->fkey && k->ch == 'o')
		return do_reopen(w, e);
	if (!k->fkey && k->ch == 'c' && e->app != NULL &&
	    e->app->state != APP_DRAFT && e->app->state != APP_READY) {
		struct application *app;

		/* Check now: on the Submitted screen, where the result
		   has room. */
		if ((app = fresh(e)) == NULL)
			return SCREEN_STAY;
		if (!wiz_open(w, app))
			return SCREEN_REDRAW;
		w->check_now = true;
		w->go_to = "submitted";
		return SCREEN_GOTO;
	}
	if (!k->fkey && k->ch == 'x' && e->app != NULL) {
		/* Export for a server: the same core as certwiz export. */
		ui_export_dialog(e->app);
		return SCREEN_REDRAW;
	}
	if (k->fkey && k->code == KEY_ENTER) {
		struct application *app;

		if (e->app == NULL || (app = fresh(e)) == NULL)
			return SCREEN_STAY;
		if (!wiz_open(w, app))
			return SCREEN_REDRAW;
		/* wiz_open took app, and may have read a fresher copy. */
		if (w->app->state != APP_DRAFT && w->app->state != APP_READY)
			/* Sent, prepared or withdrawn: where it is. */
			w->go_to = "submitted";
		else
			w->go_to = w->app->screen;
		return SCREEN_GOTO;
	}
	if ((!k->fkey && k->ch == 'd') || (k->fkey && k->code == KEY_DC)) {
		const char *buttons[2];
		char *q, *err = NULL;

		if (e->app == NULL || e->app->state != APP_DRAFT) {
			ui_message(UI_WARNING, "%s", _("Only drafts can be "
			    "deleted here."));
			return SCREEN_STAY;
		}
		buttons[0] = _("Delete");
		buttons[1] = _("Keep");
		q = xasprintf(_("Delete the draft %s and its files? This "
		    "cannot be undone."), e->id);
		if (ui_ask(_("Delete"), q, buttons, 2, 1) == 0) {
			int lock = wiz_lock(e->id);

			/* When it is open elsewhere, wiz_lock says where. */
			if (lock != -1 && store_delete(e->id, &err) != 0) {
				ui_message(UI_ERROR, "%s", err);
				free(err);
			} else if (lock != -1) {
				ui_message(UI_OK, _("Deleted %s."), e->id);
				/* The open draft is gone: never save it
				   back. */
				if (lock == WIZ_LOCK_HELD)
					(void)wiz_open(w, NULL);
			}
			wiz_unlock(lock);
			load(w);
		}
		free(q);
		return SCREEN_REDRAW;
	}
	before = ui_menu_current(s->menu);
	if (ui_menu_key(s->menu, k) && ui_menu_current(s->menu) != before)
		draw_details(w);
	return SCREEN_STAY;
}

static void
apps_leave(struct wiz *w)
{
	struct apps *s = w->state;

	ui_menu_free(s->menu);
	store_list_free(s->list, s->n);
	free(s->error);
	/* A job still running at exit owns its copy and backend. */
	if (s->job == NULL) {
		backend_close(s->b);
		app_free(s->japp);
	}
	free(s);
}

static void
apps_cursor(struct wiz *w)
{
	struct apps *s = w->state;
	struct ui_area a;

	if (s->menu != NULL)
		ui_menu_cursor(s->menu);
	else {
		ui_body(&a);
		move(a.y + 1, a.x);
	}
}

static char *
apps_tip(struct wiz *w)
{
	(void)w;
	return xstrdup(_("Drafts and applications, most recent first. Enter "
	    "opens a draft where you left it, or shows what happens next for "
	    "a submitted one; r asks the CA where the selected application "
	    "is (and reads the list again); w withdraws it before it is "
	    "issued (after asking; then, if the order holds a unit of your "
	    "plan, offers to return it); o reopens a withdrawn application "
	    "as a draft to change and submit again; d deletes a draft (after "
	    "asking)."));
}

const struct screen_ops screen_applications = {
	.name = "applications",
	.title = N_("Applications"),
	.hint = N_("Enter open  r refresh  w withdraw  o reopen  d delete  "
	    "Esc back  ^Q quit"),
	.step = false,
	.enter = apps_enter,
	.draw = apps_draw,
	.key = apps_key,
	.leave = apps_leave,
	.tip = apps_tip,
	.cursor = apps_cursor,
};
