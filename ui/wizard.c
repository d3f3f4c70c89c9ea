/* The wizard's driver: the ordered screens, the frame, the keys every
 * screen shares, drafts, signals and the terminal. */
#include "config.h"

#include "wizard.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/backend.h"
#include "../src/catalog.h"
#include "../src/flow.h"
#include "../src/i18n.h"
#include "../src/settings.h"
#include "../src/store.h"
#include "../src/verdict.h"
#include "../src/xmalloc.h"

/* The flow, in order (DESIGN 1). The numbered steps are those with .step. */
static const struct screen_ops *const screens[] = {
	&screen_start,
	&screen_type,
	&screen_domains,
	&screen_applicant,
	&screen_company,
	&screen_csr,
	&screen_verification,
	&screen_confirm,
	&screen_submitted,
	&screen_applications,
};
#define NSCREENS ((int)(sizeof screens / sizeof screens[0]))

/* The frame: top line, step list, body, two message lines, hint bar. */
#define MIN_COLS 80
#define MIN_LINES 24
#define STEPS_W 21		/* the step list's column */
#define BODY_X 22


static struct wiz W;
static int cur = -1;		/* index in screens[] */
/* W.app is in the store (opened from it, or saved since); a new one is
   written only once it holds something to keep (a domain). */
static bool stored;
/* W.app was in the store when the wizard opened it. */
static bool existed;
/* The user chose "Quit without saving". */
static bool quit_unsaved;

/* Whether app has its folder in the store. */
static bool
on_disk(const struct application *app)
{
	char *dir, *err = NULL;
	struct stat st;
	bool r;

	if (app->id == NULL || (dir = store_app_dir(app->id, &err)) == NULL) {
		free(err);
		return false;
	}
	r = stat(dir, &st) == 0;
	free(dir);
	return r;
}
static char *msg_text;		/* the message lines, or NULL */
static enum ui_attr msg_level;

/* Dialogs open above the screen, redrawn in order after a resize. */
struct layer {
	void (*redraw)(void *);
	void *arg;
};
static struct layer layers[8];
static int nlayers;

/* Signals: the handlers only set these; the main loop acts. */
static volatile sig_atomic_t got_signal;
static struct termios shell_tio;
static bool have_shell_tio;
static char reset_seq[128];	/* written by the fatal-signal handler */
static size_t reset_len;
static bool curses_on;
static bool resized;		/* the terminal changed size since the last
				   full drawing */

/* --- terminal ------------------------------------------------------------ */

bool
ui_big_enough(void)
{
	return COLS >= MIN_COLS && LINES >= MIN_LINES;
}

void
ui_body(struct ui_area *a)
{
	a->y = 2;
	a->x = BODY_X;
	a->h = LINES - 5;
	a->w = COLS - BODY_X - 1;
}

/* The thread that runs curses (fatal_hook). */
static pthread_t main_thread;

static void
on_stop_signal(int sig)
{
	got_signal = sig;
}

/*
 * A crash: no curses here (not async-signal-safe). Put the terminal's
 * modes back and leave the alternate screen with the bytes prepared at
 * start, then die of the same signal.
 */
static void
on_fatal_signal(int sig)
{
	ssize_t r;

	if (have_shell_tio)
		(void)tcsetattr(STDIN_FILENO, TCSANOW, &shell_tio);
	if (reset_len > 0)
		r = write(STDOUT_FILENO, reset_seq, reset_len);
	(void)r;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
add_reset(const char *cap)
{
	char *s = tigetstr((char *)cap);
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (reset_len + n < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, s, n);
		reset_len += n;
	}
}

static void
term_end(void)
{
	if (!curses_on)
		return;
	curses_on = false;
	ui_paste_mode(false);
	endwin();
}

/*
 * Out of memory (fatal()). curses is not thread-safe: on a worker thread
 * (a backend job, the quota request) the terminal is restored the way a
 * crash restores it, with the bytes prepared at start and the shell's
 * modes, while the main thread may be inside curses.
 */
static void
fatal_hook(void)
{
	ssize_t r;

	if (pthread_equal(pthread_self(), main_thread)) {
		term_end();
		return;
	}
	if (have_shell_tio)
		(void)tcsetattr(STDIN_FILENO, TCSANOW, &shell_tio);
	if (reset_len > 0)
		r = write(STDOUT_FILENO, reset_seq, reset_len);
	(void)r;
}

