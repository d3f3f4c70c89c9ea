/* Manual CSRs: read one from whatever was pasted or loaded, and check it. */
#include "config.h"

#include "csr.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "app.h"
#include "catalog.h"
#include "csr-int.h"
#include "domain.h"
#include "i18n.h"
#include "store.h"
#include "verdict.h"
#include "xmalloc.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

/* Longest CN a certificate may carry (BR 7.1.4.2, RFC 5280 ub-common-name). */
#define CN_MAX 64

static const char *const kind_names[] = {
	[CSR_KEY_EC_P256] = "ec-p256",
	[CSR_KEY_EC_P384] = "ec-p384",
	[CSR_KEY_RSA_2048] = "rsa-2048",
	[CSR_KEY_RSA_3072] = "rsa-3072",
	[CSR_KEY_RSA_4096] = "rsa-4096",
};
#define NKINDS (sizeof kind_names / sizeof kind_names[0])

int
csr_key_kind_parse(const char *name)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < NKINDS; i++)
		if (strcmp(kind_names[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
csr_key_kind_name(enum csr_key_kind k)
{
	if ((unsigned)k >= NKINDS)
		return NULL;
	return kind_names[k];
}

bool
csr_mode_offered(const struct cert_type *t, const char *mode)
{
	if (mode == NULL)
		return false;
	if (strcmp(mode, "auto") == 0)
		return t == NULL || !catalog_is_acme(t);
	return strcmp(mode, "generate") == 0 || strcmp(mode, "manual") == 0;
}

const char *
csr_mode_explain(const char *mode)
{
	if (mode == NULL)
		return NULL;
	if (strcmp(mode, "auto") == 0)
		return _("The CA makes the private key and the CSR for you. "
		    "Choose this when the certificate is to be deployed to "
		    "the CA's own cloud products (load balancers, CDN, web "
		    "application firewall), which need the key. The CA then "
		    "holds your private key: you download it together with "
		    "the certificate after issuance. To keep the key only on "
		    "your own machine, choose Generate here.");
	if (strcmp(mode, "generate") == 0)
		return _("certwiz makes the private key and the CSR on this "
		    "machine. The key never leaves it: it is written, readable "
		    "by you alone, to the file you choose (by default key.pem "
		    "in the application's folder), encrypted when you give a "
		    "passphrase. Only the CSR is sent to the CA. Keep the key: "
		    "the certificate is useless without it.");
	if (strcmp(mode, "manual") == 0)
		return _("You give a CSR you made yourself, from a file or "
		    "pasted (the block from -----BEGIN CERTIFICATE "
		    "REQUEST----- to -----END CERTIFICATE REQUEST-----). "
		    "certwiz checks it as the CA would. Never give the private "
		    "key: it stays with you.");
	return NULL;
}

void
csr_info_clear(struct csr_info *info)
{
	size_t i;

	if (info == NULL)
		return;
	free(info->what);
	free(info->subject);
	free(info->cn);
	for (i = 0; i < info->nsans; i++)
		free(info->sans[i]);
	free(info->sans);
	free(info->key_type);
	free(info->curve);
	free(info->sig_alg);
	free(info->pem);
	free(info->key_fingerprint);
	memset(info, 0, sizeof *info);
}

char *
csr_ossl_error(const char *what)
{
	char *msg = xstrdup(what), *t;
	char buf[256];
	unsigned long e;
	int n = 0;

	/* The most specific reasons come first; three are plenty. */
	while ((e = ERR_get_error()) != 0) {
		if (n++ >= 3)
			continue;
		ERR_error_string_n(e, buf, sizeof buf);
		t = xasprintf("%s%s%s", msg, n == 1 ? ": " : "; ", buf);
		free(msg);
		msg = t;
	}
	return msg;
}

char *
csr_spki_sha256(EVP_PKEY *pkey)
{
	unsigned char *der = NULL, md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	char *hex;
	int len;

	if (pkey == NULL || (len = i2d_PUBKEY(pkey, &der)) <= 0 ||
	    EVP_Digest(der, (size_t)len, md, &mdlen, EVP_sha256(), NULL) != 1) {
		OPENSSL_free(der);
		return NULL;
	}
	OPENSSL_free(der);
	hex = xmalloc(mdlen * 2 + 1);
	for (i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return hex;
}

/* --- reading: PEM blocks, DER, and what else people paste ------------------ */

enum blob_kind {
	BLOB_CSR,
	BLOB_CERT,
	BLOB_PRIVATE_KEY,
	BLOB_PUBLIC_KEY,
	BLOB_PKCS7,
	BLOB_CRL,
	BLOB_PARAMS,
	BLOB_OTHER,
};

/* What the blob is, in words, for messages and csr_info.what. */
static const char *
blob_words(enum blob_kind k)
{
	switch (k) {
	case BLOB_CSR:
		return _("a certificate signing request");
	case BLOB_CERT:
		return _("a certificate");
	case BLOB_PRIVATE_KEY:
		return _("a private key");
	case BLOB_PUBLIC_KEY:
		return _("a public key");
	case BLOB_PKCS7:
		return _("a PKCS #7 bundle of certificates");
	case BLOB_CRL:
		return _("a certificate revocation list");
	case BLOB_PARAMS:
		return _("key parameters");
	case BLOB_OTHER:
		break;
	}
	return _("not a CSR");
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static enum blob_kind
label_kind(const char *label)
{
	if (strcmp(label, "CERTIFICATE REQUEST") == 0 ||
	    strcmp(label, "NEW CERTIFICATE REQUEST") == 0)
		return BLOB_CSR;
	if (ends_with(label, "PRIVATE KEY"))	/* RSA, EC, ENCRYPTED, ... */
		return BLOB_PRIVATE_KEY;
	if (ends_with(label, "PUBLIC KEY"))	/* also SSH2 PUBLIC KEY */
		return BLOB_PUBLIC_KEY;
	if (strcmp(label, "CERTIFICATE") == 0 ||
	    strcmp(label, "X509 CERTIFICATE") == 0 ||
	    strcmp(label, "TRUSTED CERTIFICATE") == 0)
		return BLOB_CERT;
	if (strcmp(label, "PKCS7") == 0 || strcmp(label, "CMS") == 0)
		return BLOB_PKCS7;
	if (strcmp(label, "X509 CRL") == 0)
		return BLOB_CRL;
	if (ends_with(label, "PARAMETERS"))
		return BLOB_PARAMS;
	return BLOB_OTHER;
}

/* One PEM block found in the input. */
struct pem_block {
	char *label;
	enum blob_kind kind;
	bool truncated;		/* no END line */
	unsigned char *der;	/* decoded body; NULL when it did not decode */
	size_t len;
};

static void
pem_blocks_free(struct pem_block *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].label);
		/* A private key's body may hold the key itself. */
		if (v[i].der != NULL)
			freezero(v[i].der, v[i].len);
	}
	free(v);
}

static const char *
find_bytes(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);

	if (p >= end || (size_t)(end - p) < n)
		return NULL;
	return memmem(p, (size_t)(end - p), needle, n);
}

/*
 * Decode a PEM body with OpenSSL's base64 decoder: header lines (those
 * with a colon, as in "Proc-Type: 4,ENCRYPTED") are skipped, and every
 * blank is dropped, so CRLF, CR, indentation and a body pasted as one
 * line all read the same.
 */
static unsigned char *
pem_body_decode(const char *p, const char *end, size_t *lenp)
{
	EVP_ENCODE_CTX *ctx = NULL;
	unsigned char *out = NULL;
	char *b64 = NULL;
	size_t n = 0, cap = (size_t)(end - p) + 1;
	int l1 = 0, l2 = 0;
	const char *line = p;

	b64 = xmalloc(cap);
	while (line < end) {
		const char *eol = line, *q;

		while (eol < end && *eol != '\n' && *eol != '\r')
			eol++;
		if (memchr(line, ':', (size_t)(eol - line)) == NULL)
			for (q = line; q < eol; q++) {
				/*
				 * A block copied out of a JSON string keeps
				 * its escapes: \n, \r, \t and \/.
				 */
				if (*q == '\\' && q + 1 < eol &&
				    strchr("nrt/", q[1]) != NULL) {
					if (*++q == '/')
						b64[n++] = '/';
					continue;
				}
				if (!isspace((unsigned char)*q))
					b64[n++] = *q;
			}
		line = eol + 1;
	}
	if (n == 0 || n > INT32_MAX)
		goto out;
	out = xmalloc(n);
	if ((ctx = EVP_ENCODE_CTX_new()) == NULL)
		goto fail;
	EVP_DecodeInit(ctx);
	if (EVP_DecodeUpdate(ctx, out, &l1, (unsigned char *)b64, (int)n) < 0 ||
	    EVP_DecodeFinal(ctx, out + l1, &l2) < 0 || l1 + l2 <= 0)
		goto fail;
	*lenp = (size_t)(l1 + l2);
	goto out;
fail:
	free(out);
	out = NULL;
out:
	EVP_ENCODE_CTX_free(ctx);
	freezero(b64, cap);
	return out;
}

/* Every "-----BEGIN X-----" ... "-----END X-----" block of the text. */
static struct pem_block *
pem_blocks(const char *text, size_t len, size_t *np)
{
	static const char begin[] = "-----BEGIN ";
	const char *end = text + len, *p = text, *q, *lab_end;
	struct pem_block *v = NULL;
	size_t n = 0;

	while ((q = find_bytes(p, end, begin)) != NULL) {
		struct pem_block b = { 0 };
		const char *body, *stop;
		char *endline;

		q += sizeof begin - 1;
		if ((lab_end = find_bytes(q, end, "-----")) == NULL ||
		    lab_end - q > 64 || memchr(q, '\n', (size_t)(lab_end - q)))
			break;
		b.label = xstrndup(q, (size_t)(lab_end - q));
		b.kind = label_kind(b.label);
		body = lab_end + 5;
		endline = xasprintf("-----END %s-----", b.label);
		stop = find_bytes(body, end, endline);
		free(endline);
		if (stop == NULL) {
			b.truncated = true;
			stop = find_bytes(body, end, "-----");
			if (stop == NULL)
				stop = end;
			p = stop;
		} else
			p = stop + strlen(b.label) + 14;
		b.der = pem_body_decode(body, stop, &b.len);
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = b;
	}
	*np = n;
	return v;
}

/* Whether every byte is text a person could have pasted. */
static bool
looks_textual(const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] == 0 || (p[i] < 0x20 && !isspace(p[i])) || p[i] == 0x7f)
			return false;
	return true;
}

