/* Confirm: the whole application on one scrollable page, the problems
 * first; Submit (through the configured backend), Back, Save draft, Save
 * as answers file. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/domain.h"
#include "../src/backend.h"
#include "../src/batch.h"
#include "../src/catalog.h"
#include "../src/fields.h"
#include "../src/flow.h"
#include "../src/safetext.h"
#include "../src/settings.h"
#include "../src/i18n.h"
#include "../src/store.h"
#include "../src/verdict.h"
#include "../src/xmalloc.h"

enum conf_focus { CO_SUBMIT, CO_BACK, CO_SAVE, CO_ANSWERS, CO_N };

struct cline {
	char *text;
	enum ui_attr attr;
	int indent;
};

struct conf {
	struct cline *lines;
	size_t n, cap;
	int top;		/* first line shown */
	enum conf_focus focus;
	int pos[CO_N][2];
	bool ok;		/* flow_check passed */
	char *error;		/* why the last submission failed, or NULL */
	struct backend *b;	/* while a submission runs */
	struct backend_job *job;
	bool agree;		/* the CA's terms accepted here */
	int spin;
	time_t started;
};

static void
add(struct conf *c, enum ui_attr attr, int indent, const char *fmt, ...)
    CW_PRINTF(4, 5);

static void
add(struct conf *c, enum ui_attr attr, int indent, const char *fmt, ...)
{
	va_list ap;

	if (c->n == c->cap) {
		c->cap = c->cap * 2 + 32;
		c->lines = xreallocarray(c->lines, c->cap, sizeof *c->lines);
	}
	va_start(ap, fmt);
	c->lines[c->n].text = xvasprintf(fmt, ap);
	va_end(ap);
	c->lines[c->n].attr = attr;
	c->lines[c->n].indent = indent;
	c->n++;
}

static void
clear_lines(struct conf *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->lines[i].text);
	c->n = 0;
}

/* The label of the field a finding is about, or its key. */
static const char *
key_label(const char *key)
{
	const struct field_def *fd;

	if (key == NULL)
		return NULL;
	if ((fd = field_find(key)) != NULL)
		return _(fd->label);
	return key;
}

static void
add_findings(struct conf *c, const struct findings *f,
    enum verdict_level level)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		const char *label = key_label(f->v[i].key);

		if (f->v[i].level != level)
			continue;
		if (label != NULL)
			/* TRANSLATORS: a field's label and what is
			   said of it, or its value (Chinese: "%s：%s"). */
			add(c, level == VERDICT_ERROR ? UI_ERROR : UI_WARNING,
			    2, _("%s: %s"), label, f->v[i].message);
		else
			add(c, level == VERDICT_ERROR ? UI_ERROR : UI_WARNING,
			    2, "%s", f->v[i].message);
	}
}

static void
add_group(struct conf *c, const struct wiz *w, const char *group)
{
	const struct field_def *defs[16];
	size_t n = field_group(group, defs, 16), i;

	for (i = 0; i < n; i++) {
		const char *v = field_get(defs[i], w->app);

		if (!field_applies(defs[i], w->app, w->type))
			continue;
		/* An optional field left empty says nothing worth a line
		   ("ID type: (empty)" for a type that does not ask it). */
		if (v == NULL && !field_required(defs[i], w->app, w->type))
			continue;
		if (defs[i]->kind == FIELD_CHOICE)
			v = v != NULL ? field_choice_label(defs[i], v) : NULL;
		add(c, UI_NORMAL, 2, _("%s: %s"), _(defs[i]->label),
		    v != NULL ? v : _("(empty)"));
	}
}