static int
term_start(void)
{
	struct sigaction sa;
	struct termios t;
	static const int fatal_sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
	    SIGABRT };
	static const int stop_sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM,
	    SIGALRM, SIGUSR1, SIGUSR2 };
	size_t i;

	if (tcgetattr(STDIN_FILENO, &shell_tio) == 0)
		have_shell_tio = true;
	if (initscr() == NULL)
		return -1;
	curses_on = true;
	main_thread = pthread_self();
	xmalloc_fatal_hook = fatal_hook;
	/* DESIGN 9: Esc must feel immediate. */
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* Wake up now and then to notice signals and move spinners. */
	wtimeout(stdscr, 250);
	/* Let Ctrl-S and Ctrl-Q reach the program: no XON/XOFF. */
	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		(void)tcsetattr(STDIN_FILENO, TCSANOW, &t);
		def_prog_mode();
	}
	/* Bracketed paste markers: a paste into a one-line field stays
	   in it, and the CSR box knows where a paste ends. */
	define_key("\033[200~", UI_KEY_PASTE_BEGIN);
	define_key("\033[201~", UI_KEY_PASTE_END);

	W.color = has_colors() && (getenv("NO_COLOR") == NULL ||
	    *getenv("NO_COLOR") == '\0');
	if (W.color && start_color() == OK) {
		use_default_colors();
		init_pair(1, COLOR_CYAN, -1);
		init_pair(2, COLOR_BLACK, COLOR_CYAN);
		init_pair(3, COLOR_RED, -1);
		init_pair(4, COLOR_YELLOW, -1);
		init_pair(5, COLOR_GREEN, -1);
		init_pair(6, COLOR_BLUE, -1);
		init_pair(7, COLOR_BLACK, COLOR_WHITE);
	} else
		W.color = false;
	{
		static const struct ui_host host = {
			.getkey = wiz_getkey,
			.push_layer = wiz_push_layer,
			.pop_layer = wiz_pop_layer,
		};

		ui_widgets_init(&host, W.color);
		ui_paste_mode(true);
	}

	reset_len = 0;
	add_reset("sgr0");
	add_reset("cnorm");
	add_reset("rmcup");
	{
		static const char bp[] = "\033[?2004l";

		if (reset_len + sizeof bp - 1 < sizeof reset_seq) {
			memcpy(reset_seq + reset_len, bp, sizeof bp - 1);
			reset_len += sizeof bp - 1;
		}
	}

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal wakes the key reader at once. */
	sa.sa_handler = on_stop_signal;
	/* Every signal that would end the program from the terminal or a
	   kill: save, restore the terminal, exit with 128 + the signal.
	   Ctrl-\ (SIGQUIT) too: no core of a process that may hold a
	   secret, and no terminal left without echo. */
	for (i = 0; i < sizeof stop_sigs / sizeof stop_sigs[0]; i++)
		sigaction(stop_sigs[i], &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof fatal_sigs / sizeof fatal_sigs[0]; i++)
		sigaction(fatal_sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

/* --- the frame ------------------------------------------------------------ */

static bool
applies(int i)
{
	return screens[i]->applies == NULL || screens[i]->applies(&W);
}

/* The number of step i among the steps that apply, from 1. */
static int
step_number(int i, int *total)
{
	int k, n = 0, at = 0;

	for (k = 0; k < NSCREENS; k++) {
		if (!screens[k]->step || !applies(k))
			continue;
		n++;
		if (k == i)
			at = n;
	}
	if (total != NULL)
		*total = n;
	return at;
}

/*
 * Whether a bar's colour may run the whole line. Only a colour background
 * on a terminal with background colour erase is cheap: there the rest of
 * the line is one erase. Without it (TERM=screen, many serial consoles)
 * and in reverse video (no colours, NO_COLOR), every blank of the bar is
 * written as a space: there the bars mark their text only, and the rest
 * of the line keeps the terminal's own background.
 */
static bool
bar_fill(void)
{
	static int fill = -1;

	if (fill < 0)
		fill = W.color && tigetflag((char *)"bce") > 0;
	return fill;
}

static void
draw_top(void)
{
	const struct screen_ops *s = screens[cur];
	const char *title = s->title_for != NULL ? s->title_for(&W) :
	    s->title;
	char *left, *right = NULL;
	int total, n = step_number(cur, &total), rw = 0;

	if (bar_fill())
		attron(ui_attr(UI_BAR));
	ui_blank(0, 0, COLS);
	attron(ui_attr(UI_BAR));
	if (s->step && n > 0)
		/* TRANSLATORS: the top line: "Step 3 of 7: Applicant". */
		left = xasprintf(_("Step %d of %d: %s"), n, total,
		    _(title));
	else
		left = xstrdup(_(title));
	if (W.app != NULL && W.app->id != NULL) {
		if (W.app->state == APP_DRAFT || W.app->state == APP_READY)
			/* TRANSLATORS: the top line's right end: the draft's
			   id. */
			right = xasprintf(_("draft %s"), W.app->id);
		else
			/* TRANSLATORS: the top line's right end: a submitted
			   application's id. */
			right = xasprintf(_("application %s"), W.app->id);
		rw = ui_width(right);
	}
	mvaddstr(0, 1, "certwiz");
	ui_put(0, 10, COLS - 12 - rw, left, ui_attr(UI_BAR) | A_BOLD);
	if (right != NULL)
		ui_put(0, COLS - rw - 1, rw, right, ui_attr(UI_BAR));
	attroff(ui_attr(UI_BAR));
	free(left);
	free(right);
}

static void
draw_steps(void)
{
	int i, y = 2;

	for (i = 0; i < NSCREENS; i++) {
		const char *mark;
		int attr = A_NORMAL;

		if (!screens[i]->step)
			continue;
		if (!applies(i)) {
			/* TRANSLATORS: step list: not needed for this type. */
			mark = "[-]";
			attr = ui_attr(UI_DIM);
		} else if (i == cur) {
			mark = "[>]";
			attr = A_BOLD;
		} else if (W.app != NULL && W.type != NULL &&
		    screens[i]->complete != NULL && screens[i]->complete(&W))
			mark = "[x]";
		else
			mark = "[ ]";
		ui_put(y, 1, 3, mark, attr);
		ui_put(y, 5, STEPS_W - 5, _(screens[i]->title), attr);
		y++;
	}
	if (W.type != NULL) {
		char **lines;
		size_t n, k;

		lines = ui_wrap(_(W.type->name), STEPS_W - 2, &n);
		for (k = 0; k < n && k < 2; k++)
			ui_put(y + 1 + (int)k, 1, STEPS_W - 2, lines[k],
			    ui_attr(UI_DIM));
		ui_lines_free(lines);
	}
}

/*
 * The rows of the body that the last message borrowed (they were blank),
 * as the terminal showed them then: a row still showing that is blanked
 * again before the next message.
 */
#define MSG_MAX_ROWS 64
static wchar_t *msg_rows[MSG_MAX_ROWS];
static int msg_rows_top = -1;	/* the first of them, or -1 */
static int msg_nrows;

/* Whether the body's part of row y is blank. */
static bool
row_blank(int y)
{
	wchar_t buf[512];
	int i, n;

	n = mvinnwstr(y, BODY_X, buf, COLS - BODY_X < 511 ? COLS - BODY_X :
	    511);
	for (i = 0; i < n; i++)
		if (buf[i] != L' ' && buf[i] != L'\0')
			return false;
	return true;
}

static wchar_t *
row_text(int y)
{
	wchar_t *buf = xcalloc((size_t)COLS + 1, sizeof *buf);

	if (mvinnwstr(y, 0, buf, COLS) == ERR)
		buf[0] = L'\0';
	return buf;
}

/* Give back the rows the last message borrowed, where nothing else drew
   since. */
static void
message_return_rows(void)
{
	int i;

	for (i = 0; i < msg_nrows && msg_rows_top >= 0; i++) {
		wchar_t *now = row_text(msg_rows_top + i);

		if (msg_rows[i] != NULL && wcscmp(now, msg_rows[i]) == 0)
			ui_blank(msg_rows_top + i, BODY_X, COLS - BODY_X);
		free(now);
	}
	for (i = 0; i < MSG_MAX_ROWS; i++) {
		free(msg_rows[i]);
		msg_rows[i] = NULL;
	}
	msg_rows_top = -1;
	msg_nrows = 0;
}

/*
 * Where a message of n lines goes: the two lines above the hint bar when
 * it fits there, else the lowest run of blank body rows (and the two
 * lines) that holds it with a blank row around it, as a message box
 * would. Returns the first row; *rows gets how many it may use.
 */
static int
message_place(int n, int *rows)
{
	int bottom = LINES - 2, y, best = LINES - 3, best_rows = 2;

	*rows = 2;
	if (n <= 2)
		return LINES - 3;
	/* Runs of blank rows from the bottom up; the message lines count
	   as blank. */
	y = LINES - 4;
	while (y >= 2) {
		int end, start, room;

		while (y >= 2 && !row_blank(y))
			y--;
		if (y < 2)
			break;
		end = y;
		while (y >= 2 && row_blank(y))
			y--;
		start = y + 1;
		/* A blank row stays above, and below unless the run reaches
		   the message lines. */
		if (end == LINES - 4) {
			room = bottom - start;
			if (room >= n) {
				*rows = n;
				return bottom - n + 1;
			}
			if (room > best_rows) {
				best_rows = room;
				best = bottom - room + 1;
			}
		} else {
			room = end - start - 1;
			if (room >= n) {
				*rows = n;
				return end - n;
			}
			if (room > best_rows) {
				best_rows = room;
				best = end - room;
			}
		}
	}
	*rows = best_rows;
	return best;
}

/*
 * The message: on the two lines above the hint bar, or, when it is
 * longer, in the body's column over its blank rows. A message longer
 * still ends with the key that shows it whole.
 */
static void
draw_message(void)
{
	char **lines;
	size_t n, i;
	int top, y, rows, x = 1, w = COLS - 2;

	message_return_rows();
	ui_blank(LINES - 3, 0, COLS);
	ui_blank(LINES - 2, 0, COLS);
	if (msg_text == NULL)
		return;
	lines = ui_wrap(msg_text, w, &n);
	if (n > 2) {
		/* The step list keeps its column. */
		ui_lines_free(lines);
		x = BODY_X;
		w = COLS - BODY_X - 1;
		lines = ui_wrap(msg_text, w, &n);
	}
	top = message_place((int)n, &rows);
	for (i = 0; i < n && (int)i < rows; i++) {
		y = top + (int)i;
		if ((int)i == rows - 1 && n > (size_t)rows) {
			/* TRANSLATORS: ends a message cut for lack of room;
			   F3 and Ctrl-R show it whole. */
			const char *more = _(" ... (F3/^R: whole message)");
			int mw = ui_width(more);
			int at = ui_put(y, x, w - mw, lines[i],
			    ui_attr(msg_level));

			ui_put(y, x + at, mw, more, ui_attr(msg_level) |
			    A_BOLD);
		} else
			ui_put(y, x, w, lines[i], ui_attr(msg_level));
	}
	if (top < LINES - 3) {
		msg_rows_top = top;
		for (y = top; y < LINES - 3 && y - top < MSG_MAX_ROWS; y++)
			msg_rows[msg_nrows++] = row_text(y);
	}
	ui_lines_free(lines);
}

/* F3 or Ctrl-R: the whole message in a pane. */
static void
show_message(void)
{
	char *text;

	if (msg_text == NULL)
		return;
	text = xstrdup(msg_text);
	ui_show_text(_("Message"), text);
	free(text);
}

static void
draw_hint(void)
{
	const char *h = screens[cur]->hint != NULL ? _(screens[cur]->hint) :
	    _("Tab next  Enter ok  Esc back  F1/^G tips  F2/^S save  "
	    "F10/^Q quit");

	if (bar_fill())
		attron(ui_attr(UI_BAR));
	ui_blank(LINES - 1, 0, COLS);
	attron(ui_attr(UI_BAR));
	ui_put(LINES - 1, 1, COLS - 2, h, ui_attr(UI_BAR));
	attroff(ui_attr(UI_BAR));
}

static void
draw_small(void)
{
	char *text, **lines;
	size_t n, i;
	int y;

	erase();
	text = xasprintf(_("Please enlarge the terminal to at least %dx%d "
	    "(it is %dx%d now). certwiz continues where it was."), MIN_COLS,
	    MIN_LINES, COLS, LINES);
	lines = ui_wrap(text, COLS > 4 ? COLS - 4 : COLS, &n);
	y = LINES / 2 - (int)n / 2;
	if (y < 0)
		y = 0;
	for (i = 0; i < n && y + (int)i < LINES; i++) {
		int w = ui_width(lines[i]);

		ui_put(y + (int)i, w < COLS ? (COLS - w) / 2 : 0, COLS,
		    lines[i], A_BOLD);
	}
	ui_lines_free(lines);
	free(text);
	move(LINES - 1, 0);
}

static void
place_cursor(void)
{
	if (nlayers == 0 && screens[cur]->cursor != NULL && ui_big_enough()) {
		screens[cur]->cursor(&W);
		/* The focused button in reverse video, not only under the
		   cursor. */
		ui_buttons_mark();
	}
}

void
wiz_redraw(void)
{
	int i;

	if (!ui_big_enough()) {
		draw_small();
		wnoutrefresh(stdscr);
		doupdate();
		resized = true;
		return;
	}
	/*
	 * A shrinking terminal makes ncurses move the screens' windows
	 * (forms, menus) to fit; unposting them then blanks the cells where
	 * they were moved to. Let the screen re-post them once at their
	 * places before the screen is drawn from scratch.
	 */
	if (resized && screens[cur]->draw != NULL)
		screens[cur]->draw(&W);
	resized = false;
	erase();
	ui_buttons_forget();
	draw_top();
	draw_steps();
	draw_hint();
	/* The body first: the message may borrow its blank rows. */
	msg_rows_top = -1;
	msg_nrows = 0;
	if (screens[cur]->draw != NULL)
		screens[cur]->draw(&W);
	draw_message();
	place_cursor();
	wnoutrefresh(stdscr);
	for (i = 0; i < nlayers; i++)
		layers[i].redraw(layers[i].arg);
	doupdate();
}

void
wiz_push_layer(void (*redraw)(void *), void *arg)
{
	if (nlayers < (int)(sizeof layers / sizeof layers[0])) {
		layers[nlayers].redraw = redraw;
		layers[nlayers].arg = arg;
		nlayers++;
	}
}

void
wiz_pop_layer(void)
{
	if (nlayers > 0)
		nlayers--;
	/* What the dialog covered comes back from the screen below. */
	if (nlayers == 0) {
		touchwin(stdscr);
		place_cursor();
		wnoutrefresh(stdscr);
		doupdate();
	}
}

void
ui_message(enum ui_attr level, const char *fmt, ...)
{
	va_list ap;

	free(msg_text);
	va_start(ap, fmt);
	msg_text = xvasprintf(fmt, ap);
	va_end(ap);
	msg_level = level;
	if (curses_on && ui_big_enough())
		draw_message();
}

void
ui_message_clear(void)
{
	if (msg_text == NULL)
		return;
	free(msg_text);
	msg_text = NULL;
	if (curses_on && ui_big_enough())
		draw_message();
}

/* --- keys ------------------------------------------------------------ */

/*
 * Two resizes in quick succession can leave ncurses with the size of the
 * first (one SIGWINCH is handled while the next arrives). Ask the
 * terminal now and then, and catch up. Returns true when it did.
 */
static bool
size_changed(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 ||
	    ws.ws_col == 0)
		return false;
	if (ws.ws_row == LINES && ws.ws_col == COLS)
		return false;
	resizeterm(ws.ws_row, ws.ws_col);
	return true;
}

