/* Verification: how the domains are proved, and for types with documents
 * the qualification documents and the template to fill in. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/catalog.h"
#include "../src/document.h"
#include "../src/fields.h"
#include "../src/i18n.h"
#include "../src/verdict.h"
#include "../src/xmalloc.h"

enum ver_focus {
	VF_METHOD, VF_DOCS, VF_ADD, VF_TEMPLATE, VF_NEXT, VF_BACK, VF_N
};

struct ver {
	struct ui_menu *menu;
	const char *methods[2];	/* offered: "dns", and "file" unless ... */
	size_t nmethods;
	enum ver_focus focus;
	int pos[VF_N][2];
	size_t sel;		/* the selected document */
	int docs_y;
	struct findings f;	/* why the last document was refused */
};

/* Whether this type asks for qualification documents. */
static bool
wants_docs(const struct wiz *w)
{
	return w->type != NULL && w->type->documents > 0;
}

static bool
focus_applies(const struct wiz *w, enum ver_focus f)
{
	switch (f) {
	case VF_DOCS:
		return wants_docs(w) && w->app->ndocs > 0;
	case VF_ADD:
	case VF_TEMPLATE:
		return wants_docs(w);
	default:
		return true;
	}
}

static void
move_focus(struct wiz *w, struct ver *v, int dir)
{
	int f = (int)v->focus;

	do
		f = (f + dir + VF_N) % VF_N;
	while (!focus_applies(w, (enum ver_focus)f));
	v->focus = (enum ver_focus)f;
}

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
	ui_button(y, x, 40, label);
	v->pos[f][0] = y;
	v->pos[f][1] = x + 2;
}

static void
draw_docs(struct wiz *w, const struct ui_area *a, int y)
{
	struct ver *v = w->state;
	int bottom = a->y + a->h - 2;
	char *t;
	size_t i;

	t = xasprintf(ngettext("Documents: %u required (PNG or JPEG, up to "
	    "%lu KB each)", "Documents: %u required (PNG or JPEG, up to %lu KB "
	    "each)", w->type->documents),
	    w->type->documents, w->type->document_bytes / 1000);
	{
		/* Whole at 80x24, wrapped as every message is. */
		char **lines;
		size_t n, k;

		lines = ui_wrap(t, a->w, &n);
		for (k = 0; k < n && y < bottom - 5; k++)
			ui_put(y++, a->x, a->w, lines[k], ui_attr(UI_TITLE));
		ui_lines_free(lines);
	}
	free(t);
	/* Which documents: the core says (F1 repeats it whole). */
	if ((t = catalog_documents_text(w->type, true)) != NULL) {
		char **lines;
		size_t n, k;

		lines = ui_wrap(t, a->w - 2, &n);
		for (k = 0; k < n && y < bottom - 4; k++)
			ui_put(y++, a->x + 2, a->w - 2, lines[k],
			    ui_attr(UI_DIM));
		ui_lines_free(lines);
		free(t);
	}
	v->docs_y = y;
	if (w->app->ndocs == 0)
		ui_put(y++, a->x + 2, a->w - 2, _("(none yet)"),
		    ui_attr(UI_DIM));
	for (i = 0; i < w->app->ndocs && y < bottom - 3; i++) {
		const struct app_document *d = &w->app->docs[i];
		/* A record may name only the copy (no "path"): show that. */
		const char *name = d->path != NULL ? d->path :
		    d->file != NULL ? d->file : "?";
		const char *base = strrchr(name, '/');

		/* TRANSLATORS: "1. licence.png  image/png 800x600, 120 KB". */
		t = xasprintf(_("%zu. %s  %s %ux%u, %lu KB"), i + 1,
		    base != NULL ? base + 1 : name,
		    d->mime != NULL ? d->mime : "", d->width, d->height,
		    (d->size + 999) / 1000);
		ui_put(y++, a->x + 2, a->w - 2, t, v->focus == VF_DOCS &&
		    i == v->sel ? ui_attr(UI_SELECT) : (int)A_NORMAL);
		free(t);
	}
	for (i = 0; i < v->f.n && y < bottom - 1; i++) {
		char **lines;
		size_t n, k;

		lines = ui_wrap(v->f.v[i].message, a->w - 2, &n);
		for (k = 0; k < n && y < bottom - 1; k++)
			ui_put(y++, a->x + 2, a->w - 2, lines[k],
			    ui_attr(v->f.v[i].level == VERDICT_ERROR ?
			    UI_ERROR : UI_WARNING));
		ui_lines_free(lines);
	}
	y = bottom - 1;
	button(v, VF_ADD, y, a->x, _("Add a document"));
	button(v, VF_TEMPLATE, y, a->x + ui_width(_("Add a document")) + 6,
	    _("Write the template"));
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
	    "/.well-known/pki-validation/fileauth.txt on every name. The CA "
	    "fetches it on ports 443 (HTTPS) and 80 (HTTP) and follows no "
	    "redirect: both must answer with the file itself. The name the "
	    "CA adds free (www.X, or X with *.X) is not added with file "
	    "validation.") :
	    _("After submitting you add a TXT record the CA gives you (at "
	    "_dnsauth.YOUR-DOMAIN) in the DNS of each domain. certwiz status "
	    "shows the exact record."), a.w, &n);
	for (i = 0; i < n; i++)
		ui_put(y++, a.x, a.w, lines[i], ui_attr(UI_DIM));
	ui_lines_free(lines);
	if (has_wildcard(w->app))
		ui_put(y++, a.x, a.w, _("Wildcard names can only be validated "
		    "by DNS."), ui_attr(UI_DIM));
	if (wants_docs(w))
		draw_docs(w, &a, y + 1);
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
	else if (v->focus == VF_DOCS)
		move(v->docs_y + (int)v->sel, v->pos[VF_ADD][1]);
	else
		move(v->pos[v->focus][0], v->pos[v->focus][1]);
}

