/* Text by display width: measuring, drawing, wrapping and cutting UTF-8
 * text on the screen and in pop-up windows. */
#include "config.h"

#include "widgets.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "curses.h"
#include "widgets-int.h"
#include "../src/i18n.h"
#include "../src/safetext.h"
#include "../src/xmalloc.h"

struct ui_host ui_host;
static bool use_color;

void
ui_widgets_init(const struct ui_host *host, bool color)
{
	ui_host = *host;
	use_color = color;
}

int
ui_attr(enum ui_attr level)
{
	static const short pairs[] = {
		[UI_TITLE] = 1, [UI_BAR] = 2, [UI_ERROR] = 3,
		[UI_WARNING] = 4, [UI_OK] = 5, [UI_DIM] = 6, [UI_SELECT] = 7,
	};

	switch (level) {
	case UI_NORMAL:
		return A_NORMAL;
	case UI_TITLE:
		return A_BOLD | (use_color ? COLOR_PAIR(pairs[level]) : 0);
	case UI_BAR:
	case UI_SELECT:
		return use_color ? COLOR_PAIR(pairs[level]) : A_REVERSE;
	case UI_ERROR:
		return A_BOLD | (use_color ? COLOR_PAIR(pairs[level]) : 0);
	case UI_WARNING:
		return use_color ? COLOR_PAIR(pairs[level]) : A_BOLD;
	case UI_OK:
		return use_color ? COLOR_PAIR(pairs[level]) : A_NORMAL;
	case UI_DIM:
		/* Blue on a dark background is hard to read: dim, in both. */
		return A_DIM;
	}
	return A_NORMAL;
}


/* The next character of s at *i, as a wide character; bad bytes: '?'. */
static wchar_t
next_wc(const char *s, size_t len, size_t *i, mbstate_t *st)
{
	wchar_t wc;
	size_t r = mbrtowc(&wc, s + *i, len - *i, st);

	if (r == (size_t)-1 || r == (size_t)-2) {
		memset(st, 0, sizeof *st);
		(*i)++;
		return L'?';
	}
	if (r == 0)
		r = 1;
	*i += r;
	return wc;
}

static int
wc_cols(wchar_t wc)
{
	int w = wcwidth(wc);

	/* ui_put shows these as one '?'. */
	if (safetext_invisible((unsigned long)wc))
		return 1;
	return w < 0 ? 1 : w;
}

char *
ui_shown_copy(const char *s)
{
	mbstate_t st;
	size_t i = 0, len = strlen(s), o = 0;
	char *out = xmalloc(len * MB_CUR_MAX + 1);

	memset(&st, 0, sizeof st);
	while (i < len) {
		wchar_t wc = next_wc(s, len, &i, &st);
		mbstate_t ost;
		size_t r;

		if (!iswprint((wint_t)wc) ||
		    safetext_invisible((unsigned long)wc))
			wc = L'?';
		memset(&ost, 0, sizeof ost);
		r = wcrtomb(out + o, wc, &ost);
		if (r == (size_t)-1) {
			out[o] = '?';
			r = 1;
		}
		o += r;
	}
	out[o] = '\0';
	return out;
}

int
ui_width(const char *s)
{
	mbstate_t st;
	size_t i = 0, len;
	int w = 0;

	if (s == NULL)
		return 0;
	len = strlen(s);
	memset(&st, 0, sizeof st);
	while (i < len)
		w += wc_cols(next_wc(s, len, &i, &st));
	return w;
}

/*
 * Bytes that are not UTF-8 and characters that are not printable show
 * as '?': a file name in another encoding must not blank the whole line,
 * nor reach the terminal raw.
 */
int
ui_wput(WINDOW *win, int y, int x, int maxw, const char *s, int attr)
{
	mbstate_t st;
	size_t i = 0, len, n = 0;
	wchar_t *buf;
	int w = 0;

	if (s == NULL || maxw <= 0)
		return 0;
	len = strlen(s);
	buf = xcalloc(len + 1, sizeof *buf);
	memset(&st, 0, sizeof st);
	while (i < len) {
		wchar_t wc = next_wc(s, len, &i, &st);
		int cw;

		/* The same characters as safetext(), one by one: a bidi
		 * override would reorder what the screen shows. */
		if (!iswprint((wint_t)wc) ||
		    safetext_invisible((unsigned long)wc))
			wc = L'?';
		cw = wc_cols(wc);
		if (w + cw > maxw)
			break;
		buf[n++] = wc;
		w += cw;
	}
	buf[n] = L'\0';
	wattron(win, attr);
	mvwaddnwstr(win, y, x, buf, (int)n);
	wattroff(win, attr);
	free(buf);
	return w;
}