/*
 * After an Esc: when more bytes follow at once, this is a key the
 * terminal description does not know (or Alt with a key), not Esc. Read
 * the rest of the sequence and drop it, so that it does not act as Esc
 * (back) followed by stray characters. Returns true when it did.
 */
static bool
swallow_sequence(void)
{
	wint_t ch;
	int r, n = 0;
	bool csi = false;

	nodelay(stdscr, TRUE);
	r = wget_wch(stdscr, &ch);
	if (r == ERR) {
		wtimeout(stdscr, 250);
		return false;
	}
	if (r == OK && (ch == '[' || ch == 'O'))
		csi = true;
	/* CSI and SS3 end with a byte from @ to ~; stop at a sane length. */
	while (csi && n++ < 16 && (r = wget_wch(stdscr, &ch)) != ERR)
		if (r == OK && ch >= '@' && ch <= '~')
			break;
	wtimeout(stdscr, 250);
	return true;
}

bool
wiz_getkey(struct ui_key *k)
{
	wint_t ch;
	int r;

	for (;;) {
		if (got_signal)
			return false;
		r = wget_wch(stdscr, &ch);
		if (got_signal)
			return false;
		if (r == ERR) {
			if (size_changed()) {
				clearok(curscr, TRUE);
				resized = true;
				wiz_redraw();
				continue;
			}
			if (W.tick != NULL && W.tick(&W)) {
				k->fkey = true;
				k->code = UI_KEY_TICK;
				k->ch = 0;
				return true;
			}
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			/* Repaint it all: after a resize the terminal's idea
			   of the screen and ours can differ (cells left over
			   from the smaller size). */
			clearok(curscr, TRUE);
			resized = true;
			wiz_redraw();
			continue;
		}
		if (r == OK && ch == 0x1b && swallow_sequence())
			continue;
		k->fkey = r == KEY_CODE_YES;
		k->code = k->fkey ? (int)ch : 0;
		k->ch = k->fkey ? 0 : ch;
		/* Enter and Tab arrive as characters; make them keys. */
		if (!k->fkey && (ch == '\r' || ch == '\n')) {
			k->fkey = true;
			k->code = KEY_ENTER;
		}
		if (!ui_big_enough()) {
			/* Keep typing away from a form nobody can see; quit
			   still works. */
			if ((k->fkey && k->code == KEY_F(10)) ||
			    (!k->fkey && k->ch == UI_CTRL('q')))
				return true;
			continue;
		}
		return true;
	}
}