static void
build(struct wiz *w)
{
	struct conf *c = w->state;
	struct findings f = { 0 };
	const struct field_def *fd;
	size_t i;

	clear_lines(c);
	c->ok = flow_check(w->app, w->cat, &f);
	if (c->error != NULL) {
		add(c, UI_ERROR, 0, "%s", _("The submission did not go "
		    "through:"));
		add(c, UI_ERROR, 2, "%s", c->error);
		if (w->app->state == APP_SENDING)
			add(c, UI_WARNING, 2, "%s", _("The CA's answer was "
			    "lost, so the application may have reached it. "
			    "Submit again: certwiz first asks the CA whether "
			    "it has the application, and sends it only if "
			    "not."));
		else
			add(c, UI_WARNING, 2, "%s", _("Nothing was sent. The "
			    "application is kept as it was: fix what the "
			    "message says, then Submit again."));
		add(c, UI_NORMAL, 0, "%s", "");
	}
	if (!c->ok) {
		add(c, UI_ERROR, 0, "%s", _("To fix before submitting (Esc "
		    "goes back to the screens):"));
		add_findings(c, &f, VERDICT_ERROR);
	}
	if (findings_count(&f, VERDICT_WARNING) > 0) {
		add(c, UI_WARNING, 0, "%s", _("Warnings (you may submit "
		    "anyway):"));
		add_findings(c, &f, VERDICT_WARNING);
	}
	if (c->ok && w->app->state == APP_SENDING)
		add(c, UI_WARNING, 0, "%s", _("A submission of this "
		    "application was started and its answer was lost: Submit "
		    "finds out whether the CA has it."));
	else if (c->ok)
		add(c, UI_OK, 0, "%s", _("Everything is complete: check the "
		    "details below, then Submit."));
	if (w->type != NULL && w->type->documents > 0)
		/* Said before Submit: the documents do not go with it. */
		add(c, UI_WARNING, 0, "%s", _("The CA's API cannot carry the "
		    "documents: once the application is sent, upload them in "
		    "the Alibaba Cloud SSL Certificates console (Certificate "
		    "Application > this order > upload documents)."));
	add(c, UI_NORMAL, 0, "%s", "");
	add(c, UI_TITLE, 0, "%s", _("Certificate type"));
	if (w->type != NULL) {
		char *iss = catalog_issuance_text(w->type);
		unsigned days = catalog_validity_days(w->type, time(NULL));

		add(c, UI_NORMAL, 2, "%s (%s)", _(w->type->name),
		    w->type->level);
		add(c, UI_NORMAL, 2, _("Expected issuance: %s"), iss);
		add(c, UI_NORMAL, 2, ngettext("Validity: %u day",
		    "Validity: %u days", days), days);
		free(iss);
	}
	add(c, UI_TITLE, 0, "%s", _("Domains"));
	for (i = 0; i < w->app->ndomains; i++) {
		/* The Unicode form beside the A-label sent (DESIGN 1). */
		char *shown = domain_display(w->app->domains[i]);

		add(c, UI_NORMAL, 2, "%zu. %s", i + 1, shown);
		free(shown);
	}
	{
		/* The name the CA adds free: never sent twice. */
		char *free_note = flow_complimentary_text(w->app, w->type);

		if (free_note != NULL)
			add(c, UI_NORMAL, 2, "%s", free_note);
		free(free_note);
	}
	add(c, UI_TITLE, 0, "%s", _("Applicant"));
	add_group(c, w, "applicant");
	if (w->type != NULL && w->type->company) {
		add(c, UI_TITLE, 0, "%s", _("Company"));
		add_group(c, w, "company");
	}
	add(c, UI_TITLE, 0, "%s", _("CSR"));
	fd = field_find("csr.mode");
	add(c, UI_NORMAL, 2, "%s", w->app->csr_mode != NULL ?
	    field_choice_label(fd, w->app->csr_mode) : _("(not chosen)"));
	if (w->app->csr_key_path != NULL)
		add(c, UI_NORMAL, 2, _("Key file: %s"), w->app->csr_key_path);
	add(c, UI_TITLE, 0, "%s", _("Verification"));
	fd = field_find("validation.method");
	add(c, UI_NORMAL, 2, "%s", w->app->validation_method != NULL ?
	    field_choice_label(fd, w->app->validation_method) :
	    _("(not chosen)"));
	if (w->type != NULL && w->type->documents > 0) {
		add(c, UI_NORMAL, 2, ngettext("%zu document", "%zu documents",
		    w->app->ndocs), w->app->ndocs);
		for (i = 0; i < w->app->ndocs; i++)
			add(c, UI_NORMAL, 4, "%s", w->app->docs[i].path !=
			    NULL ? w->app->docs[i].path :
			    w->app->docs[i].file != NULL ?
			    w->app->docs[i].file : "?");
	}
	findings_clear(&f);
}

