/* Translation macros: the one place that defines _(), N_() and
 * pgettext(). */
#ifndef I18N_H
#define I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/*
 * A message with a context, for a word that reads differently in
 * different places ("Name" of a person, of a domain): as gettext.h
 * defines it, the context and the message joined by EOT; the message
 * itself when there is no translation. ctx and s must be literals
 * (xgettext: --keyword=pgettext:1c,2).
 */
#define pgettext(ctx, s) i18n_pgettext(ctx "\004" s, s)

#if defined(__GNUC__)
/* As gettext's own: the result is checked as the format s is. */
__attribute__((format_arg(2)))
#endif
static inline const char *
i18n_pgettext(const char *ctx_s, const char *s)
{
	const char *t = gettext(ctx_s);

	return t == ctx_s ? s : t;
}

#endif /* I18N_H */