/* Whether the bytes are only base64 and blanks (a body without headers). */
static bool
looks_base64(const unsigned char *p, size_t len)
{
	size_t i, letters = 0;

	for (i = 0; i < len; i++) {
		if (isspace(p[i]))
			continue;
		if (!isalnum(p[i]) && p[i] != '+' && p[i] != '/' && p[i] != '=')
			return false;
		letters++;
	}
	return letters >= 16;
}

/* A DER object that is exactly len bytes: what is it? */
static enum blob_kind
der_kind(const unsigned char *der, size_t len, X509_REQ **reqp)
{
	const unsigned char *p;
	long l = (long)len;
	enum blob_kind k = BLOB_OTHER;

	if (len == 0 || len > LONG_MAX)
		return BLOB_OTHER;
	p = der;
	{
		X509_REQ *req = d2i_X509_REQ(NULL, &p, l);

		if (req != NULL && p == der + len) {
			*reqp = req;
			return BLOB_CSR;
		}
		X509_REQ_free(req);
	}
	p = der;
	{
		X509 *x = d2i_X509(NULL, &p, l);

		if (x != NULL && p == der + len)
			k = BLOB_CERT;
		X509_free(x);
	}
	if (k == BLOB_OTHER) {
		/* PKCS #8 (plain or encrypted), PKCS #1, SEC 1: any key. */
		OSSL_DECODER_CTX *dctx;
		EVP_PKEY *pk = NULL;
		const unsigned char *dp = der;
		size_t dl = len;

		dctx = OSSL_DECODER_CTX_new_for_pkey(&pk, "DER", NULL, NULL,
		    OSSL_KEYMGMT_SELECT_PRIVATE_KEY, NULL, NULL);
		if (dctx != NULL && OSSL_DECODER_from_data(dctx, &dp, &dl) &&
		    pk != NULL)
			k = BLOB_PRIVATE_KEY;
		EVP_PKEY_free(pk);
		OSSL_DECODER_CTX_free(dctx);
	}
	if (k == BLOB_OTHER) {
		X509_SIG *sig;

		p = der;
		sig = d2i_X509_SIG(NULL, &p, l);	/* EncryptedPrivateKeyInfo */
		if (sig != NULL && p == der + len)
			k = BLOB_PRIVATE_KEY;
		X509_SIG_free(sig);
	}
	if (k == BLOB_OTHER) {
		PKCS12 *p12;

		/* A .pfx / .p12 file: a certificate with its private key. */
		p = der;
		p12 = d2i_PKCS12(NULL, &p, l);
		if (p12 != NULL && p == der + len)
			k = BLOB_PRIVATE_KEY;
		PKCS12_free(p12);
	}
	if (k == BLOB_OTHER) {
		EVP_PKEY *pk;

		p = der;
		pk = d2i_PUBKEY(NULL, &p, l);
		if (pk != NULL && p == der + len)
			k = BLOB_PUBLIC_KEY;
		EVP_PKEY_free(pk);
	}
	if (k == BLOB_OTHER) {
		PKCS7 *p7;

		p = der;
		p7 = d2i_PKCS7(NULL, &p, l);
		if (p7 != NULL && p == der + len)
			k = BLOB_PKCS7;
		PKCS7_free(p7);
	}
	if (k == BLOB_OTHER) {
		X509_CRL *crl;

		p = der;
		crl = d2i_X509_CRL(NULL, &p, l);
		if (crl != NULL && p == der + len)
			k = BLOB_CRL;
		X509_CRL_free(crl);
	}
	ERR_clear_error();
	return k;
}

