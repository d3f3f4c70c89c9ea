/* Unit tests for src/csr.c and src/keygen.c: generate here, and the checks. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "app.h"
#include "catalog.h"
#include "csr.h"
#include "fileio.h"
#include "store.h"
#include "findings-util.h"
#include "tap.h"
#include "testutil.h"
#include "verdict.h"

static struct catalog *cat;
static const char *home;

static const struct cert_type *
type(const char *id)
{
	return catalog_find(cat, id);
}

static char *
slurp(const char *path, size_t *lenp)
{
	char *buf = NULL, *err = NULL;
	size_t len = 0;

	if (fileio_read(path, 1 << 20, &buf, &len, &err) != 0) {
		free(err);
		return NULL;
	}
	if (lenp != NULL)
		*lenp = len;
	return buf;
}

static X509_REQ *
read_req(const char *pem)
{
	BIO *b = BIO_new_mem_buf(pem, -1);
	X509_REQ *req = PEM_read_bio_X509_REQ(b, NULL, NULL, NULL);

	BIO_free(b);
	return req;
}

/* The private key in path, opened with pass (NULL: none). */
static EVP_PKEY *
read_key(const char *path, const char *pass)
{
	OSSL_DECODER_CTX *d;
	EVP_PKEY *pk = NULL;
	size_t len = 0;
	char *pem = slurp(path, &len);
	const unsigned char *p = (const unsigned char *)pem;

	if (pem == NULL)
		return NULL;
	d = OSSL_DECODER_CTX_new_for_pkey(&pk, "PEM", NULL, NULL,
	    OSSL_KEYMGMT_SELECT_PRIVATE_KEY, NULL, NULL);
	if (pass != NULL)
		OSSL_DECODER_CTX_set_passphrase(d, (const unsigned char *)pass,
		    strlen(pass));
	if (!OSSL_DECODER_from_data(d, &p, &len)) {
		EVP_PKEY_free(pk);
		pk = NULL;
	}
	OSSL_DECODER_CTX_free(d);
	free(pem);
	ERR_clear_error();
	return pk;
}

static char *
subject_field(X509_REQ *req, int nid)
{
	X509_NAME *n = X509_REQ_get_subject_name(req);
	unsigned char *u = NULL;
	char *s;
	int i = X509_NAME_get_index_by_NID(n, nid, -1);

	if (i < 0 || ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(
	    X509_NAME_get_entry(n, i))) < 0)
		return NULL;
	s = strdup((char *)u);
	OPENSSL_free(u);
	return s;
}

/* The DNS names of the request, joined with commas. */
static char *
req_sans(X509_REQ *req)
{
	STACK_OF(X509_EXTENSION) *exts = X509_REQ_get_extensions(req);
	GENERAL_NAMES *gens = NULL;
	char *out = xstrdup(""), *t;
	int i;

	for (i = 0; exts != NULL && i < sk_X509_EXTENSION_num(exts); i++) {
		X509_EXTENSION *e = sk_X509_EXTENSION_value(exts, i);

		if (OBJ_obj2nid(X509_EXTENSION_get_object(e)) ==
		    NID_subject_alt_name)
			gens = X509V3_EXT_d2i(e);
	}
	for (i = 0; gens != NULL && i < sk_GENERAL_NAME_num(gens); i++) {
		GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);

		if (g->type != GEN_DNS)
			continue;
		t = xasprintf("%s%s%s", out, *out ? "," : "",
		    (const char *)ASN1_STRING_get0_data(g->d.dNSName));
		free(out);
		out = t;
	}
	GENERAL_NAMES_free(gens);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	return out;
}

static char *
spki_sha256(EVP_PKEY *pk)
{
	unsigned char *der = NULL, md[32];
	unsigned int n = 0, i;
	char *hex = xmalloc(65);
	int len = i2d_PUBKEY(pk, &der);

	EVP_Digest(der, (size_t)len, md, &n, EVP_sha256(), NULL);
	OPENSSL_free(der);
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return hex;
}

