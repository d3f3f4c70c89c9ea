/* Alibaba Cloud credentials, found where the official tools keep them. */
#include "config.h"

#include "creds.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <jansson.h>

#include "fileio.h"
#include "i18n.h"
#include "kvfile.h"
#include "utf8.h"
#include "xmalloc.h"

/* The largest credential file read. */
#define CREDS_MAX_FILE (1024 * 1024)

/* The first non-empty variable of a NULL-terminated list, or NULL. */
static const char *
first_env(const char *const *names, const char **which)
{
	for (; *names != NULL; names++) {
		const char *v = getenv(*names);

		if (v != NULL && *v != '\0') {
			if (which != NULL)
				*which = *names;
			return v;
		}
	}
	return NULL;
}

static const char *const env_id[] = {
	"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_ID",
	"ALICLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY", "ACCESS_KEY_ID", NULL,
};
static const char *const env_secret[] = {
	"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_ACCESS_KEY_SECRET",
	"ALICLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY",
	"ACCESS_KEY_SECRET", NULL,
};
static const char *const env_token[] = {
	"ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN",
	"ALICLOUD_SECURITY_TOKEN", "SECURITY_TOKEN", NULL,
};

static void
add_warning(char **warning, const char *msg)
{
	char *w;

	if (*warning == NULL)
		*warning = xstrdup(msg);
	else {
		w = xasprintf("%s\n%s", *warning, msg);
		free(*warning);
		*warning = w;
	}
}

/* Warn when a credential file can be read by group or others. */
static void
check_mode(const char *path, char **warning)
{
	struct stat st;
	char *msg;

	if (stat(path, &st) == 0 && (st.st_mode & 077) != 0) {
		msg = xasprintf(_("%s can be read by other users (mode %03o): "
		    "it holds a secret key, so run chmod 600 %s"), path,
		    (unsigned)(st.st_mode & 0777), path);
		add_warning(warning, msg);
		free(msg);
	}
}

static int
printable_ascii(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (*s < 0x21 || *s > 0x7e)
			return 0;
	return 1;
}

static char *
home_path(const char *rel)
{
	const char *h = getenv("HOME");

	if (h == NULL || *h != '/')
		return NULL;
	return xasprintf("%s/%s", h, rel);
}

static void
set_creds(struct creds *out, const char *id, const char *secret,
    const char *token, char *source)
{
	out->key_id = xstrdup(id);
	out->secret = xstrdup(secret);
	out->token = token != NULL && *token != '\0' ? xstrdup(token) : NULL;
	out->source = source;
}

/* A non-empty string member of o, or NULL. */
static const char *
str_member(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v != NULL && *v != '\0' ? v : NULL;
}