/* --- drafts and moving between screens --------------------------------- */

/* The lock of the application the wizard has open (W.app), if saved. */
static int lock_fd = -1;
static char *lock_id;

static void
hold_release(void)
{
	store_unlock(lock_fd);
	lock_fd = -1;
	free(lock_id);
	lock_id = NULL;
}

/* Hold the lock of id instead of the one held: 0, or -1 with *err. */
static int
hold(const char *id, char **err)
{
	int fd;

	if (lock_id != NULL && strcmp(lock_id, id) == 0)
		return 0;
	if ((fd = store_lock(id, err)) < 0)
		return -1;
	hold_release();
	lock_fd = fd;
	lock_id = xstrdup(id);
	return 0;
}

int
wiz_lock(const char *id)
{
	char *err = NULL;
	int fd;

	if (lock_id != NULL && strcmp(lock_id, id) == 0)
		return WIZ_LOCK_HELD;
	if ((fd = store_lock(id, &err)) < 0) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
		return -1;
	}
	return fd;
}

void
wiz_unlock(int fd)
{
	if (fd >= 0)
		store_unlock(fd);
}

static void
commit(void)
{
	if (cur >= 0 && screens[cur]->commit != NULL && W.state != NULL)
		screens[cur]->commit(&W);
}

/* Save the record as it is (the caller committed). */
static int
save_record(char **err)
{
	struct findings f = { 0 };

	if (W.app->state == APP_READY &&
	    !flow_check(W.app, W.cat, &f))
		W.app->state = APP_DRAFT;
	findings_clear(&f);
	/* A new draft gets its folder, and the wizard its lock, first. */
	if (W.app->id == NULL && store_create(W.app, err) != 0)
		return -1;
	if (hold(W.app->id, err) != 0)
		return -1;
	if (store_save(W.app, err) != 0)
		return -1;
	W.saved_ok = true;
	stored = true;
	return 0;
}