/* The message for something that is not a CSR, saying what to give. */
static void
not_a_csr(struct findings *f, enum blob_kind k, const char *label)
{
	switch (k) {
	case BLOB_PRIVATE_KEY:
		findings_add(f, VERDICT_ERROR, "csr.private-key", "csr",
		    _("this is a private key: never send it to anyone; give "
		    "the CSR made from it (the block that begins with "
		    "-----BEGIN CERTIFICATE REQUEST-----)"));
		break;
	case BLOB_CERT:
		findings_add(f, VERDICT_ERROR, "csr.certificate", "csr",
		    _("this is a certificate, not a CSR: give the certificate "
		    "signing request (-----BEGIN CERTIFICATE REQUEST-----), "
		    "or make a new one from your key with: openssl req -new "
		    "-key KEY -out csr.pem"));
		break;
	case BLOB_PUBLIC_KEY:
		findings_add(f, VERDICT_ERROR, "csr.public-key", "csr",
		    _("this is a public key, not a CSR: make a CSR from the "
		    "private key with: openssl req -new -key KEY -out csr.pem, "
		    "and give that"));
		break;
	case BLOB_PKCS7:
	case BLOB_CRL:
	case BLOB_PARAMS:
		findings_add(f, VERDICT_ERROR, "csr.not-csr", "csr",
		    _("this is %s, not a CSR: give the certificate signing "
		    "request (-----BEGIN CERTIFICATE REQUEST-----)"),
		    blob_words(k));
		break;
	case BLOB_CSR:
	case BLOB_OTHER:
		if (label != NULL)
			findings_add(f, VERDICT_ERROR, "csr.not-csr", "csr",
			    _("this is a \"%s\" block, not a CSR: give the "
			    "certificate signing request (-----BEGIN "
			    "CERTIFICATE REQUEST-----)"), label);
		else
			findings_add(f, VERDICT_ERROR, "csr.not-csr", "csr",
			    _("this is not a CSR: give the block from "
			    "-----BEGIN CERTIFICATE REQUEST----- to -----END "
			    "CERTIFICATE REQUEST----- (PEM), or a DER file"));
		break;
	}
}

/* The SSH and PuTTY key formats people also paste. */
static enum blob_kind
ssh_kind(const char *text, size_t len)
{
	static const char *const pub[] = {
		"ssh-rsa ", "ssh-dss ", "ssh-ed25519 ", "ssh-ed448 ",
		"ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-",
	};
	const char *p = text, *end = text + len;
	size_t i;

	while (p < end && isspace((unsigned char)*p))
		p++;
	if (find_bytes(p, end, "PuTTY-User-Key-File-") == p)
		return BLOB_PRIVATE_KEY;
	for (i = 0; i < sizeof pub / sizeof pub[0]; i++)
		if ((size_t)(end - p) > strlen(pub[i]) &&
		    memcmp(p, pub[i], strlen(pub[i])) == 0)
			return BLOB_PUBLIC_KEY;
	return BLOB_OTHER;
}

/*
 * Text saved as UTF-16 (Windows editors do that), when it holds only
 * ASCII: its 8-bit form, or NULL when data is not such text.
 */
static unsigned char *
from_utf16(const unsigned char *data, size_t len, size_t *outlen)
{
	unsigned char *out;
	size_t i, lo, n = 0, start = 0;

	if (len < 4 || len % 2 != 0)
		return NULL;
	if (data[0] == 0xff && data[1] == 0xfe)
		lo = 0, start = 2;	/* little-endian byte order mark */
	else if (data[0] == 0xfe && data[1] == 0xff)
		lo = 1, start = 2;	/* big-endian */
	else if (data[0] != 0 && data[1] == 0)
		lo = 0;
	else if (data[0] == 0 && data[1] != 0)
		lo = 1;
	else
		return NULL;
	out = xmalloc(len / 2 + 1);
	for (i = start; i < len; i += 2) {
		if (data[i + 1 - lo] != 0 || data[i + lo] == 0 ||
		    data[i + lo] >= 0x80) {
			free(out);
			return NULL;
		}
		out[n++] = data[i + lo];
	}
	out[n] = '\0';
	*outlen = n;
	return out;
}

/*
 * Find the CSR in data. Returns it, or NULL with the reason in f and
 * info->what set to what was given instead.
 */
static X509_REQ *
csr_load(const unsigned char *data, size_t len, struct findings *f,
    struct csr_info *info)
{
	struct pem_block *blocks = NULL;
	size_t nblocks = 0, i, ncsr = 0, first = 0, lead = 0, wlen = 0;
	unsigned char *wide;
	X509_REQ *req = NULL;
	enum blob_kind k;

