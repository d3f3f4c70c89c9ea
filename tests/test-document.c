/* Unit tests of src/document.c: checks by content, copies, the template. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "app.h"
#include "catalog.h"
#include "document.h"
#include "store.h"
#include "verdict.h"
#include "xmalloc.h"

#include "tap.h"
#include "testutil.h"

static char img[300];
static bool have_jpeg;

static char *
in_img(const char *name)
{
	return xasprintf("%s/%s", img, name);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long n;

	*len = 0;
	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0) {
		buf = xmalloc((size_t)n + 1);
		*len = fread(buf, 1, (size_t)n, fp);
	}
	fclose(fp);
	return buf;
}

static void
spew(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(data, 1, len, fp) != len || fclose(fp)) {
		perror(path);
		exit(99);
	}
}

static void
copy_file(const char *from, const char *to)
{
	size_t len;
	char *b = slurp(from, &len);

	if (b == NULL) {
		perror(from);
		exit(99);
	}
	spew(to, b, len);
	free(b);
}

static void
sha_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[32];
	unsigned int n = 0, i;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* The code of the first error finding, or "" when there is none. */
static const char *
first_error(const struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].level == VERDICT_ERROR)
			return f->v[i].code;
	return "";
}

static bool
has_message(const struct findings *f, const char *text)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strstr(f->v[i].message, text) != NULL)
			return true;
	return false;
}

/* Check name; expect acceptance with this MIME type and pixel size. */
static void
accepted(const char *name, const char *mime, unsigned w, unsigned h)
{
	struct findings f;
	struct doc_info info;
	char *p = in_img(name), want[65];
	size_t len;
	char *data = slurp(p, &len);
	bool good;

	findings_init(&f);
	memset(&info, 0, sizeof info);
	good = doc_check(p, 512000, "documents[0]", &f, &info);
	ok(good, "%s is accepted", name);
	if (!good && f.n > 0)
		diag("%s", f.v[0].message);
	is_str(info.mime, mime, "%s: MIME type %s", name, mime);
	ok(info.width == w && info.height == h, "%s: %ux%u pixels (got "
	    "%ux%u)", name, w, h, info.width, info.height);
	is_int(info.size, len, "%s: size", name);
	sha_hex(data, len, want);
	is_str(info.sha256, want, "%s: SHA-256 of the content", name);
	ok(findings_worst(&f) == VERDICT_OK, "%s: no findings", name);
	doc_info_clear(&info);
	findings_clear(&f);
	free(data);
	free(p);
}

/* Check path; expect refusal with this code and text in the message. */
static void
refused_path(const char *path, const char *label, unsigned long max,
    const char *code, const char *text)
{
	struct findings f;
	struct doc_info info;
	bool good;

	findings_init(&f);
	memset(&info, 0, sizeof info);
	good = doc_check(path, max, "documents[0]", &f, &info);
	ok(!good, "%s is refused", label);
	is_str(first_error(&f), code, "%s: %s", label, code);
	ok(text == NULL || has_message(&f, text), "%s: the reason says "
	    "\"%s\"", label, text != NULL ? text : "");
	if (text != NULL && !has_message(&f, text) && f.n > 0)
		diag("message: %s", f.v[0].message);
	ok(f.n > 0 && f.v[0].key != NULL &&
	    strcmp(f.v[0].key, "documents[0]") == 0, "%s: under its key",
	    label);
	doc_info_clear(&info);
	findings_clear(&f);
}

static void
refused(const char *name, const char *code, const char *text)
{
	char *p = in_img(name);

	refused_path(p, name, 512000, code, text);
	free(p);
}

static void
test_sizes(void)
{
	char *s;

	is_str(s = doc_size_text(0), "0 bytes", "0 bytes"); free(s);
	is_str(s = doc_size_text(1), "1 byte", "1 byte"); free(s);
	is_str(s = doc_size_text(512000), "500 KB", "512000 is 500 KB");
	free(s);
	is_str(s = doc_size_text(3250585), "3.1 MB", "a phone photo");
	free(s);
}

