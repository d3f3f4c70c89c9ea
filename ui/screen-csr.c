/* The CSR: let the CA make it, generate the key and CSR here, or give one
 * (pasted or from a file) that is checked at once. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/catalog.h"
#include "../src/csr.h"
#include "../src/fields.h"
#include "../src/fileio.h"
#include "../src/i18n.h"
#include "../src/store.h"
#include "../src/verdict.h"
#include "../src/xmalloc.h"

/* What can have the focus; which apply depends on the mode. */
enum csr_focus {
	CF_MODE, CF_KEYTYPE, CF_KEYPATH, CF_GENERATE, CF_PASTE, CF_LOAD,
	CF_NEXT, CF_BACK,
};

static const char *const modes[] = { "auto", "generate", "manual" };

struct csr_state {
	struct ui_menu *menu;
	const char *modes[3];	/* the modes the type offers, menu order */
	int nmodes;
	struct ui_line *keypath;
	enum csr_focus focus;
	int area_y, buttons_y;
	int pos[CF_BACK + 1][2];	/* where each focusable thing is */
	struct csr_job *job;	/* a key being made */
	int spin;
	struct findings f;	/* the report on a given CSR */
	struct csr_info info;
	bool checked;
};

/* The menu entry of the record's mode, or -1 (none, or not offered). */
static int
mode_index(const struct csr_state *s, const struct application *app)
{
	int i;

	for (i = 0; i < s->nmodes; i++)
		if (app->csr_mode != NULL &&
		    strcmp(app->csr_mode, s->modes[i]) == 0)
			return i;
	return -1;
}

/* Check the CSR in the record (manual mode); the report is kept. */
static void
check_pem(struct wiz *w)
{
	struct csr_state *s = w->state;

	findings_clear(&s->f);
	csr_info_clear(&s->info);
	s->checked = false;
	if (w->app->csr_pem == NULL)
		return;
	csr_check(w->app->csr_pem, strlen(w->app->csr_pem), w->type,
	    (const char *const *)w->app->domains, w->app->ndomains, &s->f,
	    &s->info);
	s->checked = true;
}

static void
csr_enter(struct wiz *w)
{
	struct csr_state *s = xcalloc(1, sizeof *s);
	const struct field_def *fd = field_find("csr.mode");
	const char *names[3];
	int i;

	/* Only the modes the type offers (the core's rule: an ACME CA
	   never makes the key), so Confirm never refuses the choice. */
	for (i = 0; i < 3; i++)
		if (csr_mode_offered(w->type, modes[i])) {
			s->modes[s->nmodes] = modes[i];
			names[s->nmodes++] = field_choice_label(fd, modes[i]);
		}
	s->menu = ui_menu_new(names, NULL, (size_t)s->nmodes);
	i = mode_index(s, w->app);
	if (i < 0) {
		/* Generate here keeps the key at home: offer it first. */
		free(w->app->csr_mode);
		w->app->csr_mode = xstrdup("generate");
		i = mode_index(s, w->app);
	}
	ui_menu_set_current(s->menu, i);
	s->keypath = ui_line_new(4096, w->app->csr_key_path);
	w->state = s;
	if (strcmp(w->app->csr_mode, "manual") == 0)
		check_pem(w);
}

static bool
focus_applies(const struct wiz *w, enum csr_focus f)
{
	const char *m = w->app->csr_mode != NULL ? w->app->csr_mode : "";

	switch (f) {
	case CF_KEYTYPE:
	case CF_KEYPATH:
	case CF_GENERATE:
		return strcmp(m, "generate") == 0;
	case CF_PASTE:
	case CF_LOAD:
		return strcmp(m, "manual") == 0;
	default:
		return true;
	}
}

static void
button(struct csr_state *s, enum csr_focus f, int y, int x,
    const char *label)
{
	ui_button(y, x, 40, label);
	s->pos[f][0] = y;
	s->pos[f][1] = x + 2;
}

static const char spinner[] = "|/-\\";

