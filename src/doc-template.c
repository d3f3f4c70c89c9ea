/* The verification template: the authorization letter to print and stamp. */
#include "config.h"

#include "document.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "app.h"
#include "catalog.h"
#include "fields.h"
#include "i18n.h"
#include "sbuf.h"
#include "xmalloc.h"

#define TEXT_WIDTH 72
#define BLANK "______________________________"

/* HTML-escaped text. */
static void
sb_html(struct sbuf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': sbuf_add(b, "&amp;"); break;
		case '<': sbuf_add(b, "&lt;"); break;
		case '>': sbuf_add(b, "&gt;"); break;
		case '"': sbuf_add(b, "&quot;"); break;
		case '\'': sbuf_add(b, "&#39;"); break;
		default:
			/* Control characters never reach paper. */
			if ((unsigned char)*s < 0x20 && *s != '\n')
				sbuf_addn(b, "?", 1);
			else
				sbuf_addn(b, s, 1);
		}
}

/* Text with control characters replaced, for the text letter. */
static void
sb_text(struct sbuf *b, const char *s)
{
	for (; *s != '\0'; s++)
		sbuf_addn(b, (unsigned char)*s < 0x20 || *s == 0x7f ? "?" : s, 1);
}

/*
 * Display width of the first n bytes of s (wide CJK characters count
 * two); bytes that are not characters in this locale count one each.
 */
static size_t
width_of(const char *s, size_t n)
{
	mbstate_t st;
	size_t w = 0, k;
	wchar_t wc;
	int cw;

	memset(&st, 0, sizeof st);
	while (n > 0) {
		k = mbrtowc(&wc, s, n, &st);
		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&st, 0, sizeof st);
			k = 1;
			cw = 1;
		} else {
			if (k == 0)
				k = 1;
			cw = wcwidth(wc);
			if (cw < 0)
				cw = 1;
		}
		w += (size_t)cw;
		s += k;
		n -= k;
	}
	return w;
}

/* Length of the character at s (1 when it is not one in this locale). */
static size_t
char_len(const char *s)
{
	mbstate_t st;
	wchar_t wc;
	size_t k;

	memset(&st, 0, sizeof st);
	k = mbrtowc(&wc, s, strlen(s), &st);
	return k == (size_t)-1 || k == (size_t)-2 || k == 0 ? 1 : k;
}

/*
 * Append text wrapped at TEXT_WIDTH columns after indent: at spaces, or
 * anywhere in text without spaces (Chinese, Japanese). Newlines in text
 * are kept.
 */
static void
sb_wrap(struct sbuf *b, const char *text, const char *indent)
{
	const char *line = text, *p, *brk;
	size_t w, iw = strlen(indent);

	while (*line != '\0') {
		w = iw;
		brk = NULL;
		for (p = line; *p != '\0' && *p != '\n';) {
			size_t k = char_len(p), cw = width_of(p, k);

			if (w + cw > TEXT_WIDTH && p > line)
				break;
			if (*p == ' ')
				brk = p;
			w += cw;
			p += k;
		}
		if (*p != '\0' && *p != '\n' && brk != NULL && brk > line)
			p = brk;
		sbuf_add(b, indent);
		{
			char *seg = xstrndup(line, (size_t)(p - line));

			sb_text(b, seg);
			free(seg);
		}
		sbuf_add(b, "\n");
		line = p;
		while (*line == ' ')
			line++;
		if (*line == '\n')
			line++;
	}
}

/* One row of the letter: a label and a value (or a blank to fill in). */
struct row {
	const char *label;	/* translated */
	char *value;		/* NULL: to be filled in by hand */
};

/* The widest label of r, so that every section lines up. */
static size_t
label_width(const struct row *r, size_t n, size_t lw)
{
	size_t i, w;

	for (i = 0; i < n; i++)
		if ((w = width_of(r[i].label, strlen(r[i].label))) > lw)
			lw = w;
	return lw;
}

