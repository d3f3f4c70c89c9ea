/* Unit tests of the cas client's parsing, endpoints, errors and creds. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <jansson.h>

#include "app.h"
#include "backend.h"
#include "cas-api.h"
#include "creds.h"
#include "catalog.h"
#include "settings.h"
#include "store.h"
#include "tap.h"
#include "testutil.h"

static void
test_parse_id(void)
{
	json_t *v;
	int64_t id = 0;

	ok(cas_parse_id(NULL, &id) != 0, "no value: no id");
	v = json_loads("98987582437920968", JSON_DECODE_ANY, NULL);
	ok(cas_parse_id(v, &id) == 0 && id == INT64_C(98987582437920968),
	    "an integer beyond 2^53 is exact");
	json_decref(v);
	v = json_string("98987582437920969");
	ok(cas_parse_id(v, &id) == 0 && id == INT64_C(98987582437920969),
	    "a string id is exact too");
	json_decref(v);
	v = json_string("9223372036854775807");
	ok(cas_parse_id(v, &id) == 0 && id == INT64_MAX, "INT64_MAX");
	json_decref(v);
	v = json_string("9223372036854775808");
	ok(cas_parse_id(v, &id) != 0, "beyond int64 is refused");
	json_decref(v);
	v = json_string("12ab");
	ok(cas_parse_id(v, &id) != 0, "trailing garbage is refused");
	json_decref(v);
	v = json_string("-5");
	ok(cas_parse_id(v, &id) != 0, "a negative id is refused");
	json_decref(v);
	v = json_string("");
	ok(cas_parse_id(v, &id) != 0, "an empty string is refused");
	json_decref(v);
	v = json_real(1e17);
	ok(cas_parse_id(v, &id) != 0, "a real number is refused");
	json_decref(v);
}

static void
test_region(void)
{
	static const struct {
		const char *region, *host;
	} t[] = {
		{ NULL, "cas.aliyuncs.com" },
		{ "cn-hangzhou", "cas.aliyuncs.com" },
		{ "cn-hongkong", "cas.aliyuncs.com" },
		{ "ap-southeast-1", "cas.ap-southeast-1.aliyuncs.com" },
		{ "eu-central-1", "cas.eu-central-1.aliyuncs.com" },
		{ "me-east-1", "cas.me-east-1.aliyuncs.com" },
		{ "us-east-1", "cas.aliyuncs.com" },
		{ "ap-southeast-5", "cas.aliyuncs.com" },
		{ "xx-new-9", "cas.xx-new-9.aliyuncs.com" },
	};
	size_t i;
	char *h;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		h = cas_region_host(t[i].region);
		is_str(h, t[i].host, "region %s", t[i].region ? t[i].region :
		    "(none)");
		free(h);
	}
}

static void
test_client(void)
{
	struct creds cr = { .key_id = "id", .secret = "secret" };
	struct cas_options o;
	struct cas_client *c;
	char *err = NULL;

	memset(&o, 0, sizeof o);
	o.endpoint = "http://cas.aliyuncs.com";
	c = cas_client_new(&o, &cr, &err);
	ok(c == NULL && err != NULL && strstr(err, "https") != NULL,
	    "an http:// endpoint is refused");
	free(err);
	err = NULL;
	o.endpoint = "https://127.0.0.1:8443/";
	{
		struct rlimit before, during, after;

		/* A soft limit above 0 to begin with, so the test can fail. */
		getrlimit(RLIMIT_CORE, &before);
		before.rlim_cur = before.rlim_max;
		setrlimit(RLIMIT_CORE, &before);
		c = cas_client_new(&o, &cr, &err);
		getrlimit(RLIMIT_CORE, &during);
		is_str(c != NULL ? cas_client_endpoint(c) : NULL,
		    "https://127.0.0.1:8443", "an https URL with a port");
		ok(during.rlim_cur == 0, "no core dumps while a client holds "
		    "the secret");
		cas_client_free(c);
		getrlimit(RLIMIT_CORE, &after);
		ok(before.rlim_max == 0 || after.rlim_cur == before.rlim_cur,
		    "the core limit is back once the client is gone");
	}
	o.endpoint = "https://host/path";
	c = cas_client_new(&o, &cr, &err);
	ok(c == NULL, "an endpoint with a path is refused");
	free(err);
	err = NULL;
	o.endpoint = "cas.ap-southeast-1.aliyuncs.com";
	c = cas_client_new(&o, &cr, &err);
	is_str(c != NULL ? cas_client_endpoint(c) : NULL,
	    "https://cas.ap-southeast-1.aliyuncs.com", "a bare host");
	cas_client_free(c);
	o.endpoint = NULL;
	o.region = "ap-southeast-1";
	c = cas_client_new(&o, &cr, &err);
	is_str(c != NULL ? cas_client_endpoint(c) : NULL,
	    "https://cas.ap-southeast-1.aliyuncs.com", "from the region");
	cas_client_free(c);
}

