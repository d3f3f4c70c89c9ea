/* Applications: drafts and applications with their state, type, domains,
 * expected issuance and validity; open one, delete a draft. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/catalog.h"
#include "../src/i18n.h"
#include "../src/store.h"
#include "../src/xmalloc.h"

struct apps {
	struct store_entry *list;
	size_t n;
	struct ui_menu *menu;
	char *error;
	int details_y;
};

static void
load(struct wiz *w)
{
	struct apps *s = w->state;
	const char **names;
	char **lines;
	size_t i;
	int cur = s->menu != NULL ? ui_menu_current(s->menu) : 0;

	ui_menu_free(s->menu);
	s->menu = NULL;
	store_list_free(s->list, s->n);
	s->list = NULL;
	s->n = 0;
	free(s->error);
	s->error = NULL;
	if (store_list(&s->list, &s->n, &s->error) != 0 || s->n == 0)
		return;
	names = xcalloc(s->n, sizeof *names);
	lines = xcalloc(s->n, sizeof *lines);
	for (i = 0; i < s->n; i++) {
		const struct application *app = s->list[i].app;

		if (app == NULL)
			lines[i] = xasprintf("%-10s %s", s->list[i].id,
			    _("(cannot be read)"));
		else
			lines[i] = xasprintf("%-10s %-12s %-13s %s%s",
			    s->list[i].id, app_state_name(app->state),
			    app->type != NULL ? app->type : "-",
			    app->ndomains > 0 ? app->domains[0] : "-",
			    app->ndomains > 1 ? " +" : "");
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
	load(w);
}

static void
draw_details(struct wiz *w)
{
	struct apps *s = w->state;
	struct ui_area a;
	const struct store_entry *e;
	const struct cert_type *t;
	char *line;
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
	line = xasprintf(_("State: %s"), app_state_label(e->app->state));
	ui_put(y++, a.x, a.w, line, A_BOLD);
	free(line);
	if (t != NULL) {
		char *iss = catalog_issuance_text(t);
		unsigned days = catalog_validity_days(t, e->app->created != 0 ?
		    e->app->created : time(NULL));

		line = xasprintf(_("Type: %s"), _(t->name));
		ui_put(y++, a.x, a.w, line, A_NORMAL);
		free(line);
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
	for (i = 0; i < e->app->ndomains && y < a.y + a.h; i++)
		ui_put(y++, a.x + 2, a.w - 2, e->app->domains[i], A_NORMAL);
}

static void
apps_draw(struct wiz *w)
{
	struct apps *s = w->state;
	struct ui_area a;
	int h;

	ui_body(&a);
	if (s->error != NULL)
		ui_put(a.y, a.x, a.w, s->error, ui_attr(UI_ERROR));
	if (s->menu == NULL) {
		ui_put(a.y + 1, a.x, a.w, _("No applications yet. Esc goes "
		    "back to start one."), A_NORMAL);
		return;
	}
	ui_put(a.y, a.x, a.w, _("ID         state        type          "
	    "domains"), ui_attr(UI_TITLE));
	h = (int)s->n < 8 ? (int)s->n : 8;
	ui_menu_post(s->menu, a.y + 1, a.x, h, a.w);
	s->details_y = a.y + h + 2;
	draw_details(w);
}

static enum screen_result
apps_key(struct wiz *w, const struct ui_key *k)
{
	struct apps *s = w->state;
	const struct store_entry *e;
	int before;

	if (!k->fkey && k->ch == 'r') {
		load(w);
		ui_message(UI_OK, "%s", _("The list was read again."));
		return SCREEN_REDRAW;
	}
	if (s->menu == NULL)
		return SCREEN_STAY;
	e = &s->list[ui_menu_current(s->menu)];
	if (k->fkey && k->code == KEY_ENTER) {
		struct application *app = NULL;
		char *err = NULL;

		if (e->app == NULL)
			return SCREEN_STAY;
		if (e->app->state != APP_DRAFT && e->app->state != APP_READY) {
			ui_message(UI_WARNING, _("%s is %s: certwiz status %s "
			    "shows where it is."), e->id,
			    app_state_label(e->app->state), e->id);
			return SCREEN_STAY;
		}
		if (store_load(e->id, &app, &err) != STORE_OK) {
			ui_message(UI_ERROR, "%s", err);
			free(err);
			return SCREEN_STAY;
		}
		wiz_open(w, app);
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
			if (store_delete(e->id, &err) != 0) {
				ui_message(UI_ERROR, "%s", err);
				free(err);
			} else
				ui_message(UI_OK, _("Deleted %s."), e->id);
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
	    "opens a draft where you left it; d deletes a draft (after "
	    "asking); r reads the list again. Submitted applications are "
	    "followed with certwiz status ID."));
}

const struct screen_ops screen_applications = {
	.name = "applications",
	.title = N_("Applications"),
	.hint = N_("Enter open  d delete draft  r refresh  Esc back  "
	    "F1/^G tips  ^Q quit"),
	.step = false,
	.enter = apps_enter,
	.draw = apps_draw,
	.key = apps_key,
	.leave = apps_leave,
	.tip = apps_tip,
	.cursor = apps_cursor,
};
