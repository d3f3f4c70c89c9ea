/* A box for a multi-line paste (a PEM block), with no length limit. */
#include "config.h"

#include "widgets.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "curses.h"
#include "widgets-int.h"
#include "../src/i18n.h"
#include "../src/xmalloc.h"

struct paster {
	struct popup p;
	const char *title, *help;
	char *buf;
	size_t len, cap;
};

static void
paster_draw(void *arg)
{
	struct paster *b = arg;
	char **lines;
	size_t n, i, first;
	int rows, top;

	popup_place(&b->p, LINES - 4, COLS - 6 < 76 ? COLS - 6 : 76,
	    b->title);
	lines = ui_wrap(b->help, b->p.w - 4, &n);
	for (i = 0; i < n && i < 2; i++)
		ui_wput(b->p.win, 1 + (int)i, 2, b->p.w - 4, lines[i],
		    ui_attr(UI_DIM));
	ui_lines_free(lines);
	top = n < 2 ? 2 : 3;
	rows = b->p.h - top - 1;
	b->buf[b->len] = '\0';
	lines = ui_wrap(b->buf, b->p.w - 4, &n);
	/* The end of the text stays in view. */
	first = n > (size_t)rows ? n - (size_t)rows : 0;
	for (i = first; i < n; i++)
		ui_wput(b->p.win, top + (int)(i - first), 2, b->p.w - 4,
		    lines[i], A_NORMAL);
	if (b->len > 0 && b->buf[b->len - 1] == '\n' && n - first <
	    (size_t)rows)
		wmove(b->p.win, top + (int)(n - first), 2);
	else
		wmove(b->p.win, top + (int)(n - first) - 1, 2 + ui_width(
		    n > 0 ? lines[n - 1] : ""));
	ui_lines_free(lines);
	ui_show_panels();
}

static void
paster_add(struct paster *b, wint_t ch)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t r;

	memset(&st, 0, sizeof st);
	r = wcrtomb(mb, (wchar_t)ch, &st);
	if (r == (size_t)-1)
		return;
	if (b->len + r + 1 > b->cap) {
		b->cap = (b->cap + r + 1) * 2;
		b->buf = xreallocarray(b->buf, b->cap, 1);
	}
	memcpy(b->buf + b->len, mb, r);
	b->len += r;
	b->buf[b->len] = '\0';
}

/* Whether the text ends with a complete "-----END ...-----" line. */
static bool
pem_ended(const struct paster *b)
{
	const char *end = NULL, *p = b->buf;

	while ((p = strstr(p, "-----END ")) != NULL)
		end = p++;
	return end != NULL && strstr(end + 9, "-----") != NULL &&
	    b->len > 0 && b->buf[b->len - 1] == '\n';
}

static bool paste_session;	/* ui_paste_mode(true): keep it on */

static void
bracketed_paste(bool on)
{
	/* The terminal's own string when terminfo knows it (BE/BD). */
	const char *s = tigetstr(on ? "BE" : "BD");

	if (s == NULL || s == (char *)-1)
		s = on ? "\033[?2004h" : "\033[?2004l";
	putp(s);
	fflush(stdout);
}

char *
ui_paste_box(const char *title, const char *help)
{
	struct paster b;
	struct ui_key k;
	bool pasting = false, done = false;

	memset(&b, 0, sizeof b);
	b.title = title;
	b.help = help;
	b.cap = 4096;
	b.buf = xmalloc(b.cap);
	b.buf[0] = '\0';
	bracketed_paste(true);
	ui_host.push_layer(paster_draw, &b);
	paster_draw(&b);
	for (;;) {
		if (!ui_host.getkey(&k))
			break;
		if (k.fkey && k.code == UI_KEY_PASTE_BEGIN) {
			pasting = true;
			continue;
		}
		if (k.fkey && k.code == UI_KEY_PASTE_END) {
			pasting = false;
			done = b.len > 0;
		} else if (!pasting && ui_is_esc(&k))
			break;
		else if (!pasting && ((!k.fkey && k.ch == UI_CTRL('d')) ||
		    (k.fkey && k.code == KEY_F(5))))
			done = true;
		else if (ui_is_enter(&k) || (!k.fkey && k.ch == '\n'))
			paster_add(&b, '\n');
		else if (!k.fkey && (k.ch == 127 || k.ch == 8)) {
			/* Back one character (UTF-8 aware). */
			while (b.len > 0 && ((unsigned char)b.buf[--b.len] &
			    0xc0) == 0x80)
				;
			b.buf[b.len] = '\0';
		} else if (!k.fkey && (iswprint(k.ch) || k.ch == '\t'))
			paster_add(&b, k.ch);
		else
			continue;
		if (!pasting && !done && pem_ended(&b))
			done = true;
		if (done)
			break;
		/* During a paste, draw once the keyboard queue is empty. */
		if (!pasting)
			paster_draw(&b);
		else {
			wint_t next;
			int r;

			nodelay(stdscr, TRUE);
			r = wget_wch(stdscr, &next);
			nodelay(stdscr, FALSE);
			wtimeout(stdscr, 250);
			if (r == KEY_CODE_YES)
				ungetch((int)next);
			else if (r != ERR)
				unget_wch((wchar_t)next);
			else
				paster_draw(&b);
		}
	}
	if (!paste_session)
		bracketed_paste(false);
	popup_free(&b.p);
	ui_host.pop_layer();
	if (!done) {
		free(b.buf);
		return NULL;
	}
	return b.buf;
}

void
ui_paste_mode(bool on)
{
	paste_session = on;
	bracketed_paste(on);
}