static void
conf_enter(struct wiz *w)
{
	struct conf *c = xcalloc(1, sizeof *c);

	w->state = c;
	build(w);
}

static void
button(struct conf *c, enum conf_focus f, int y, int x, const char *label)
{
	ui_button(y, x, 40, label);
	c->pos[f][0] = y;
	c->pos[f][1] = x + 2;
}

/* The page as wrapped rows: (line index, text) for the width. */
static void
conf_draw(struct wiz *w)
{
	struct conf *c = w->state;
	struct ui_area a;
	int rows, row = 0, y, x;
	size_t i;

	ui_body(&a);
	rows = a.h - 2;
	/* Scroll no further than the last page (never to an empty one). */
	for (i = 0; i < c->n; i++) {
		size_t n;

		ui_lines_free(ui_wrap(c->lines[i].text,
		    a.w - c->lines[i].indent - 3, &n));
		row += (int)n;
	}
	if (c->top > row - rows)
		c->top = row - rows;
	if (c->top < 0)
		c->top = 0;
	row = 0;
	y = a.y;
	for (i = 0; i < c->n; i++) {
		char **lines;
		size_t n, k;
		int ind = c->lines[i].indent;

		/* Room for the two columns continuation lines move in. */
		lines = ui_wrap(c->lines[i].text, a.w - ind - 3, &n);
		for (k = 0; k < n; k++, row++)
			if (row >= c->top && y < a.y + rows)
				ui_put(y++, a.x + ind + (k > 0 ? 2 : 0),
				    a.w - ind - 2, lines[k],
				    ui_attr(c->lines[i].attr));
		ui_lines_free(lines);
	}
	if (c->top > 0)
		ui_put(a.y, a.x + a.w - 3, 3, "^^^", ui_attr(UI_DIM));
	if (row > c->top + rows)
		ui_put(a.y + rows - 1, a.x + a.w - 3, 3, "vvv",
		    ui_attr(UI_DIM));
	x = a.x;
	button(c, CO_SUBMIT, a.y + a.h - 1, x, _("Submit"));
	x += ui_width(_("Submit")) + 6;
	button(c, CO_BACK, a.y + a.h - 1, x, _("Back"));
	x += ui_width(_("Back")) + 6;
	button(c, CO_SAVE, a.y + a.h - 1, x, _("Save draft"));
	x += ui_width(_("Save draft")) + 6;
	/* TRANSLATORS: a button: save the answers file (batch mode). */
	button(c, CO_ANSWERS, a.y + a.h - 1, x, _("Save answers"));
}

static void
conf_cursor(struct wiz *w)
{
	struct conf *c = w->state;

	move(c->pos[c->focus][0], c->pos[c->focus][1]);
}

static void
spinner(struct wiz *w)
{
	struct conf *c = w->state;
	static const char spin[] = "|/-\\";
	long secs = (long)(time(NULL) - c->started);

	ui_message(UI_NORMAL, _("%c Sending the application to the CA... "
	    "(%lds; please wait, Esc cannot stop a request on its way)"),
	    spin[c->spin++ % 4], secs);
}

static bool
conf_tick(struct wiz *w)
{
	(void)w;
	return true;
}

