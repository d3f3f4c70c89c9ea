/* The certificate type: the catalog, with what each type requires. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/catalog.h"
#include "../src/i18n.h"
#include "../src/xmalloc.h"

struct type_state {
	struct ui_menu *menu;
	int details_y;
};

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
	if (t->max_wildcards == 0)
		out[n++] = xstrdup(_("Wildcard (*.example.com): not allowed"));
	else if (t->mix)
		out[n++] = xstrdup(_("Wildcard (*.example.com): allowed, "
		    "mixed with plain names"));
	else
		out[n++] = xstrdup(_("Wildcard (*.example.com): allowed; "
		    "all names plain or all wildcard"));
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

static void
draw_details(struct wiz *w)
{
	struct type_state *s = w->state;
	struct ui_area a;
	const struct cert_type *t;
	char *facts[8];
	size_t n, i, k, row = 0;
	int y;

	ui_body(&a);
	for (y = s->details_y; y < a.y + a.h; y++)
		ui_blank(y, a.x, a.w);
	t = &w->cat->types[ui_menu_current(s->menu)];
	n = type_facts(t, facts, 8);
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
}

static void
type_draw(struct wiz *w)
{
	struct type_state *s = w->state;
	struct ui_area a;
	int h = (int)w->cat->n;

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

	if (k->fkey && k->code == KEY_ENTER) {
		const struct cert_type *t =
		    &w->cat->types[ui_menu_current(s->menu)];

		free(w->app->type);
		w->app->type = xstrdup(t->id);
		w->type = t;
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

	ui_menu_cursor(s->menu);
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
	    "(www.example.com, shop.example.com) but not example.com "
	    "itself."));
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