static char *
opt_dup(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

/* Wipe jansson's copies of the secrets before the tree is freed. */
static void
wipe_profiles(json_t *root)
{
	static const char *const keys[] = {
		"access_key_secret", "sts_token", "private_key",
		"access_token", "bearer_token", "oauth_refresh_token",
		"oauth_access_token",
	};
	json_t *p, *v;
	size_t i, k;

	json_array_foreach(json_object_get(root, "profiles"), i, p)
		for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if ((v = json_object_get(p, keys[k])) != NULL &&
			    json_is_string(v))
				explicit_bzero((char *)json_string_value(v),
				    json_string_length(v));
}

/* 1: found, 0: not there, -1: there but unusable (*err). */
static int
from_cli_config(const char *profile, struct creds *out, char **warning,
    char **tried, char **err)
{
	static const char *const env_profile[] = {
		"ALIBABACLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE",
		"ALICLOUD_PROFILE", NULL,
	};
	const char *v, *name;
	char *path = home_path(".aliyun/config.json"), *buf = NULL, *e = NULL;
	json_t *root = NULL, *p, *found = NULL;
	json_error_t jerr;
	size_t len, i;
	int ret = 0;

	if (((v = getenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED")) != NULL &&
	    strcasecmp(v, "true") == 0) ||
	    ((v = getenv("ALIBABA_CLOUD_IGNORE_PROFILE")) != NULL &&
	    strcasecmp(v, "true") == 0) || path == NULL) {
		free(path);
		return 0;
	}
	*tried = xstrdup(path);
	if (fileio_read(path, CREDS_MAX_FILE, &buf, &len, &e) != 0) {
		free(e);
		free(path);
		return 0;
	}
	check_mode(path, warning);
	root = json_loadb(buf, len, 0, &jerr);
	freezero(buf, len);
	if (root == NULL) {
		/* Not jerr.text: its "near '...'" may quote a secret. */
		*err = xasprintf(_("%s:%d:%d: not valid JSON: fix the file "
		    "there or run 'aliyun configure' (the text is not shown "
		    "here: it may hold a secret)"), path, jerr.line,
		    jerr.column);
		ret = -1;
		goto out;
	}
	name = profile != NULL ? profile : first_env(env_profile, NULL);
	if (name == NULL)
		name = json_string_value(json_object_get(root, "current"));
	if (name == NULL || *name == '\0')
		name = "default";
	json_array_foreach(json_object_get(root, "profiles"), i, p) {
		const char *n = json_string_value(json_object_get(p, "name"));

		if (n != NULL && strcmp(n, name) == 0)
			found = p;
	}
	if (found == NULL) {
		if (profile != NULL) {
			*err = xasprintf(_("%s has no profile \"%s\": list "
			    "them with 'aliyun configure list'"), path,
			    profile);
			ret = -1;
		}
		goto out;
	} else {
		const char *mode = json_string_value(json_object_get(found,
		    "mode"));
		const char *id = json_string_value(json_object_get(found,
		    "access_key_id"));
		const char *sec = json_string_value(json_object_get(found,
		    "access_key_secret"));
		const char *tok = json_string_value(json_object_get(found,
		    "sts_token"));
		int sts = mode != NULL && strcasecmp(mode, "StsToken") == 0;
		int ecs = mode != NULL && strcasecmp(mode, "EcsRamRole") == 0;
		int arn = mode != NULL && strcasecmp(mode, "RamRoleArn") == 0;

		if (mode != NULL && strcasecmp(mode, "AK") != 0 && !sts &&
		    !ecs && !arn) {
			*err = xasprintf(_("profile \"%s\" of %s uses mode %s, "
			    "which certwiz cannot use: make an AK, StsToken, "
			    "EcsRamRole or RamRoleArn profile, or set "
			    "ALIBABA_CLOUD_ACCESS_KEY_ID and "
			    "ALIBABA_CLOUD_ACCESS_KEY_SECRET"), name, path,
			    mode);
			ret = -1;
		} else if (ecs) {
			out->kind = CREDS_ECS_ROLE;
			out->role_name = opt_dup(str_member(found,
			    "ram_role_name"));
			out->source = xasprintf(_("profile \"%s\" of %s"), name,
			    path);
			ret = 1;
		} else if (arn) {
			const char *ra = str_member(found, "ram_role_arn");
			const char *sn = str_member(found,
			    "ram_session_name");
			json_int_t d = json_integer_value(json_object_get(found,
			    "expired_seconds"));

			if (id == NULL || *id == '\0' || sec == NULL ||
			    *sec == '\0' || ra == NULL || sn == NULL) {
				*err = xasprintf(_("profile \"%s\" of %s lacks "
				    "%s: run 'aliyun configure --profile %s "
				    "--mode RamRoleArn'"), name, path,
				    "access_key_id, access_key_secret, "
				    "ram_role_arn or ram_session_name", name);
				ret = -1;
			} else {
				out->kind = CREDS_ROLE_ARN;
				out->src_id = xstrdup(id);
				out->src_secret = xstrdup(sec);
				out->src_token = tok != NULL && *tok != '\0' ?
				    xstrdup(tok) : NULL;
				out->role_arn = xstrdup(ra);
				out->session_name = xstrdup(sn);
				out->duration = d >= 900 && d <= 43200 ?
				    (long)d : 3600;
				out->sts_region = opt_dup(str_member(found,
				    "sts_region"));
				out->source = xasprintf(_("profile \"%s\" of "
				    "%s"), name, path);
				ret = 1;
			}
		} else if (id == NULL || *id == '\0' || sec == NULL ||
		    *sec == '\0' || (sts && (tok == NULL || *tok == '\0'))) {
			*err = xasprintf(_("profile \"%s\" of %s lacks %s: run "
			    "'aliyun configure --profile %s'"), name, path,
			    sts ? "access_key_id, access_key_secret or "
			    "sts_token" : "access_key_id or access_key_secret",
			    name);
			ret = -1;
		} else {
			set_creds(out, id, sec, sts ? tok : NULL,
			    xasprintf(_("profile \"%s\" of %s"), name, path));
			ret = 1;
		}
	}
out:
	wipe_profiles(root);
	json_decref(root);
	free(path);
	return ret;
}

struct ini_ctx {
	const char *want;
	int in;
	char *type, *id, *secret, *role_name, *role_arn, *session, *policy;
};

static int
ini_cb(void *ctx, unsigned line, const char *section, const char *key,
    const char *value, char **err)
{
	struct ini_ctx *c = ctx;

	(void)line;
	(void)err;
	if (key == NULL) {
		c->in = strcmp(value, c->want) == 0;
		return 0;
	}
	if (!c->in || section == NULL)
		return 0;
	if (strcmp(key, "type") == 0) {
		free(c->type);
		c->type = xstrdup(value);
	} else if (strcmp(key, "access_key_id") == 0) {
		free(c->id);
		c->id = xstrdup(value);
	} else if (strcmp(key, "access_key_secret") == 0) {
		freezero_str(c->secret);
		c->secret = xstrdup(value);
	} else if (strcmp(key, "role_name") == 0) {
		free(c->role_name);
		c->role_name = xstrdup(value);
	} else if (strcmp(key, "role_arn") == 0) {
		free(c->role_arn);
		c->role_arn = xstrdup(value);
	} else if (strcmp(key, "role_session_name") == 0) {
		free(c->session);
		c->session = xstrdup(value);
	} else if (strcmp(key, "policy") == 0) {
		free(c->policy);
		c->policy = xstrdup(value);
	}
	return 0;
}

static int
from_ini(const char *profile, struct creds *out, char **warning,
    char **tried, char **err)
{
	const char *v = getenv("ALIBABA_CLOUD_CREDENTIALS_FILE");
	struct ini_ctx c = { NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL,
	    NULL };
	char *path, *buf = NULL, *e = NULL;
	size_t len;
	int ret = 0;

	path = v != NULL && *v != '\0' ? xstrdup(v) :
	    home_path(".alibabacloud/credentials");
	if (path == NULL)
		return 0;
	*tried = xstrdup(path);
	if (fileio_read(path, CREDS_MAX_FILE, &buf, &len, &e) != 0) {
		free(e);
		free(path);
		return 0;
	}
	check_mode(path, warning);
	c.want = profile != NULL ? profile :
	    (v = getenv("ALIBABA_CLOUD_PROFILE")) != NULL && *v != '\0' ? v :
	    "default";
	if (kvfile_parse(buf, len, path, ini_cb, &c, &e) != 0) {
		*err = xasprintf(_("%s: fix the file"), e);
		free(e);
		ret = -1;
	} else if (c.type == NULL && c.id == NULL) {
		if (profile != NULL) {
			*err = xasprintf(_("%s has no section [%s]"), path,
			    profile);
			ret = -1;
		}
	} else if (c.type != NULL && strcmp(c.type, "ecs_ram_role") == 0) {
		out->kind = CREDS_ECS_ROLE;
		out->role_name = opt_dup(c.role_name);
		out->source = xasprintf(_("section [%s] of %s"), c.want, path);
		ret = 1;
	} else if (c.type != NULL && strcmp(c.type, "ram_role_arn") == 0) {
		if (c.id == NULL || *c.id == '\0' || c.secret == NULL ||
		    *c.secret == '\0' || c.role_arn == NULL ||
		    *c.role_arn == '\0' || c.session == NULL ||
		    *c.session == '\0') {
			*err = xasprintf(_("section [%s] of %s lacks %s"),
			    c.want, path, "access_key_id, access_key_secret, "
			    "role_arn or role_session_name");
			ret = -1;
		} else {
			out->kind = CREDS_ROLE_ARN;
			out->src_id = xstrdup(c.id);
			out->src_secret = xstrdup(c.secret);
			out->role_arn = xstrdup(c.role_arn);
			out->session_name = xstrdup(c.session);
			out->policy = opt_dup(c.policy);
			out->duration = 3600;
			out->source = xasprintf(_("section [%s] of %s"), c.want,
			    path);
			ret = 1;
		}
	} else if (c.type == NULL || strcmp(c.type, "access_key") != 0) {
		*err = xasprintf(_("section [%s] of %s has type %s, which "
		    "certwiz cannot use: write type = access_key (with "
		    "access_key_id and access_key_secret), ecs_ram_role or "
		    "ram_role_arn"), c.want, path,
		    c.type != NULL ? c.type : "(none)");
		ret = -1;
	} else if (c.id == NULL || *c.id == '\0' || c.secret == NULL ||
	    *c.secret == '\0') {
		*err = xasprintf(_("section [%s] of %s lacks access_key_id or "
		    "access_key_secret"), c.want, path);
		ret = -1;
	} else {
		set_creds(out, c.id, c.secret, NULL,
		    xasprintf(_("section [%s] of %s"), c.want, path));
		ret = 1;
	}
	freezero(buf, len);
	free(c.type);
	free(c.id);
	freezero_str(c.secret);
	free(c.role_name);
	free(c.role_arn);
	free(c.session);
	free(c.policy);
	free(path);
	return ret;
}

/* Fetch temporary credentials the first time; -1 with *err. */
static int
first_fetch(struct creds *out, char **err)
{
	char *e = NULL;

	if (out->kind == CREDS_STATIC)
		return 0;
	if (out->role_arn != NULL && (strncmp(out->role_arn, "acs:ram::",
	    9) != 0 || !printable_ascii(out->role_arn) ||
	    !printable_ascii(out->session_name))) {
		*err = xasprintf(_("%s: the role ARN must look like "
		    "acs:ram::ACCOUNT:role/NAME, and it and the session name "
		    "must be printable ASCII"), out->source);
		creds_clear(out);
		return -1;
	}
	if (creds_refresh(out, 1, &e) != 0) {
		*err = xasprintf(_("credentials from %s: %s"), out->source, e);
		free(e);
		creds_clear(out);
		return -1;
	}
	return 0;
}

int
creds_load(const char *profile, struct creds *out, char **warning,
    char **err)
{
	return creds_load_tls(profile, NULL, out, warning, err);
}

int
creds_load_tls(const char *profile, const char *cacert, struct creds *out,
    char **warning, char **err)
{
	const char *id, *secret, *which = NULL, *role;
	char *cli = NULL, *ini = NULL;
	int r;

	memset(out, 0, sizeof *out);
	*err = NULL;
	/* A profile named on the command line wins over the environment. */
	if (profile == NULL) {
		id = first_env(env_id, &which);
		secret = first_env(env_secret, NULL);
		if (id != NULL && secret != NULL) {
			set_creds(out, id, secret, first_env(env_token, NULL),
			    xasprintf(_("the environment (%s)"), which));
			return 0;
		}
	}
	if ((r = from_cli_config(profile, out, warning, &cli, err)) != 0 ||
	    (r = from_ini(profile, out, warning, &ini, err)) != 0) {
		free(cli);
		free(ini);
		if (r < 0)
			return -1;
		out->cacert = cacert != NULL ? xstrdup(cacert) : NULL;
		return first_fetch(out, err);
	}
	if (profile == NULL && (role = getenv("ALIBABA_CLOUD_ECS_METADATA")) !=
	    NULL && *role != '\0') {
		free(cli);
		free(ini);
		out->kind = CREDS_ECS_ROLE;
		out->role_name = xstrdup(role);
		out->source = xstrdup(_("the environment "
		    "(ALIBABA_CLOUD_ECS_METADATA)"));
		return first_fetch(out, err);
	}
	if (profile != NULL)
		*err = xasprintf(_("no credentials for profile \"%s\": looked "
		    "in %s and %s. Create it with 'aliyun configure "
		    "--profile %s'"), profile, cli != NULL ? cli :
		    "~/.aliyun/config.json", ini != NULL ? ini :
		    "~/.alibabacloud/credentials", profile);
	else
		*err = xasprintf(_("no Alibaba Cloud credentials found: looked "
		    "for ALIBABA_CLOUD_ACCESS_KEY_ID and "
		    "ALIBABA_CLOUD_ACCESS_KEY_SECRET (and the "
		    "ALIBABACLOUD_*, ALICLOUD_* and ACCESS_KEY_* "
		    "alternatives) in the environment, the aliyun CLI's %s "
		    "and %s. Set the two variables, or run 'aliyun "
		    "configure'"), cli != NULL ? cli :
		    "~/.aliyun/config.json", ini != NULL ? ini :
		    "~/.alibabacloud/credentials");
	free(cli);
	free(ini);
	return -1;
}

int
creds_refresh(struct creds *c, int force, char **err)
{
	struct creds t;
	int rc;

	if (c->kind == CREDS_STATIC)
		return 0;
	if (!force && c->key_id != NULL && c->expires != 0 &&
	    time(NULL) + CREDS_REFRESH_MARGIN < c->expires)
		return 0;
	/* Into a copy, so that a failure keeps the old ones. */
	creds_copy(&t, c);
	rc = c->kind == CREDS_ECS_ROLE ? ecs_metadata_fetch(&t, err) :
	    sts_assume_role(&t, err);
	if (rc == 0) {
		creds_clear(c);
		*c = t;
	} else
		creds_clear(&t);
	return rc;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
creds_copy(struct creds *d, const struct creds *s)
{
	memset(d, 0, sizeof *d);
	d->key_id = dup_or_null(s->key_id);
	d->secret = dup_or_null(s->secret);
	d->token = dup_or_null(s->token);
	d->source = dup_or_null(s->source);
	d->kind = s->kind;
	d->expires = s->expires;
	d->role_name = dup_or_null(s->role_name);
	d->role_arn = dup_or_null(s->role_arn);
	d->session_name = dup_or_null(s->session_name);
	d->duration = s->duration;
	d->policy = dup_or_null(s->policy);
	d->sts_region = dup_or_null(s->sts_region);
	d->src_id = dup_or_null(s->src_id);
	d->src_secret = dup_or_null(s->src_secret);
	d->src_token = dup_or_null(s->src_token);
	d->cacert = dup_or_null(s->cacert);
}

const char *
creds_kind_name(const struct creds *c)
{
	switch (c->kind) {
	case CREDS_ECS_ROLE:
		return _("ECS instance RAM role");
	case CREDS_ROLE_ARN:
		return _("RAM role ARN (STS AssumeRole)");
	default:
		return c->token != NULL ? _("STS token") : _("AccessKey");
	}
}

int
creds_parse_time(const char *s, time_t *out)
{
	struct tm tm;
	const char *end;

	if (s == NULL)
		return -1;
	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end == NULL || (strcmp(end, "Z") != 0 && strcmp(end, "") != 0))
		return -1;
	*out = timegm(&tm);
	return *out == (time_t)-1 ? -1 : 0;
}

char *
creds_printable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(strlen(s) + 1), *o = out;
	uint32_t cp;
	size_t n;

	while (*p != '\0') {
		n = utf8_seq(p, &cp);
		if (n == 0 || utf8_is_control(cp)) {
			*o++ = '?';
			p += n == 0 ? 1 : n;
		} else {
			memcpy(o, p, n);
			o += n;
			p += n;
		}
	}
	*o = '\0';
	return out;
}

void
creds_clear(struct creds *c)
{
	if (c == NULL)
		return;
	free(c->key_id);
	freezero_str(c->secret);
	freezero_str(c->token);
	free(c->source);
	free(c->role_name);
	free(c->role_arn);
	free(c->session_name);
	free(c->policy);
	free(c->sts_region);
	free(c->src_id);
	freezero_str(c->src_secret);
	freezero_str(c->src_token);
	free(c->cacert);
	memset(c, 0, sizeof *c);
}