static void
rows_text(struct sbuf *b, const char *title, const struct row *r, size_t n,
    size_t lw)
{
	size_t i, w;

	sbuf_printf(b, "%s\n", title);
	for (i = 0; i < n; i++) {
		const char *v = r[i].value != NULL ? r[i].value : BLANK;
		const char *nl;

		sbuf_add(b, "  ");
		sb_text(b, r[i].label);
		for (w = width_of(r[i].label, strlen(r[i].label)); w < lw + 2;
		    w++)
			sbuf_addn(b, " ", 1);
		/* Several values (the domains): one per line, aligned. */
		while ((nl = strchr(v, '\n')) != NULL) {
			char *seg = xstrndup(v, (size_t)(nl - v));

			sb_text(b, seg);
			free(seg);
			sbuf_add(b, "\n");
			for (w = 0; w < lw + 4; w++)
				sbuf_addn(b, " ", 1);
			v = nl + 1;
		}
		sb_text(b, v);
		sbuf_add(b, "\n");
	}
	sbuf_add(b, "\n");
}

static void
rows_html(struct sbuf *b, const char *title, const struct row *r, size_t n)
{
	size_t i;

	sbuf_add(b, "<h2>");
	sb_html(b, title);
	sbuf_add(b, "</h2>\n<table>\n");
	for (i = 0; i < n; i++) {
		sbuf_add(b, "<tr><th>");
		sb_html(b, r[i].label);
		if (r[i].value == NULL)
			sbuf_add(b, "</th><td class=\"blank\"></td></tr>\n");
		else {
			const char *v = r[i].value, *nl;

			sbuf_add(b, "</th><td>");
			while ((nl = strchr(v, '\n')) != NULL) {
				char *seg = xstrndup(v, (size_t)(nl - v));

				sb_html(b, seg);
				free(seg);
				sbuf_add(b, "<br>");
				v = nl + 1;
			}
			sb_html(b, v);
			sbuf_add(b, "</td></tr>\n");
		}
	}
	sbuf_add(b, "</table>\n");
}

static char *
dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

static char *
choice(const char *key, const char *value)
{
	const struct field_def *fd;

	if (value == NULL || *value == '\0')
		return NULL;
	fd = field_find(key);
	return xstrdup(fd != NULL ? field_choice_label(fd, value) : value);
}

static void
rows_free(struct row *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(r[i].value);
}

static const char html_style[] =
	"@page { size: A4; margin: 18mm 20mm; }\n"
	"body { font-family: serif; font-size: 11pt; line-height: 1.45; "
	"color: #000; max-width: 170mm; margin: 1em auto; }\n"
	"h1 { font-size: 15pt; text-align: center; margin: 0 0 1em; }\n"
	"h2 { font-size: 11.5pt; margin: 1.2em 0 0.3em; }\n"
	"table { border-collapse: collapse; width: 100%; }\n"
	"th, td { border: 1px solid #000; padding: 3px 8px; text-align: left; "
	"vertical-align: top; }\n"
	"th { width: 34%; font-weight: normal; }\n"
	"td.blank { height: 1.5em; }\n"
	".sign { margin-top: 2em; width: 100%; }\n"
	".sign td { border: none; padding: 1.2em 8px 0.2em 0; }\n"
	".line { border-bottom: 1px solid #000 !important; width: 55%; }\n"
	".stamp { width: 42mm; height: 42mm; border: 1px dashed #555; "
	"border-radius: 50%; margin: 0.6em 0 0 auto; display: flex; "
	"align-items: center; justify-content: center; color: #777; "
	"font-size: 9pt; text-align: center; }\n"
	".foot { margin-top: 2em; font-size: 8pt; color: #444; }\n"
	"@media print { .noprint { display: none; } }\n";