static int
file_mode(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* A request signed by pkey with this CN (may hold a NUL) and DNS names. */
static char *
make_csr_pem(EVP_PKEY *pkey, const char *cn, size_t cnlen,
    const char *const *sans, size_t n, const EVP_MD *md)
{
	X509_REQ *req = X509_REQ_new();
	X509_NAME *name = X509_NAME_new();
	STACK_OF(X509_EXTENSION) *exts = NULL;
	GENERAL_NAMES *gens = GENERAL_NAMES_new();
	BIO *b = BIO_new(BIO_s_mem());
	char *data = NULL, *out;
	long len;
	size_t i;

	if (cn != NULL)
		/* Not MBSTRING_UTF8: no length limit, NULs kept. */
		X509_NAME_add_entry_by_NID(name, NID_commonName,
		    V_ASN1_UTF8STRING, (const unsigned char *)cn, (int)cnlen,
		    -1, 0);
	X509_REQ_set_subject_name(req, name);
	for (i = 0; i < n; i++) {
		GENERAL_NAME *g = GENERAL_NAME_new();
		ASN1_IA5STRING *s = ASN1_IA5STRING_new();

		ASN1_STRING_set(s, sans[i], -1);
		GENERAL_NAME_set0_value(g, GEN_DNS, s);
		sk_GENERAL_NAME_push(gens, g);
	}
	if (n > 0) {
		X509V3_add1_i2d(&exts, NID_subject_alt_name, gens, 0, 0);
		X509_REQ_add_extensions(req, exts);
	}
	X509_REQ_set_pubkey(req, pkey);
	X509_REQ_sign(req, pkey, md);
	PEM_write_bio_X509_REQ(b, req);
	len = BIO_get_mem_data(b, &data);
	out = xstrndup(data, (size_t)len);
	BIO_free(b);
	GENERAL_NAMES_free(gens);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	X509_NAME_free(name);
	X509_REQ_free(req);
	return out;
}

static struct application *
new_app(const char *id, const char *const *domains, size_t n)
{
	struct application *app = app_new(id, "standard");

	app_set_domains(app, domains, n);
	return app;
}

/* --- the small things ----------------------------------------------------- */

static void
test_names(void)
{
	char *s;

	is_int(csr_key_kind_parse("ec-p256"), CSR_KEY_EC_P256, "ec-p256");
	is_int(csr_key_kind_parse("rsa-4096"), CSR_KEY_RSA_4096, "rsa-4096");
	is_int(csr_key_kind_parse("rsa-1024"), -1, "rsa-1024 is unknown");
	is_int(csr_key_kind_parse(""), -1, "empty is unknown");
	is_int(csr_key_kind_parse(NULL), -1, "NULL is unknown");
	is_str(csr_key_kind_name(CSR_KEY_EC_P384), "ec-p384", "name of P-384");
	is_str(csr_key_kind_name(CSR_KEY_RSA_3072), "rsa-3072",
	    "name of RSA 3072");
	ok(csr_key_kind_name((enum csr_key_kind)99) == NULL,
	    "no name for an unknown kind");

	s = csr_path_for_key("/a/b/key.pem");
	is_str(s, "/a/b/csr.pem", "key.pem -> csr.pem");
	free(s);
	s = csr_path_for_key("/etc/ssl/example.com.key");
	is_str(s, "/etc/ssl/example.com.csr", "NAME.key -> NAME.csr");
	free(s);
	s = csr_path_for_key("site-key.pem");
	is_str(s, "site-csr.pem", "NAME-key.pem -> NAME-csr.pem");
	free(s);
	s = csr_path_for_key("/x/site.pem");
	is_str(s, "/x/site.csr.pem", "NAME.pem -> NAME.csr.pem");
	free(s);
	s = csr_path_for_key("/x/.key");
	is_str(s, "/x/.key.csr", "a bare .key gets .csr appended");
	free(s);
	s = csr_path_for_key("secret");
	is_str(s, "secret.csr", "other names get .csr");
	free(s);

	ok(csr_mode_explain("auto") != NULL &&
	    strstr(csr_mode_explain("auto"), "holds your private key") != NULL,
	    "automatic mode explains that the CA holds the key");
	ok(csr_mode_explain("generate") != NULL, "generate mode explained");
	ok(csr_mode_explain("manual") != NULL, "manual mode explained");
	ok(csr_mode_explain("other") == NULL && csr_mode_explain(NULL) == NULL,
	    "unknown modes are not");
}

/* --- generate here -------------------------------------------------------- */

static void
test_generate_default(void)
{
	static const char *const doms[] = {
		"Example.COM.", "www.example.com", "例子.中国", "example.com",
	};
	struct application *app = new_app("gen1-aaaa", doms, 4);
	struct csr_request rq = { CSR_KEY_EC_P256, app, NULL, NULL, NULL };
	struct csr_result res = { 0 }, res2 = { 0 };
	struct rlimit before, after;
	struct findings f;
	struct csr_info info = { 0 };
	char *err = NULL, *dir, *s, *pem, *key1, *key2;
	X509_REQ *req;
	EVP_PKEY *pk;
	int rc;

	getrlimit(RLIMIT_CORE, &before);
	rc = csr_generate(&rq, &res, &err);
	is_int(rc, 0, "EC P-256 key and CSR generated");
	if (rc != 0) {
		diag("%s", err);
		free(err);
		app_free(app);
		return;
	}
	getrlimit(RLIMIT_CORE, &after);
	ok(before.rlim_cur == after.rlim_cur && before.rlim_max ==
	    after.rlim_max, "the core limit is restored afterwards");

	dir = store_app_dir("gen1-aaaa", &err);
	s = xasprintf("%s/key.pem", dir);
	is_str(res.key_path, s, "the key is key.pem in the application folder");
	free(s);
	s = xasprintf("%s/csr.pem", dir);
	is_str(res.csr_path, s, "the CSR is csr.pem beside it");
	free(s);
	is_int(file_mode(dir), 0700, "the application folder is 0700");
	is_int(file_mode(res.key_path), 0600, "the key is 0600 under umask 000");
	free(dir);

	key1 = slurp(res.key_path, NULL);
	ok(key1 != NULL && strncmp(key1, "-----BEGIN PRIVATE KEY-----\n",
	    28) == 0, "the key is unencrypted PKCS #8 PEM");
	pem = slurp(res.csr_path, NULL);
	is_str(pem, res.csr_pem, "the CSR file holds the returned CSR");

	req = read_req(res.csr_pem);
	ok(req != NULL, "the CSR reads back");
	pk = read_key(res.key_path, NULL);
	ok(pk != NULL, "the key reads back without a passphrase");
	if (req != NULL && pk != NULL) {
		ok(X509_REQ_verify(req, pk) == 1, "the CSR verifies with the "
		    "key written");
		ok(EVP_PKEY_eq(X509_REQ_get0_pubkey(req), pk) == 1,
		    "the CSR's public key is the key's");
		ok(EVP_PKEY_is_a(pk, "EC") && EVP_PKEY_get_bits(pk) == 256,
		    "the key is EC 256 bits");
		s = subject_field(req, NID_commonName);
		is_str(s, "example.com", "CN is the first domain, normalised");
		free(s);
		s = req_sans(req);
		is_str(s, "example.com,www.example.com,xn--fsqu00a.xn--fiqs8s",
		    "SAN lists every domain once, as A-labels");
		free(s);
		ok(X509_REQ_get_subject_name(req) != NULL &&
		    X509_NAME_entry_count(X509_REQ_get_subject_name(req)) == 1,
		    "no company details for a DV type");
		{
			const X509_ALGOR *alg;

			X509_REQ_get0_signature(req, NULL, &alg);
			is_int(OBJ_obj2nid(alg->algorithm),
			    NID_ecdsa_with_SHA256, "signed with SHA-256");
		}
		s = spki_sha256(pk);
		is_str(res.fingerprint, s, "the fingerprint is SHA-256 of the "
		    "SubjectPublicKeyInfo");
		free(s);
	}
	X509_REQ_free(req);
	EVP_PKEY_free(pk);

	/* The CSR made here passes the manual checks. */
	findings_init(&f);
	ok(csr_check(res.csr_pem, strlen(res.csr_pem), type("standard"), doms,
	    4, &f, &info), "the generated CSR passes csr_check");
	if (findings_worst(&f) == VERDICT_ERROR)
		dump(&f);
	is_str(info.key_type, "EC", "csr_check: key type");
	is_str(info.curve, "P-256", "csr_check: curve");
	is_int(info.nsans, 3, "csr_check: three names");
	csr_info_clear(&info);
	findings_clear(&f);

	/* And the key file, given as a CSR, is named for what it is. */
	findings_init(&f);
	ok(!csr_check(key1, strlen(key1), NULL, NULL, 0, &f, &info),
	    "a private key is refused");
	ok(has_code(&f, "csr.private-key") != NULL &&
	    strstr(has_code(&f, "csr.private-key"), "never send it to anyone")
	    != NULL, "with \"never send it to anyone\"");
	is_str(info.what, "a private key", "info.what names it");
	csr_info_clear(&info);
	findings_clear(&f);

	/* The whole application's CSR step. */
	app->csr_mode = xstrdup("generate");
	findings_init(&f);
	ok(!csr_check_application(app, type("standard"), &f) &&
	    has_code(&f, "csr.not-generated") != NULL,
	    "application: generate mode without a CSR yet");
	findings_clear(&f);
	app->csr_pem = xstrdup(res.csr_pem);
	app->csr_key_fingerprint = xstrdup(res.fingerprint);
	findings_init(&f);
	ok(csr_check_application(app, type("standard"), &f),
	    "application: the generated CSR, key and fingerprint agree");
	if (findings_worst(&f) == VERDICT_ERROR)
		dump(&f);
	findings_clear(&f);
	findings_init(&f);
	csr_check(res.csr_pem, strlen(res.csr_pem), NULL, NULL, 0, &f, &info);
	is_str(info.key_fingerprint, res.fingerprint,
	    "csr_check reports the same fingerprint");
	csr_info_clear(&info);
	findings_clear(&f);
	app->csr_key_fingerprint[0] = app->csr_key_fingerprint[0] == '0' ?
	    '1' : '0';
	findings_init(&f);
	ok(!csr_check_application(app, type("standard"), &f) &&
	    has_code(&f, "csr.key-mismatch") != NULL,
	    "application: a CSR of another key is refused");
	findings_clear(&f);
	free(app->csr_key_fingerprint);
	app->csr_key_fingerprint = NULL;
	app_clear_domains(app);
	app_add_domain(app, "shop.example.com");
	findings_init(&f);
	ok(!csr_check_application(app, type("standard"), &f) &&
	    has_code(&f, "csr.cn-not-bound") != NULL,
	    "application: domains changed after the CSR was made");
	findings_clear(&f);
	app_set_domains(app, doms, 4);
	free(app->csr_mode);
	app->csr_mode = xstrdup("manual");
	findings_init(&f);
	ok(csr_check_application(app, type("standard"), &f),
	    "application: manual mode with a good CSR");
	findings_clear(&f);
	free(app->csr_mode);
	app->csr_mode = xstrdup("auto");
	findings_init(&f);
	ok(csr_check_application(app, type("standard"), &f) &&
	    has_code(&f, "csr.auto") != NULL,
	    "application: automatic mode, with a note on the trade-off");
	findings_clear(&f);
	free(app->csr_mode);
	app->csr_mode = xstrdup("magic");
	findings_init(&f);
	ok(!csr_check_application(app, type("standard"), &f) &&
	    has_code(&f, "csr.mode") != NULL, "application: unknown mode");
	findings_clear(&f);
	free(app->csr_mode);
	app->csr_mode = xstrdup("manual");
	free(app->csr_pem);
	app->csr_pem = NULL;
	findings_init(&f);
	ok(!csr_check_application(app, type("standard"), &f) &&
	    has_code(&f, "csr.missing") != NULL,
	    "application: manual mode without a CSR");
	findings_clear(&f);

	/* Never overwritten: a named key file that exists is refused; with
	   no name, the next free one is taken ("Make another key"). */
	rq.key_path = res.key_path;
	rc = csr_generate(&rq, &res2, &err);
	ok(rc == -1 && err != NULL && strstr(err, "already exists") != NULL,
	    "a second generation refuses to overwrite the key");
	if (err != NULL)
		diag("%s", err);
	free(err);
	err = NULL;
	rq.key_path = NULL;
	rc = csr_generate(&rq, &res2, &err);
	ok(rc == 0 && res2.key_path != NULL &&
	    strcmp(res2.key_path, res.key_path) != 0 &&
	    strstr(res2.key_path, "/key-2.pem") != NULL,
	    "with no name given, another key goes to key-2.pem");
	if (err != NULL)
		diag("%s", err);
	free(err);
	err = NULL;
	csr_result_clear(&res2);
	key2 = slurp(res.key_path, NULL);
	is_str(key2, key1, "the first key is unchanged");

	/* A lost key file is reported. */
	free(app->csr_mode);
	app->csr_mode = xstrdup("generate");
	app->csr_pem = xstrdup(res.csr_pem);
	unlink(res.key_path);
	findings_init(&f);
	ok(!csr_check_application(app, type("standard"), &f) &&
	    has_code(&f, "csr.key-missing") != NULL,
	    "application: a key file that is gone");
	findings_clear(&f);
	free(key1);
	free(key2);
	free(pem);
	csr_result_clear(&res);
	app_free(app);
}

static void
test_generate_company_rsa(void)
{
	static const char *const doms[] = { "shop.example.org" };
	struct application *app = new_app("gen2-bbbb", doms, 1);
	struct csr_request rq = { CSR_KEY_RSA_2048, app, NULL, NULL, NULL };
	struct csr_result res = { 0 };
	char *err = NULL, *path, *s;
	X509_REQ *req;
	int rc;

	app->company_name = xstrdup("示例科技有限公司");
	app->company_country = xstrdup("cn");
	app->company_province = xstrdup("Zhejiang");
	app->company_city = xstrdup("Hangzhou");
	rq.type = type("professional");
	path = xasprintf("%s/server.key", home);
	rq.key_path = path;
	rc = csr_generate(&rq, &res, &err);
	is_int(rc, 0, "RSA 2048 with company details, to a named file");
	if (rc != 0) {
		diag("%s", err);
		free(err);
		free(path);
		app_free(app);
		return;
	}
	is_str(res.key_path, path, "the key is where it was asked");
	s = xasprintf("%s/server.csr", home);
	is_str(res.csr_path, s, "the CSR is server.csr beside it");
	free(s);
	is_int(file_mode(path), 0600, "the named key file is 0600");
	req = read_req(res.csr_pem);
	ok(req != NULL && EVP_PKEY_is_a(X509_REQ_get0_pubkey(req), "RSA") &&
	    EVP_PKEY_get_bits(X509_REQ_get0_pubkey(req)) == 2048,
	    "the key is RSA 2048");
	if (req != NULL) {
		const X509_ALGOR *alg;

		X509_REQ_get0_signature(req, NULL, &alg);
		is_int(OBJ_obj2nid(alg->algorithm),
		    NID_sha256WithRSAEncryption, "signed with SHA-256");
		s = subject_field(req, NID_organizationName);
		is_str(s, "示例科技有限公司", "O is the company name, UTF-8");
		free(s);
		s = subject_field(req, NID_countryName);
		is_str(s, "CN", "C is the country, upper case");
		free(s);
		s = subject_field(req, NID_stateOrProvinceName);
		is_str(s, "Zhejiang", "ST is the province");
		free(s);
		s = subject_field(req, NID_localityName);
		is_str(s, "Hangzhou", "L is the city");
		free(s);
		s = subject_field(req, NID_organizationalUnitName);
		ok(s == NULL, "no OU (the Baseline Requirements forbid it)");
		free(s);
		s = subject_field(req, NID_commonName);
		is_str(s, "shop.example.org", "CN is the domain");
		free(s);
	}
	X509_REQ_free(req);
	csr_result_clear(&res);
	free(path);
	app_free(app);
}

static void
test_generate_encrypted(void)
{
	static const char *const doms[] = { "secure.example.net" };
	struct application *app = new_app("gen3-cccc", doms, 1);
	char *pass = xstrdup("correct horse battery staple");
	struct csr_request rq = { CSR_KEY_EC_P384, app, NULL, NULL, pass };
	struct csr_result res = { 0 };
	char *err = NULL, *pem;
	EVP_PKEY *pk;
	X509_REQ *req;
	int rc;

	rc = csr_generate(&rq, &res, &err);
	is_int(rc, 0, "EC P-384 with a passphrase");
	if (rc != 0) {
		diag("%s", err);
		free(err);
		free(pass);
		app_free(app);
		return;
	}
	pem = slurp(res.key_path, NULL);
	ok(pem != NULL && strncmp(pem, "-----BEGIN ENCRYPTED PRIVATE KEY-----",
	    37) == 0, "the key is encrypted PKCS #8");
	{
		BIO *b = BIO_new_mem_buf(pem, -1);
		X509_SIG *p8 = PEM_read_bio_PKCS8(b, NULL, NULL, NULL);
		const X509_ALGOR *alg = NULL;
		PBE2PARAM *pbe2 = NULL;

		if (p8 != NULL)
			X509_SIG_get0(p8, &alg, NULL);
		if (alg != NULL && OBJ_obj2nid(alg->algorithm) == NID_pbes2)
			pbe2 = ASN1_TYPE_unpack_sequence(
			    ASN1_ITEM_rptr(PBE2PARAM), alg->parameter);
		ok(pbe2 != NULL && OBJ_obj2nid(pbe2->encryption->algorithm) ==
		    NID_aes_256_cbc, "with PBES2 and AES-256-CBC");
		PBE2PARAM_free(pbe2);
		X509_SIG_free(p8);
		BIO_free(b);
	}
	ok(read_key(res.key_path, NULL) == NULL,
	    "it does not open without the passphrase");
	ok(read_key(res.key_path, "correct horse battery stapler") == NULL,
	    "nor with a wrong one");
	pk = read_key(res.key_path, pass);
	ok(pk != NULL, "it opens with its passphrase");
	req = read_req(res.csr_pem);
	ok(pk != NULL && req != NULL &&
	    EVP_PKEY_eq(X509_REQ_get0_pubkey(req), pk) == 1 &&
	    EVP_PKEY_get_bits(pk) == 384, "and is the P-384 key of the CSR");
	is_str(pass, "correct horse battery staple",
	    "the caller's passphrase is left alone");
	EVP_PKEY_free(pk);
	X509_REQ_free(req);
	free(pem);
	freezero_str(pass);
	csr_result_clear(&res);
	app_free(app);
}

static void
test_generate_refusals(void)
{
	static const char *const doms[] = { "refuse.example.com" };
	static const char *const bad[] = { "exa mple..com" };
	struct application *app = new_app("gen4-dddd", doms, 1);
	struct csr_request rq = { CSR_KEY_EC_P256, app, NULL, NULL, NULL };
	struct csr_result res = { 0 };
	char *err = NULL, *link, *target, *csrp;
	int rc;

	/* A symbolic link at the key path, dangling or not. */
	link = xasprintf("%s/link.key", home);
	target = xasprintf("%s/target.key", home);
	if (symlink(target, link) != 0)
		perror("symlink");
	rq.key_path = link;
	rc = csr_generate(&rq, &res, &err);
	ok(rc == -1 && err != NULL && strstr(err, "symbolic link") != NULL,
	    "a symbolic link at the key path is refused");
	if (err != NULL)
		diag("%s", err);
	free(err);
	err = NULL;
	ok(!exists(target), "nothing was written through it");
	csrp = xasprintf("%s/link.csr", home);
	ok(!exists(csrp), "and no CSR was written");
	free(csrp);
	unlink(link);

	/* An existing CSR beside the key is not overwritten either. */
	csrp = xasprintf("%s/taken.csr", home);
	testutil_write(csrp, "mine\n");
	free(link);
	link = xasprintf("%s/taken.key", home);
	rq.key_path = link;
	rc = csr_generate(&rq, &res, &err);
	ok(rc == -1 && err != NULL && strstr(err, "taken.csr") != NULL,
	    "an existing CSR file is refused before any key is made");
	free(err);
	err = NULL;
	ok(!exists(link), "and the key was not written");
	free(csrp);

	/* A folder that does not exist. */
	free(link);
	link = xasprintf("%s/no/such/dir/k.pem", home);
	rq.key_path = link;
	rc = csr_generate(&rq, &res, &err);
	ok(rc == -1 && err != NULL && strstr(err, "does not exist") != NULL,
	    "a missing folder is named");
	free(err);
	err = NULL;

	/* No domains; a name that cannot go into a CSR; no id. */
	rq.key_path = NULL;
	app_clear_domains(app);
	rc = csr_generate(&rq, &res, &err);
	ok(rc == -1 && err != NULL, "no domains: refused");
	free(err);
	err = NULL;
	app_set_domains(app, bad, 1);
	rc = csr_generate(&rq, &res, &err);
	ok(rc == -1 && err != NULL && strstr(err, "exa mple") != NULL,
	    "an unconvertible name is named");
	free(err);
	err = NULL;
	app_set_domains(app, doms, 1);
	free(app->id);
	app->id = NULL;
	rc = csr_generate(&rq, &res, &err);
	ok(rc == -1 && err != NULL, "no id and no key path: refused");
	free(err);
	err = NULL;
	rq.app = NULL;
	rc = csr_generate(&rq, &res, &err);
	ok(rc == -1 && err != NULL, "no application: refused");
	free(err);
	free(target);
	free(link);
	app_free(app);
}

/* --- the job -------------------------------------------------------------- */

static bool
wait_done(struct csr_job *job, int seconds)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	time_t end = time(NULL) + seconds;

	while (!csr_job_done(job))
		if (time(NULL) > end)
			return false;
		else
			nanosleep(&ts, NULL);
	return true;
}