/* Whether the record is worth writing without being asked: it is in the
   store already, or it holds a domain (a type alone is not a draft). */
static bool
worth_keeping(void)
{
	return W.app != NULL && W.app->type != NULL &&
	    (stored || W.app->ndomains > 0);
}

int
wiz_save(struct wiz *w)
{
	char *err = NULL;

	(void)w;
	if (W.app == NULL || W.app->type == NULL)
		return 0;
	if (W.busy) {
		ui_message(UI_WARNING, "%s", _("A request to the CA is under "
		    "way: wait for its answer, then save."));
		return -1;
	}
	commit();
	if (screens[cur]->step) {
		free(W.app->screen);
		W.app->screen = xstrdup(screens[cur]->name);
	}
	if (save_record(&err) != 0) {
		ui_message(UI_ERROR, _("The draft could not be saved: %s. "
		    "Check the disk and press F2 (Ctrl-S) to try again."),
		    err);
		free(err);
		W.saved_ok = false;
		return -1;
	}
	W.saved_ok = true;
	return 0;
}

static int
find_screen(const char *name)
{
	int i;

	for (i = 0; name != NULL && i < NSCREENS; i++)
		if (strcmp(screens[i]->name, name) == 0)
			return i;
	return -1;
}

static void
set_type(void)
{
	W.type = W.app != NULL && W.app->type != NULL ?
	    catalog_find(W.cat, W.app->type) : NULL;
}