char *
doc_template_text(const struct application *app,
    const struct cert_type *type, bool html, time_t when)
{
	struct sbuf b = { NULL, 0, 0 };
	struct row cert[3], comp[8], appl[5], sign[3];
	struct tm tm;
	char date[32], *s, *domains, *intro, *declare, *addr, *foot;
	const char *company, *tname;
	size_t i, lw;

	if (localtime_r(&when, &tm) == NULL ||
	    strftime(date, sizeof date, "%Y-%m-%d", &tm) == 0)
		strcpy(date, "____-__-__");
	tname = type != NULL ? _(type->name) : app->type != NULL ?
	    app->type : "";
	company = app->company_name != NULL && *app->company_name != '\0' ?
	    app->company_name : BLANK;

	domains = xstrdup("");
	for (i = 0; i < app->ndomains; i++) {
		s = xasprintf("%s%s%s", domains, i > 0 ? "\n" : "",
		    app->domains[i]);
		free(domains);
		domains = s;
	}

	/* TRANSLATORS: the certificate type and its validation level,
	 * "Professional OV certificate (OV)". */
	cert[0] = (struct row){ _("Certificate type:"), type != NULL ?
	    xasprintf(_("%s (%s)"), tname, type->level) : dup_or_null(tname) };
	cert[1] = (struct row){ ngettext("Domain name:", "Domain names:",
	    app->ndomains), dup_or_null(domains) };
	cert[2] = (struct row){ _("Application ID:"), dup_or_null(app->id) };

	comp[0] = (struct row){ _("Company name:"),
	    dup_or_null(app->company_name) };
	comp[1] = (struct row){ _("Type of company:"),
	    choice("company.type", app->company_type) };
	comp[2] = (struct row){ _("Organization ID:"),
	    dup_or_null(app->company_org_id) };
	comp[3] = (struct row){ _("Company phone:"),
	    dup_or_null(app->company_phone) };
	comp[4] = (struct row){ _("Country:"),
	    dup_or_null(app->company_country) };
	addr = NULL;
	if (app->company_province != NULL || app->company_city != NULL) {
		const char *p = app->company_province, *c = app->company_city;

		addr = p != NULL && c != NULL ?
		    /* TRANSLATORS: province (or state), then city. */
		    xasprintf(_("%s, %s"), p, c) :
		    xstrdup(p != NULL ? p : c);
	}
	comp[5] = (struct row){ _("Province or state, city:"), addr };
	comp[6] = (struct row){ _("Address:"),
	    dup_or_null(app->company_address) };
	comp[7] = (struct row){ _("Zip code:"),
	    dup_or_null(app->company_zip) };

	appl[0] = (struct row){ _("Name:"), dup_or_null(app->applicant_name) };
	appl[1] = (struct row){ _("Identity document:"),
	    choice("applicant.id_type", app->applicant_id_type) };
	appl[2] = (struct row){ _("Identity document number:"),
	    dup_or_null(app->applicant_id_number) };
	appl[3] = (struct row){ _("Phone:"),
	    dup_or_null(app->applicant_phone) };
	appl[4] = (struct row){ _("Email:"),
	    dup_or_null(app->applicant_email) };

	sign[0] = (struct row){ _("Signature of the applicant:"), NULL };
	sign[1] = (struct row){ _("Signature of the company's legal "
	    "representative:"), NULL };
	sign[2] = (struct row){ _("Date:"), NULL };

	/* TRANSLATORS: %1$s is the company, %2$s the certificate type. */
	intro = xasprintf(_("We, %1$s, apply for a %2$s for the domain names "
	    "listed below, and authorize the applicant named below to apply "
	    "for it on our behalf, to answer the certificate authority's "
	    "questions about this application, and to receive the "
	    "certificate."), company, tname);
	s = doc_size_text(type != NULL ? type->document_bytes : 512000);
	/* TRANSLATORS: %s is the largest size, "500 KB". */
	foot = xasprintf(_("Fill in by hand what is blank, sign, stamp, then "
	    "scan this page to PNG or JPEG (at most %s) and check the scan "
	    "with: certwiz check upload FILE"), s);
	free(s);
	declare = xstrdup(_("We declare that the information in this letter "
	    "is true and complete, that our company owns or controls the "
	    "domain names listed, and that we accept the certificate "
	    "authority's subscriber agreement. The certificate authority may "
	    "contact the applicant or the company to verify this "
	    "application."));

	if (html) {
		sbuf_add(&b, "<!DOCTYPE html>\n<html lang=\"");
		/* TRANSLATORS: the language code of your translation, for
		 * the HTML template: "zh-CN", "fr", "de"... */
		sb_html(&b, _("en"));
		sbuf_add(&b, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
		sb_html(&b, _("Certificate application and authorization "
		    "letter"));
		sbuf_printf(&b, "</title>\n<style>\n%s</style>\n</head>\n"
		    "<body>\n<h1>", html_style);
		sb_html(&b, _("Certificate application and authorization "
		    "letter"));
		sbuf_add(&b, "</h1>\n<p>");
		sb_html(&b, _("To: the certificate authority (CA)"));
		sbuf_add(&b, "<br>");
		s = xasprintf(_("Date: %s"), date);
		sb_html(&b, s);
		free(s);
		sbuf_add(&b, "</p>\n<p>");
		sb_html(&b, intro);
		sbuf_add(&b, "</p>\n");
		rows_html(&b, _("Certificate"), cert, 3);
		rows_html(&b, _("Company"), comp, 8);
		rows_html(&b, _("Applicant (authorized person)"), appl, 5);
		sbuf_add(&b, "<p>");
		sb_html(&b, declare);
		sbuf_add(&b, "</p>\n<table class=\"sign\">\n");
		for (i = 0; i < 3; i++) {
			sbuf_add(&b, "<tr><td>");
			sb_html(&b, sign[i].label);
			sbuf_add(&b, "</td><td class=\"line\"></td></tr>\n");
		}
		sbuf_add(&b, "</table>\n<div class=\"stamp\">");
		sb_html(&b, _("Company stamp"));
		sbuf_add(&b, "</div>\n<p class=\"foot\">");
		sb_html(&b, foot);
		sbuf_add(&b, "</p>\n</body>\n</html>\n");
	} else {
		s = xstrdup(_("CERTIFICATE APPLICATION AND AUTHORIZATION "
		    "LETTER"));
		sb_wrap(&b, s, "");
		free(s);
		sbuf_add(&b, "\n");
		sb_wrap(&b, _("To: the certificate authority (CA)"), "");
		s = xasprintf(_("Date: %s"), date);
		sb_wrap(&b, s, "");
		free(s);
		sbuf_add(&b, "\n");
		sb_wrap(&b, intro, "");
		sbuf_add(&b, "\n");
		lw = label_width(appl, 5, label_width(comp, 8,
		    label_width(cert, 3, 0)));
		rows_text(&b, _("Certificate"), cert, 3, lw);
		rows_text(&b, _("Company"), comp, 8, lw);
		rows_text(&b, _("Applicant (authorized person)"), appl, 5, lw);
		sb_wrap(&b, declare, "");
		sbuf_add(&b, "\n");
		for (i = 0; i < 3; i++) {
			sb_text(&b, sign[i].label);
			sbuf_printf(&b, "\n\n    %s\n\n", BLANK BLANK);
		}
		s = xasprintf("%s", _("Company stamp:"));
		sb_wrap(&b, s, "");
		free(s);
		sbuf_add(&b, "\n    +------------------------------+\n");
		for (i = 0; i < 7; i++)
			sbuf_add(&b, "    |                              |\n");
		sbuf_add(&b, "    +------------------------------+\n\n");
		sb_wrap(&b, foot, "");
	}
	rows_free(cert, 3);
	rows_free(comp, 8);
	rows_free(appl, 5);
	free(domains);
	free(intro);
	free(declare);
	free(foot);
	return sbuf_take(&b);
}
