/* Buttons: "[ label ]" on the screen, the focused one in reverse video
 * (the terminal cursor, which always sits on the focused field, says
 * which one has the focus). */
#include "config.h"

#include "widgets.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "curses.h"
#include "widgets-int.h"
#include "../src/xmalloc.h"

#define MAX_BUTTONS 16

/* The buttons on the screen now, with the text they showed. */
static struct button {
	int y, x, w;
	wchar_t *text;
} buttons[MAX_BUTTONS];
static int nbuttons;

/* The text at y, x over w columns; caller frees. */
static wchar_t *
text_at(int y, int x, int w)
{
	wchar_t *buf = xcalloc((size_t)w + 1, sizeof *buf);

	if (mvinnwstr(y, x, buf, w) == ERR)
		buf[0] = L'\0';
	return buf;
}

void
ui_button_add(int y, int x, int w)
{
	int i, cy, cx;

	if (w <= 0)
		return;
	getyx(stdscr, cy, cx);
	for (i = 0; i < nbuttons; i++)
		if (buttons[i].y == y && buttons[i].x == x)
			break;
	if (i == nbuttons) {
		if (nbuttons == MAX_BUTTONS)
			return;
		nbuttons++;
	} else
		free(buttons[i].text);
	buttons[i].y = y;
	buttons[i].x = x;
	buttons[i].w = w;
	buttons[i].text = text_at(y, x, w);
	move(cy, cx);
}

int
ui_button(int y, int x, int maxw, const char *label)
{
	char *b = xasprintf("[ %s ]", label);
	int w = ui_put(y, x, maxw, b, A_BOLD);

	free(b);
	ui_button_add(y, x, w);
	return w;
}

void
ui_buttons_mark(void)
{
	int i, cy, cx;

	getyx(stdscr, cy, cx);
	for (i = 0; i < nbuttons; i++) {
		struct button *b = &buttons[i];
		wchar_t *now = text_at(b->y, b->x, b->w);
		bool focused = cy == b->y && cx >= b->x && cx < b->x + b->w;

		/* A button another drawing has covered is left alone. */
		if (wcscmp(now, b->text) == 0)
			mvchgat(b->y, b->x, b->w, focused ?
			    ui_attr(UI_SELECT) | A_BOLD : A_BOLD,
			    (short)PAIR_NUMBER(focused ? ui_attr(UI_SELECT) :
			    0), NULL);
		free(now);
	}
	move(cy, cx);
}

void
ui_buttons_forget(void)
{
	int i;

	for (i = 0; i < nbuttons; i++)
		free(buttons[i].text);
	nbuttons = 0;
}