	if ((wide = from_utf16(data, len, &wlen)) != NULL) {
		req = csr_load(wide, wlen, f, info);
		freezero(wide, wlen);
		return req;
	}
	while (lead < len && isspace(data[lead]))
		lead++;
	if (lead == len) {
		findings_add(f, VERDICT_ERROR, "csr.empty", "csr",
		    _("the CSR is empty: give the block from -----BEGIN "
		    "CERTIFICATE REQUEST----- to -----END CERTIFICATE "
		    "REQUEST-----"));
		return NULL;
	}
	if (find_bytes((const char *)data, (const char *)data + len,
	    "-----BEGIN ") == NULL) {
		if (looks_textual(data, len)) {
			unsigned char *der;
			size_t dlen = 0;

			if ((k = ssh_kind((const char *)data, len)) !=
			    BLOB_OTHER) {
				info->what = xstrdup(blob_words(k));
				not_a_csr(f, k, NULL);
				return NULL;
			}
			/* Only the base64 body, without its BEGIN/END lines. */
			if (looks_base64(data, len) &&
			    (der = pem_body_decode((const char *)data,
			    (const char *)data + len, &dlen)) != NULL) {
				k = der_kind(der, dlen, &req);
				freezero(der, dlen);
				if (k == BLOB_CSR) {
					findings_add(f, VERDICT_WARNING,
					    "csr.no-pem-lines", "csr",
					    _("the CSR has no -----BEGIN "
					    "CERTIFICATE REQUEST----- and "
					    "-----END lines; it was read as "
					    "base64. Give the whole block "
					    "next time"));
					return req;
				}
				if (k != BLOB_OTHER) {
					info->what = xstrdup(blob_words(k));
					not_a_csr(f, k, NULL);
					return NULL;
				}
			}
			info->what = xstrdup(blob_words(BLOB_OTHER));
			not_a_csr(f, BLOB_OTHER, NULL);
			return NULL;
		}
		/* Binary: DER, as "openssl req -outform DER" writes it. */
		k = der_kind(data, len, &req);
		if (k == BLOB_CSR)
			return req;
		info->what = xstrdup(blob_words(k));
		not_a_csr(f, k, NULL);
		return NULL;
	}

	blocks = pem_blocks((const char *)data, len, &nblocks);
	for (i = 0; i < nblocks; i++)
		if (blocks[i].kind == BLOB_PRIVATE_KEY)
			break;
	if (i < nblocks) {
		/* Anything holding a private key is refused outright. */
		info->what = xstrdup(blob_words(BLOB_PRIVATE_KEY));
		not_a_csr(f, BLOB_PRIVATE_KEY, NULL);
		goto out;
	}
	for (i = 0; i < nblocks; i++)
		if (blocks[i].kind == BLOB_CSR && ncsr++ == 0)
			first = i;
	if (ncsr == 0) {
		if (nblocks == 0) {
			info->what = xstrdup(blob_words(BLOB_OTHER));
			not_a_csr(f, BLOB_OTHER, NULL);
		} else {
			info->what = xstrdup(blob_words(blocks[0].kind));
			not_a_csr(f, blocks[0].kind, blocks[0].label);
		}
		goto out;
	}
	if (ncsr > 1) {
		findings_add(f, VERDICT_ERROR, "csr.several", "csr",
		    _("this holds %zu CSRs: give only the one for this "
		    "application"), ncsr);
		goto out;
	}
	for (i = 0; i < nblocks; i++)
		if (blocks[i].kind != BLOB_CSR)
			findings_add(f, VERDICT_WARNING, "csr.extra", "csr",
			    _("besides the CSR this holds %s, which is "
			    "ignored: give the CSR alone"),
			    blob_words(blocks[i].kind));
	if (blocks[first].truncated) {
		findings_add(f, VERDICT_ERROR, "csr.truncated", "csr",
		    _("the CSR is cut off: its -----END %s----- line is "
		    "missing. Copy the whole block, from the BEGIN line to "
		    "the END line"), blocks[first].label);
		goto out;
	}
	if (blocks[first].der != NULL) {
		const unsigned char *p = blocks[first].der;

		req = d2i_X509_REQ(NULL, &p, (long)blocks[first].len);
		if (req != NULL && p != blocks[first].der + blocks[first].len) {
			X509_REQ_free(req);
			req = NULL;
		}
	}
	if (req == NULL) {
		ERR_clear_error();
		findings_add(f, VERDICT_ERROR, "csr.damaged", "csr",
		    _("the CSR block is damaged and cannot be read: copy it "
		    "again in full, or make a new CSR"));
	}
out:
	pem_blocks_free(blocks, nblocks);
	return req;
}

/* --- describing ------------------------------------------------------------ */

/*
 * Whether UTF-8 text holds a control character, C0, DEL or C1 (U+0080 to
 * U+009F, which some terminals obey as escape sequences).
 */
static bool
has_controls(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] == 0x7f ||
		    (s[i] == 0xc2 && i + 1 < n && s[i + 1] >= 0x80 &&
		    s[i + 1] <= 0x9f))
			return true;
	return false;
}

/*
 * A string of the CSR as UTF-8, or NULL when it cannot be converted or
 * holds a control character: a NUL would make "a.com\0b.com" read as
 * "a.com", and escape sequences must never reach the user's terminal.
 */
static char *
asn1_utf8(const ASN1_STRING *s)
{
	unsigned char *u = NULL;
	char *out;
	int n;

	if ((n = ASN1_STRING_to_UTF8(&u, s)) < 0)
		return NULL;
	if (has_controls(u, (size_t)n)) {
		OPENSSL_free(u);
		return NULL;
	}
	out = xstrndup((char *)u, (size_t)n);
	OPENSSL_free(u);
	return out;
}

static char *
name_oneline(const X509_NAME *name)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data = NULL, *out;
	long n;

	if (b == NULL)
		return xstrdup("");
	/* RFC 2253 order and escapes, but UTF-8 left as it is. */
	X509_NAME_print_ex(b, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
	n = BIO_get_mem_data(b, &data);
	out = xstrndup(data != NULL ? data : "", n > 0 ? (size_t)n : 0);
	BIO_free(b);
	/* C0 controls are escaped by the flags; C1 ones are not. */
	if (has_controls((unsigned char *)out, strlen(out))) {
		unsigned char *p;

		for (p = (unsigned char *)out; *p != '\0'; p++)
			if (*p < 0x20 || *p == 0x7f)
				*p = '?';
			else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
				p[0] = p[1] = '?';
	}
	return out;
}

/*
 * A dNSName of the subjectAltName: IA5String, so ASCII only; anything
 * else (OpenSSL would read high bytes as Latin-1) is NULL.
 */
static char *
dns_name(const ASN1_STRING *s)
{
	const unsigned char *d = ASN1_STRING_get0_data(s);
	int i, n = ASN1_STRING_length(s);

	if (ASN1_STRING_type(s) != V_ASN1_IA5STRING || d == NULL || n < 0)
		return NULL;
	for (i = 0; i < n; i++)
		if (d[i] <= 0x20 || d[i] >= 0x7f)
			return NULL;
	return xstrndup((const char *)d, (size_t)n);
}