static void
enter(int i)
{
	cur = i;
	W.state = NULL;
	W.tick = NULL;
	W.busy = false;
	set_type();
	if (screens[cur]->enter != NULL)
		screens[cur]->enter(&W);
}

/* Leave the current screen for screen i, saving the draft on the way. */
static void
switch_to(int i)
{
	commit();
	set_type();
	/* A message belongs to the screen it was about; a failed save
	   below puts its own. */
	ui_message_clear();
	if (worth_keeping()) {
		char *err = NULL;

		if (screens[i]->step) {
			/* The focus kept was on the screen left: the next
			   one starts at its first field. */
			if (i != cur) {
				free(W.app->focus);
				W.app->focus = NULL;
			}
			free(W.app->screen);
			W.app->screen = xstrdup(screens[i]->name);
		}
		if (save_record(&err) != 0) {
			ui_message(UI_ERROR, _("The draft could not be saved: "
			    "%s. Check the disk and press F2 (Ctrl-S) to try "
			    "again."), err);
			free(err);
		}
	}
	if (screens[cur]->leave != NULL)
		screens[cur]->leave(&W);
	W.state = NULL;
	W.tick = NULL;
	enter(i);
	wiz_redraw();
}

/* The next (dir 1) or previous (dir -1) step that applies, or -1. */
static int
neighbour(int from, int dir)
{
	int i;

	for (i = from + dir; i >= 0 && i < NSCREENS; i += dir)
		if (screens[i]->step && applies(i))
			return i;
	return -1;
}

static void
show_tips(void)
{
	char *tip = screens[cur]->tip != NULL ? screens[cur]->tip(&W) : NULL;

	if (tip == NULL)
		tip = xstrdup(_("Fill in the fields with the keyboard: Tab and "
		    "Shift-Tab move between them, Enter chooses, Esc goes back "
		    "one screen without losing anything, F2 (Ctrl-S) saves "
		    "the draft and F10 (Ctrl-Q) leaves."));
	ui_show_text(_("Tips"), tip);
	free(tip);
}