static void
test_check(void)
{
	char *p, *q;
	struct findings f;
	struct doc_info info;

	accepted("palette.png", "image/png", 40, 30);
	accepted("rgba.png", "image/png", 50, 20);
	accepted("grey16.png", "image/png", 17, 9);
	accepted("png-512000.png", "image/png", 50, 20);
	refused("png-512001.png", "document.too-large", "at most 512000");
	refused("phone-photo.png", "document.too-large",
	    "3.1 MB: at most 500 KB");
	if (have_jpeg) {
		accepted("baseline.jpg", "image/jpeg", 64, 48);
		accepted("progressive.jpg", "image/jpeg", 80, 60);
		accepted("exif.jpg", "image/jpeg", 64, 48);
		accepted("grey.jpg", "image/jpeg", 33, 21);
		accepted("jpeg-512000.jpg", "image/jpeg", 64, 48);
		refused("jpeg-512001.jpg", "document.too-large",
		    "at most 512000 bytes");
		refused("truncated.jpg", "document.truncated", "JPEG");
		refused("no-eoi.jpg", "document.truncated", "EOI");
	} else {
		diag("convert (ImageMagick) is missing: no JPEG files");
		ok(1, "# SKIP JPEG checks without ImageMagick");
	}

	/* The limit is the caller's (the type's). */
	p = in_img("rgba.png");
	refused_path(p, "rgba.png over a 1000-byte limit", 1000,
	    "document.too-large", "at most");
	free(p);

	refused("gif.png", "document.type", "GIF image");
	refused("scan.jpg", "document.type", "PDF document");
	refused("zip.jpg", "document.type", "ZIP archive");
	refused("svg.png", "document.type", "SVG");
	refused("html.jpg", "document.type", "HTML");
	refused("php.png", "document.type", "PHP script");
	refused("empty.png", "document.empty", "empty");
	refused("truncated.png", "document.truncated", "cut short");
	refused("no-iend.png", "document.truncated", "IEND");

	/* Whole by their structure, corrupt inside. */
	refused("bad-crc.png", "document.damaged", "CRC checksum is wrong");
	refused("bad-zlib.png", "document.damaged",
	    "compressed image data is broken");
	refused("short-idat.png", "document.damaged",
	    "shorter than its header promises");
	refused("bad-filter.png", "document.damaged",
	    "does not match its header");
	accepted("interlaced.png", "image/png", 13, 11);
	refused("huge.png", "document.damaged", "too large for a scan");
	if (have_jpeg) {
		refused("cut-eoi.jpg", "document.damaged",
		    "does not decode cleanly");
		refused("stray-rst.jpg", "document.damaged",
		    "does not decode cleanly");
	}

	/* A PDF named .jpg: libmagic's own words are kept. */
	findings_init(&f);
	memset(&info, 0, sizeof info);
	p = in_img("scan.jpg");
	doc_check(p, 512000, NULL, &f, &info);
	is_str(info.mime, "application/pdf", "scan.jpg is application/pdf");
	ok(info.description != NULL &&
	    strncmp(info.description, "PDF document", 12) == 0,
	    "described as a PDF document (%s)", info.description);
	ok(f.n > 0 && f.v[0].key == NULL, "a NULL key is kept");
	doc_info_clear(&info);
	findings_clear(&f);
	free(p);

	/* Trailing bytes after IEND: accepted, with a warning. */
	findings_init(&f);
	p = in_img("trailing.png");
	ok(doc_check(p, 512000, "k", &f, NULL), "a PNG with data after "
	    "IEND is accepted");
	ok(findings_worst(&f) == VERDICT_WARNING && f.n == 1 &&
	    strcmp(f.v[0].code, "document.trailing-data") == 0,
	    "with a trailing-data warning");
	findings_clear(&f);
	free(p);

	/* Things that are not files. */
	refused_path(img, "a directory", 512000, "document.not-file",
	    "folder");
	p = in_img("pipe.png");
	if (mkfifo(p, 0600) != 0)
		diag("mkfifo: %s", strerror(errno));
	alarm(20);	/* a hang here fails the test instead of blocking */
	refused_path(p, "a FIFO", 512000, "document.not-file", "FIFO");
	alarm(0);
	free(p);
	p = in_img("zero.png");
	if (symlink("/dev/zero", p) != 0)
		diag("symlink: %s", strerror(errno));
	refused_path(p, "a symlink to /dev/zero", 512000,
	    "document.not-file", "/dev/zero");
	free(p);
	p = in_img("dangling.png");
	q = in_img("gone.png");
	if (symlink(q, p) != 0)
		diag("symlink: %s", strerror(errno));
	refused_path(p, "a dangling symlink", 512000, "document.missing",
	    "symbolic link");
	free(p);
	free(q);
	p = in_img("missing.png");
	refused_path(p, "a missing path", 512000, "document.missing",
	    "no such file");
	free(p);
	p = in_img("palette.png/x.png");
	refused_path(p, "a path through a file", 512000, "document.missing",
	    "not a folder");
	free(p);
	if (geteuid() != 0) {
		p = in_img("secret.png");
		q = in_img("palette.png");
		copy_file(q, p);
		chmod(p, 0);
		refused_path(p, "an unreadable file", 512000,
		    "document.unreadable", "permission");
		free(p);
		free(q);
	} else
		ok(1, "# SKIP unreadable files: running as root");
}