static void
test_job(void)
{
	static const char *const doms[] = { "job.example.com" };
	struct application *app = new_app("job1-eeee", doms, 1);
	struct csr_request rq = { CSR_KEY_EC_P256, app, NULL, NULL, NULL };
	struct csr_result res = { 0 };
	struct csr_job *job;
	EVP_PKEY *pk;
	char *err = NULL, *pass, *path;
	int rc;

	pass = xstrdup("job secret");
	rq.passphrase = pass;
	job = csr_job_start(&rq, &err);
	ok(job != NULL, "a job starts");
	/* The job has its own copy of the passphrase. */
	freezero_str(pass);
	app_free(app);
	app = NULL;
	if (job != NULL) {
		ok(wait_done(job, 60), "and completes");
		rc = csr_job_finish(job, &res, &err);
		is_int(rc, 0, "finish returns its result");
		if (rc != 0)
			diag("%s", err);
		ok(res.key_path != NULL && file_mode(res.key_path) == 0600,
		    "the job wrote the key, 0600");
		pk = res.key_path != NULL ? read_key(res.key_path,
		    "job secret") : NULL;
		ok(pk != NULL, "encrypted with the passphrase given at start");
		EVP_PKEY_free(pk);
		ok(res.csr_pem != NULL && res.fingerprint != NULL &&
		    strlen(res.fingerprint) == 64, "with CSR and fingerprint");
		csr_result_clear(&res);
	}

	/* Cancelled RSA 4096: stops, and writes nothing. */
	app = new_app("job2-ffff", doms, 1);
	rq.app = app;
	rq.kind = CSR_KEY_RSA_4096;
	rq.passphrase = NULL;
	path = xasprintf("%s/cancelled.key", home);
	rq.key_path = path;
	job = csr_job_start(&rq, &err);
	ok(job != NULL, "an RSA 4096 job starts");
	if (job != NULL) {
		csr_job_cancel(job);
		ok(wait_done(job, 60), "a cancelled job completes");
		rc = csr_job_finish(job, &res, &err);
		ok(rc == -1 && err != NULL && strstr(err, "cancelled") != NULL,
		    "finish says it was cancelled");
		free(err);
		err = NULL;
		ok(!exists(path), "no key file was written");
	}

	/* A screen that stops a job does not ask why (err NULL). */
	job = csr_job_start(&rq, &err);
	ok(job != NULL, "another RSA 4096 job starts");
	if (job != NULL) {
		csr_job_cancel(job);
		rc = csr_job_finish(job, &res, NULL);
		ok(rc == -1, "finish without an error pointer returns -1");
		ok(!exists(path), "and no key file was written");
	}

	/* A job that cannot start says why at once. */
	testutil_write(path, "occupied\n");
	job = csr_job_start(&rq, &err);
	ok(job == NULL && err != NULL && strstr(err, "already exists") != NULL,
	    "a job for an existing key file does not start");
	free(err);
	free(path);
	app_free(app);
}

