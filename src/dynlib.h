/*
 * Shared libraries loaded on first use (dlopen) instead of at every start.
 *
 * libcurl, libunbound, libldns, libmagic, libjpeg, zlib, libidn2, libpsl
 * and libcrypto are not linked with the certwiz program: the first
 * screen, --help, --version and most commands need none of them, and
 * mapping and relocating them at every exec cost more than the rest of
 * the start. The module that uses a library (src/http.c, src/dns.c,
 * src/document.c, src/domain.c, src/cryptolib.c) describes it with a
 * struct dynlib and loads it with dynlib_load() from its pthread_once
 * routine; the functions land in a table of pointers typed from the
 * library's own header (__typeof__), so the compiler checks every call.
 * A missing library is an ordinary error whose message names it and the
 * Debian package that installs it; it never crashes.
 */
#ifndef DYNLIB_H
#define DYNLIB_H

#include <stddef.h>

/* One function to look up, and where its pointer goes in the table. */
struct dynlib_fn {
	const char *name;
	size_t offset;
};

/* FIELD of the table TYPE receives the function NAME. */
#define DYNLIB_FN(type, field, name) { (name), offsetof(type, field) }

struct dynlib {
	/* The versioned sonames (those of the ABI the header describes),
	   tried in order; NULL-terminated. */
	const char *const *sonames;
	/* What certwiz needs it for, as the subject of a sentence and
	   marked with N_(): N_("checking documents"). */
	const char *purpose;
	/* The Debian package that installs it: "libmagic1". */
	const char *package;
	/* The functions used; every one must be found. */
	const struct dynlib_fn *fns;
	size_t nfns;
};

/*
 * Open the first of LIB's sonames that loads (RTLD_NOW | RTLD_LOCAL) and
 * store each of its functions at its offset in TABLE (function pointers:
 * POSIX lets dlsym's data pointer hold one). 0 on success: the library
 * stays loaded until exit. -1 on failure, with *ERR (allocated, when ERR
 * is not NULL) in the one format "PURPOSE needs SONAME, which cannot be
 * loaded: WHY (install the Debian package PACKAGE)"; TABLE may then be
 * partly filled and must not be used.
 *
 * Not locked: call it from the module's pthread_once routine, which
 * makes the first use from any thread load once and the others wait.
 */
int dynlib_load(const struct dynlib *lib, void *table, char **err);

#endif /* DYNLIB_H */