/* "prime256v1" -> "P-256"; other names as they are. */
static const char *
curve_name(const char *group)
{
	if (strcmp(group, "prime256v1") == 0 || strcmp(group, "P-256") == 0)
		return "P-256";
	if (strcmp(group, "secp384r1") == 0 || strcmp(group, "P-384") == 0)
		return "P-384";
	if (strcmp(group, "secp521r1") == 0 || strcmp(group, "P-521") == 0)
		return "P-521";
	return group;
}

static char *
key_type_name(const EVP_PKEY *pkey)
{
	const char *t = EVP_PKEY_get0_type_name(pkey);

	if (t == NULL)
		return xstrdup("unknown");
	if (strcmp(t, "ED25519") == 0)
		return xstrdup("Ed25519");
	if (strcmp(t, "ED448") == 0)
		return xstrdup("Ed448");
	return xstrdup(t);
}

/* The subjectAltName of the request, or NULL; *damaged when unreadable. */
static GENERAL_NAMES *
req_sans(const X509_REQ *req, bool *damaged)
{
	STACK_OF(X509_EXTENSION) *exts;
	GENERAL_NAMES *gens = NULL;
	int i, n = 0;

	*damaged = false;
	if ((exts = X509_REQ_get_extensions((X509_REQ *)req)) == NULL) {
		ERR_clear_error();
		return NULL;
	}
	for (i = 0; i < sk_X509_EXTENSION_num(exts); i++) {
		X509_EXTENSION *ext = sk_X509_EXTENSION_value(exts, i);

		if (OBJ_obj2nid(X509_EXTENSION_get_object(ext)) !=
		    NID_subject_alt_name)
			continue;
		if (n++ > 0) {
			*damaged = true;	/* two of them: ambiguous */
			break;
		}
		if ((gens = X509V3_EXT_d2i(ext)) == NULL)
			*damaged = true;
	}
	if (*damaged) {
		GENERAL_NAMES_free(gens);
		gens = NULL;
	}
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	ERR_clear_error();
	return gens;
}

static char *
req_pem(X509_REQ *req)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data = NULL, *out = NULL;
	long n;

	if (b == NULL)
		return NULL;
	if (PEM_write_bio_X509_REQ(b, req) == 1 &&
	    (n = BIO_get_mem_data(b, &data)) > 0)
		out = xstrndup(data, (size_t)n);
	BIO_free(b);
	return out;
}

/* Fill what info can say about the request. */
static void
describe(X509_REQ *req, struct csr_info *info)
{
	const X509_NAME *subj = X509_REQ_get_subject_name(req);
	const X509_ALGOR *alg = NULL;
	const ASN1_OBJECT *obj = NULL;
	EVP_PKEY *pkey;
	GENERAL_NAMES *gens;
	bool damaged;
	int i, nid;

	info->subject = name_oneline(subj);
	if ((i = X509_NAME_get_index_by_NID(subj, NID_commonName, -1)) >= 0)
		info->cn = asn1_utf8(X509_NAME_ENTRY_get_data(
		    X509_NAME_get_entry(subj, i)));
	if ((gens = req_sans(req, &damaged)) != NULL) {
		for (i = 0; i < sk_GENERAL_NAME_num(gens); i++) {
			GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
			char *s;

			if (g->type != GEN_DNS ||
			    (s = dns_name(g->d.dNSName)) == NULL)
				continue;
			info->sans = xreallocarray(info->sans,
			    info->nsans + 1, sizeof *info->sans);
			info->sans[info->nsans++] = s;
		}
		GENERAL_NAMES_free(gens);
	}
	if ((pkey = X509_REQ_get0_pubkey(req)) != NULL) {
		char group[64];

		info->key_type = key_type_name(pkey);
		info->key_bits = EVP_PKEY_get_bits(pkey);
		if (EVP_PKEY_is_a(pkey, "EC") &&
		    EVP_PKEY_get_utf8_string_param(pkey,
		    OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, NULL))
			info->curve = xstrdup(curve_name(group));
	} else {
		info->key_type = xstrdup("unknown");
	}
	X509_REQ_get0_signature(req, NULL, &alg);
	if (alg != NULL)
		X509_ALGOR_get0(&obj, NULL, NULL, alg);
	if (obj != NULL) {
		char buf[128];

		if ((nid = OBJ_obj2nid(obj)) != NID_undef)
			info->sig_alg = xstrdup(OBJ_nid2ln(nid));
		else if (OBJ_obj2txt(buf, sizeof buf, obj, 1) > 0)
			info->sig_alg = xstrdup(buf);
	}
	if (info->sig_alg == NULL)
		info->sig_alg = xstrdup("unknown");
	info->pem = req_pem(req);
	ERR_clear_error();
}

/* --- checking -------------------------------------------------------------- */