static void
test_error_text(void)
{
	struct cas_error e;
	char *s;

	memset(&e, 0, sizeof e);
	e.code = strdup("NotRemainCount");
	e.message = strdup("no count");
	e.request_id = strdup("REQ-1");
	e.hint = strdup("Buy more.");
	s = cas_error_text(&e);
	ok(strstr(s, "NotRemainCount") && strstr(s, "REQ-1") &&
	    strstr(s, "no count") && strstr(s, "Buy more."),
	    "the error text has code, message, request id and hint");
	free(s);
	cas_error_clear(&e);
	ok(e.code == NULL && e.message == NULL, "cleared");
	cas_error_clear(NULL);
	ok(1, "clearing NULL is a no-op");
}

static void
clear_env(void)
{
	static const char *const v[] = {
		"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_ID",
		"ALICLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY",
		"ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
		"ALIBABACLOUD_ACCESS_KEY_SECRET", "ALICLOUD_ACCESS_KEY_SECRET",
		"ALICLOUD_SECRET_KEY", "ACCESS_KEY_SECRET",
		"ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN",
		"ALICLOUD_SECURITY_TOKEN", "SECURITY_TOKEN",
		"ALIBABACLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE",
		"ALICLOUD_PROFILE", "ALIBABA_CLOUD_CREDENTIALS_FILE",
		"ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
		"ALIBABA_CLOUD_ECS_METADATA", "CERTWIZ_ECS_METADATA_URL",
		"ALIBABA_CLOUD_IGNORE_PROFILE", NULL,
	};
	size_t i;

	for (i = 0; v[i] != NULL; i++)
		unsetenv(v[i]);
}