static void
draw_generate(struct wiz *w, const struct ui_area *a, int y)
{
	struct csr_state *s = w->state;
	const struct field_def *fd = field_find("csr.key_type");
	const char *kt = w->app->csr_key_type != NULL ?
	    w->app->csr_key_type : "ec-p256";

	ui_put(y, a->x, 12, _("Key type"), A_NORMAL);
	mvaddch(y, a->x + 12, '[');
	ui_put(y, a->x + 13, a->w - 15, field_choice_label(fd, kt), A_NORMAL);
	mvaddch(y, a->x + a->w - 1, ']');
	s->pos[CF_KEYTYPE][0] = y;
	s->pos[CF_KEYTYPE][1] = a->x + 13;
	y++;
	ui_put(y, a->x, 12, _("Key file"), A_NORMAL);
	ui_line_post(s->keypath, y, a->x + 13, a->w - 14);
	y++;
	if (w->app->csr_key_path == NULL)
		ui_put(y, a->x + 13, a->w - 13, _("(empty: key.pem in the "
		    "application's folder)"), ui_attr(UI_DIM));
	y += 2;
	if (s->job != NULL) {
		char *t = xasprintf(_("%c Making the key... (Esc stops)"),
		    spinner[s->spin % 4]);

		ui_put(y, a->x, a->w, t, ui_attr(UI_TITLE));
		s->pos[CF_GENERATE][0] = y;
		s->pos[CF_GENERATE][1] = a->x;
		free(t);
	} else if (w->app->csr_key_fingerprint != NULL &&
	    w->app->csr_pem != NULL) {
		char *t = xasprintf(_("Key made: %s (readable by you only)"),
		    w->app->csr_key_path != NULL ? w->app->csr_key_path :
		    "key.pem");

		ui_put(y, a->x, a->w, t, ui_attr(UI_OK));
		free(t);
		button(s, CF_GENERATE, y + 1, a->x,
		    _("Make another key"));
	} else
		button(s, CF_GENERATE, y, a->x, _("Generate the key"));
}

static void
draw_manual(struct wiz *w, const struct ui_area *a, int y)
{
	struct csr_state *s = w->state;
	int bottom = s->buttons_y - 1;
	size_t i;

	button(s, CF_PASTE, y, a->x, _("Paste the CSR"));
	button(s, CF_LOAD, y, a->x + ui_width(_("Paste the CSR")) + 6,
	    _("Load from a file"));
	y += 2;
	if (!s->checked) {
		ui_put(y, a->x, a->w, _("No CSR given yet."), ui_attr(UI_DIM));
		return;
	}
	if (s->info.what == NULL && s->info.subject != NULL) {
		char *t = xasprintf(_("Subject: %s"), s->info.subject);

		ui_put(y++, a->x, a->w, t, A_NORMAL);
		free(t);
		if (s->info.key_type != NULL) {
			t = xasprintf(_("Key: %s %d bits%s%s"),
			    s->info.key_type, s->info.key_bits,
			    s->info.curve != NULL ? " " : "",
			    s->info.curve != NULL ? s->info.curve : "");
			ui_put(y++, a->x, a->w, t, A_NORMAL);
			free(t);
		}
	}
	if (s->f.n == 0 && y < bottom)
		ui_put(y++, a->x, a->w, _("The CSR is acceptable."),
		    ui_attr(UI_OK));
	for (i = 0; i < s->f.n && y < bottom; i++) {
		char **lines;
		size_t n, k;

		lines = ui_wrap(s->f.v[i].message, a->w, &n);
		for (k = 0; k < n && y < bottom; k++)
			ui_put(y++, a->x, a->w, lines[k],
			    ui_attr(s->f.v[i].level == VERDICT_ERROR ?
			    UI_ERROR : UI_WARNING));
		ui_lines_free(lines);
	}
}

/* How many rows the manual mode's report takes below its buttons. */
static int
manual_rows(const struct csr_state *s, int width)
{
	int rows = 0;
	size_t i, n;

	if (!s->checked)
		return 1;
	if (s->info.what == NULL && s->info.subject != NULL)
		rows += s->info.key_type != NULL ? 2 : 1;
	if (s->f.n == 0)
		return rows + 1;
	for (i = 0; i < s->f.n; i++) {
		ui_lines_free(ui_wrap(s->f.v[i].message, width, &n));
		rows += (int)n;
	}
	return rows;
}