int
ui_put(int y, int x, int maxw, const char *s, int attr)
{
	return ui_wput(stdscr, y, x, maxw, s, attr);
}

void
ui_blank(int y, int x, int n)
{
	if (n > 0)
		mvhline(y, x, ' ', n);
}

static void
push_line(char ***lines, size_t *n, size_t *cap, const wchar_t *ws,
    size_t len)
{
	size_t sz = len * MB_CUR_MAX + 1, k;
	char *out = xmalloc(sz), *p = out;
	mbstate_t st;

	memset(&st, 0, sizeof st);
	for (k = 0; k < len; k++) {
		size_t r = wcrtomb(p, ws[k], &st);

		if (r == (size_t)-1)
			*p = '?', r = 1;
		p += r;
	}
	*p = '\0';
	if (*n + 2 > *cap) {
		*cap = *cap * 2 + 8;
		*lines = xreallocarray(*lines, *cap, sizeof **lines);
	}
	(*lines)[(*n)++] = out;
	(*lines)[*n] = NULL;
}

/*
 * Whether a line may break between ws[k - 1] and ws[k] without a space:
 * next to a wide (CJK) character, as Chinese and Japanese text has no
 * spaces, but never before a closing mark nor after an opening one.
 */
static bool
wide_break_before(const wchar_t *ws, size_t k)
{
	static const wchar_t closing[] =
	    L"\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff09"
	    L"\u300b\u300d\u300f\u3011\u201d\u2019\u2026\u2014"
	    L"\u3009\uff3d\uff5d,.:;!?)]}%";
	static const wchar_t opening[] =
	    L"\uff08\u300a\u300c\u300e\u3010\u201c\u2018\u3008"
	    L"\uff3b\uff5b([{";

	if (ws[k] == L' ' || ws[k - 1] == L' ')
		return false;
	if (wc_cols(ws[k]) < 2 && wc_cols(ws[k - 1]) < 2)
		return false;
	return wcschr(closing, ws[k]) == NULL &&
	    wcschr(opening, ws[k - 1]) == NULL;
}

char **
ui_wrap(const char *s, int width, size_t *np)
{
	char **lines = NULL;
	size_t n = 0, cap = 0, len = s != NULL ? strlen(s) : 0, i = 0, k;
	size_t nw = 0, start, brk, wbrk;
	wchar_t *ws = xcalloc(len + 1, sizeof *ws);
	mbstate_t st;

	if (width < 1)
		width = 1;
	memset(&st, 0, sizeof st);
	while (i < len)
		ws[nw++] = next_wc(s, len, &i, &st);
	start = 0;
	while (start < nw) {
		int w = 0;

		brk = wbrk = (size_t)-1;
		for (k = start; k < nw && ws[k] != L'\n'; k++) {
			int cw = wc_cols(ws[k]);

			if (ws[k] == L' ')
				brk = k;
			else if (k > start && wide_break_before(ws, k))
				wbrk = k;
			if (w + cw > width)
				break;
			w += cw;
		}
		if (k >= nw || ws[k] == L'\n') {
			push_line(&lines, &n, &cap, ws + start, k - start);
			start = k + 1;
			continue;
		}
		if (wbrk != (size_t)-1 && (brk == (size_t)-1 || wbrk > brk)) {
			/* Between wide characters: nothing to drop. */
			push_line(&lines, &n, &cap, ws + start, wbrk - start);
			start = wbrk;
		} else if (brk != (size_t)-1 && brk > start) {
			push_line(&lines, &n, &cap, ws + start, brk - start);
			start = brk + 1;
		} else {
			push_line(&lines, &n, &cap, ws + start,
			    k > start ? k - start : 1);
			start = k > start ? k : start + 1;
		}
	}
	if (lines == NULL) {
		lines = xcalloc(2, sizeof *lines);
		lines[0] = xstrdup("");
		n = 1;
	}
	free(ws);
	*np = n;
	return lines;
}

void
ui_lines_free(char **lines)
{
	size_t i;

	for (i = 0; lines != NULL && lines[i] != NULL; i++)
		free(lines[i]);
	free(lines);
}

/* s cut to at most width columns; caller frees. */
char *
ui_truncate(const char *s, int width)
{
	mbstate_t st;
	size_t i = 0, len = strlen(s), last = 0;
	int w = 0;

	memset(&st, 0, sizeof st);
	while (i < len) {
		int cw = wc_cols(next_wc(s, len, &i, &st));

		if (w + cw > width)
			break;
		w += cw;
		last = i;
	}
	return xstrndup(s, last);
}