static void
test_creds(const char *home)
{
	struct creds c;
	char *err = NULL, *warn = NULL, path[512];

	clear_env();
	ok(creds_load(NULL, &c, &warn, &err) == -1 && err != NULL &&
	    strstr(err, "ALIBABA_CLOUD_ACCESS_KEY_ID") &&
	    strstr(err, ".aliyun/config.json") &&
	    strstr(err, ".alibabacloud/credentials"),
	    "nothing found: the message names every place");
	free(err);
	err = NULL;

	setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "id1", 1);
	ok(creds_load(NULL, &c, &warn, &err) == -1,
	    "an ID without a secret is not enough");
	free(err);
	err = NULL;
	setenv("ALICLOUD_ACCESS_KEY_SECRET", "s1", 1);
	setenv("SECURITY_TOKEN", "tok", 1);
	ok(creds_load(NULL, &c, &warn, &err) == 0, "env with alternates");
	is_str(c.key_id, "id1", "the ID");
	is_str(c.secret, "s1", "the secret from ALICLOUD_ACCESS_KEY_SECRET");
	is_str(c.token, "tok", "the token from SECURITY_TOKEN");
	creds_clear(&c);
	ok(c.secret == NULL, "cleared");
	clear_env();
	setenv("ALICLOUD_ACCESS_KEY", "tf-id", 1);
	setenv("ALICLOUD_SECRET_KEY", "tf-secret", 1);
	ok(creds_load(NULL, &c, &warn, &err) == 0 &&
	    strcmp(c.key_id, "tf-id") == 0, "the Terraform names");
	creds_clear(&c);
	clear_env();

	snprintf(path, sizeof path, "%s/.aliyun", home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/.aliyun/config.json", home);
	testutil_write(path, "{\"current\": \"sts\", \"profiles\": ["
	    "{\"name\": \"default\", \"mode\": \"AK\", \"access_key_id\": "
	    "\"akid\", \"access_key_secret\": \"aks\"},"
	    "{\"name\": \"sts\", \"mode\": \"StsToken\", \"access_key_id\": "
	    "\"STS.x\", \"access_key_secret\": \"ss\", \"sts_token\": \"tt\","
	    " \"sts_region\": \"\", \"retry_count\": 0},"
	    "{\"name\": \"role\", \"mode\": \"RamRoleArn\", "
	    "\"access_key_id\": \"a\", \"access_key_secret\": \"b\"}],"
	    " \"meta_path\": \"\"}");
	chmod(path, 0600);
	ok(creds_load(NULL, &c, &warn, &err) == 0 &&
	    strcmp(c.key_id, "STS.x") == 0 && c.token != NULL &&
	    strcmp(c.token, "tt") == 0, "the current StsToken profile");
	ok(warn == NULL, "no warning for a 0600 file");
	creds_clear(&c);
	ok(creds_load("default", &c, &warn, &err) == 0 &&
	    strcmp(c.key_id, "akid") == 0 && c.token == NULL,
	    "--profile picks an AK profile");
	creds_clear(&c);
	setenv("ALIBABA_CLOUD_PROFILE", "default", 1);
	ok(creds_load(NULL, &c, &warn, &err) == 0 &&
	    strcmp(c.key_id, "akid") == 0, "the profile variable");
	creds_clear(&c);
	unsetenv("ALIBABA_CLOUD_PROFILE");
	ok(creds_load("role", &c, &warn, &err) == -1 && err != NULL &&
	    strstr(err, "RamRoleArn") != NULL,
	    "an unsupported mode is named");
	free(err);
	err = NULL;
	chmod(path, 0644);
	ok(creds_load(NULL, &c, &warn, &err) == 0 && warn != NULL &&
	    strstr(warn, "chmod 600") != NULL,
	    "a world-readable file is warned about");
	creds_clear(&c);
	free(warn);
	warn = NULL;
	setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true", 1);
	snprintf(path, sizeof path, "%s/ini", home);
	testutil_write(path, "[default]\ntype = access_key\n"
	    "access_key_id = ini-id\naccess_key_secret = ini-s\n"
	    "[ecs]\ntype = ecs_ram_role\nrole_name = r\n"
	    "[oidc]\ntype = oidc_role_arn\n");
	chmod(path, 0600);
	setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", path, 1);
	ok(creds_load(NULL, &c, &warn, &err) == 0 &&
	    strcmp(c.key_id, "ini-id") == 0 &&
	    strcmp(c.secret, "ini-s") == 0,
	    "the INI file when the CLI profile is disabled");
	creds_clear(&c);
	ok(creds_load("oidc", &c, &warn, &err) == -1 && err != NULL &&
	    strstr(err, "oidc_role_arn") != NULL, "an unusable INI type");
	free(err);
	err = NULL;
	/* The instance role, with the metadata service turned off: no
	 * request is made. */
	setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true", 1);
	ok(creds_load("ecs", &c, &warn, &err) == -1 && err != NULL &&
	    strstr(err, "ALIBABA_CLOUD_ECS_METADATA_DISABLED") != NULL &&
	    strstr(err, "[ecs]") != NULL,
	    "an ecs_ram_role section is read; the switch is honoured");
	unsetenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED");
	free(err);
	err = NULL;
	setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id", 1);
	setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-s", 1);
	ok(creds_load(NULL, &c, &warn, &err) == 0 &&
	    strcmp(c.key_id, "env-id") == 0, "the environment comes first");
	creds_clear(&c);
	clear_env();
	free(warn);
}