/* Returns true when the wizard should end. */
static bool
offer_quit(void)
{
	const char *buttons[3];
	int r;

	if (W.busy) {
		ui_message(UI_WARNING, "%s", _("A request to the CA is under "
		    "way: wait for its answer before leaving (it ends by "
		    "itself when the network gives up)."));
		return false;
	}
	commit();
	if (W.app == NULL || W.app->type == NULL)
		return true;
	/* Sent or prepared: the record is saved and no longer a draft. */
	if (W.app->state != APP_DRAFT && W.app->state != APP_READY &&
	    W.app->state != APP_WITHDRAWN)
		return true;
	buttons[0] = _("Save and quit");
	buttons[1] = _("Quit without saving");
	buttons[2] = _("Cancel");
	r = ui_ask(_("Quit"), _("Save the draft before leaving? You can "
	    "continue it later with certwiz resume."), buttons, 3, 0);
	if (r == 0)
		return wiz_save(&W) == 0;
	if (r == 1)
		quit_unsaved = true;
	return r == 1;
}

struct backend *
wiz_backend_open(const struct application *app, bool agree_tos)
{
	struct backend_options bo;
	struct settings *s;
	struct backend *b;
	char *err = NULL, *warning = NULL;

	if ((s = settings_load(&err)) == NULL) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
		return NULL;
	}
	memset(&bo, 0, sizeof bo);
	/* Where app's order was made, as certwiz status asks it. */
	backend_options_for_app(&bo, app);
	bo.agree_tos = agree_tos;
	b = backend_open(s, &bo, &warning, &err);
	if (b == NULL) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
	} else if (warning != NULL)
		ui_message(UI_WARNING, "%s", warning);
	free(warning);
	settings_free(s);
	return b;
}

/* Open a saved application in the wizard (Start and Applications). */
bool
wiz_open(struct wiz *w, struct application *app)
{
	(void)w;
	if (app != NULL && app->id != NULL) {
		struct application *fresh = NULL;
		char *err = NULL;
		bool taken = lock_id == NULL || strcmp(lock_id, app->id) != 0;

		if (hold(app->id, &err) != 0) {
			ui_message(UI_ERROR, "%s", err);
			free(err);
			app_free(app);
			return false;
		}
		/* Another process may have changed it before we had it. */
		if (taken && store_load(app->id, &fresh, &err) == STORE_OK) {
			app_free(app);
			app = fresh;
		}
		free(err);
	} else
		hold_release();
	app_free(W.app);
	W.app = app;
	/* A new record has no folder yet: nothing on disk to keep. */
	stored = existed = app != NULL && on_disk(app);
	set_type();
	return true;
}

static int
resume_index(void)
{
	int i = find_screen(W.app->screen);

	if (W.app->type == NULL)
		return find_screen("type");
	if (i < 0 || !screens[i]->step || !applies(i))
		i = find_screen("domains");
	return i;
}