static void
csr_draw(struct wiz *w)
{
	struct csr_state *s = w->state;
	struct ui_area a;
	const char *explain;
	char **lines;
	size_t n, i;
	int y, shown, room;

	ui_body(&a);
	ui_put(a.y, a.x, a.w, _("How should the CSR be made?"),
	    ui_attr(UI_TITLE));
	ui_menu_post(s->menu, a.y + 1, a.x, 3, a.w);
	explain = csr_mode_explain(w->app->csr_mode);
	y = a.y + 5;
	lines = ui_wrap(explain != NULL ? explain : "", a.w, &n);
	/* Five lines at most; the tips pane has the rest. A report on a
	   CSR is read whole: the explanation gives it its rows. */
	shown = n > 5 ? 5 : (int)n;
	room = 5;
	if (strcmp(w->app->csr_mode, "manual") == 0) {
		room = a.h - 10 - manual_rows(s, a.w);
		if (room < 1)
			room = 1;
		if (room < shown)
			shown = room;
	}
	if ((size_t)shown < n) {
		for (i = 0; i + 1 < (size_t)shown; i++)
			ui_put(y + (int)i, a.x, a.w, lines[i],
			    ui_attr(UI_DIM));
		ui_put(y + shown - 1, a.x, a.w, _("(more with F1 or Ctrl-G)"),
		    ui_attr(UI_DIM));
	} else
		for (i = 0; i < n; i++)
			ui_put(y + (int)i, a.x, a.w, lines[i],
			    ui_attr(UI_DIM));
	ui_lines_free(lines);
	y += (room < 5 ? shown : 5) + 1;
	s->buttons_y = a.y + a.h - 1;
	if (strcmp(w->app->csr_mode, "generate") == 0)
		draw_generate(w, &a, y);
	else if (strcmp(w->app->csr_mode, "manual") == 0)
		draw_manual(w, &a, y);
	button(s, CF_NEXT, s->buttons_y, a.x, _("Next"));
	button(s, CF_BACK, s->buttons_y, a.x + ui_width(_("Next")) + 6,
	    _("Back"));
}

static void
csr_cursor(struct wiz *w)
{
	struct csr_state *s = w->state;

	if (s->focus == CF_MODE)
		ui_menu_cursor(s->menu);
	else if (s->focus == CF_KEYPATH)
		ui_line_cursor(s->keypath);
	else
		move(s->pos[s->focus][0], s->pos[s->focus][1]);
}

static void
move_focus(struct wiz *w, int dir)
{
	struct csr_state *s = w->state;
	int f = (int)s->focus;

	do
		f = (f + dir + CF_BACK + 1) % (CF_BACK + 1);
	while (!focus_applies(w, (enum csr_focus)f));
	if (s->focus == CF_KEYPATH) {
		char *p = ui_line_text(s->keypath);

		free(w->app->csr_key_path);
		w->app->csr_key_path = *p != '\0' ? p : NULL;
		if (*p == '\0')
			free(p);
	}
	s->focus = (enum csr_focus)f;
}

/* The spinner: redraw while the key is being made. */
static bool
csr_tick(struct wiz *w)
{
	struct csr_state *s = w->state;

	return s != NULL && s->job != NULL;
}

static void
finish_job(struct wiz *w)
{
	struct csr_state *s = w->state;
	struct csr_result res = { 0 };
	char *err = NULL;

	if (csr_job_finish(s->job, &res, &err) != 0) {
		ui_message(UI_ERROR, _("The key could not be made: %s"), err);
		free(err);
	} else {
		free(w->app->csr_pem);
		w->app->csr_pem = xstrdup(res.csr_pem);
		free(w->app->csr_key_path);
		w->app->csr_key_path = xstrdup(res.key_path);
		free(w->app->csr_key_fingerprint);
		w->app->csr_key_fingerprint = xstrdup(res.fingerprint);
		ui_line_set(s->keypath, res.key_path);
		ui_message(UI_OK, _("The key is in %s (mode 0600) and the CSR "
		    "in %s. Keep the key: the certificate is useless without "
		    "it."), res.key_path, res.csr_path);
		wiz_save(w);
	}
	s->job = NULL;
	w->tick = NULL;
	csr_result_clear(&res);
}