static void
submit(struct wiz *w)
{
	struct conf *c = w->state;
	char *err = NULL;

	build(w);
	c->top = 0;
	if (!c->ok) {
		ui_message(UI_ERROR, "%s", _("Not ready yet: fix what is "
		    "listed at the top first (Esc goes back one screen)."));
		return;
	}
	/* Saved first: what is sent is what is on disk. A lost answer
	   ("sending") stays so: the backend settles it. */
	if (w->app->state == APP_DRAFT)
		w->app->state = APP_READY;
	if (store_save(w->app, &err) != 0) {
		if (w->app->state == APP_READY)
			w->app->state = APP_DRAFT;
		ui_message(UI_ERROR, _("The application could not be saved: "
		    "%s"), err);
		free(err);
		return;
	}
	/* With the CA's terms of service when accepted on this screen. */
	if ((c->b = wiz_backend_open(w->app, c->agree)) == NULL) {
		build(w);
		return;
	}
	c->job = backend_job_start(c->b, BACKEND_SUBMIT, w->app, w->cat,
	    &err);
	if (c->job == NULL) {
		backend_close(c->b);
		c->b = NULL;
		ui_message(UI_ERROR, "%s", err);
		free(err);
		return;
	}
	c->started = time(NULL);
	c->spin = 0;
	w->busy = true;
	w->tick = conf_tick;
	spinner(w);
}

/* The submission ended: to the Submitted screen, or the error here. */
static enum screen_result
submit_done(struct wiz *w)
{
	struct conf *c = w->state;
	char *err = NULL, *terms;
	const char *t;
	int rc;

	rc = backend_job_finish(c->job, &w->app, &err);
	c->job = NULL;
	t = rc != 0 && !c->agree ? backend_terms_to_accept(c->b) : NULL;
	terms = t != NULL ? safetext(t, 0) : NULL;
	backend_close(c->b);
	c->b = NULL;
	w->busy = false;
	w->tick = NULL;
	if (terms != NULL) {
		/* An ACME CA's terms, not accepted yet: asked here, once;
		   the account made then remembers them. */
		const char *buttons[2];
		char *text;
		int r;

		buttons[0] = _("Accept");
		buttons[1] = _("Cancel");
		text = xasprintf(_("The CA asks you to accept its terms of "
		    "service before it makes your account:\n\n%s\n\nRead "
		    "them there. Accept them and send the application?"),
		    terms);
		r = ui_ask(_("Terms of service"), text, buttons, 2, 1);
		free(text);
		free(terms);
		if (r == 0) {
			free(err);
			c->agree = true;
			submit(w);
			return SCREEN_REDRAW;
		}
	}
	free(c->error);
	c->error = NULL;
	if (rc == 0) {
		ui_message_clear();
		w->go_to = "submitted";
		return SCREEN_GOTO;
	}
	c->error = err != NULL ? err : xstrdup(_("unknown error"));
	build(w);
	c->top = 0;
	ui_message(UI_ERROR, "%s", _("The submission failed: the reason "
	    "and what to do are at the top of the page."));
	return SCREEN_REDRAW;
}

/* Whether path names anything, a dangling link included. */
static bool
file_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* "Save as answers file": ask for the path, never overwrite unasked. */
static void
save_answers(struct wiz *w)
{
	char *def, *path, *err = NULL, *q;
	const char *buttons[2];
	bool overwrite = false;
	int rc;

again:
	def = batch_answers_name(w->app);
	path = ui_prompt_path(_("Save as answers file"), _("The answers "
	    "(no secrets) as JSON, for certwiz apply --answers FILE:"), def);
	free(def);
	if (path == NULL || *path == '\0') {
		free(path);
		return;
	}
	if (file_exists(path)) {
		buttons[0] = _("Replace");
		buttons[1] = _("Cancel");
		q = xasprintf(_("%s exists. Replace it with these answers?"),
		    path);
		overwrite = ui_ask(_("Save as answers file"), q, buttons, 2,
		    1) == 0;
		free(q);
		if (!overwrite) {
			free(path);
			ui_message(UI_NORMAL, "%s", _("Nothing was written."));
			return;
		}
	}
	rc = batch_write_answers(w->app, path, overwrite, &err);
	if (rc == BATCH_EXISTS) {
		/* It appeared since we looked: ask again. */
		free(path);
		goto again;
	}
	if (rc != 0) {
		ui_message(UI_ERROR, _("The answers file could not be "
		    "written: %s"), err);
		free(err);
	} else
		/* TRANSLATORS: %s is a file name. */
		ui_message(UI_OK, _("Wrote %s (mode 0600). Apply it with: "
		    "certwiz apply --answers %s"), path, path);
	free(path);
}

