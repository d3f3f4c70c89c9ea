/* Verification: how the domains are proved, and for types with documents
 * the qualification documents and the template to fill in. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/catalog.h"
#include "../src/fields.h"
#include "../src/i18n.h"
#include "../src/verdict.h"
#include "../src/xmalloc.h"

enum ver_focus { VF_METHOD, VF_NEXT, VF_BACK, VF_N };

struct ver {
	struct ui_menu *menu;
	const char *methods[2];	/* offered: "dns", and "file" unless ... */
	size_t nmethods;
	enum ver_focus focus;
	int pos[VF_N][2];
};

static bool
has_wildcard(const struct application *app)
{
	size_t i;

	for (i = 0; i < app->ndomains; i++)
		if (strncmp(app->domains[i], "*.", 2) == 0)
			return true;
	return false;
}

static void
ver_enter(struct wiz *w)
{
	struct ver *v = xcalloc(1, sizeof *v);
	const struct field_def *fd = field_find("validation.method");
	const char *names[2];
	unsigned allowed = w->type != NULL ? w->type->validation :
	    VALIDATION_DNS;
	size_t i;

	if (allowed & VALIDATION_DNS)
		v->methods[v->nmethods++] = "dns";
	/* A wildcard name can only be validated with DNS. */
	if ((allowed & VALIDATION_FILE) && !has_wildcard(w->app))
		v->methods[v->nmethods++] = "file";
	for (i = 0; i < v->nmethods; i++)
		names[i] = field_choice_label(fd, v->methods[i]);
	v->menu = ui_menu_new(names, NULL, v->nmethods);
	for (i = 0; i < v->nmethods; i++)
		if (w->app->validation_method != NULL &&
		    strcmp(w->app->validation_method, v->methods[i]) == 0)
			ui_menu_set_current(v->menu, (int)i);
	if (w->app->validation_method == NULL ||
	    (strcmp(w->app->validation_method, "file") == 0 &&
	    v->nmethods < 2)) {
		free(w->app->validation_method);
		w->app->validation_method = xstrdup(v->methods[0]);
		ui_menu_set_current(v->menu, 0);
	}
	w->state = v;
}

static void
button(struct ver *v, enum ver_focus f, int y, int x, const char *label)
{
	char *b = xasprintf("[ %s ]", label);

	ui_put(y, x, 40, b, A_BOLD);
	v->pos[f][0] = y;
	v->pos[f][1] = x + 2;
	free(b);
}

static void
ver_draw(struct wiz *w)
{
	struct ver *v = w->state;
	struct ui_area a;
	char **lines;
	size_t n, i;
	int y;

	ui_body(&a);
	ui_put(a.y, a.x, a.w, _("How will you prove that you control the "
	    "domains?"), ui_attr(UI_TITLE));
	ui_menu_post(v->menu, a.y + 2, a.x, (int)v->nmethods, a.w);
	y = a.y + 5;
	lines = ui_wrap(strcmp(w->app->validation_method, "file") == 0 ?
	    _("After submitting you publish a small file the CA gives you at "
	    "http://YOUR-DOMAIN/.well-known/pki-validation/ on every name. "
	    "The server must answer on port 80.") :
	    _("After submitting you add a TXT record the CA gives you (at "
	    "_dnsauth.YOUR-DOMAIN) in the DNS of each domain. certwiz status "
	    "shows the exact record."), a.w, &n);
	for (i = 0; i < n; i++)
		ui_put(y++, a.x, a.w, lines[i], ui_attr(UI_DIM));
	ui_lines_free(lines);
	if (has_wildcard(w->app))
		ui_put(++y, a.x, a.w, _("Wildcard names can only be validated "
		    "by DNS."), ui_attr(UI_DIM));
	button(v, VF_NEXT, a.y + a.h - 1, a.x, _("Next"));
	button(v, VF_BACK, a.y + a.h - 1, a.x + ui_width(_("Next")) + 6,
	    _("Back"));
}

static void
ver_cursor(struct wiz *w)
{
	struct ver *v = w->state;

	if (v->focus == VF_METHOD)
		ui_menu_cursor(v->menu);
	else
		move(v->pos[v->focus][0], v->pos[v->focus][1]);
}

static enum screen_result
ver_key(struct wiz *w, const struct ui_key *k)
{
	struct ver *v = w->state;
	bool enter = (k->fkey && k->code == KEY_ENTER) ||
	    (!k->fkey && k->ch == ' ');

	if (!k->fkey && k->ch == '\t') {
		v->focus = (enum ver_focus)((v->focus + 1) % VF_N);
		return SCREEN_STAY;
	}
	if (k->fkey && k->code == KEY_BTAB) {
		v->focus = (enum ver_focus)((v->focus + VF_N - 1) % VF_N);
		return SCREEN_STAY;
	}
	switch (v->focus) {
	case VF_METHOD:
		if (enter) {
			v->focus = VF_NEXT;
			return SCREEN_STAY;
		}
		if (ui_menu_key(v->menu, k)) {
			free(w->app->validation_method);
			w->app->validation_method = xstrdup(
			    v->methods[ui_menu_current(v->menu)]);
			return SCREEN_REDRAW;
		}
		return SCREEN_STAY;
	case VF_NEXT:
		return enter ? SCREEN_NEXT : SCREEN_STAY;
	case VF_BACK:
		return enter ? SCREEN_BACK : SCREEN_STAY;
	case VF_N:
		break;
	}
	return SCREEN_STAY;
}

static void
ver_leave(struct wiz *w)
{
	struct ver *v = w->state;

	ui_menu_free(v->menu);
	free(v);
}

static bool
ver_complete(const struct wiz *w)
{
	return w->app->validation_method != NULL &&
	    (w->type == NULL || w->app->ndocs >= w->type->documents);
}

static char *
ver_tip(struct wiz *w)
{
	const struct field_def *fd = field_find("validation.method");

	(void)w;
	return xstrdup(_(fd->tip));
}

const struct screen_ops screen_verification = {
	.name = "verification",
	.title = N_("Verification"),
	.hint = N_("Tab move  Enter select  Esc back  F1/^G tips  F2/^S save  "
	    "F10/^Q quit"),
	.step = true,
	.enter = ver_enter,
	.draw = ver_draw,
	.key = ver_key,
	.leave = ver_leave,
	.complete = ver_complete,
	.tip = ver_tip,
	.cursor = ver_cursor,
};