static void
start_job(struct wiz *w)
{
	struct csr_state *s = w->state;
	struct csr_request req;
	char *p1 = NULL, *p2 = NULL, *err = NULL;
	int kind = csr_key_kind_parse(w->app->csr_key_type != NULL ?
	    w->app->csr_key_type : "ec-p256");

	if (w->app->ndomains == 0) {
		ui_message(UI_ERROR, _("Enter the domains first: the CSR "
		    "names them."));
		return;
	}
	if (wiz_save(w) != 0)
		return;
	csr_secrets_hold();
	p1 = ui_prompt(_("Passphrase"), _("A passphrase to encrypt the key "
	    "(empty: not encrypted). Nothing is shown as you type."), NULL,
	    true);
	if (p1 == NULL)
		goto out;
	if (*p1 != '\0') {
		p2 = ui_prompt(_("Passphrase"), _("The same passphrase "
		    "again:"), NULL, true);
		if (p2 == NULL)
			goto out;
		if (strcmp(p1, p2) != 0) {
			ui_message(UI_ERROR, _("The two passphrases differ: "
			    "press Generate the key to type them again."));
			goto out;
		}
	}
	memset(&req, 0, sizeof req);
	req.kind = (enum csr_key_kind)(kind >= 0 ? kind : CSR_KEY_EC_P256);
	req.app = w->app;
	req.type = w->type;
	req.key_path = w->app->csr_key_path;
	req.passphrase = p1;
	if ((s->job = csr_job_start(&req, &err)) == NULL) {
		ui_message(UI_ERROR, _("The key could not be made: %s"), err);
		free(err);
		goto out;
	}
	w->app->csr_key_encrypted = *p1 != '\0';
	w->tick = csr_tick;
	ui_message_clear();
out:
	freezero_str(p1);
	freezero_str(p2);
	csr_secrets_release();
}

/*
 * Take a CSR given by the user (pasted or read from a file): checked as
 * given, bytes and all, like certwiz check csr (DER holds NULs), and kept
 * as canonical PEM. What is not a CSR is never kept: it may be a private
 * key; text that is not readable at all is kept to be looked at.
 */
static void
take_csr(struct wiz *w, const char *data, size_t len)
{
	struct csr_state *s = w->state;

	findings_clear(&s->f);
	csr_info_clear(&s->info);
	csr_check(data, len, w->type, (const char *const *)w->app->domains,
	    w->app->ndomains, &s->f, &s->info);
	s->checked = true;
	free(w->app->csr_pem);
	w->app->csr_pem = NULL;
	if (s->info.what == NULL && s->info.pem != NULL)
		w->app->csr_pem = xstrdup(s->info.pem);
	else if (s->info.what == NULL && len > 0 &&
	    memchr(data, '\0', len) == NULL)
		w->app->csr_pem = xstrndup(data, len);
	if (findings_worst(&s->f) >= VERDICT_ERROR)
		ui_message(UI_ERROR, _("This CSR cannot be used: the reasons "
		    "are listed above."));
	else
		ui_message(UI_OK, _("The CSR was checked and is acceptable."));
}

static void
load_file(struct wiz *w)
{
	char *path = ui_prompt_path(_("Load a CSR"), _("The path of the CSR "
	    "file (PEM or DER). Tab completes the name."), NULL);
	char *buf = NULL, *err = NULL;
	size_t len = 0;

	if (path == NULL || *path == '\0') {
		free(path);
		return;
	}
	if (fileio_read(path, 1024 * 1024, &buf, &len, &err) != 0) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
	} else
		take_csr(w, buf, len);
	if (buf != NULL)
		freezero(buf, len);
	free(path);
}

/*
 * The user moved the mode menu to mode: leaving Generate here after a key
 * was made asks first, then the old mode's key and CSR are cleared (the
 * key file is kept, renamed; core code does it).
 */