/* The key: RSA >= 2048 (multiple of 8) or EC on P-256/P-384/P-521. */
static void
check_key(X509_REQ *req, const struct csr_info *info, struct findings *f)
{
	EVP_PKEY *pkey = X509_REQ_get0_pubkey(req);
	int bits;

	if (pkey == NULL) {
		ERR_clear_error();
		findings_add(f, VERDICT_ERROR, "csr.key-unknown", "csr.key",
		    _("the CSR's public key is of a kind certwiz cannot read, "
		    "and the CA will not accept: make a new key of EC P-256 "
		    "or RSA 2048 and a new CSR from it"));
		return;
	}
	bits = EVP_PKEY_get_bits(pkey);
	if (EVP_PKEY_is_a(pkey, "RSA") && !EVP_PKEY_is_a(pkey, "RSA-PSS")) {
		BIGNUM *e = NULL;

		if (bits < 2048)
			findings_add(f, VERDICT_ERROR, "csr.key-too-small",
			    "csr.key",
			    _("the key is too small (RSA %d bits): CAs accept "
			    "RSA keys of 2048 bits or more. Make a new key of "
			    "RSA 2048 or more, or EC P-256, and a new CSR "
			    "from it"), bits);
		else if (bits % 8 != 0)
			findings_add(f, VERDICT_ERROR, "csr.key-size", "csr.key",
			    _("the key has %d bits, not a multiple of 8, which "
			    "CAs refuse: make a new key of RSA 2048, 3072 or "
			    "4096, or EC P-256"), bits);
		else if (bits > 4096)
			findings_add(f, VERDICT_WARNING, "csr.key-large",
			    "csr.key",
			    _("RSA %d is larger than the CA's products offer "
			    "(2048, 3072 or 4096 bits) and slows every TLS "
			    "handshake: consider a new key of RSA 2048 or "
			    "EC P-256"), bits);
		if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &e)) {
			if (!BN_is_odd(e) || BN_cmp(e, BN_value_one()) <= 0 ||
			    BN_num_bits(e) < 2)
				findings_add(f, VERDICT_ERROR, "csr.key-exponent",
				    "csr.key", _("the RSA key's public "
				    "exponent is invalid (it must be odd and at "
				    "least 3): make a new key"));
			else if (BN_num_bits(e) < 17)
				findings_add(f, VERDICT_WARNING,
				    "csr.key-exponent", "csr.key",
				    _("the RSA key's public exponent is "
				    "smaller than 65537, which some CAs refuse: "
				    "make a new key with the default exponent"));
			BN_free(e);
		}
	} else if (EVP_PKEY_is_a(pkey, "EC")) {
		int explicit_params = 0;

		if (EVP_PKEY_get_int_param(pkey,
		    OSSL_PKEY_PARAM_EC_DECODED_FROM_EXPLICIT_PARAMS,
		    &explicit_params) && explicit_params)
			findings_add(f, VERDICT_ERROR, "csr.key-curve", "csr.key",
			    _("the EC key spells out its curve's parameters "
			    "instead of naming the curve, which CAs refuse: "
			    "make a new key on the named curve P-256 (openssl "
			    "genpkey -algorithm EC -pkeyopt "
			    "ec_paramgen_curve:P-256)"));
		else if (info->curve == NULL ||
		    (strcmp(info->curve, "P-256") != 0 &&
		    strcmp(info->curve, "P-384") != 0 &&
		    strcmp(info->curve, "P-521") != 0))
			findings_add(f, VERDICT_ERROR, "csr.key-curve", "csr.key",
			    _("the key is on the curve %s, which CAs do not "
			    "accept: make a new key on P-256 (or P-384) and a "
			    "new CSR from it"),
			    info->curve != NULL ? info->curve : "?");
	} else if (EVP_PKEY_is_a(pkey, "SM2")) {
		findings_add(f, VERDICT_ERROR, "csr.key-type", "csr.key",
		    _("the key is an SM2 key, for Chinese national "
		    "cryptography certificates, which this certificate type "
		    "is not: make a new key of EC P-256 or RSA 2048 and a new "
		    "CSR from it"));
	} else if (EVP_PKEY_is_a(pkey, "RSA-PSS")) {
		findings_add(f, VERDICT_ERROR, "csr.key-type", "csr.key",
		    _("the key is an RSA-PSS key, which CAs do not accept in "
		    "certificates: make a plain RSA key of 2048 bits or more "
		    "(or EC P-256) and a new CSR from it"));
	} else {
		findings_add(f, VERDICT_ERROR, "csr.key-type", "csr.key",
		    _("the key is of type %s, which CAs do not accept for "
		    "TLS certificates: make a new key of EC P-256 or RSA "
		    "2048 and a new CSR from it"), info->key_type);
	}
	ERR_clear_error();
}

/* The self-signature and its hash. */
static void
check_signature(X509_REQ *req, struct findings *f)
{
	const X509_ALGOR *alg = NULL;
	const ASN1_OBJECT *obj = NULL;
	EVP_PKEY *pkey = X509_REQ_get0_pubkey(req);
	int nid = NID_undef, md = NID_undef, pk = NID_undef;

	X509_REQ_get0_signature(req, NULL, &alg);
	if (alg != NULL)
		X509_ALGOR_get0(&obj, NULL, NULL, alg);
	if (obj != NULL)
		nid = OBJ_obj2nid(obj);
	if (nid != NID_undef)
		OBJ_find_sigid_algs(nid, &md, &pk);
	if (md == NID_md5 || md == NID_md4 || md == NID_md2 ||
	    nid == NID_md5WithRSA || nid == NID_md5WithRSAEncryption ||
	    nid == NID_md2WithRSAEncryption || nid == NID_md4WithRSAEncryption)
		findings_add(f, VERDICT_ERROR, "csr.signature-md5",
		    "csr.signature",
		    _("the CSR is signed with MD5, which is broken and which "
		    "CAs refuse: make the CSR again with SHA-256 (openssl req "
		    "-new -sha256 -key KEY -out csr.pem)"));
	else if (md == NID_sha1)
		findings_add(f, VERDICT_WARNING, "csr.signature-sha1",
		    "csr.signature",
		    _("the CSR is signed with SHA-1, which is deprecated and "
		    "which some CAs refuse: make the CSR again with SHA-256 "
		    "(openssl req -new -sha256 -key KEY -out csr.pem)"));

	/*
	 * check_key has said why when there is no key; an SM2 signature needs
	 * its signer's ID to verify, and the key is refused anyway.
	 */
	if (pkey == NULL || EVP_PKEY_is_a(pkey, "SM2"))
		return;
	if (X509_REQ_verify(req, pkey) != 1) {
		ERR_clear_error();
		findings_add(f, VERDICT_ERROR, "csr.signature", "csr.signature",
		    _("the CSR's signature does not verify: it was changed "
		    "after it was signed, or is damaged. Make the CSR again "
		    "from your key"));
	}
}