static void
test_creds_helpers(void)
{
	time_t t;
	char *p;

	ok(creds_parse_time("2026-12-05T10:00:00Z", &t) == 0 &&
	    t == 1796464800, "an STS expiration time");
	ok(creds_parse_time("2026-12-05 10:00", &t) == -1 &&
	    creds_parse_time(NULL, &t) == -1 &&
	    creds_parse_time("2026-12-05T10:00:00Z junk", &t) == -1,
	    "a bad expiration time is refused");
	p = creds_printable("No\033[31mPermission\r\xe4\xb8\xad\xff");
	ok(strcmp(p, "No?[31mPermission?\xe4\xb8\xad?") == 0,
	    "network text: control characters and bad bytes replaced");
	free(p);
}

static void
test_helpers(void)
{
	struct application *app = app_new("a-1", "standard");
	char *s;

	app_add_domain(app, "*.example.com");
	app->backend.record_domain = strdup("_dnsauth");
	s = backend_record_fqdn(app);
	is_str(s, "_dnsauth.example.com", "a wildcard's record name");
	free(s);
	free(app->backend.record_domain);
	app->backend.record_domain = strdup("_dnsauth.example.com");
	s = backend_record_fqdn(app);
	is_str(s, "_dnsauth.example.com", "a full name is kept");
	free(s);
	app->state = APP_AWAITING_VALIDATION;
	ok(backend_can_withdraw(app), "awaiting validation: can withdraw");
	app->state = APP_ISSUED;
	ok(!backend_can_withdraw(app), "issued: cannot withdraw");
	app->state = APP_SENDING;
	ok(!backend_can_withdraw(app), "sending: cannot withdraw yet");
	app->state = APP_WITHDRAWN;
	app->backend.name = strdup("cas");
	app->backend.order_id = 5;
	ok(backend_needs_release(app), "withdrawn cas order holds quota");
	app->backend.status = strdup("deleted");
	ok(!backend_needs_release(app), "a deleted one does not");
	app_free(app);
}

/* The local backend through the job interface the screens use. */
static void
test_job(void)
{
	struct application *app = app_new(NULL, "free"), *back;
	struct catalog *cat;
	struct backend *b;
	struct backend_job *j;
	char *err = NULL, *dir, *p;
	int i;
	FILE *fp;

	cat = catalog_load(&err);
	ok(cat != NULL, "the catalog loads");
	app_add_domain(app, "www.example.com");
	app->applicant_name = strdup("Li Lei");
	app->applicant_phone = strdup("+86 138 0013 8000");
	app->applicant_email = strdup("li.lei@example.com");
	app->csr_mode = strdup("auto");
	app->validation_method = strdup("dns");
	app->state = APP_READY;
	ok(store_create(app, &err) == 0 && store_save(app, &err) == 0,
	    "a ready application in the store");
	b = backend_open(NULL, NULL, NULL, &err);
	is_str(b != NULL ? backend_name(b) : NULL, "local",
	    "the default backend is local");
	j = backend_job_start(b, BACKEND_SUBMIT, app, cat, &err);
	ok(j != NULL, "a submit job starts");
	for (i = 0; i < 10000 && !backend_job_done(j); i++)
		usleep(1000);
	ok(backend_job_done(j), "and is done");
	back = app;
	ok(backend_job_finish(j, &back, &err) == 0, "and succeeded");
	is_int(back->state, APP_PREPARED, "the copy is prepared, not submitted");
	is_str(back->backend.name, "local", "by the local backend");
	dir = store_app_dir(back->id, &err);
	p = malloc(strlen(dir) + 32);
	sprintf(p, "%s/request.json", dir);
	fp = fopen(p, "r");
	ok(fp != NULL, "request.json is in the folder");
	if (fp != NULL)
		fclose(fp);
	j = backend_job_start(b, BACKEND_WITHDRAW, back, cat, &err);
	ok(j != NULL && backend_job_finish(j, &back, &err) == 0 &&
	    back->state == APP_WITHDRAWN, "a withdraw job");
	ok(backend_reopen(back, &err) == 0 && back->state == APP_DRAFT &&
	    back->backend.name == NULL, "reopened as a draft");
	free(p);
	free(dir);
	app_free(back);
	backend_close(b);
	catalog_free(cat);
}

int
main(void)
{
	const char *home = testutil_home_new();

	test_parse_id();
	test_region();
	test_client();
	test_error_text();
	test_creds(home);
	test_helpers();
	test_creds_helpers();
	test_job();
	return tap_done();
}