static const char *change_to;	/* what the hook writes over the original */

static void
change_original(const char *path)
{
	size_t len;
	char *b = slurp(change_to, &len);

	spew(path, b, len);
	free(b);
}

/* Only the expected names in documents/: no temporary files left. */
static size_t
count_files(const char *dir)
{
	char *cmd = xasprintf("ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	unsigned long n = 0;

	if (p == NULL || fscanf(p, "%lu", &n) != 1)
		n = 999;
	if (p != NULL)
		pclose(p);
	free(cmd);
	return n;
}

static void
test_add(const struct cert_type *type)
{
	struct application *app = app_new(NULL, "professional"), *bare;
	struct findings f;
	struct stat st;
	char *err = NULL, *dir, *docs, *copy, *orig, *p, *q, *data, *cdata;
	char sha[65];
	size_t len, clen;
	int rc;

	findings_init(&f);
	bare = app_new(NULL, "professional");
	p = in_img("palette.png");
	rc = doc_add(bare, type, p, "documents[0]", &f, &err);
	ok(rc == -1 && err != NULL, "an application without an id: -1");
	free(err);
	err = NULL;
	app_free(bare);
	free(p);

	if (store_create(app, &err) != 0 || store_save(app, &err) != 0) {
		diag("store_create: %s", err);
		exit(99);
	}
	dir = store_app_dir(app->id, &err);
	docs = xasprintf("%s/documents", dir);

	/* Add a copy of palette.png, then change the original. */
	orig = in_img("mine.png");
	p = in_img("palette.png");
	copy_file(p, orig);
	free(p);
	data = slurp(orig, &len);
	rc = doc_add(app, type, orig, "documents[0]", &f, &err);
	is_int(rc, 1, "doc_add accepts a PNG");
	is_int(app->ndocs, 1, "the application has one document");
	is_str(app->docs[0].file, "documents/mine.png", "the copy's name");
	is_str(app->docs[0].path, orig, "the original name is recorded");
	is_str(app->docs[0].mime, "image/png", "its type");
	ok(app->docs[0].width == 40 && app->docs[0].height == 30 &&
	    app->docs[0].size == len, "its pixel size and size");
	sha_hex(data, len, sha);
	is_str(app->docs[0].sha256, sha, "its SHA-256");
	copy = xasprintf("%s/%s", dir, app->docs[0].file);
	ok(stat(copy, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "the copy is mode 0600");
	ok(stat(docs, &st) == 0 && (st.st_mode & 0777) == 0700,
	    "documents/ is mode 0700");
	p = in_img("rgba.png");
	copy_file(p, orig);
	free(p);
	cdata = slurp(copy, &clen);
	ok(cdata != NULL && clen == len && memcmp(cdata, data, len) == 0,
	    "the copy keeps the checked content after the original changes");
	free(cdata);
	free(copy);
	free(data);

	/* The same content again, under another name: refused. */
	findings_clear(&f);
	p = in_img("palette.png");
	rc = doc_add(app, type, p, "documents[1]", &f, &err);
	is_int(rc, 0, "the same content twice is refused");
	is_str(first_error(&f), "document.duplicate", "as a duplicate");
	ok(has_message(&f, orig), "naming the document it repeats");
	is_int(app->ndocs, 1, "still one document");
	free(p);

	/* A refused file leaves nothing behind. */
	findings_clear(&f);
	p = in_img("scan.jpg");
	is_int(doc_add(app, type, p, "documents[1]", &f, &err), 0,
	    "doc_add refuses a PDF");
	is_int(count_files(docs), 1, "and copies nothing");
	free(p);

	/*
	 * The original changes between the check and the copy: the copy
	 * is what was checked.
	 */
	findings_clear(&f);
	p = in_img("grey16.png");
	copy_file(p, orig);
	data = slurp(orig, &len);
	free(p);
	change_to = "";
	p = in_img("gif.png");
	change_to = p;
	doc_hook_after_check = change_original;
	rc = doc_add(app, type, orig, "documents[1]", &f, &err);
	doc_hook_after_check = NULL;
	is_int(rc, 1, "doc_add with a change after the check");
	ok(app->ndocs == 2 && strcmp(app->docs[1].file,
	    "documents/mine-2.png") == 0, "a taken name gets a number (%s)",
	    app->ndocs == 2 ? app->docs[1].file : "-");
	copy = xasprintf("%s/%s", dir, app->ndocs == 2 ? app->docs[1].file :
	    "none");
	cdata = slurp(copy, &clen);
	ok(cdata != NULL && clen == len && memcmp(cdata, data, len) == 0,
	    "the copy is the checked content, not the changed file");
	sha_hex(data, len, sha);
	ok(app->ndocs == 2 && strcmp(app->docs[1].sha256, sha) == 0,
	    "and its recorded SHA-256 is the checked content's");
	free(cdata);
	free(data);
	free(p);
	is_int(count_files(docs), 2, "no temporary files are left");

	/* Remove the first: its copy goes, the second stays. */
	q = xasprintf("%s/documents/mine.png", dir);
	ok(doc_remove(app, 0, &err) == 0, "doc_remove succeeds");
	ok(access(q, F_OK) != 0, "the copy is gone");
	ok(access(copy, F_OK) == 0, "the other copy stays");
	ok(app->ndocs == 1 && strcmp(app->docs[0].file,
	    "documents/mine-2.png") == 0, "the record is gone");
	ok(doc_remove(app, 5, &err) == -1 && err != NULL,
	    "removing a document that is not there fails");
	free(err);
	err = NULL;
	free(app->docs[0].file);
	app->docs[0].file = xstrdup("../application.json");
	ok(doc_remove(app, 0, &err) == -1, "a record naming a file outside "
	    "documents/ removes nothing");
	free(err);
	err = NULL;
	p = xasprintf("%s/application.json", dir);
	ok(access(p, F_OK) == 0, "application.json is still there");
	free(p);
	free(q);
	free(copy);

	findings_clear(&f);
	free(orig);
	free(docs);
	free(dir);
	app_free(app);
}

static struct application *
letter_app(void)
{
	static const char *const names[] = { "example.com",
	    "www.example.com" };
	struct application *app = app_new("k3f9-x2ab", "professional");

	app_set_domains(app, names, 2);
	app->company_name = xstrdup("A&B <Trading> Co., Ltd.");
	app->company_org_id = xstrdup("91350100M000100Y43");
	app->company_city = xstrdup("Hangzhou");
	app->company_province = xstrdup("Zhejiang");
	app->company_country = xstrdup("CN");
	app->company_type = xstrdup("private");
	app->applicant_name = xstrdup("Zhang San");
	app->applicant_email = xstrdup("zhang@example.com");
	app->applicant_phone = xstrdup("+86 571 0000 0000");
	return app;
}

static void
test_template(const struct cert_type *type)
{
	struct application *app = letter_app();
	struct tm tm = { 0 };
	struct stat st;
	time_t when;
	char *t, *path, *err = NULL, *b;
	size_t len;
	const char *line;
	bool narrow = true;

	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 10;
	tm.tm_mday = 29;
	tm.tm_hour = 12;
	when = mktime(&tm);

	t = doc_template_text(app, type, false, when);
	ok(strstr(t, "A&B <Trading> Co., Ltd.") != NULL, "text: company");
	ok(strstr(t, "Zhang San") != NULL, "text: applicant");
	ok(strstr(t, "example.com") != NULL &&
	    strstr(t, "www.example.com") != NULL, "text: every domain");
	ok(strstr(t, "Professional OV certificate") != NULL,
	    "text: the certificate type");
	ok(strstr(t, "2026-11-29") != NULL, "text: the date");
	ok(strstr(t, "Signature") != NULL && strstr(t, "stamp") != NULL,
	    "text: places for signature and stamp");
	ok(strstr(t, "91350100M000100Y43") != NULL, "text: organization ID");
	ok(strstr(t, "Address:") != NULL && strstr(t, "____") != NULL,
	    "text: a blank line for the missing address");
	ok(strstr(t, "Private organization") != NULL,
	    "text: the company type in words");
	for (line = t; *line != '\0';) {
		const char *nl = strchr(line, '\n');
		size_t n = nl != NULL ? (size_t)(nl - line) : strlen(line);

		if (n > 76)
			narrow = false;
		line += n + (nl != NULL);
	}
	ok(narrow, "text: no line is longer than 76 columns");
	free(t);

	t = doc_template_text(app, type, true, when);
	ok(strncmp(t, "<!DOCTYPE html>", 15) == 0, "HTML: a page");
	ok(strstr(t, "A&amp;B &lt;Trading&gt; Co., Ltd.") != NULL,
	    "HTML: values are escaped");
	ok(strstr(t, "<Trading>") == NULL, "HTML: no raw markup from values");
	ok(strstr(t, "charset=\"utf-8\"") != NULL, "HTML: UTF-8");
	ok(strstr(t, "@page") != NULL, "HTML: a print style");
	free(t);

	path = xasprintf("%s/letter.txt", testutil_home);
	ok(doc_template_write(app, type, path, false, &err) == 0,
	    "doc_template_write writes a new file");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "the letter is mode 0600");
	spew(path, "mine", 4);
	errno = 0;
	ok(doc_template_write(app, type, path, false, &err) == -1 &&
	    errno == EEXIST && err != NULL, "an existing file is refused");
	free(err);
	err = NULL;
	b = slurp(path, &len);
	ok(b != NULL && len == 4 && memcmp(b, "mine", 4) == 0,
	    "and left as it was");
	free(b);
	ok(doc_template_write(app, type, path, true, &err) == 0,
	    "--force replaces it");
	b = slurp(path, &len);
	ok(b != NULL && strstr(b, "Zhang San") != NULL, "with the letter");
	free(b);
	free(path);
	path = xasprintf("%s/letter.HTML", testutil_home);
	ok(doc_template_write(app, type, path, false, &err) == 0,
	    "an .html file");
	b = slurp(path, &len);
	ok(b != NULL && strncmp(b, "<!DOCTYPE html>", 15) == 0,
	    "is written as HTML");
	free(b);
	free(path);
	path = xasprintf("%s/no/such/dir/letter.txt", testutil_home);
	ok(doc_template_write(app, type, path, false, &err) == -1 &&
	    err != NULL, "a missing folder is an error");
	free(err);
	free(path);
	app_free(app);
}

int
main(void)
{
	struct catalog *cat;
	const struct cert_type *type;
	const char *top = getenv("top_srcdir");
	char *cmd, *err = NULL, *p;

	setlocale(LC_ALL, "");
	testutil_home_new();
	snprintf(img, sizeof img, "%s/img", testutil_home);
	cmd = xasprintf("python3 '%s/tests/doc-images.py' '%s' >/dev/null",
	    top != NULL ? top : ".", img);
	if (system(cmd) != 0) {
		printf("Bail out! cannot make the test images (%s)\n", cmd);
		return 99;
	}
	free(cmd);
	p = in_img("baseline.jpg");
	have_jpeg = access(p, F_OK) == 0;
	free(p);
	if ((cat = catalog_load(&err)) == NULL ||
	    (type = catalog_find(cat, "professional")) == NULL) {
		printf("Bail out! catalog: %s\n", err != NULL ? err : "?");
		return 99;
	}
	ok(doc_magic_init(&err) == 0, "libmagic loads");
	test_sizes();
	test_check();
	test_add(type);
	test_template(type);
	catalog_free(cat);
	return tap_done();
}
