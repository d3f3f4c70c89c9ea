/* The first screen: start a new application, resume a draft, or see them
 * all. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/domain.h"
#include "../src/i18n.h"
#include "../src/store.h"
#include "../src/xmalloc.h"

#define MAX_DRAFTS 9

struct start {
	struct ui_menu *menu;
	char *ids[MAX_DRAFTS];	/* the drafts offered, menu entries 1.. */
	size_t ndrafts;
	char *error;		/* the store could not be read */
};

/* One line about a draft: id, type, first domain, when. */
static char *
draft_line(const struct application *app)
{
	char when[32] = "", *name, *line;
	struct tm tm;

	if (app->updated != 0 && localtime_r(&app->updated, &tm) != NULL)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	/* The Unicode form with its A-label, as every other screen. */
	name = app->ndomains > 0 ? domain_display(app->domains[0]) :
	    xstrdup(_("(no domain yet)"));
	/* TRANSLATORS: Start screen: "Resume k3f9-x2ab  standard
	   example.com  2026-11-29 22:10". */
	line = xasprintf(_("Resume %s  %s  %s  %s"), app->id,
	    app->type != NULL ? app->type : "-", name, when);
	free(name);
	return line;
}

static void
start_enter(struct wiz *w)
{
	struct start *s = xcalloc(1, sizeof *s);
	struct store_entry *list = NULL;
	const char *names[MAX_DRAFTS + 2];
	char *lines[MAX_DRAFTS];
	size_t n = 0, i, k = 0;

	/* The Start screen is about no application: let go of the one
	   shown last (the Applications list's, a draft's), or the step
	   list would still tick its steps. It was saved as it was left. */
	if (w->app != NULL)
		(void)wiz_open(w, NULL);
	if (store_list(&list, &n, &s->error) == 0) {
		for (i = 0; i < n && s->ndrafts < MAX_DRAFTS; i++) {
			const struct application *app = list[i].app;

			if (app == NULL || (app->state != APP_DRAFT &&
			    app->state != APP_READY))
				continue;
			lines[s->ndrafts] = draft_line(app);
			s->ids[s->ndrafts++] = xstrdup(list[i].id);
		}
		store_list_free(list, n);
	}
	names[k++] = _("New application");
	for (i = 0; i < s->ndrafts; i++)
		names[k++] = lines[i];
	names[k++] = _("View all applications");
	s->menu = ui_menu_new(names, NULL, k);
	/* Offer the latest draft first (DESIGN 7). */
	if (s->ndrafts > 0)
		ui_menu_set_current(s->menu, 1);
	for (i = 0; i < s->ndrafts; i++)
		free(lines[i]);
	w->state = s;
}

static void
start_draw(struct wiz *w)
{
	struct start *s = w->state;
	struct ui_area a;
	char **lines;
	size_t n, i;
	int y;

	ui_body(&a);
	lines = ui_wrap(_("certwiz prepares an application for an SSL/TLS "
	    "certificate step by step and checks every answer against the "
	    "rules the certificate authority applies. Drafts are saved as "
	    "you go."), a.w, &n);
	for (i = 0; i < n; i++)
		ui_put(a.y + (int)i, a.x, a.w, lines[i], A_NORMAL);
	y = a.y + (int)n + 1;
	ui_lines_free(lines);
	ui_put(y++, a.x, a.w, _("What would you like to do?"),
	    ui_attr(UI_TITLE));
	y++;
	ui_menu_post(s->menu, y, a.x, a.y + a.h - y - 2, a.w);
	if (s->error != NULL)
		ui_put(a.y + a.h - 1, a.x, a.w, s->error, ui_attr(UI_ERROR));
}

static enum screen_result
start_key(struct wiz *w, const struct ui_key *k)
{
	struct start *s = w->state;
	int i = ui_menu_current(s->menu);

	if (k->fkey && k->code == KEY_ENTER) {
		if (i == 0) {
			(void)wiz_open(w, app_new(NULL, NULL));
			w->go_to = "type";
			return SCREEN_GOTO;
		}
		if ((size_t)i <= s->ndrafts) {
			struct application *app = NULL;
			char *err = NULL;

			if (store_load(s->ids[i - 1], &app, &err) !=
			    STORE_OK) {
				ui_message(UI_ERROR, _("This draft cannot be "
				    "opened: %s"), err);
				free(err);
				return SCREEN_STAY;
			}
			if (!wiz_open(w, app))
				return SCREEN_REDRAW;
			w->go_to = w->app->screen;
			return SCREEN_GOTO;
		}
		w->go_to = "applications";
		return SCREEN_GOTO;
	}
	if (!k->fkey && k->ch == 0x1b)
		return SCREEN_STAY;
	ui_menu_key(s->menu, k);
	return SCREEN_STAY;
}

static void
start_leave(struct wiz *w)
{
	struct start *s = w->state;
	size_t i;

	ui_menu_free(s->menu);
	for (i = 0; i < s->ndrafts; i++)
		free(s->ids[i]);
	free(s->error);
	free(s);
}

static void
start_cursor(struct wiz *w)
{
	struct start *s = w->state;

	ui_menu_cursor(s->menu);
}

static char *
start_tip(struct wiz *w)
{
	(void)w;
	return xstrdup(_("New application starts from the certificate type. "
	    "A draft is an application you started: it opens at the screen "
	    "where you left it. View all applications lists drafts and "
	    "applications with their state.\n\nKeys: Up/Down choose, Enter "
	    "opens, F10 or Ctrl-Q leaves. Every function key has a Ctrl "
	    "twin: F1 = Ctrl-G, F2 = Ctrl-S, F10 = Ctrl-Q."));
}

const struct screen_ops screen_start = {
	.name = "start",
	.title = N_("Welcome"),
	.hint = N_("Up/Down choose  Enter open  F1/^G tips  F10/^Q quit"),
	.step = false,
	.enter = start_enter,
	.draw = start_draw,
	.key = start_key,
	.leave = start_leave,
	.tip = start_tip,
	.cursor = start_cursor,
};