static enum screen_result
conf_key(struct wiz *w, const struct ui_key *k)
{
	struct conf *c = w->state;
	struct ui_area a;
	bool enter = (k->fkey && k->code == KEY_ENTER) ||
	    (!k->fkey && k->ch == ' ');

	if (c->job != NULL) {
		if (k->fkey && k->code == UI_KEY_TICK) {
			if (backend_job_done(c->job))
				return submit_done(w);
			spinner(w);
			return SCREEN_STAY;
		}
		if (!k->fkey && k->ch == 0x1b)
			ui_message(UI_WARNING, "%s", _("The application is on "
			    "its way to the CA: wait for the answer. If the "
			    "network gives up, the application stays "
			    "\"being sent\" and Submit settles it later."));
		return SCREEN_STAY;
	}
	if (k->fkey && k->code == UI_KEY_TICK)
		return SCREEN_STAY;
	ui_body(&a);
	if ((!k->fkey && k->ch == '\t') || (k->fkey && k->code == KEY_RIGHT)) {
		c->focus = (enum conf_focus)((c->focus + 1) % CO_N);
		return SCREEN_STAY;
	}
	if (k->fkey && (k->code == KEY_BTAB || k->code == KEY_LEFT)) {
		c->focus = (enum conf_focus)((c->focus + CO_N - 1) % CO_N);
		return SCREEN_STAY;
	}
	if (k->fkey) {
		switch (k->code) {
		case KEY_DOWN: c->top++; return SCREEN_REDRAW;
		case KEY_UP: c->top--; return SCREEN_REDRAW;
		case KEY_NPAGE: c->top += a.h - 3; return SCREEN_REDRAW;
		case KEY_PPAGE: c->top -= a.h - 3; return SCREEN_REDRAW;
		case KEY_HOME: c->top = 0; return SCREEN_REDRAW;
		default: break;
		}
	}
	if (!enter)
		return SCREEN_STAY;
	switch (c->focus) {
	case CO_SUBMIT:
		submit(w);
		return SCREEN_REDRAW;
	case CO_BACK:
		return SCREEN_BACK;
	case CO_SAVE:
		if (wiz_save(w) == 0)
			ui_message(UI_OK, _("Draft saved. Continue it later "
			    "with: certwiz resume %s"), w->app->id);
		return SCREEN_REDRAW;
	case CO_ANSWERS:
		if (w->app->id == NULL)
			(void)wiz_save(w);
		save_answers(w);
		return SCREEN_REDRAW;
	case CO_N:
		break;
	}
	return SCREEN_STAY;
}

static void
conf_leave(struct wiz *w)
{
	struct conf *c = w->state;

	clear_lines(c);
	free(c->lines);
	free(c->error);
	/* A request still on its way at exit: the thread owns the copy and
	   saves it; leave it (and its backend) alone. */
	if (c->job == NULL)
		backend_close(c->b);
	free(c);
}

static bool
conf_complete(const struct wiz *w)
{
	return w->app->state != APP_DRAFT && w->app->state != APP_WITHDRAWN;
}

static char *
conf_tip(struct wiz *w)
{
	(void)w;
	return xstrdup(_("This page shows everything the CA will receive. "
	    "Problems are listed first: go back with Esc to fix them. "
	    "Submit checks the whole application once more and sends it "
	    "through the configured backend: with the local backend (the "
	    "default) it is prepared here and certwiz submit ID --backend "
	    "cas sends it later. Save answers writes the answers as a JSON "
	    "file (no secrets) for certwiz apply --answers FILE, a template "
	    "for scripted runs. Up/Down and PgUp/PgDn scroll."));
}

const struct screen_ops screen_confirm = {
	.name = "confirm",
	.title = N_("Confirm"),
	.hint = N_("PgUp/PgDn scroll  Tab buttons  Esc back  F1/^G tips  "
	    "F10/^Q quit"),
	.step = true,
	.enter = conf_enter,
	.draw = conf_draw,
	.key = conf_key,
	.leave = conf_leave,
	.complete = conf_complete,
	.tip = conf_tip,
	.cursor = conf_cursor,
};
