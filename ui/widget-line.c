/* A one-line text field (libform) that screens place themselves, and
 * helpers for the text of libform fields. */
#include "config.h"

#include "widgets.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "curses.h"
#include "widgets-int.h"
#include "../src/i18n.h"
#include "../src/xmalloc.h"

/* The text of a field without the padding at its end; caller frees. */
char *
ui_field_text(FIELD *f)
{
	char *b = field_buffer(f, 0), *s;
	size_t n;

	if (b == NULL)
		return xstrdup("");
	s = xstrdup(b);
	explicit_bzero(b, strlen(b));
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

/*
 * Put the cursor after the text of the current field. REQ_END_FIELD
 * miscounts wide characters (Chinese) in ncursesw's libform and lands on
 * the field's last column: walk there one character at a time instead.
 */
void
ui_field_end(FORM *form)
{
	char *text = ui_field_text(current_field(form));
	size_t n = mbstowcs(NULL, text, 0), i;

	form_driver(form, REQ_BEG_FIELD);
	if (n != (size_t)-1)
		for (i = 0; i < n; i++)
			form_driver(form, REQ_NEXT_CHAR);
	freezero_str(text);	/* it may be a passphrase */
}


struct ui_line {
	FIELD *fields[2];
	FORM *form;
	WINDOW *sub;
};

struct ui_line *
ui_line_new(size_t max, const char *text)
{
	struct ui_line *l = xcalloc(1, sizeof *l);

	l->fields[0] = new_field(1, 10, 0, 0, 0, 0);
	field_opts_off(l->fields[0], O_AUTOSKIP | O_STATIC | O_BLANK);
	if (max > 0)
		set_max_field(l->fields[0], (int)max);
	if (text != NULL)
		set_field_buffer(l->fields[0], 0, text);
	return l;
}

static void
line_drop(struct ui_line *l)
{
	if (l->form != NULL) {
		unpost_form(l->form);
		free_form(l->form);
		l->form = NULL;
	}
	if (l->sub != NULL)
		delwin(l->sub);
	l->sub = NULL;
}

void
ui_line_free(struct ui_line *l)
{
	if (l == NULL)
		return;
	line_drop(l);
	free_field(l->fields[0]);
	free(l);
}

void
ui_line_post(struct ui_line *l, int y, int x, int w)
{
	char *text = ui_line_text(l);
	FIELD *f;

	line_drop(l);
	/* A field's width is fixed when it is made: make it again. */
	f = new_field(1, w, 0, 0, 0, 0);
	field_opts_off(f, O_AUTOSKIP | O_STATIC | O_BLANK);
	set_max_field(f, 0);
	set_field_buffer(f, 0, text);
	free(text);
	free_field(l->fields[0]);
	l->fields[0] = f;
	mvaddch(y, x - 1, '[');
	mvaddch(y, x + w, ']');
	l->sub = derwin(stdscr, 1, w, y, x);
	l->form = new_form(l->fields);
	set_form_win(l->form, l->sub);
	set_form_sub(l->form, l->sub);
	post_form(l->form);
	ui_field_end(l->form);
}

bool
ui_line_key(struct ui_line *l, const struct ui_key *k)
{
	int req = 0;

	if (l->form == NULL)
		return false;
	if (k->fkey) {
		switch (k->code) {
		case KEY_LEFT: req = REQ_LEFT_CHAR; break;
		case KEY_RIGHT: req = REQ_RIGHT_CHAR; break;
		case KEY_HOME: req = REQ_BEG_FIELD; break;
		case KEY_END: req = -1; break;
		case KEY_BACKSPACE: req = REQ_DEL_PREV; break;
		case KEY_DC: req = REQ_DEL_CHAR; break;
		default: return false;
		}
		if (req < 0)
			ui_field_end(l->form);
		else
			form_driver(l->form, req);
		return true;
	}
	if (k->ch == 127 || k->ch == 8)
		form_driver(l->form, REQ_DEL_PREV);
	else if (k->ch == UI_CTRL('u'))
		form_driver(l->form, REQ_CLR_FIELD);
	else if (k->ch == UI_CTRL('a'))
		form_driver(l->form, REQ_BEG_FIELD);
	else if (k->ch == UI_CTRL('e'))
		ui_field_end(l->form);
	else if (k->ch == UI_CTRL('k'))
		form_driver(l->form, REQ_CLR_EOF);
	else if (iswprint(k->ch))
		form_driver_w(l->form, OK, (wchar_t)k->ch);
	else
		return false;
	/* Keep the buffer current: a resize may redo the window. */
	form_driver(l->form, REQ_VALIDATION);
	return true;
}

char *
ui_line_text(struct ui_line *l)
{
	char *s;
	size_t n;

	if (l->form != NULL)
		form_driver(l->form, REQ_VALIDATION);
	s = ui_field_text(l->fields[0]);
	n = strspn(s, " ");
	if (n > 0)
		memmove(s, s + n, strlen(s + n) + 1);
	return s;
}

void
ui_line_set(struct ui_line *l, const char *text)
{
	set_field_buffer(l->fields[0], 0, text != NULL ? text : "");
	if (l->form != NULL)
		ui_field_end(l->form);
}

void
ui_line_cursor(struct ui_line *l)
{
	if (l->form == NULL)
		return;
	pos_form_cursor(l->form);
	wmove(stdscr, getbegy(l->sub) + getcury(l->sub),
	    getbegx(l->sub) + getcurx(l->sub));
}