int
wizard_run(const char *resume_id)
{
	struct ui_key k;
	char *err = NULL, *full = NULL;
	int rc = 0, sig, row;
	bool abandoned;

	if ((W.cat = catalog_load(&err)) == NULL) {
		fprintf(stderr, "certwiz: %s\n", err);
		free(err);
		return 3;
	}
	{
		/* The Type screen offers what the backend can send. */
		struct settings *st = settings_load(&err);

		if (st != NULL)
			catalog_for_backend(W.cat, st->backend, NULL);
		else
			free(err);
		err = NULL;
		settings_free(st);
	}
	if (resume_id != NULL) {
		struct application *app = NULL;
		int r = store_resolve(resume_id, &full, &err);

		/* Locked before it is read: another certwiz may have it. */
		if (r == STORE_OK && hold(full, &err) != 0)
			r = STORE_EIO;
		if (r == STORE_OK)
			r = store_load(full, &app, &err);
		free(full);
		if (r != STORE_OK) {
			fprintf(stderr, "certwiz: %s\n", err);
			free(err);
			hold_release();
			catalog_free(W.cat);
			return r == STORE_ENOENT ? 1 : 3;
		}
		if (app->state != APP_DRAFT && app->state != APP_READY &&
		    app->state != APP_WITHDRAWN) {
			fprintf(stderr, _("certwiz: %s is %s and can no longer "
			    "be changed: certwiz show %s describes it\n"),
			    app->id, app_state_label(app->state), app->id);
			app_free(app);
			hold_release();
			catalog_free(W.cat);
			return 1;
		}
		W.app = app;
		stored = existed = true;
	}
	if (term_start() != 0) {
		fprintf(stderr, "certwiz: %s\n",
		    _("cannot start the terminal interface: check TERM"));
		catalog_free(W.cat);
		app_free(W.app);
		W.app = NULL;
		hold_release();
		return 3;
	}
	set_type();
	enter(W.app != NULL ? resume_index() : find_screen("start"));
	wiz_redraw();
	for (;;) {
		enum screen_result r = SCREEN_STAY;

		if (!wiz_getkey(&k))
			break;
		if ((k.fkey && k.code == KEY_F(10)) ||
		    (!k.fkey && k.ch == UI_CTRL('q')))
			r = SCREEN_QUIT;
		else if ((k.fkey && k.code == KEY_F(1)) ||
		    (!k.fkey && k.ch == UI_CTRL('g')))
			show_tips();
		else if ((k.fkey && k.code == KEY_F(3)) ||
		    (!k.fkey && k.ch == UI_CTRL('r')))
			show_message();
		else if ((k.fkey && k.code == KEY_F(2)) ||
		    (!k.fkey && k.ch == UI_CTRL('s'))) {
			if (W.app == NULL || W.app->type == NULL)
				ui_message(UI_WARNING, _("Nothing to save yet: "
				    "choose a certificate type first."));
			else if (wiz_save(&W) == 0)
				ui_message(UI_OK, _("Draft saved. Continue it "
				    "later with: certwiz resume %s"),
				    W.app->id);
		} else if (!k.fkey && k.ch == 0x1b && W.tick == NULL)
			r = SCREEN_BACK;
		else if (screens[cur]->key != NULL)
			r = screens[cur]->key(&W, &k);

		switch (r) {
		case SCREEN_STAY:
			break;
		case SCREEN_REDRAW:
			wiz_redraw();
			continue;
		case SCREEN_NEXT: {
			int i = neighbour(cur, 1);

			if (i >= 0)
				switch_to(i);
			continue;
		}
		case SCREEN_BACK: {
			int i = screens[cur]->step ? neighbour(cur, -1) : -1;

			if (i < 0 && cur != find_screen("start"))
				i = find_screen("start");
			if (i >= 0)
				switch_to(i);
			continue;
		}
		case SCREEN_GOTO: {
			int i = find_screen(W.go_to);

			if (i >= 0 && W.app != NULL && screens[i]->step &&
			    !applies(i))
				i = neighbour(i, 1);
			if (i < 0 && W.app != NULL)
				i = resume_index();
			if (i >= 0)
				switch_to(i);
			continue;
		}
		case SCREEN_QUIT:
			if (offer_quit())
				goto out;
			break;
		}
		place_cursor();
		wnoutrefresh(stdscr);
		doupdate();
	}
out:
	sig = got_signal;
	if (sig != 0) {
		/* A dropped session or a kill: keep what was typed (a job
		   in progress saves its own copy: leave the store to it). */
		if (worth_keeping() && !W.busy) {
			commit();
			if (screens[cur]->step) {
				free(W.app->screen);
				W.app->screen = xstrdup(screens[cur]->name);
			}
			if (save_record(&err) != 0)
				free(err);
		}
		rc = 128 + sig;
	}
	if (screens[cur]->leave != NULL)
		screens[cur]->leave(&W);
	term_end();
	if (sig == 0 && W.app != NULL && W.app->id != NULL &&
	    W.app->state == APP_PREPARED)
		printf(_("Application %s is prepared here, not sent. Send it "
		    "with: certwiz submit %s --backend cas\n"), W.app->id,
		    W.app->id);
	else if (sig == 0 && W.app != NULL && W.app->id != NULL &&
	    W.app->state != APP_DRAFT && W.app->state != APP_READY &&
	    W.app->state != APP_WITHDRAWN)
		printf(_("Application %s is %s. Follow it with: certwiz "
		    "status %s\n"), W.app->id, app_state_label(W.app->state),
		    W.app->id);
	else if (sig == 0 && quit_unsaved && !existed && stored) {
		/* Quit without saving a draft begun here: keep nothing. */
		char *derr = NULL;

		if (store_delete(W.app->id, &derr) != 0) {
			fprintf(stderr, "certwiz: %s\n", derr);
			free(derr);
		}
	} else if (sig == 0 && quit_unsaved)
		;	/* nothing was saved on leaving: say nothing of it */
	else if (sig == 0 && W.app != NULL && W.app->id != NULL &&
	    W.saved_ok)
		printf(_("Draft %s saved. Continue it with: certwiz resume "
		    "%s\n"), W.app->id, W.app->id);
	free(msg_text);
	msg_text = NULL;
	for (row = 0; row < MSG_MAX_ROWS; row++) {
		free(msg_rows[row]);
		msg_rows[row] = NULL;
	}
	/* A job still on its way (a signal arrived) borrows the catalog
	   until the process ends: leave it. */
	app_free(W.app);
	/* A job still on its way holds its own lock until the process
	   ends. */
	hold_release();
	abandoned = W.busy || ui_type_quota_running();
	if (!W.busy)
		catalog_free(W.cat);
	memset(&W, 0, sizeof W);
	/*
	 * A thread still on its way (a backend job a signal interrupted, the
	 * quota request) is inside libcurl and OpenSSL: the exit handlers
	 * (OpenSSL's cleanup) must not run under it. What it would save is
	 * saved by the job itself or not needed; leave at once.
	 */
	if (abandoned) {
		(void)fflush(stdout);
		(void)fflush(stderr);
		_exit(rc);
	}
	return rc;
}
