/*
 * libcrypto, loaded with dlopen on first use: see cryptolib.h for why
 * and how it is used.
 */
#include "config.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cryptolib.h"
#include "i18n.h"
#include "xmalloc.h"

/* Where each function goes, by name (# and ## keep the names as they are). */
static const struct {
	const char *name;
	size_t offset;
} syms[] = {
#define CRYPTOLIB_SYM(f) { #f, offsetof(struct cryptolib, p_##f) },
	CRYPTOLIB_FUNCTIONS(CRYPTOLIB_SYM)
#undef CRYPTOLIB_SYM
};

static struct cryptolib table;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_status = -1;	/* 0 once every function is found */
static char load_error[512];	/* why not, in words */

static void
load(void)
{
	struct cryptolib t;
	const char *e;
	void *h, *f;
	size_t i;

	dlerror();
	if ((h = dlopen(CRYPTOLIB_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		e = dlerror();
		snprintf(load_error, sizeof load_error, _("cannot load "
		    "libcrypto, which certwiz needs for keys, CSRs, "
		    "certificates and signed requests (%s). On Debian or "
		    "Ubuntu: apt-get install libssl3"),
		    e != NULL ? e : CRYPTOLIB_SONAME);
		return;
	}
	memset(&t, 0, sizeof t);
	for (i = 0; i < sizeof syms / sizeof syms[0]; i++) {
		dlerror();
		if ((f = dlsym(h, syms[i].name)) == NULL) {
			e = dlerror();
			snprintf(load_error, sizeof load_error, _("%s has no "
			    "function %s (%s): OpenSSL 3.0 or later is "
			    "needed. On Debian or Ubuntu: apt-get install "
			    "libssl3"), CRYPTOLIB_SONAME, syms[i].name,
			    e != NULL ? e : "?");
			dlclose(h);
			return;
		}
		/* POSIX lets a data pointer hold a function pointer. */
		memcpy((char *)&t + syms[i].offset, &f, sizeof f);
	}
	/* Kept loaded until exit: OpenSSL cleans up in its atexit handler. */
	table = t;
	load_status = 0;
}

int
cryptolib_load(char **err)
{
	pthread_once(&load_once, load);
	if (load_status != 0 && err != NULL)
		*err = xstrdup(load_error);
	return load_status;
}

const struct cryptolib *
cryptolib(void)
{
	pthread_once(&load_once, load);
	if (load_status != 0)
		fatal("%s", load_error);
	return &table;
}