/* --- the manual checks ---------------------------------------------------- */

static EVP_PKEY *
ec_key(void)
{
	return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
}

static void
check_case(const char *desc, const char *data, size_t len,
    const struct cert_type *t, const char *const *doms, size_t n,
    bool want_ok, const char *code)
{
	struct findings f;
	struct csr_info info = { 0 };
	bool acc;

	findings_init(&f);
	acc = csr_check(data, len, t, doms, n, &f, &info);
	ok(acc == want_ok && (code == NULL || has_code(&f, code) != NULL),
	    "%s", desc);
	if (acc != want_ok || (code != NULL && has_code(&f, code) == NULL))
		dump(&f);
	csr_info_clear(&info);
	findings_clear(&f);
}

static void
test_check(void)
{
	static const char *const sans[] = { "example.com", "www.example.com" };
	static const char *const bound[] = { "example.com", "www.example.com" };
	static const char *const idn_bound[] = { "xn--fsqu00a.xn--fiqs8s" };
	static const char *const wild[] = { "*.example.com" };
	EVP_PKEY *pk = ec_key();
	char *pem, *crlf, *p, *q, *body;
	unsigned char *der = NULL;
	X509_REQ *req;
	int dlen;
	struct findings f;
	struct csr_info info = { 0 };

	pem = make_csr_pem(pk, "example.com", 11, sans, 2, EVP_sha256());
	check_case("a good CSR", pem, strlen(pem), type("standard"), bound, 2,
	    true, NULL);
	check_case("a good CSR without bound domains", pem, strlen(pem), NULL,
	    NULL, 0, true, NULL);
	check_case("a CN outside the bound domains", pem, strlen(pem), NULL,
	    idn_bound, 1, false, "csr.cn-not-bound");
	/* www.example.com comes free with example.com: it may be there. */
	check_case("the complimentary name among the SANs", pem, strlen(pem),
	    NULL, bound, 1, true, NULL);
	free(pem);
	{
		static const char *const other[] = { "example.com",
		    "shop.example.com" };

		pem = make_csr_pem(pk, "example.com", 11, other, 2,
		    EVP_sha256());
	}
	check_case("a SAN outside the bound domains", pem, strlen(pem), NULL,
	    bound, 1, false, "csr.san-not-bound");
	free(pem);
	pem = make_csr_pem(pk, "example.com", 11, sans, 2, EVP_sha256());

	/* CRLF, leading blanks, indentation. */
	crlf = xmalloc(strlen(pem) * 3 + 16);
	strcpy(crlf, "\r\n  \t");
	for (p = pem, q = crlf + strlen(crlf); *p != '\0'; p++) {
		if (*p == '\n') {
			*q++ = '\r';
			*q++ = '\n';
			*q++ = ' ';
		} else
			*q++ = *p;
	}
	strcpy(q, "\r\n\r\n");
	check_case("CRLF and indentation", crlf, strlen(crlf), NULL, bound, 2,
	    true, NULL);
	/* Old Mac line ends: CR only. */
	for (p = crlf; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	check_case("CR-only line ends", crlf, strlen(crlf), NULL, bound, 2,
	    true, NULL);
	free(crlf);

	/* NEW CERTIFICATE REQUEST header. */
	{
		char *t = xstrdup(pem), *n;

		n = xasprintf("-----BEGIN NEW CERTIFICATE REQUEST-----%s"
		    "-----END NEW CERTIFICATE REQUEST-----\n",
		    strchr(t, '\n'));
		*strstr(n, "\n-----END CERTIFICATE REQUEST-----") = '\n';
		/* cut the old END line */
		{
			char *e = strstr(n, "-----END CERTIFICATE REQUEST-----");

			if (e != NULL)
				memmove(e, e + 34, strlen(e + 34) + 1);
		}
		check_case("the NEW CERTIFICATE REQUEST header", n, strlen(n),
		    NULL, bound, 2, true, NULL);
		free(n);
		free(t);
	}

	/* UTF-16 with a byte order mark, as Windows editors save it. */
	{
		size_t n = strlen(pem), i;
		char *w = xmalloc(2 * n + 2);

		w[0] = (char)0xff;
		w[1] = (char)0xfe;
		for (i = 0; i < n; i++) {
			w[2 + 2 * i] = pem[i];
			w[3 + 2 * i] = 0;
		}
		check_case("UTF-16LE with a BOM", w, 2 * n + 2, NULL, bound, 2,
		    true, NULL);
		for (i = 0; i < n; i++) {
			w[2 * i] = 0;
			w[2 * i + 1] = pem[i];
		}
		check_case("UTF-16BE without a BOM", w, 2 * n, NULL, bound, 2,
		    true, NULL);
		free(w);
	}

	/* Copied out of a JSON string: "\n" escapes and "\/". */
	{
		char *j = xmalloc(strlen(pem) * 2 + 3), *o = j;

		*o++ = '"';
		for (p = pem; *p != '\0'; p++) {
			if (*p == '\n') {
				*o++ = '\\';
				*o++ = 'n';
			} else if (*p == '/') {
				*o++ = '\\';
				*o++ = '/';
			} else
				*o++ = *p;
		}
		*o++ = '"';
		*o = '\0';
		check_case("a block with JSON escapes", j, strlen(j), NULL,
		    bound, 2, true, NULL);
		free(j);
	}

	/* The body alone, and cut off. */
	p = strchr(pem, '\n') + 1;
	q = strstr(pem, "-----END");
	body = xstrndup(p, (size_t)(q - p));
	check_case("a base64 body without BEGIN/END", body, strlen(body), NULL,
	    bound, 2, true, "csr.no-pem-lines");
	free(body);
	body = xstrndup(pem, (size_t)(q - pem));
	check_case("a block without its END line", body, strlen(body), NULL,
	    bound, 2, false, "csr.truncated");
	free(body);

	/* DER. */
	req = read_req(pem);
	dlen = i2d_X509_REQ(req, &der);
	check_case("DER", (char *)der, (size_t)dlen, NULL, bound, 2, true,
	    NULL);
	check_case("DER with a byte missing", (char *)der, (size_t)dlen - 1,
	    NULL, bound, 2, false, "csr.not-csr");
	/* A flipped bit in the signature. */
	der[dlen - 1] ^= 0x01;
	check_case("a tampered signature", (char *)der, (size_t)dlen, NULL,
	    bound, 2, false, "csr.signature");
	OPENSSL_free(der);
	X509_REQ_free(req);

	/* Info for the report. */
	findings_init(&f);
	csr_check(pem, strlen(pem), NULL, NULL, 0, &f, &info);
	is_str(info.cn, "example.com", "info: CN");
	is_str(info.subject, "CN=example.com", "info: subject");
	ok(info.nsans == 2 && strcmp(info.sans[1], "www.example.com") == 0,
	    "info: SANs");
	is_str(info.sig_alg, "ecdsa-with-SHA256", "info: signature algorithm");
	is_int(info.key_bits, 256, "info: key bits");
	ok(info.pem != NULL && strstr(info.pem, "BEGIN CERTIFICATE REQUEST")
	    != NULL, "info: canonical PEM");
	ok(info.what == NULL, "info: what is NULL for a CSR");
	csr_info_clear(&info);
	findings_clear(&f);
	free(pem);

	/* A NUL hidden in the CN. */
	pem = make_csr_pem(pk, "example.com\0.evil.test", 22, NULL, 0,
	    EVP_sha256());
	check_case("a NUL in the CN is refused", pem, strlen(pem), NULL,
	    bound, 2, false, "csr.cn-invalid");
	free(pem);

	/* A terminal escape sequence in the CN, and Latin-1 in a SAN. */
	pem = make_csr_pem(pk, "\x1b]0;pwned\x07example.com", 21, NULL, 0,
	    EVP_sha256());
	check_case("an escape sequence in the CN is refused", pem, strlen(pem),
	    NULL, NULL, 0, false, "csr.cn-invalid");
	findings_init(&f);
	csr_check(pem, strlen(pem), NULL, NULL, 0, &f, &info);
	ok(info.subject != NULL && strchr(info.subject, 0x1b) == NULL &&
	    strchr(info.subject, 0x07) == NULL,
	    "and it never reaches the subject line raw");
	csr_info_clear(&info);
	findings_clear(&f);
	free(pem);
	{
		static const char *const latin1[] = { "b\xfc" "cher.example" };

		pem = make_csr_pem(pk, "example.com", 11, latin1, 1,
		    EVP_sha256());
		check_case("a non-ASCII byte in a SAN is refused", pem,
		    strlen(pem), NULL, NULL, 0, false, "csr.san-invalid");
		free(pem);
	}

	/* No CN; two CNs are covered by the CLI tests. */
	pem = make_csr_pem(pk, NULL, 0, sans, 2, EVP_sha256());
	check_case("no CN", pem, strlen(pem), NULL, NULL, 0, false,
	    "csr.cn-missing");
	free(pem);

	/* A Unicode CN equals its A-label. */
	pem = make_csr_pem(pk, "例子.中国", strlen("例子.中国"), NULL, 0,
	    EVP_sha256());
	check_case("an IDN CN matches its A-label", pem, strlen(pem),
	    type("standard"), idn_bound, 1, true, "csr.cn-unicode");
	free(pem);
	{
		static const char *const uni[] = { "例子.中国" };
		static const char *const a[] = { "xn--fsqu00a.xn--fiqs8s" };

		pem = make_csr_pem(pk, "xn--fsqu00a.xn--fiqs8s", 22, a, 1,
		    EVP_sha256());
		check_case("an A-label CN matches a Unicode domain", pem,
		    strlen(pem), NULL, uni, 1, true, NULL);
		free(pem);
	}

	/* Wildcards: by the type. */
	pem = make_csr_pem(pk, "*.example.com", 13, wild, 1, EVP_sha256());
	check_case("a wildcard CN for a type with wildcards", pem, strlen(pem),
	    type("standard"), wild, 1, true, NULL);
	check_case("a wildcard CN for the free type", pem, strlen(pem),
	    type("free"), wild, 1, false, "domain.wildcard-not-allowed");
	free(pem);

	/* Without bound domains, the type's limits over the CSR's names. */
	{
		static const char *const two[] = { "qq.com", "shop.qq.com" };
		static const char *const apex[] = {
			"*.example.com", "example.com",
		};
		static const char *const mixed[] = {
			"*.example.com", "shop.example.com",
		};
		static const char *const wilds[] = {
			"*.a.com", "*.b.com",
		};

		pem = make_csr_pem(pk, "qq.com", 6, two, 2, EVP_sha256());
		check_case("two names for the free type", pem, strlen(pem),
		    type("free"), NULL, 0, false, "domains.too-many");
		free(pem);
		pem = make_csr_pem(pk, "www.example.com", 15, sans + 1, 1,
		    EVP_sha256());
		check_case("the free type refuses an audit word", pem,
		    strlen(pem), type("free"), NULL, 0, false,
		    "domain.audit-word");
		free(pem);
		/* A CSR for a wildcard product may carry the apex. */
		pem = make_csr_pem(pk, "*.example.com", 13, apex, 2,
		    EVP_sha256());
		check_case("a wildcard and its apex for the standard type",
		    pem, strlen(pem), type("standard"), NULL, 0, true, NULL);
		check_case("the same with the wildcard bound alone", pem,
		    strlen(pem), type("standard"), apex, 1, true, NULL);
		free(pem);
		pem = make_csr_pem(pk, "*.example.com", 13, mixed, 2,
		    EVP_sha256());
		check_case("a wildcard and another plain name", pem,
		    strlen(pem), type("standard"), NULL, 0, false,
		    "domains.mixed");
		free(pem);
		pem = make_csr_pem(pk, "*.a.com", 7, wilds, 2, EVP_sha256());
		check_case("two wildcard names", pem, strlen(pem),
		    type("standard"), NULL, 0, false,
		    "domains.too-many-wildcards");
		free(pem);
	}
	/* Keys the brands do not issue for (DESIGN 2). */
	{
		static const char *const one[] = { "example.com" };
		EVP_PKEY *k521 = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-521");
		EVP_PKEY *k2056 = EVP_PKEY_Q_keygen(NULL, NULL, "RSA",
		    (size_t)2056);

		pem = make_csr_pem(k521, "example.com", 11, one, 1,
		    EVP_sha256());
		check_case("P-521 without a type", pem, strlen(pem), NULL,
		    one, 1, true, NULL);
		check_case("P-521 for the standard type", pem, strlen(pem),
		    type("standard"), one, 1, false, "csr.key-not-issued");
		free(pem);
		pem = make_csr_pem(k2056, "example.com", 11, one, 1,
		    EVP_sha256());
		check_case("RSA 2056 for the professional type", pem,
		    strlen(pem), type("professional"), one, 1, false,
		    "csr.key-not-issued");
		free(pem);
		EVP_PKEY_free(k521);
		EVP_PKEY_free(k2056);
	}

	/* A CN too long for a certificate. */
	{
		char cn[80];

		memset(cn, 'a', 60);
		strcpy(cn + 60, ".example.com");
		pem = make_csr_pem(pk, cn, strlen(cn), NULL, 0, EVP_sha256());
		check_case("a CN over 64 characters", pem, strlen(pem), NULL,
		    NULL, 0, false, "csr.cn-long");
		free(pem);
	}

	/* Things that are not CSRs. */
	check_case("empty", "", 0, NULL, NULL, 0, false, "csr.empty");
	check_case("blanks", " \r\n\t", 4, NULL, NULL, 0, false, "csr.empty");
	check_case("NULL", NULL, 5, NULL, NULL, 0, false, "csr.empty");
	check_case("text", "hello world\n", 12, NULL, NULL, 0, false,
	    "csr.not-csr");
	check_case("binary junk", "\x30\x82\xff\xff\x01", 5, NULL, NULL, 0,
	    false, "csr.not-csr");
	check_case("an SSH public key",
	    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0 me@host\n", 47, NULL,
	    NULL, 0, false, "csr.public-key");
	check_case("a PEM block of another kind",
	    "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n", 42, NULL, NULL,
	    0, false, "csr.not-csr");
	{
		BIO *b = BIO_new(BIO_s_mem());
		char *data = NULL;
		long n;

		PEM_write_bio_PUBKEY(b, pk);
		n = BIO_get_mem_data(b, &data);
		check_case("a public key", data, (size_t)n, NULL, NULL, 0,
		    false, "csr.public-key");
		BIO_free(b);
	}
	EVP_PKEY_free(pk);
}

int
main(void)
{
	char *err = NULL;

	home = testutil_home_new();
	/* Under umask 000 the key must still be 0600 (fchmod, not umask). */
	umask(0);
	if ((cat = catalog_load(&err)) == NULL) {
		printf("Bail out! %s\n", err);
		return 1;
	}
	test_names();
	test_generate_default();
	test_generate_company_rsa();
	test_generate_encrypted();
	test_generate_refusals();
	test_job();
	test_check();
	catalog_free(cat);
	return tap_done();
}
