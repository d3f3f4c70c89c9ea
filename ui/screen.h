/* What a screen of the wizard is, and what the driver offers screens. */
#ifndef UI_SCREEN_H
#define UI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "widgets.h"

struct application;
struct catalog;
struct cert_type;

/* What a screen's key hook asks the driver to do. */
enum screen_result {
	SCREEN_STAY,		/* nothing more: the screen drew what changed */
	SCREEN_NEXT,		/* forward; the screen checked its fields */
	SCREEN_BACK,		/* to the previous screen */
	SCREEN_QUIT,		/* leave the wizard (offering to save) */
	SCREEN_REDRAW,		/* repaint everything */
	SCREEN_GOTO,		/* to the screen named in wiz.go_to */
};

/* The wizard's state, shared by the driver and the screens. */
struct wiz {
	struct catalog *cat;
	struct application *app;	/* NULL until "new" or "open" */
	const struct cert_type *type;	/* app's type, or NULL */
	void *state;		/* the current screen's own state */
	const char *go_to;	/* SCREEN_GOTO: a screen name */
	bool color;		/* colours allowed (a terminal with colours
				   and no NO_COLOR) */
	bool saved_ok;		/* the last save succeeded */
	/* Called about four times a second while no key comes (a spinner);
	   returning true hands the screen a UI_KEY_TICK key. */
	bool (*tick)(struct wiz *w);
	/* A backend job works on a copy of the record: the driver must not
	   save wiz.app (the job saves its own) nor leave the screen until
	   the screen clears it. */
	bool busy;
	/* The Applications screen's c: the Submitted screen starts a check
	   (certwiz verify) as it opens. */
	bool check_now;
};

/*
 * One screen. Hooks a screen does not need stay NULL. The record is
 * wiz.app; the screen keeps what it shows in wiz.state between enter and
 * leave.
 */
struct screen_ops {
	const char *name;	/* stable: saved as the draft's "screen" */
	const char *title;	/* N_() */
	/* The title for this record, when it depends on it (N_()); NULL
	   hook: title. */
	const char *(*title_for)(const struct wiz *w);
	const char *hint;	/* N_(): the keys, for the hint bar */
	bool step;		/* one of the numbered steps */
	/* Whether this step is needed for the application (Company: no for
	   DV types); NULL: always. */
	bool (*applies)(const struct wiz *w);
	/* Allocate the state and read the record. */
	void (*enter)(struct wiz *w);
	/* Draw the whole body (the driver drew the frame and erased it). */
	void (*draw)(struct wiz *w);
	/* One key; the driver has handled the global keys. */
	enum screen_result (*key)(struct wiz *w, const struct ui_key *k);
	/* Copy what is on the screen into the record (before a save). */
	void (*commit)(struct wiz *w);
	/* Free the state (commit was called just before). */
	void (*leave)(struct wiz *w);
	/* Whether the record has what this step asks for (the step list). */
	bool (*complete)(const struct wiz *w);
	/* The tip for what has the focus; caller frees. NULL: the title. */
	char *(*tip)(struct wiz *w);
	/* Put the terminal cursor on the focused field. */
	void (*cursor)(struct wiz *w);
};

/* The body of a screen: where screens draw (stdscr coordinates). */
struct ui_area {
	int y, x, h, w;
};
void ui_body(struct ui_area *a);

/* Set or clear the message lines above the hint bar. */
void ui_message(enum ui_attr level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void ui_message_clear(void);

/*
 * Save the draft now (commit, then store_save). Returns 0, or -1 after
 * showing why on the message lines.
 */
int wiz_save(struct wiz *w);

/*
 * Redraw the whole screen: frame, body, message, and the dialogs open
 * above it. Dialogs call it when the terminal is resized.
 */
void wiz_redraw(void);

/*
 * The driver's key reader for dialogs: waits for a key, handling resizes
 * (redraw) and the signals that end the program. Returns false when the
 * program must stop (a signal arrived).
 */
bool wiz_getkey(struct ui_key *k);

/*
 * A dialog over the screen: redraw(arg) draws it again after a resize.
 * Push when it opens, pop when it closes.
 */
void wiz_push_layer(void (*redraw)(void *), void *arg);
void wiz_pop_layer(void);

/*
 * Make app (caller gives it up; NULL for none) the record the wizard works
 * on. A saved application is locked first, so that no other certwiz
 * changes it while it is open here, and read again under the lock. Returns
 * false, after saying which process holds it and freeing app, when another
 * process has it open; the wizard's record is then unchanged.
 */
bool wiz_open(struct wiz *w, struct application *app);

/*
 * Lock application id for an action of a screen (a backend job, a delete)
 * on an application that may not be the open one. Returns a descriptor for
 * wiz_unlock, WIZ_LOCK_HELD when the wizard holds it already (it is the
 * open one), or -1 after saying which process holds it.
 */
#define WIZ_LOCK_HELD (-2)
int wiz_lock(const char *id);
/* Release a lock from wiz_lock; WIZ_LOCK_HELD and -1 are no-ops. */
void wiz_unlock(int fd);

/*
 * Open the backend of app as certwiz status does (backend_options_for_app:
 * the one it was sent with, at the endpoint kept with its order; else the
 * settings'), with the CA's terms accepted when agree_tos. Returns NULL
 * after showing why on the message lines.
 */
struct backend;
struct backend *wiz_backend_open(const struct application *app,
    bool agree_tos);

/* Whether the terminal is at least 80x24. */
bool ui_big_enough(void);

/* The screens, in screen-<name>.c. */
/* Whether the Type screen's quota request is still on its way (a thread
   of its own). */
bool ui_type_quota_running(void);

extern const struct screen_ops screen_start;
extern const struct screen_ops screen_type;
extern const struct screen_ops screen_domains;
extern const struct screen_ops screen_applicant;
extern const struct screen_ops screen_company;
extern const struct screen_ops screen_csr;
extern const struct screen_ops screen_verification;
extern const struct screen_ops screen_confirm;
extern const struct screen_ops screen_submitted;
extern const struct screen_ops screen_applications;

struct field_def;

/* --- a page of fields (libform) --------------------------------------- */

/* The fields of one group of the field table, with Next and Back buttons. */
struct fpage;

/* What fpage_key made of a key. */
enum fpage_result {
	FPAGE_STAY,
	FPAGE_NEXT,		/* Next pressed and every field acceptable */
	FPAGE_BACK,		/* Back pressed */
};

/*
 * A page of the given fields (those that do not apply to the
 * application are left out), filled from w->app.
 */
struct fpage *fpage_new(struct wiz *w, const struct field_def *const *defs,
    size_t n);
void fpage_free(struct fpage *p);
/* Draw the labels and the fields in the body; safe to call again. */
void fpage_draw(struct fpage *p);
enum fpage_result fpage_key(struct fpage *p, const struct ui_key *k);
/* Copy every field into the record. */
void fpage_commit(struct fpage *p);
/* The field with the focus (NULL on a button). */
const struct field_def *fpage_focus(const struct fpage *p);
/* Focus the field with this JSON key; false when the page has none. */
bool fpage_set_focus(struct fpage *p, const char *key);
void fpage_cursor(struct fpage *p);
/*
 * Check every field: the focus goes to the first unacceptable one and its
 * message shows. Returns true when the page may be left forward.
 */
bool fpage_check(struct fpage *p);

#endif /* UI_SCREEN_H */
