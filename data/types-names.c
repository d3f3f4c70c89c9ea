/*
 * The names of the built-in certificate types of data/types.conf, for
 * xgettext only: this file is not compiled. certwiz shows a type's name
 * through _(), so each name must be in the catalog. Keep this list in
 * step with the "name =" lines of types.conf (tests/cli-i18n.sh checks).
 */
#define N_(s) (s)

static const char *const type_names[] = {
	/* TRANSLATORS: a certificate type, as sold by the CA: a free
	   domain-validated (DV) certificate for one name. */
	N_("Free DV certificate"),
	/* TRANSLATORS: a paid domain-validated (DV) certificate. */
	N_("Standard DV certificate"),
	/* TRANSLATORS: an organization-validated (OV) certificate. */
	N_("Professional OV certificate"),
	/* TRANSLATORS: a free domain-validated certificate from Let's
	   Encrypt, applied for over the ACME protocol. */
	N_("Let's Encrypt DV certificate (ACME)"),
};