static void
add_doc(struct wiz *w)
{
	struct ver *v = w->state;
	char *path, *err = NULL;
	int r;

	path = ui_prompt_path(_("Add a document"), _("The path of the scan "
	    "(PNG or JPEG). Tab completes the name."), NULL);
	if (path == NULL || *path == '\0') {
		free(path);
		return;
	}
	/* The copy goes into the application's folder: it needs one. */
	if (w->app->id == NULL && wiz_save(w) != 0) {
		free(path);
		return;
	}
	findings_clear(&v->f);
	r = doc_add(w->app, w->type, path, "documents", &v->f, &err);
	if (r < 0) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
	} else if (r == 0) {
		ui_message(UI_ERROR, _("%s was not added: the reason is shown "
		    "above."), path);
	} else {
		findings_clear(&v->f);
		ui_message(UI_OK, _("%s was checked and added."), path);
		v->sel = w->app->ndocs - 1;
		wiz_save(w);
	}
	free(path);
}

static void
remove_doc(struct wiz *w)
{
	struct ver *v = w->state;
	char *err = NULL;

	if (v->sel >= w->app->ndocs)
		return;
	if (doc_remove(w->app, v->sel, &err) != 0) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
		return;
	}
	if (v->sel > 0 && v->sel >= w->app->ndocs)
		v->sel--;
	if (w->app->ndocs == 0)
		v->focus = VF_ADD;
	ui_message(UI_OK, "%s", _("The document was removed."));
	wiz_save(w);
}

static void
write_template(struct wiz *w)
{
	char *def, *path, *err = NULL;
	bool force = false;

	def = xasprintf("authorization-%s.html", w->app->id != NULL ?
	    w->app->id : "draft");
	path = ui_prompt_path(_("Write the template"), _("Where to write the "
	    "authorization letter (HTML; .txt for plain text):"), def);
	free(def);
	if (path == NULL || *path == '\0') {
		free(path);
		return;
	}
	for (;;) {
		if (doc_template_write(w->app, w->type, path, force,
		    &err) == 0) {
			ui_message(UI_OK, _("Wrote %s: print it, fill in what "
			    "is blank, sign and stamp it, scan it, then add "
			    "the scan here."), path);
			break;
		}
		if (!force && access(path, F_OK) == 0) {
			const char *b[2];

			b[0] = _("Replace");
			b[1] = _("Cancel");
			free(err);
			err = NULL;
			if (ui_ask(_("Write the template"), _("That file "
			    "exists already. Replace it?"), b, 2, 1) == 0) {
				force = true;
				continue;
			}
			break;
		}
		ui_message(UI_ERROR, "%s", err);
		free(err);
		break;
	}
	free(path);
}

static enum screen_result
ver_key(struct wiz *w, const struct ui_key *k)
{
	struct ver *v = w->state;
	bool enter = (k->fkey && k->code == KEY_ENTER) ||
	    (!k->fkey && k->ch == ' ');

	if (!k->fkey && k->ch == '\t') {
		move_focus(w, v, 1);
		return SCREEN_REDRAW;
	}
	if (k->fkey && k->code == KEY_BTAB) {
		move_focus(w, v, -1);
		return SCREEN_REDRAW;
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
	case VF_DOCS:
		if (k->fkey && k->code == KEY_UP && v->sel > 0)
			v->sel--;
		else if (k->fkey && k->code == KEY_DOWN &&
		    v->sel + 1 < w->app->ndocs)
			v->sel++;
		else if ((k->fkey && k->code == KEY_DC) || (!k->fkey &&
		    (k->ch == 'd' || k->ch == 127 || k->ch == 8)))
			remove_doc(w);
		else
			return SCREEN_STAY;
		return SCREEN_REDRAW;
	case VF_ADD:
		if (enter)
			add_doc(w);
		return enter ? SCREEN_REDRAW : SCREEN_STAY;
	case VF_TEMPLATE:
		if (enter)
			write_template(w);
		return enter ? SCREEN_REDRAW : SCREEN_STAY;
	case VF_NEXT:
		if (!enter)
			return SCREEN_STAY;
		if (wants_docs(w) && w->app->ndocs < w->type->documents) {
			ui_message(UI_ERROR, ngettext("This type needs %u "
			    "qualification document: add it with Add a "
			    "document.", "This type needs %u qualification "
			    "documents: add them with Add a document.",
			    w->type->documents), w->type->documents);
			v->focus = VF_ADD;
			return SCREEN_REDRAW;
		}
		return SCREEN_NEXT;
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

	findings_clear(&v->f);
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
	char *docs = catalog_documents_text(w->type, false), *tip;

	if (docs == NULL)
		return xstrdup(_(fd->tip));
	tip = xasprintf("%s\n\n%s", _(fd->tip), docs);
	free(docs);
	return tip;
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