/* The A-label form of a name, for comparing; lower case as a fallback. */
static char *
ascii_form(const char *name)
{
	char *a = domain_to_ascii(name), *p;

	if (a != NULL)
		return a;
	a = xstrdup(name);
	for (p = a; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return a;
}

static bool
in_list(const char *name, char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

static bool
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* The CN, the DNS names and the bound domains. */
static char *
ipv4_text(const unsigned char *p)
{
	return xasprintf("%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
}

/*
 * The key types the type's brand issues for (DESIGN 2): any other size or
 * curve is refused, saying what to use instead. check_key has refused
 * what no CA takes.
 */
static void
check_key_for_type(const struct csr_info *info, const struct cert_type *type,
    struct findings *f)
{
	char *ok, *have;
	size_t i;

	if (type == NULL || info->key_type == NULL)
		return;
	for (i = 0; i < f->n; i++)
		if (strncmp(f->v[i].code, "csr.key", 7) == 0 &&
		    f->v[i].level == VERDICT_ERROR)
			return;
	if (catalog_key_bit(info->key_type, info->key_bits, info->curve) &
	    type->keys)
		return;
	ok = catalog_keys_text(type->keys);
	if (strcmp(info->key_type, "EC") == 0)
		have = xasprintf("EC %s", info->curve != NULL ? info->curve :
		    "?");
	else
		have = xasprintf("%s %d", info->key_type, info->key_bits);
	findings_add(f, VERDICT_ERROR, "csr.key-not-issued", "csr.key",
	    _("the key is %s, and the CA issues a %s for %s only: make a new "
	    "key of one of those and a new CSR from it"), have,
	    _(type->name), ok);
	free(ok);
	free(have);
}

static void
check_names(X509_REQ *req, const struct csr_info *info,
    const struct cert_type *type, const char *const *domains, size_t nd,
    struct findings *f)
{
	const X509_NAME *subj = X509_REQ_get_subject_name(req);
	GENERAL_NAMES *gens;
	char **bound = NULL, *cn_ascii = NULL;
	char **seen = NULL;
	size_t nseen = 0, i, nb;
	bool damaged;
	int idx, ncn = 0;

	for (idx = -1; (idx = X509_NAME_get_index_by_NID(subj,
	    NID_commonName, idx)) >= 0;)
		ncn++;
	if (X509_NAME_get_index_by_NID(subj, NID_organizationalUnitName,
	    -1) >= 0)
		findings_add(f, VERDICT_WARNING, "csr.subject-ou", "csr.subject",
		    _("the CSR has an organizational unit (OU): CAs no longer "
		    "put it in certificates (Baseline Requirements, since "
		    "2022), so it will be left out"));

	bound = xcalloc(nd + 2, sizeof *bound);
	for (i = 0; i < nd; i++)
		bound[i] = ascii_form(domains[i]);
	nb = nd;
	if (nd > 0) {
		/* The name the CA adds free may be in the CSR too. */
		struct domain_verdict v;

		domain_verdict(domains, nd, type, KIND_AUTO, NULL, NULL, &v);
		if (v.free_name != NULL)
			bound[nb++] = xstrdup(v.free_name);
		domain_verdict_clear(&v);
	}

	if (ncn == 0) {
		findings_add(f, VERDICT_ERROR, "csr.cn-missing", "csr.cn",
		    _("the CSR has no common name (CN), which the CA requires: "
		    "make the CSR again with the first domain as CN (openssl "
		    "req -new -key KEY -subj \"/CN=%s\")"),
		    nd > 0 ? domains[0] : "example.com");
	} else if (ncn > 1) {
		findings_add(f, VERDICT_ERROR, "csr.cn-multiple", "csr.cn",
		    _("the CSR has %d common names (CN): put one name in the "
		    "CN and the others in the subjectAltName, and make the "
		    "CSR again"), ncn);
	} else if (info->cn == NULL) {
		findings_add(f, VERDICT_ERROR, "csr.cn-invalid", "csr.cn",
		    _("the CSR's common name (CN) cannot be read as text (it "
		    "is badly encoded or hides a control character such as "
		    "NUL): make the CSR again"));
	} else {
		struct domain_name dn = { 0 };

		if (strlen(info->cn) > CN_MAX)
			findings_add(f, VERDICT_ERROR, "csr.cn-long", "csr.cn",
			    _("the common name (CN) has %zu characters; a "
			    "certificate takes at most 64: make the CSR again "
			    "with a shorter name as CN and this one in the "
			    "subjectAltName only"), strlen(info->cn));
		if (domain_check(info->cn, type, "csr.cn", f, &dn) &&
		    !is_ascii(info->cn))
			findings_add(f, VERDICT_WARNING, "csr.cn-unicode",
			    "csr.cn",
			    _("the common name (CN) is written in Unicode "
			    "(%s): the certificate will carry its A-label "
			    "form %s. Better make the CSR with the A-label"),
			    info->cn, dn.ascii != NULL ? dn.ascii : "?");
		domain_name_clear(&dn);
		cn_ascii = ascii_form(info->cn);
		seen = xreallocarray(seen, nseen + 1, sizeof *seen);
		seen[nseen++] = xstrdup(cn_ascii);
		if (nd > 0 && !in_list(cn_ascii, bound, nb))
			findings_add(f, VERDICT_ERROR, "csr.cn-not-bound",
			    "csr.cn",
			    _("the CSR's common name (CN) %s is not one of "
			    "the domains of this application: make the CSR "
			    "again with CN = %s, or add %s to the domains"),
			    info->cn, domains[0], info->cn);
	}

	gens = req_sans(req, &damaged);
	if (damaged)
		findings_add(f, VERDICT_ERROR, "csr.san-damaged", "csr.sans",
		    _("the CSR's subjectAltName extension cannot be read: make "
		    "the CSR again"));
	for (idx = 0; gens != NULL && idx < sk_GENERAL_NAME_num(gens); idx++) {
		GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, idx);
		char *key = xasprintf("csr.sans[%d]", idx), *s, *a, *ip = NULL;

		if (g->type == GEN_IPADD && g->d.iPAddress != NULL &&
		    g->d.iPAddress->length == 4 && (ip = ipv4_text(
		    g->d.iPAddress->data)) != NULL && (nb > 0 ?
		    in_list(ip, bound, nb) : type != NULL &&
		    type->kinds[KIND_SINGLE].offered &&
		    type->kinds[KIND_SINGLE].ip)) {
			/* A bound public IPv4 (an OV single-domain type). */
			if (!in_list(ip, seen, nseen)) {
				seen = xreallocarray(seen, nseen + 1,
				    sizeof *seen);
				seen[nseen++] = xstrdup(ip);
			}
		} else if (g->type == GEN_IPADD) {
			findings_add(f, VERDICT_ERROR, "csr.san-ip", key,
			    _("the CSR lists an IP address: these certificates "
			    "are for domain names only. Make the CSR again "
			    "without it"));
		} else if (g->type != GEN_DNS) {
			findings_add(f, VERDICT_WARNING, "csr.san-other", key,
			    _("the CSR's subjectAltName has an entry that is "
			    "not a domain name (an email address or URI, for "
			    "instance): the CA ignores it"));
		} else if ((s = dns_name(g->d.dNSName)) == NULL) {
			findings_add(f, VERDICT_ERROR, "csr.san-invalid", key,
			    _("a DNS name of the CSR is not plain ASCII (it has "
			    "a blank, a control or a non-ASCII character; "
			    "Unicode names go in as A-labels, xn--...): make "
			    "the CSR again"));
		} else {
			a = ascii_form(s);
			/* Each name is judged once, under its first key. */
			if (!in_list(a, seen, nseen)) {
				struct domain_name dn = { 0 };

				domain_check(s, type, key, f, &dn);
				domain_name_clear(&dn);
				seen = xreallocarray(seen, nseen + 1,
				    sizeof *seen);
				seen[nseen++] = xstrdup(a);
				if (nd > 0 && !in_list(a, bound, nb))
					findings_add(f, VERDICT_ERROR,
					    "csr.san-not-bound", key,
					    _("the CSR lists %s, which is not "
					    "one of the domains of this "
					    "application: make the CSR again "
					    "with only the application's "
					    "domains, or add %s to them"), s, s);
			}
			free(a);
			free(s);
		}
		free(ip);
		free(key);
	}
	if (cn_ascii != NULL && gens != NULL && info->nsans > 0) {
		bool found = false;

		for (i = 0; i < info->nsans && !found; i++) {
			char *a = ascii_form(info->sans[i]);

			found = strcmp(a, cn_ascii) == 0;
			free(a);
		}
		if (!found)
			findings_add(f, VERDICT_WARNING, "csr.cn-not-in-san",
			    "csr.cn",
			    _("the common name (CN) %s is not among the CSR's "
			    "subjectAltName names; the CA adds it, but a CSR "
			    "that lists it too is clearer"), info->cn);
	}
	GENERAL_NAMES_free(gens);
	/*
	 * Without bound domains the CSR's own names are the list: the type's
	 * count, wildcard and mixing limits apply to them.
	 */
	if (type != NULL && nd == 0 && nseen > 0) {
		struct findings lf;

		findings_init(&lf);
		domain_check_list((const char *const *)seen, nseen, type, &lf,
		    NULL);
		for (i = 0; i < lf.n; i++)
			if (strncmp(lf.v[i].code, "domains.", 8) == 0 &&
			    lf.v[i].level != VERDICT_OK)
				findings_add(f, lf.v[i].level, lf.v[i].code,
				    "csr.sans", "%s", lf.v[i].message);
		findings_clear(&lf);
	}
	for (i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	for (i = 0; i < nb; i++)
		free(bound[i]);
	free(bound);
	free(cn_ascii);
	ERR_clear_error();
}

bool
csr_check(const void *data, size_t len, const struct cert_type *type,
    const char *const *domains, size_t ndomains, struct findings *f,
    struct csr_info *info)
{
	struct csr_info tmp = { 0 };
	struct findings local;
	X509_REQ *req = NULL;
	char *why = NULL;
	bool ok;

	findings_init(&local);
	if (data == NULL)
		len = 0;
	if (cryptolib_load(&why) != 0) {
		findings_add(&local, VERDICT_ERROR, "csr.no-libcrypto", "csr",
		    "%s", why);
		free(why);
	} else
		req = csr_load(data, len, &local, &tmp);
	if (req != NULL) {
		describe(req, &tmp);
		tmp.key_fingerprint = csr_spki_sha256(X509_REQ_get0_pubkey(req));
		if (X509_REQ_get_version(req) != X509_REQ_VERSION_1)
			findings_add(&local, VERDICT_ERROR, "csr.version", "csr",
			    _("the CSR has an unknown version number (%ld): "
			    "make it again with a current tool"),
			    X509_REQ_get_version(req) + 1);
		check_key(req, &tmp, &local);
		check_key_for_type(&tmp, type, &local);
		check_signature(req, &local);
		check_names(req, &tmp, type, domains, ndomains, &local);
		X509_REQ_free(req);
	}
	ERR_clear_error();
	ok = findings_worst(&local) < VERDICT_ERROR;
	findings_move(f, &local, NULL);
	if (info != NULL)
		*info = tmp;
	else
		csr_info_clear(&tmp);
	return ok;
}

/* The default key file of an application, as generate-here writes it. */
static char *
default_key_path(const struct application *app)
{
	char *err = NULL, *dir, *p;

	if (app->id == NULL || (dir = store_app_dir(app->id, &err)) == NULL) {
		free(err);
		return NULL;
	}
	p = xasprintf("%s/key.pem", dir);
	free(dir);
	return p;
}

bool
csr_check_application(const struct application *app,
    const struct cert_type *type, struct findings *f)
{
	const char *mode = app->csr_mode;
	struct findings local;
	struct csr_info info = { 0 };
	bool ok;

	findings_init(&local);
	if (mode == NULL) {
		/* Required-ness is the field table's to report. */
	} else if (strcmp(mode, "auto") == 0) {
		findings_add(&local, VERDICT_OK, "csr.auto", "csr.mode",
		    _("the CA makes the private key and the CSR, and holds "
		    "the key: download it with the certificate after "
		    "issuance"));
	} else if (strcmp(mode, "generate") != 0 &&
	    strcmp(mode, "manual") != 0) {
		findings_add(&local, VERDICT_ERROR, "csr.mode", "csr.mode",
		    _("unknown CSR mode \"%s\": choose auto, generate or "
		    "manual"), mode);
	} else if (app->csr_pem == NULL) {
		if (strcmp(mode, "generate") == 0)
			findings_add(&local, VERDICT_ERROR, "csr.not-generated",
			    "csr.pem", _("the key and the CSR have not been "
			    "made yet: make them on the CSR screen"));
		else
			findings_add(&local, VERDICT_ERROR, "csr.missing",
			    "csr.pem", _("no CSR yet: paste it, or load it "
			    "from a file"));
	} else {
		/* The domains may have changed since the CSR was made. */
		csr_check(app->csr_pem, strlen(app->csr_pem), type,
		    (const char *const *)app->domains, app->ndomains, &local,
		    &info);
		if (strcmp(mode, "generate") == 0) {
			char *path = app->csr_key_path != NULL ?
			    xstrdup(app->csr_key_path) : default_key_path(app);
			struct stat st;

			if (path != NULL && lstat(path, &st) != 0)
				findings_add(&local, VERDICT_ERROR,
				    "csr.key-missing", "csr.key_path",
				    _("the private key %s is gone: without it "
				    "the certificate cannot be used. Make a new "
				    "key and CSR"), path);
			if (app->csr_key_fingerprint != NULL &&
			    info.key_fingerprint != NULL &&
			    strcmp(app->csr_key_fingerprint,
			    info.key_fingerprint) != 0)
				findings_add(&local, VERDICT_ERROR,
				    "csr.key-mismatch", "csr.pem",
				    _("the CSR is not the one made with the key "
				    "recorded for this application: make a new "
				    "key and CSR"));
			free(path);
		}
	}
	csr_info_clear(&info);
	ok = findings_worst(&local) < VERDICT_ERROR;
	findings_move(f, &local, NULL);
	return ok;
}
