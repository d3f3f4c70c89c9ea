/* One-line prompts in a dialog (libform), and Tab completion of file
 * paths in them. */
#include "config.h"

#include "widgets.h"

#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "curses.h"
#include "widgets-int.h"
#include "../src/i18n.h"
#include "../src/xmalloc.h"

struct prompter {
	struct popup p;
	const char *title, *label;
	FIELD *fields[2];
	FORM *form;
	WINDOW *sub;
	bool secret, path;
	char *choices;		/* completions to show, or NULL */
};

static void
prompter_draw(void *arg)
{
	struct prompter *q = arg;
	int w = COLS - 8 < 70 ? COLS - 8 : 70, row;
	char **lines;
	size_t n, i;

	if (q->form != NULL) {
		unpost_form(q->form);
		free_form(q->form);
		q->form = NULL;
	}
	if (q->sub != NULL)
		delwin(q->sub);
	lines = ui_wrap(q->label, w - 4, &n);
	if (n > 3)
		n = 3;
	popup_place(&q->p, (int)n + (q->path ? 6 : 5), w, q->title);
	for (i = 0; i < n; i++)
		ui_wput(q->p.win, 1 + (int)i, 2, q->p.w - 4, lines[i], A_NORMAL);
	ui_lines_free(lines);
	row = (int)n + 2;
	if (q->choices != NULL)
		ui_wput(q->p.win, row + 1, 2, q->p.w - 4, q->choices,
		    ui_attr(UI_DIM));
	/* The keys, in the dialog itself. */
	ui_wput(q->p.win, q->p.h - 2, 2, q->p.w - 4, q->path ?
	    _("Enter: OK   Esc: cancel   Tab: complete the path") :
	    _("Enter: OK   Esc: cancel"), ui_attr(UI_DIM));
	mvwaddch(q->p.win, row, 1, '[');
	mvwaddch(q->p.win, row, q->p.w - 2, ']');
	q->sub = derwin(q->p.win, 1, q->p.w - 4, row, 2);
	q->form = new_form(q->fields);
	set_form_win(q->form, q->p.win);
	set_form_sub(q->form, q->sub);
	post_form(q->form);
	ui_field_end(q->form);
	pos_form_cursor(q->form);
	ui_show_panels();
}

/* Tab in a path prompt: complete what is typed with glob(3). */
static void
complete_path(struct prompter *q)
{
	char *text, *pat, *common = NULL;
	glob_t g;
	size_t i, len = 0;

	form_driver(q->form, REQ_VALIDATION);
	text = ui_field_text(q->fields[0]);
	pat = xasprintf("%s*", text);
	memset(&g, 0, sizeof g);
	if (glob(pat, GLOB_MARK | GLOB_TILDE, NULL, &g) == 0 &&
	    g.gl_pathc > 0) {
		common = xstrdup(g.gl_pathv[0]);
		len = strlen(common);
		for (i = 1; i < g.gl_pathc; i++) {
			size_t k = 0;

			while (k < len && g.gl_pathv[i][k] == common[k])
				k++;
			len = k;
		}
		common[len] = '\0';
		free(q->choices);
		q->choices = NULL;
		if (g.gl_pathc > 1) {
			size_t cap = 256, n = 0;

			q->choices = xcalloc(1, cap);
			for (i = 0; i < g.gl_pathc && n < 200; i++) {
				const char *base = strrchr(g.gl_pathv[i], '/');
				size_t bl;

				base = base != NULL && base[1] != '\0' ?
				    base + 1 : g.gl_pathv[i];
				bl = strlen(base);
				if (n + bl + 3 >= cap)
					break;
				memcpy(q->choices + n, base, bl);
				n += bl;
				q->choices[n++] = ' ';
				q->choices[n++] = ' ';
				q->choices[n] = '\0';
			}
		}
		if (strlen(common) > strlen(text))
			set_field_buffer(q->fields[0], 0, common);
		ui_field_end(q->form);
	} else {
		free(q->choices);
		q->choices = xstrdup(_("(no such file)"));
	}
	globfree(&g);
	free(common);
	free(pat);
	free(text);
	prompter_draw(q);
}

static char *
prompt(const char *title, const char *label, const char *initial,
    bool secret, bool path)
{
	struct prompter q;
	struct ui_key k;
	char *r = NULL;

	memset(&q, 0, sizeof q);
	q.title = title;
	q.label = label;
	q.secret = secret;
	q.path = path;
	q.fields[0] = new_field(1, 60, 0, 0, 0, 0);
	field_opts_off(q.fields[0], O_AUTOSKIP | O_STATIC | O_BLANK);
	if (secret)
		field_opts_off(q.fields[0], O_PUBLIC);
	if (initial != NULL)
		set_field_buffer(q.fields[0], 0, initial);
	ui_host.push_layer(prompter_draw, &q);
	prompter_draw(&q);
	for (;;) {
		int req = 0;

		if (!ui_host.getkey(&k))
			break;
		if (ui_is_esc(&k))
			break;
		if (ui_is_enter(&k)) {
			form_driver(q.form, REQ_VALIDATION);
			r = ui_field_text(q.fields[0]);
			break;
		}
		if (q.path && !k.fkey && k.ch == '\t') {
			complete_path(&q);
			continue;
		}
		if (k.fkey) {
			switch (k.code) {
			case KEY_LEFT: req = REQ_LEFT_CHAR; break;
			case KEY_RIGHT: req = REQ_RIGHT_CHAR; break;
			case KEY_HOME: req = REQ_BEG_FIELD; break;
			case KEY_END: req = -1; break;
			case KEY_BACKSPACE: req = REQ_DEL_PREV; break;
			case KEY_DC: req = REQ_DEL_CHAR; break;
			default: continue;
			}
			if (req < 0)
				ui_field_end(q.form);
			else
				form_driver(q.form, req);
		} else if (k.ch == 127 || k.ch == 8)
			form_driver(q.form, REQ_DEL_PREV);
		else if (k.ch == UI_CTRL('u'))
			form_driver(q.form, REQ_CLR_FIELD);
		else if (iswprint(k.ch))
			form_driver_w(q.form, OK, (wchar_t)k.ch);
		else
			continue;
		touchwin(q.p.win);
		pos_form_cursor(q.form);
		ui_show_panels();
	}
	/* Wipe a passphrase from the form's buffer before it is freed. */
	if (q.form != NULL) {
		form_driver(q.form, REQ_CLR_FIELD);
		form_driver(q.form, REQ_VALIDATION);
		unpost_form(q.form);
		free_form(q.form);
	}
	free_field(q.fields[0]);
	if (q.sub != NULL)
		delwin(q.sub);
	free(q.choices);
	popup_free(&q.p);
	ui_host.pop_layer();
	return r;
}

char *
ui_prompt(const char *title, const char *label, const char *initial,
    bool secret)
{
	return prompt(title, label, initial, secret, false);
}

char *
ui_prompt_path(const char *title, const char *label, const char *initial)
{
	return prompt(title, label, initial, false, true);
}