static void
change_mode(struct wiz *w, const char *mode)
{
	struct csr_state *s = w->state;
	const char *buttons[2];
	char *dir = NULL, *note = NULL, *err = NULL, *q;
	bool had_key = w->app->csr_key_fingerprint != NULL;

	if (w->app->csr_mode != NULL &&
	    strcmp(w->app->csr_mode, "generate") == 0 && had_key &&
	    w->app->csr_key_path != NULL) {
		buttons[0] = _("Change");
		buttons[1] = _("Keep Generate here");
		q = xasprintf(_("A key was made for this application (%s). "
		    "With another mode it is not used: the file is kept, "
		    "renamed, and the application no longer names it. "
		    "Change the mode?"), w->app->csr_key_path);
		if (ui_ask(_("CSR"), q, buttons, 2, 1) != 0) {
			free(q);
			ui_menu_set_current(s->menu, mode_index(s, w->app));
			return;
		}
		free(q);
	}
	if (w->app->id != NULL && (dir = store_app_dir(w->app->id, &err)) ==
	    NULL) {
		free(err);
		err = NULL;
	}
	if (csr_change_mode(w->app, mode, dir, &note, &err) != 0) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
		ui_menu_set_current(s->menu, mode_index(s, w->app));
	} else {
		if (had_key)
			ui_line_set(s->keypath, "");
		findings_clear(&s->f);
		csr_info_clear(&s->info);
		s->checked = false;
		if (strcmp(mode, "manual") == 0)
			check_pem(w);
		if (note != NULL) {
			ui_message(UI_WARNING, "%s", note);
			/* Save now: the record must not name the old key. */
			(void)wiz_save(w);
		}
	}
	free(note);
	free(dir);
}

static enum screen_result
csr_key(struct wiz *w, const struct ui_key *k)
{
	struct csr_state *s = w->state;
	bool enter = (k->fkey && k->code == KEY_ENTER) ||
	    (!k->fkey && k->ch == ' ' && s->focus != CF_KEYPATH);

	if (k->fkey && k->code == UI_KEY_TICK) {
		if (csr_job_done(s->job)) {
			finish_job(w);
			return SCREEN_REDRAW;
		}
		s->spin++;
		mvaddch(s->pos[CF_GENERATE][0], s->pos[CF_GENERATE][1],
		    (chtype)spinner[s->spin % 4]);
		return SCREEN_STAY;
	}
	if (s->job != NULL) {
		/* Only Esc (stop) while the key is being made. */
		if (!k->fkey && k->ch == 0x1b) {
			struct csr_result res = { 0 };

			csr_job_cancel(s->job);
			csr_job_finish(s->job, &res, NULL);
			csr_result_clear(&res);
			s->job = NULL;
			w->tick = NULL;
			ui_message(UI_WARNING, _("Stopped: no key was "
			    "written."));
			return SCREEN_REDRAW;
		}
		return SCREEN_STAY;
	}
	if ((!k->fkey && k->ch == '\t') || (k->fkey && k->code == KEY_DOWN &&
	    s->focus != CF_MODE)) {
		move_focus(w, 1);
		return SCREEN_STAY;
	}
	if ((k->fkey && k->code == KEY_BTAB) || (k->fkey &&
	    k->code == KEY_UP && s->focus != CF_MODE)) {
		move_focus(w, -1);
		return SCREEN_STAY;
	}
	switch (s->focus) {
	case CF_MODE:
		if (enter) {
			move_focus(w, 1);
			return SCREEN_STAY;
		}
		if (ui_menu_key(s->menu, k)) {
			change_mode(w, s->modes[ui_menu_current(s->menu)]);
			return SCREEN_REDRAW;
		}
		return SCREEN_STAY;
	case CF_KEYTYPE:
		if (enter || (!k->fkey && k->ch != ' ')) {
			const struct field_def *fd = field_find("csr.key_type");
			const char *names[8];
			size_t n = 0;
			int cur = 0, r;

			for (n = 0; fd->choices[n].value != NULL && n < 8;
			    n++) {
				names[n] = _(fd->choices[n].label);
				if (w->app->csr_key_type != NULL &&
				    strcmp(w->app->csr_key_type,
				    fd->choices[n].value) == 0)
					cur = (int)n;
			}
			r = ui_choose(_(fd->label), names, NULL, n, cur);
			if (r >= 0) {
				free(w->app->csr_key_type);
				w->app->csr_key_type =
				    xstrdup(fd->choices[r].value);
			}
			return SCREEN_REDRAW;
		}
		return SCREEN_STAY;
	case CF_KEYPATH:
		if (enter) {
			move_focus(w, 1);
			return SCREEN_STAY;
		}
		ui_line_key(s->keypath, k);
		return SCREEN_STAY;
	case CF_GENERATE:
		if (enter) {
			if (w->app->csr_key_fingerprint != NULL) {
				free(w->app->csr_key_path);
				w->app->csr_key_path = NULL;
				ui_line_set(s->keypath, "");
				free(w->app->csr_key_fingerprint);
				w->app->csr_key_fingerprint = NULL;
				free(w->app->csr_pem);
				w->app->csr_pem = NULL;
				ui_message(UI_WARNING, _("Give a new key file "
				    "(the old key is kept where it is), then "
				    "press Generate the key."));
				s->focus = CF_KEYPATH;
				return SCREEN_REDRAW;
			}
			start_job(w);
			return SCREEN_REDRAW;
		}
		return SCREEN_STAY;
	case CF_PASTE:
		if (enter) {
			char *text = ui_paste_box(_("Paste the CSR"),
			    _("Paste the whole block, BEGIN and END lines "
			    "included. Ctrl-D or F5: done. Esc: cancel."));

			if (text != NULL)
				take_csr(w, text, strlen(text));
			/* It may have been a private key pasted by mistake. */
			freezero_str(text);
			return SCREEN_REDRAW;
		}
		return SCREEN_STAY;
	case CF_LOAD:
		if (enter) {
			load_file(w);
			return SCREEN_REDRAW;
		}
		return SCREEN_STAY;
	case CF_NEXT:
		if (!enter)
			return SCREEN_STAY;
		if (strcmp(w->app->csr_mode, "generate") == 0 &&
		    w->app->csr_pem == NULL) {
			ui_message(UI_ERROR, _("Press Generate the key first: "
			    "the key and the CSR are made on this machine."));
			s->focus = CF_GENERATE;
			return SCREEN_STAY;
		}
		if (strcmp(w->app->csr_mode, "manual") == 0 &&
		    (w->app->csr_pem == NULL ||
		    findings_worst(&s->f) >= VERDICT_ERROR)) {
			ui_message(UI_ERROR, _("Give an acceptable CSR first: "
			    "paste it or load it from a file."));
			s->focus = CF_PASTE;
			return SCREEN_STAY;
		}
		return SCREEN_NEXT;
	case CF_BACK:
		return enter ? SCREEN_BACK : SCREEN_STAY;
	}
	return SCREEN_STAY;
}

