/* The wizard's export dialog: a format menu, a folder, then the files. */
#include "config.h"

#include "export-dialog.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/export.h"
#include "../src/i18n.h"
#include "../src/verdict.h"
#include "../src/xmalloc.h"

/* The findings and the error as one text for ui_show_text. */
static char *
findings_text(const struct findings *f, const char *err)
{
	char *s = xstrdup(""), *t, *q;
	size_t i;

	for (i = 0; i < f->n; i++) {
		const char *lvl = f->v[i].level == VERDICT_ERROR ?
		    _("error") : f->v[i].level == VERDICT_WARNING ?
		    _("warning") : _("note");

		q = xasprintf(_("%s: %s"), lvl, f->v[i].message);
		t = xasprintf("%s%s\n", s, q);
		free(q);
		free(s);
		s = t;
	}
	if (err != NULL) {
		t = xasprintf("%s\n%s\n", s, err);
		free(s);
		s = t;
	}
	return s;
}

/* The PKCS#12 password, typed twice; NULL when the user gave up. */
static char *
ask_password(void)
{
	char *a, *b;

	for (;;) {
		a = ui_prompt(_("PKCS#12 password"), _("Password:"), "", true);
		if (a == NULL || *a == '\0') {
			free(a);
			return NULL;
		}
		b = ui_prompt(_("PKCS#12 password"), _("The same again:"), "",
		    true);
		if (b != NULL && strcmp(a, b) == 0) {
			freezero_str(b);
			return a;
		}
		freezero_str(a);
		if (b == NULL)
			return NULL;
		freezero_str(b);
		ui_message(UI_WARNING, "%s", _("The two passwords differ: type "
		    "it again."));
	}
}

void
ui_export_dialog(const struct application *app)
{
	static const char *const names[] = {
		[EXPORT_NGINX] = "nginx",
		[EXPORT_APACHE] = "Apache",
		[EXPORT_PEM] = "PEM",
		[EXPORT_PFX] = "PKCS#12 (.pfx)",
	};
	const char *descs[4];
	struct export_job job;
	struct findings f;
	char *dir = NULL, *err = NULL, *pass = NULL, *password = NULL,
	    **files = NULL, *text;
	size_t nfiles = 0, i;
	time_t na;
	int fmt, rc = EXPORT_EIO, tries, lock = -1, cancelled = 0;

	if (app->state != APP_ISSUED) {
		ui_message(UI_WARNING, "%s", _("Only an issued certificate "
		    "can be exported."));
		return;
	}
	descs[EXPORT_NGINX] = _("full chain + key");
	descs[EXPORT_APACHE] = _("certificate, chain and key");
	descs[EXPORT_PEM] = _("all in one file, for HAProxy");
	descs[EXPORT_PFX] = _("for IIS and Tomcat, with a password");
	if ((fmt = ui_choose(_("Export for"), names, descs, 4, 0)) < 0)
		return;
	if ((text = export_default_dir(app->id, &err)) == NULL) {
		ui_message(UI_ERROR, "%s", err);
		free(err);
		return;
	}
	dir = ui_prompt_path(_("Export"), _("Folder:"), text);
	free(text);
	if (dir == NULL || *dir == '\0')
		goto out;
	/* The wizard may hold this application's lock itself (it has it
	   open): wiz_lock knows, and says who else holds it. */
	if ((lock = wiz_lock(app->id)) == -1)
		goto out;
	findings_init(&f);
	memset(&job, 0, sizeof job);
	job.format = (enum export_format)fmt;
	job.dir = dir;
	job.check_only = 1;
	for (tries = 0; tries < 4; tries++) {
		findings_clear(&f);
		free(err);
		err = NULL;
		rc = export_application(app, &job, &f, &files, &nfiles, &na,
		    &err);
		if (rc != EXPORT_EPASS || tries == 3)
			break;
		if (pass != NULL)
			freezero_str(pass);
		pass = ui_prompt(_("Encrypted key"), _("Passphrase:"), "",
		    true);
		if (pass == NULL)
			break;
		job.passphrase = pass;
	}
	if (rc == EXPORT_EPASS && pass == NULL)
		cancelled = 1;
	if (rc == EXPORT_OK && fmt == EXPORT_PFX &&
	    (password = ask_password()) == NULL) {
		rc = EXPORT_EIO;
		cancelled = 1;
	}
	else if (rc == EXPORT_OK) {
		job.check_only = 0;
		job.password = password;
		findings_clear(&f);
		rc = export_application(app, &job, &f, &files, &nfiles, &na,
		    &err);
		if (rc == EXPORT_EEXIST) {
			const char *buttons[2];

			buttons[0] = _("Replace");
			buttons[1] = _("Cancel");
			text = xasprintf(_("Files of this export already "
			    "exist in %s. Replace them?"), dir);
			i = (size_t)ui_ask(_("Export"), text, buttons, 2, 1);
			free(text);
			if (i == 0) {
				free(err);
				err = NULL;
				findings_clear(&f);
				job.force = 1;
				rc = export_application(app, &job, &f, &files,
				    &nfiles, &na, &err);
			} else
				cancelled = 1;
		}
	}
	if (rc == EXPORT_OK) {
		text = xstrdup(_("Written (mode 0600):\n"));
		for (i = 0; i < nfiles; i++) {
			char *t = xasprintf("%s  %s\n", text, files[i]);

			free(text);
			text = t;
			free(files[i]);
		}
		free(files);
		if (f.n > 0) {
			char *notes = findings_text(&f, NULL);
			char *t = xasprintf("%s\n%s", text, notes);

			free(notes);
			free(text);
			text = t;
		}
		ui_show_text(_("Exported"), text);
		ui_message(UI_OK, _("Exported to %s."), dir);
		free(text);
	} else if (!cancelled && (err != NULL || f.n > 0)) {
		text = findings_text(&f, err);
		ui_show_text(_("Not exported"), text);
		free(text);
	}
	findings_clear(&f);
out:
	wiz_unlock(lock);
	if (pass != NULL)
		freezero_str(pass);
	if (password != NULL)
		freezero_str(password);
	free(err);
	free(dir);
}