static void
csr_commit(struct wiz *w)
{
	struct csr_state *s = w->state;
	char *p;

	if (s->focus == CF_KEYPATH || focus_applies(w, CF_KEYPATH)) {
		p = ui_line_text(s->keypath);
		free(w->app->csr_key_path);
		w->app->csr_key_path = *p != '\0' ? p : NULL;
		if (*p == '\0')
			free(p);
	}
	if (strcmp(w->app->csr_mode, "generate") == 0 &&
	    w->app->csr_key_type == NULL)
		w->app->csr_key_type = xstrdup("ec-p256");
}

static void
csr_leave(struct wiz *w)
{
	struct csr_state *s = w->state;
	struct csr_result res = { 0 };

	if (s->job != NULL) {
		csr_job_cancel(s->job);
		csr_job_finish(s->job, &res, NULL);
		csr_result_clear(&res);
	}
	w->tick = NULL;
	ui_menu_free(s->menu);
	ui_line_free(s->keypath);
	findings_clear(&s->f);
	csr_info_clear(&s->info);
	free(s);
}

static bool
csr_complete(const struct wiz *w)
{
	const char *m = w->app->csr_mode;

	if (m == NULL)
		return false;
	if (strcmp(m, "auto") == 0)
		return true;
	return w->app->csr_pem != NULL;
}

static char *
csr_tip(struct wiz *w)
{
	struct csr_state *s = w->state;
	const struct field_def *fd = field_find(s->focus == CF_KEYTYPE ?
	    "csr.key_type" : s->focus == CF_KEYPATH ? "csr.key_path" :
	    s->focus == CF_PASTE || s->focus == CF_LOAD ? "csr.pem" :
	    "csr.mode");
	const char *ex = csr_mode_explain(w->app->csr_mode);

	return xasprintf("%s\n\n%s", _(fd->tip), ex != NULL ? ex : "");
}

const struct screen_ops screen_csr = {
	.name = "csr",
	.title = N_("CSR"),
	.hint = N_("Tab move  Enter select  Esc back  F1/^G tips  F2/^S save  "
	    "F10/^Q quit"),
	.step = true,
	.enter = csr_enter,
	.draw = csr_draw,
	.key = csr_key,
	.commit = csr_commit,
	.leave = csr_leave,
	.complete = csr_complete,
	.tip = csr_tip,
	.cursor = csr_cursor,
};
