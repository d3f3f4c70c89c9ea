/* Qualification documents: checked by content, copied into the application. */
#include "config.h"

#include "document.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jpeglib.h>
#include <jerror.h>
#include <magic.h>
#include <openssl/evp.h>
#include <zlib.h>

#include "app.h"
#include "catalog.h"
#include "dynlib.h"
#include "fileio.h"
#include "i18n.h"
#include "store.h"
#include "verdict.h"
#include "xmalloc.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

void (*doc_hook_after_check)(const char *path);

/*
 * libmagic (with liblzma, libbz2 and zlib behind it), libjpeg and zlib are
 * not linked: only the document checks use them, and every start (the
 * wizard's first screen, --version) would map and relocate them. They are
 * loaded with dlopen on the first check (doc_magic_init), once for the
 * process, and the few functions used are looked up into tables typed from
 * the libraries' own headers (__typeof__), so the compiler checks every
 * call. The sonames are those of the ABIs the headers describe.
 */
static struct magic_fns {
	__typeof__(magic_open) *open;
	__typeof__(magic_load) *load;
	__typeof__(magic_error) *error;
	__typeof__(magic_errno) *errnum;
	__typeof__(magic_close) *close;
	__typeof__(magic_setflags) *setflags;
	__typeof__(magic_descriptor) *descriptor;
} mg;

static struct jpeg_fns {
	__typeof__(jpeg_std_error) *std_error;
	__typeof__(jpeg_CreateDecompress) *create_decompress;
	__typeof__(jpeg_destroy_decompress) *destroy_decompress;
	__typeof__(jpeg_mem_src) *mem_src;
	__typeof__(jpeg_read_header) *read_header;
	__typeof__(jpeg_start_decompress) *start_decompress;
	__typeof__(jpeg_read_scanlines) *read_scanlines;
	__typeof__(jpeg_finish_decompress) *finish_decompress;
} jp;

static struct zlib_fns {
	__typeof__(crc32) *crc32;
	__typeof__(inflateInit_) *inflate_init;
	__typeof__(inflate) *inflate;
	__typeof__(inflateEnd) *inflate_end;
} zl;

static const struct dynlib_fn magic_fns[] = {
	DYNLIB_FN(struct magic_fns, open, "magic_open"),
	DYNLIB_FN(struct magic_fns, load, "magic_load"),
	DYNLIB_FN(struct magic_fns, error, "magic_error"),
	DYNLIB_FN(struct magic_fns, errnum, "magic_errno"),
	DYNLIB_FN(struct magic_fns, close, "magic_close"),
	DYNLIB_FN(struct magic_fns, setflags, "magic_setflags"),
	DYNLIB_FN(struct magic_fns, descriptor, "magic_descriptor"),
};
static const struct dynlib_fn jpeg_fns[] = {
	DYNLIB_FN(struct jpeg_fns, std_error, "jpeg_std_error"),
	DYNLIB_FN(struct jpeg_fns, create_decompress, "jpeg_CreateDecompress"),
	DYNLIB_FN(struct jpeg_fns, destroy_decompress,
	    "jpeg_destroy_decompress"),
	DYNLIB_FN(struct jpeg_fns, mem_src, "jpeg_mem_src"),
	DYNLIB_FN(struct jpeg_fns, read_header, "jpeg_read_header"),
	DYNLIB_FN(struct jpeg_fns, start_decompress, "jpeg_start_decompress"),
	DYNLIB_FN(struct jpeg_fns, read_scanlines, "jpeg_read_scanlines"),
	DYNLIB_FN(struct jpeg_fns, finish_decompress,
	    "jpeg_finish_decompress"),
};
static const struct dynlib_fn zlib_fns[] = {
	DYNLIB_FN(struct zlib_fns, crc32, "crc32"),
	DYNLIB_FN(struct zlib_fns, inflate_init, "inflateInit_"),
	DYNLIB_FN(struct zlib_fns, inflate, "inflate"),
	DYNLIB_FN(struct zlib_fns, inflate_end, "inflateEnd"),
};

/* The sonames of the ABIs the headers describe. */
static const char *const magic_sonames[] = { "libmagic.so.1", NULL };
static const char *const jpeg_sonames[] = {
	"libjpeg.so.62", NULL	/* JPEG_LIB_VERSION 62 */
};
static const char *const zlib_sonames[] = { "libz.so.1", NULL };

#define DOC_LIB(names, pkg, f) { .sonames = (names), \
	.purpose = N_("checking documents"), .package = (pkg), .fns = (f), \
	.nfns = sizeof (f) / sizeof (f)[0] }
static const struct dynlib magic_lib =
    DOC_LIB(magic_sonames, "libmagic1", magic_fns);
static const struct dynlib jpeg_lib =
    DOC_LIB(jpeg_sonames, "libjpeg62-turbo", jpeg_fns);
static const struct dynlib zlib_lib =
    DOC_LIB(zlib_sonames, "zlib1g", zlib_fns);
#undef DOC_LIB

static pthread_once_t libs_once = PTHREAD_ONCE_INIT;
static char *libs_failure;	/* stays NULL once the three are loaded */

/* A failure keeps what it loaded (never unloaded) and says why. */
static void
libs_load(void)
{
	if (dynlib_load(&magic_lib, &mg, &libs_failure) == 0 &&
	    dynlib_load(&jpeg_lib, &jp, &libs_failure) == 0)
		(void)dynlib_load(&zlib_lib, &zl, &libs_failure);
}

/*
 * libmagic: one cookie for the process, loaded on first use. Its flags are
 * switched between the MIME type and the description for people; the
 * database is loaded once either way.
 */
static magic_t magic_cookie;
static char *magic_failure;

#define DOC_MAGIC_FLAGS (MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS | \
	MAGIC_NO_CHECK_TAR | MAGIC_NO_CHECK_ELF)

int
doc_magic_init(char **err)
{
	if (magic_cookie != NULL)
		return 0;
	/* Each document's SHA-256 is libcrypto's. */
	if (cryptolib_load(err) != 0)
		return -1;
	pthread_once(&libs_once, libs_load);
	if (magic_failure == NULL && libs_failure != NULL)
		magic_failure = xstrdup(libs_failure);
	if (magic_failure == NULL) {
		magic_t m = mg.open(DOC_MAGIC_FLAGS | MAGIC_MIME_TYPE);

		if (m == NULL)
			magic_failure = xasprintf(_("cannot start libmagic: "
			    "%s"), strerror(errno));
		else if (mg.load(m, NULL) != 0) {
			const char *e = mg.error(m);

			magic_failure = xasprintf(_("cannot load the file "
			    "type database of libmagic (%s): install it "
			    "again (Debian: libmagic-mgc)"),
			    e != NULL ? e : strerror(mg.errnum(m)));
			mg.close(m);
		} else
			magic_cookie = m;
	}
	if (magic_cookie != NULL)
		return 0;
	*err = xstrdup(magic_failure);
	return -1;
}

/* What libmagic says of fd with these flags, or NULL. Caller frees. */
static char *
magic_fd(int fd, int flags, char **err)
{
	const char *r;

	if (mg.setflags(magic_cookie, DOC_MAGIC_FLAGS | flags) != 0) {
		*err = xasprintf("libmagic: %s", mg.error(magic_cookie));
		return NULL;
	}
	if ((r = mg.descriptor(magic_cookie, fd)) == NULL) {
		const char *e = mg.error(magic_cookie);

		*err = xstrdup(e != NULL ? e : strerror(errno));
		return NULL;
	}
	return xstrdup(r);
}

void
doc_info_clear(struct doc_info *info)
{
	if (info == NULL)
		return;
	free(info->mime);
	free(info->description);
	memset(info, 0, sizeof *info);
}

/* A size for people: "812 bytes", "312.4 KB", "3.1 MB". Caller frees. */
char *
doc_size_text(unsigned long n)
{
	double kb = n / 1024.0;

	if (n < 1024)
		return xasprintf(ngettext("%lu byte", "%lu bytes", n), n);
	if (n < 1024UL * 1024)
		return n % 1024 == 0 ? xasprintf(_("%lu KB"), n / 1024) :
		    xasprintf(_("%.1f KB"), kb);
	return xasprintf(_("%.1f MB"), kb / 1024.0);
}

/* "3.1 MB: at most 500 KB", exact when rounding would hide the excess. */
static char *
too_large_text(unsigned long size, unsigned long max)
{
	char *s = doc_size_text(size), *m = doc_size_text(max), *r;
	double sk = size / 1024.0, mk = max / 1024.0;

	/* 512,001 bytes would read "500.0 KB: at most 500 KB". */
	if (size < 1024UL * 1024 && (unsigned long)(sk * 10 + 0.5) <=
	    (unsigned long)(mk * 10 + 0.5))
		/* TRANSLATORS: sizes in bytes, then the limit in words. */
		r = xasprintf(_("%lu bytes: at most %lu bytes (%s)"), size,
		    max, m);
	else
		/* TRANSLATORS: "3.1 MB: at most 500 KB". */
		r = xasprintf(_("%s: at most %s"), s, m);
	free(s);
	free(m);
	return r;
}

/*
 * What a refused content type is, and what to do. The generic sentence
 * names libmagic's description.
 */
static const struct {
	const char *mime;
	const char *text;
} wrong_types[] = {
	{ "application/pdf", N_("this is a PDF document, not an image: "
	    "scan the paper to PNG or JPEG (or export the page as a PNG or "
	    "JPEG image)") },
	{ "image/gif", N_("this is a GIF image: save it as PNG or JPEG") },
	{ "image/webp", N_("this is a WebP image: save it as PNG or JPEG") },
	{ "image/heic", N_("this is a HEIC photo (as phones take them): "
	    "save or export it as JPEG") },
	{ "image/heif", N_("this is a HEIF photo (as phones take them): "
	    "save or export it as JPEG") },
	{ "image/avif", N_("this is an AVIF image: save it as PNG or "
	    "JPEG") },
	{ "image/tiff", N_("this is a TIFF image: save it as PNG or JPEG") },
	{ "image/bmp", N_("this is a BMP image: save it as PNG or JPEG") },
	{ "image/x-ms-bmp", N_("this is a BMP image: save it as PNG or "
	    "JPEG") },
	{ "image/jp2", N_("this is a JPEG 2000 image, which is not JPEG: "
	    "save it as PNG or JPEG") },
	{ "image/svg+xml", N_("this is an SVG drawing, not a scan: scan "
	    "the signed and stamped paper to PNG or JPEG") },
	{ "text/html", N_("this is an HTML page, not an image: scan the "
	    "document to PNG or JPEG") },
	{ "text/xml", N_("this is an XML file, not an image: scan the "
	    "document to PNG or JPEG") },
	{ "text/x-php", N_("this is a PHP script, not an image: scan the "
	    "document to PNG or JPEG") },
	{ "application/zip", N_("this is a ZIP archive: unpack it and check "
	    "the scans inside one by one") },
	{ "application/x-rar", N_("this is a RAR archive: unpack it and "
	    "check the scans inside one by one") },
	{ "application/x-7z-compressed", N_("this is a 7-Zip archive: "
	    "unpack it and check the scans inside one by one") },
	{ "application/gzip", N_("this is a gzip-compressed file: unpack "
	    "it and check the scan inside") },
	{ "application/msword", N_("this is a Word document: print, sign, "
	    "stamp and scan it to PNG or JPEG") },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document", N_("this is a Word document: print, sign, stamp and "
	    "scan it to PNG or JPEG") },
	{ "application/vnd.oasis.opendocument.text", N_("this is an "
	    "OpenDocument text: print, sign, stamp and scan it to PNG or "
	    "JPEG") },
};

static char *
wrong_type_text(const char *mime, const char *description)
{
	size_t i;

	for (i = 0; i < sizeof wrong_types / sizeof wrong_types[0]; i++)
		if (strcmp(wrong_types[i].mime, mime) == 0)
			return xstrdup(_(wrong_types[i].text));
	if (strcmp(mime, "application/x-empty") == 0 ||
	    strcmp(mime, "inode/x-empty") == 0)
		return xstrdup(_("the file is empty: scan the document "
		    "again"));
	if (strncmp(mime, "text/", 5) == 0)
		/* TRANSLATORS: %s is libmagic's description, e.g.
		 * "ASCII text". */
		return xasprintf(_("this is a text file (%s), not an image: "
		    "scan the document to PNG or JPEG"), description);
	/* TRANSLATORS: %s is libmagic's description ("Zip archive data"),
	 * then the MIME type. */
	return xasprintf(_("this is not a PNG or JPEG image but \"%s\" "
	    "(%s): scan the document to PNG or JPEG"), description, mime);
}

/*
 * Whole-image checks. Each returns 0 and the pixel size and where the
 * image ends, or -1 with a reason: *cut says the data ended too soon.
 */
static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/*
 * The PNG image data: the zlib stream of the IDAT chunks must inflate to
 * exactly the scanlines IHDR promises (each a filter byte of 0 to 4 and
 * the row's bytes), pass by pass when interlaced (Adam7). The inflated
 * bytes are only counted, in a small buffer, never kept.
 */

/* At most this many bytes of scanlines (1 GiB): far beyond any scan. */
#define PNG_MAX_RAW ((uint64_t)1 << 30)

struct png_rows {
	uint64_t w, h;
	unsigned bits;		/* bits per pixel */
	int pass, passes;	/* the next pass; 1 or 7 */
	uint64_t rowbytes;	/* of the current pass, without filter byte */
	uint64_t rows_left;	/* rows of the current pass not begun */
	uint64_t row_left;	/* bytes of the current row still to come */
	bool done;		/* every row of every pass came */
};

/* Adam7: first column, first row, column step, row step of each pass. */
static const unsigned char adam7[7][4] = {
	{ 0, 0, 8, 8 }, { 4, 0, 8, 8 }, { 0, 4, 4, 8 }, { 2, 0, 4, 4 },
	{ 0, 2, 2, 4 }, { 1, 0, 2, 2 }, { 0, 1, 1, 2 },
};

/* Columns and rows of pass p (0 to 6, or -1: the whole image). */
static void
png_pass_size(const struct png_rows *r, int p, uint64_t *pw, uint64_t *ph)
{
	if (p < 0) {
		*pw = r->w;
		*ph = r->h;
		return;
	}
	*pw = r->w > adam7[p][0] ? (r->w - adam7[p][0] + adam7[p][2] - 1) /
	    adam7[p][2] : 0;
	*ph = r->h > adam7[p][1] ? (r->h - adam7[p][1] + adam7[p][3] - 1) /
	    adam7[p][3] : 0;
}

/* Move to the next pass that has pixels, or mark the rows done. */
static void
png_next_pass(struct png_rows *r)
{
	uint64_t pw, ph;

	while (r->pass < r->passes) {
		png_pass_size(r, r->passes == 1 ? -1 : r->pass, &pw, &ph);
		r->pass++;
		if (pw > 0 && ph > 0) {
			r->rowbytes = (pw * r->bits + 7) / 8;
			r->rows_left = ph;
			r->row_left = 0;
			return;
		}
	}
	r->done = true;
}

/*
 * Set up the rows of a w x h image; false when its scanlines would be
 * more than PNG_MAX_RAW bytes.
 */
static bool
png_rows_init(struct png_rows *r, unsigned w, unsigned h, unsigned bits,
    bool interlaced)
{
	uint64_t total = 0, pw, ph, row;
	int p;

	memset(r, 0, sizeof *r);
	r->w = w;
	r->h = h;
	r->bits = bits;
	r->passes = interlaced ? 7 : 1;
	for (p = 0; p < r->passes; p++) {
		png_pass_size(r, interlaced ? p : -1, &pw, &ph);
		if (pw == 0 || ph == 0)
			continue;
		row = 1 + (pw * bits + 7) / 8;	/* w < 2^31, bits <= 64 */
		if (row > PNG_MAX_RAW / ph || total + row * ph > PNG_MAX_RAW)
			return false;
		total += row * ph;
	}
	png_next_pass(r);
	return true;
}

/* Take n inflated bytes: 0, or -1 (a bad filter byte, or too many bytes). */
static int
png_rows_take(struct png_rows *r, const unsigned char *p, size_t n)
{
	uint64_t k;

	while (n > 0) {
		if (r->done)
			return -1;
		if (r->row_left == 0) {
			if (*p > 4)
				return -1;
			p++;
			n--;
			r->row_left = r->rowbytes;
			r->rows_left--;
			continue;
		}
		k = r->row_left < n ? r->row_left : n;
		p += k;
		n -= (size_t)k;
		r->row_left -= k;
		if (r->row_left == 0 && r->rows_left == 0)
			png_next_pass(r);
	}
	return 0;
}

/*
 * Inflate one IDAT chunk's bytes into the count. 0, or -1 with *why.
 * *ended: the zlib stream is complete (no more data may follow).
 */
static int
png_inflate(z_stream *z, struct png_rows *r, const unsigned char *d,
    uint32_t n, bool *ended, const char **why)
{
	unsigned char out[16384];
	int zr;

	if (n == 0)
		return 0;
	if (*ended) {
		*why = N_("its image data goes on after the end of the "
		    "compressed stream");
		return -1;
	}
	z->next_in = (unsigned char *)(uintptr_t)d;	/* zlib's API */
	z->avail_in = n;
	do {
		z->next_out = out;
		z->avail_out = sizeof out;
		zr = zl.inflate(z, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
			*why = N_("its compressed image data is "
			    "broken");
			return -1;
		}
		if (png_rows_take(r, out, sizeof out - z->avail_out) != 0) {
			*why = N_("its image data does not match its "
			    "header");
			return -1;
		}
		if (zr == Z_STREAM_END) {
			*ended = true;
			if (z->avail_in > 0) {
				*why = N_("its image data goes on after the "
				    "end of the compressed stream");
				return -1;
			}
			return 0;
		}
		if (zr == Z_BUF_ERROR && z->avail_in > 0) {
			*why = N_("its compressed image data is "
			    "broken");
			return -1;
		}
	} while (z->avail_in > 0 || z->avail_out == 0);
	return 0;
}

static int
png_walk(const unsigned char *b, size_t len, unsigned *w, unsigned *h,
    size_t *end, bool *cut, const char **why)
{
	static const unsigned char sig[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
	};
	static const unsigned char channels[7] = { 1, 0, 3, 1, 2, 0, 4 };
	size_t off = 8;
	bool plte = false, idat = false, first = true, ended = false;
	bool zinit = false;
	unsigned ctype = 0, depth = 0;
	struct png_rows rows;
	z_stream z;
	int ret = -1;

	*cut = false;
	memset(&z, 0, sizeof z);
	if (len < 8 || memcmp(b, sig, 8) != 0) {
		*cut = len < 8;
		*why = N_("no PNG signature");
		return -1;
	}
	for (;;) {
		uint32_t n;
		const unsigned char *t;
		int i;

		if (len - off < 12) {
			*cut = true;
			*why = N_("it ends before the IEND chunk");
			goto out;
		}
		n = be32(b + off);
		t = b + off + 4;
		if (n > 0x7fffffffU) {
			*why = N_("a chunk length is out of range");
			goto out;
		}
		for (i = 0; i < 4; i++)
			if (!((t[i] >= 'A' && t[i] <= 'Z') ||
			    (t[i] >= 'a' && t[i] <= 'z'))) {
				*why = N_("a chunk has an invalid name");
				goto out;
			}
		if (len - off - 12 < n) {
			*cut = true;
			*why = N_("it ends inside a chunk, before IEND");
			goto out;
		}
		if ((uint32_t)zl.crc32(zl.crc32(0L, Z_NULL, 0), t,
		    (uInt)n + 4) != be32(t + 4 + n)) {
			*why = N_("a chunk's CRC checksum is wrong");
			goto out;
		}
		if (first) {
			const unsigned char *d = t + 4;

			if (memcmp(t, "IHDR", 4) != 0 || n != 13) {
				*why = N_("it does not begin with an IHDR "
				    "chunk");
				goto out;
			}
			*w = be32(d);
			*h = be32(d + 4);
			depth = d[8];
			ctype = d[9];
			if (*w == 0 || *h == 0 || *w > 0x7fffffffU ||
			    *h > 0x7fffffffU) {
				*why = N_("its pixel size is invalid");
				goto out;
			}
			if (!((ctype == 0 && (depth == 1 || depth == 2 ||
			    depth == 4 || depth == 8 || depth == 16)) ||
			    (ctype == 3 && (depth == 1 || depth == 2 ||
			    depth == 4 || depth == 8)) ||
			    ((ctype == 2 || ctype == 4 || ctype == 6) &&
			    (depth == 8 || depth == 16))) ||
			    d[10] != 0 || d[11] != 0 || d[12] > 1) {
				*why = N_("its header (IHDR) is invalid");
				goto out;
			}
			if (!png_rows_init(&rows, *w, *h,
			    channels[ctype] * depth, d[12] == 1)) {
				*why = N_("its pixel size is too large for "
				    "a scan");
				goto out;
			}
			first = false;
		} else if (memcmp(t, "IHDR", 4) == 0) {
			*why = N_("it has a second IHDR chunk");
			goto out;
		} else if (memcmp(t, "PLTE", 4) == 0)
			plte = true;
		else if (memcmp(t, "IDAT", 4) == 0) {
			if (ctype == 3 && !plte) {
				*why = N_("its palette (PLTE) is missing");
				goto out;
			}
			if (!zinit) {
				if (zl.inflate_init(&z, ZLIB_VERSION,
				    (int)sizeof z) != Z_OK) {
					*why = N_("out of memory");
					goto out;
				}
				zinit = true;
			}
			if (png_inflate(&z, &rows, t + 4, n, &ended,
			    why) != 0)
				goto out;
			idat = true;
		} else if (memcmp(t, "IEND", 4) == 0) {
			if (!idat) {
				*why = N_("it has no image data (IDAT)");
				goto out;
			}
			if (!ended || !rows.done) {
				*why = N_("its image data is shorter than "
				    "its header promises");
				goto out;
			}
			*end = off + 12 + n;
			ret = 0;
			goto out;
		}
		off += 12 + (size_t)n;
	}
out:
	if (zinit)
		zl.inflate_end(&z);
	return ret;
}

/* Markers that begin a frame and give its size: SOF0-3, 5-7, 9-11, 13-15. */
static bool
jpeg_sof(unsigned m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

static int
jpeg_walk(const unsigned char *b, size_t len, unsigned *w, unsigned *h,
    size_t *end, bool *cut, const char **why)
{
	size_t off = 2;
	bool frame = false, scan = false;

	*cut = false;
	if (len < 2 || b[0] != 0xff || b[1] != 0xd8) {
		*cut = len < 2;
		*why = N_("no JPEG start marker (SOI)");
		return -1;
	}
	*w = *h = 0;
	for (;;) {
		unsigned m;
		size_t n;

		/* Decoders skip stray bytes between segments; so do we. */
		while (off < len && b[off] != 0xff)
			off++;
		while (off < len && b[off] == 0xff)
			off++;	/* fill bytes */
		if (off >= len) {
			*cut = true;
			*why = N_("it ends before the end marker (EOI)");
			return -1;
		}
		m = b[off++];
		if (m == 0xd9) {
			if (!scan || *w == 0 || *h == 0) {
				*why = N_("it has no image data");
				return -1;
			}
			*end = off;
			return 0;
		}
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd7))
			continue;	/* markers without a length */
		if (m == 0xd8 || m == 0x00) {
			*why = N_("a marker is out of place");
			return -1;
		}
		if (len - off < 2) {
			*cut = true;
			*why = N_("it ends before the end marker (EOI)");
			return -1;
		}
		n = (size_t)b[off] << 8 | b[off + 1];
		if (n < 2) {
			*why = N_("a segment length is invalid");
			return -1;
		}
		if (len - off < n) {
			*cut = true;
			*why = N_("it ends inside a segment, before the end "
			    "marker (EOI)");
			return -1;
		}
		if (jpeg_sof(m)) {
			if (n < 8) {
				*why = N_("its frame header (SOF) is "
				    "invalid");
				return -1;
			}
			if (!frame) {
				*h = (unsigned)b[off + 3] << 8 | b[off + 4];
				*w = (unsigned)b[off + 5] << 8 | b[off + 6];
				if (*w == 0) {
					*why = N_("its pixel size is "
					    "invalid");
					return -1;
				}
			}
			frame = true;
		} else if (m == 0xdc && n >= 4 && *h == 0)
			*h = (unsigned)b[off + 2] << 8 | b[off + 3];
		off += n;
		if (m == 0xda) {
			if (!frame) {
				*why = N_("its image data comes before the "
				    "frame header (SOF)");
				return -1;
			}
			scan = true;
			/* Entropy-coded data: up to a marker that is not
			 * a stuffed 0xff00 or a restart marker. */
			for (; off + 1 < len; off++)
				if (b[off] == 0xff && b[off + 1] != 0x00 &&
				    !(b[off + 1] >= 0xd0 &&
				    b[off + 1] <= 0xd7))
					break;
			if (off + 1 >= len) {
				*cut = true;
				*why = N_("it ends inside the image data, "
				    "before the end marker (EOI)");
				return -1;
			}
		}
	}
}

/*
 * The JPEG image data: decoded by libjpeg-turbo at 1/8 scale (the entropy
 * decoding, which finds corrupt data, is whole; the pixels are few). An
 * error, or a warning about corrupt data, refuses the image. Nothing is
 * printed: the error manager's output is replaced.
 */

/* Working memory for the decoder: a scan needs far less. */
#define JPEG_MAX_MEMORY (256L * 1024 * 1024)

struct jpeg_guard {
	struct jpeg_error_mgr pub;	/* first: libjpeg's pointer to it */
	jmp_buf back;
};

static void
jpeg_on_error(j_common_ptr c)
{
	longjmp(((struct jpeg_guard *)(void *)c->err)->back, 1);
}

static void
jpeg_on_message(j_common_ptr c, int level)
{
	int code = c->err->msg_code;

	/* Level -1 is a warning; the others are traces. Warnings that do
	 * not concern the image data (metadata) are let through. */
	if (level < 0 && code != JWRN_JFIF_MAJOR &&
	    code != JWRN_ADOBE_XFORM && code != JWRN_BOGUS_ICC)
		longjmp(((struct jpeg_guard *)(void *)c->err)->back, 1);
}

static void
jpeg_on_output(j_common_ptr c)
{
	(void)c;	/* never to the terminal */
}

static int
jpeg_decode(const unsigned char *b, size_t len, const char **why)
{
	struct jpeg_decompress_struct ci;
	struct jpeg_guard g;
	JSAMPARRAY row;

	memset(&ci, 0, sizeof ci);
	ci.err = jp.std_error(&g.pub);
	g.pub.error_exit = jpeg_on_error;
	g.pub.emit_message = jpeg_on_message;
	g.pub.output_message = jpeg_on_output;
	if (setjmp(g.back) != 0) {
		/* Out of the decoder's memory: a huge progressive image. */
		*why = g.pub.msg_code == JERR_OUT_OF_MEMORY ||
		    g.pub.msg_code == JERR_NO_BACKING_STORE ?
		    N_("its pixel size is too large for a scan") :
		    N_("its image data does not decode cleanly");
		jp.destroy_decompress(&ci);
		return -1;
	}
	jp.create_decompress(&ci, JPEG_LIB_VERSION, sizeof ci);
	ci.mem->max_memory_to_use = JPEG_MAX_MEMORY;
	jp.mem_src(&ci, b, (unsigned long)len);
	jp.read_header(&ci, TRUE);
	ci.scale_num = 1;
	ci.scale_denom = 8;
	ci.dct_method = JDCT_IFAST;
	ci.do_fancy_upsampling = FALSE;
	ci.do_block_smoothing = FALSE;
	jp.start_decompress(&ci);
	row = (*ci.mem->alloc_sarray)((j_common_ptr)&ci, JPOOL_IMAGE,
	    ci.output_width * (JDIMENSION)ci.output_components, 1);
	while (ci.output_scanline < ci.output_height)
		jp.read_scanlines(&ci, row, 1);
	jp.finish_decompress(&ci);
	jp.destroy_decompress(&ci);
	return 0;
}

/* Whether the bytes after the image are harmless: zeros or another JPEG. */
static bool
trailing_harmless(const unsigned char *p, size_t n)
{
	size_t i;

	if (n >= 2 && p[0] == 0xff && p[1] == 0xd8)
		return true;	/* multi-picture JPEG (MPF) */
	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

/* Read exactly want bytes from offset 0, and make sure there is no more. */
static int
read_all(int fd, unsigned char *buf, size_t want)
{
	size_t got = 0;
	unsigned char extra;
	ssize_t r;

	while (got < want) {
		r = pread(fd, buf + got, want - got, (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0) {
			errno = EAGAIN;	/* shorter than fstat said */
			return -1;
		}
		got += (size_t)r;
	}
	do
		r = pread(fd, &extra, 1, (off_t)want);
	while (r < 0 && errno == EINTR);
	if (r != 0) {
		if (r > 0)
			errno = EAGAIN;	/* longer than fstat said */
		return -1;
	}
	return 0;
}

static void
sha256_hex(const unsigned char *buf, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	out[0] = '\0';
	if (EVP_Digest(buf, len, md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen != 32)
		return;
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* Why a path cannot be opened as a file, in words. Caller frees. */
static char *
not_a_file_text(const char *path, const struct stat *st)
{
	char *target, *r;

	switch (st->st_mode & S_IFMT) {
	case S_IFDIR:
		return xstrdup(_("this is a folder, not a file: give the path "
		    "of a scan inside it"));
	case S_IFIFO:
		return xstrdup(_("this is a named pipe (FIFO), not a file: "
		    "give the path of a saved scan"));
	case S_IFSOCK:
		return xstrdup(_("this is a socket, not a file: give the path "
		    "of a saved scan"));
	case S_IFCHR:
	case S_IFBLK:
		target = realpath(path, NULL);
		/* TRANSLATORS: %s is the device, e.g. /dev/zero. */
		r = xasprintf(_("this is a device (%s), not a file: give the "
		    "path of a saved scan"), target != NULL ? target : path);
		free(target);
		return r;
	default:
		return xstrdup(_("this is not a regular file: give the path "
		    "of a saved scan"));
	}
}

static char *
open_error_text(const char *path, int e)
{
	struct stat lst;
	char target[PATH_MAX];
	ssize_t n;

	if (e == ENOENT && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) &&
	    (n = readlink(path, target, sizeof target - 1)) >= 0) {
		target[n] = '\0';
		return xasprintf(_("this is a symbolic link to %s, which does "
		    "not exist: give the path of the scan itself"), target);
	}
	if (e == ENOENT)
		return xstrdup(_("no such file: check the path (names are "
		    "case-sensitive)"));
	if (e == ENOTDIR)
		return xstrdup(_("no such file: a part of the path is not a "
		    "folder"));
	if (e == EACCES)
		return xstrdup(_("cannot be read (permission denied): copy "
		    "the scan somewhere you can read it, or fix its "
		    "permissions"));
	if (e == ELOOP)
		return xstrdup(_("too many symbolic links (a loop?): give the "
		    "path of the scan itself"));
	/* TRANSLATORS: %s is the system's reason. */
	return xasprintf(_("cannot be opened: %s"), strerror(e));
}

/*
 * The check itself. On success with bufp, the checked bytes are returned
 * in *bufp (caller frees) and *lenp; they are what was hashed and
 * checked, and what a copy must write.
 */
static bool
check(const char *path, unsigned long max, const char *key,
    struct findings *f, struct doc_info *info, unsigned char **bufp,
    size_t *lenp)
{
	struct doc_info di;
	struct stat st;
	unsigned char *buf = NULL;
	char *msg = NULL, *err = NULL, *s;
	const char *why = NULL;
	int fd = -1;
	bool good = false, png = false, jpeg = false, cut;
	size_t end = 0;

	memset(&di, 0, sizeof di);
	/*
	 * A first stat keeps us from opening devices at all (opening some
	 * has effects); the fstat of the open descriptor is what counts.
	 */
	if (stat(path, &st) != 0) {
		msg = open_error_text(path, errno);
		findings_add(f, VERDICT_ERROR, errno == EACCES ?
		    "document.unreadable" : "document.missing", key, "%s",
		    msg);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		msg = not_a_file_text(path, &st);
		findings_add(f, VERDICT_ERROR, "document.not-file", key, "%s",
		    msg);
		goto out;
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		msg = open_error_text(path, errno);
		findings_add(f, VERDICT_ERROR, errno == EACCES ?
		    "document.unreadable" : "document.missing", key, "%s",
		    msg);
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		findings_add(f, VERDICT_ERROR, "document.unreadable", key,
		    _("cannot be read: %s"), strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		msg = not_a_file_text(path, &st);
		findings_add(f, VERDICT_ERROR, "document.not-file", key, "%s",
		    msg);
		goto out;
	}
	di.size = (unsigned long)st.st_size;
	if (st.st_size == 0) {
		findings_add(f, VERDICT_ERROR, "document.empty", key, "%s",
		    _("the file is empty (0 bytes): the scan or the copy did "
		    "not finish; scan or copy it again"));
		goto out;
	}
	if (doc_magic_init(&err) != 0) {
		findings_add(f, VERDICT_ERROR, "document.magic", key, "%s",
		    err);
		goto out;
	}
	if ((di.mime = magic_fd(fd, MAGIC_MIME_TYPE, &err)) == NULL) {
		findings_add(f, VERDICT_ERROR, "document.unreadable", key,
		    _("cannot be read: %s"), err);
		goto out;
	}
	png = strcmp(di.mime, "image/png") == 0;
	jpeg = strcmp(di.mime, "image/jpeg") == 0;
	/*
	 * libmagic's words for people are a second pass over the file: only
	 * a refusal needs them. An accepted image is named by its kind.
	 */
	if (png || jpeg)
		di.description = xstrdup(png ? "PNG image data" :
		    "JPEG image data");
	else if ((di.description = magic_fd(fd, MAGIC_NONE, &err)) == NULL) {
		findings_add(f, VERDICT_ERROR, "document.unreadable", key,
		    _("cannot be read: %s"), err);
		goto out;
	}
	if (!png && !jpeg) {
		msg = wrong_type_text(di.mime, di.description);
		findings_add(f, VERDICT_ERROR, "document.type", key, "%s",
		    msg);
	}
	if ((unsigned long long)st.st_size > max) {
		char *size = too_large_text(di.size, max);

		/* TRANSLATORS: "3.1 MB: at most 500 KB", then what to do. */
		findings_add(f, VERDICT_ERROR, "document.too-large", key,
		    _("%s — %s"), size, png ? _("scan at a lower "
		    "resolution or save it as JPEG") : jpeg ? _("scan at a "
		    "lower resolution or save it with a lower JPEG quality") :
		    _("the CA accepts smaller files only"));
		free(size);
	}
	if ((!png && !jpeg) || (unsigned long long)st.st_size > max)
		goto out;

	/*
	 * The bytes that are checked, hashed and copied: one read, with
	 * pread from offset 0 since magic_descriptor reads from the
	 * descriptor and may leave its offset anywhere.
	 */
	buf = xmalloc((size_t)st.st_size);
	if (read_all(fd, buf, (size_t)st.st_size) != 0) {
		if (errno == EAGAIN)
			findings_add(f, VERDICT_ERROR, "document.changed", key,
			    "%s", _("the file changed while it was being "
			    "checked: wait until it is completely saved, "
			    "then check it again"));
		else
			findings_add(f, VERDICT_ERROR, "document.unreadable",
			    key, _("cannot be read: %s"), strerror(errno));
		goto out;
	}
	if ((png ? png_walk : jpeg_walk)(buf, (size_t)st.st_size, &di.width,
	    &di.height, &end, &cut, &why) != 0 ||
	    (jpeg && (cut = false, jpeg_decode(buf, end, &why)) != 0)) {
		/* A PNG/JPEG by libmagic that is not one by its structure
		 * from the first bytes on was changed under us. */
		if (cut)
			findings_add(f, VERDICT_ERROR, "document.truncated",
			    key, png ? _("the PNG image is cut short (%s): "
			    "the file was not completely saved or copied; "
			    "save or copy it again") : _("the JPEG image is "
			    "cut short (%s): the file was not completely "
			    "saved or copied; save or copy it again"), _(why));
		else
			findings_add(f, VERDICT_ERROR, "document.damaged",
			    key, png ? _("the PNG image is damaged (%s): "
			    "scan or save it again") : _("the JPEG image is "
			    "damaged (%s): scan or save it again"), _(why));
		goto out;
	}
	if (end < (size_t)st.st_size &&
	    !trailing_harmless(buf + end, (size_t)st.st_size - end)) {
		s = doc_size_text((unsigned long)st.st_size - end);
		findings_add(f, VERDICT_WARNING, "document.trailing-data", key,
		    _("%s of other data follow the end of the image: the CA "
		    "may refuse it; save the scan again from the scanning "
		    "program"), s);
		free(s);
	}
	sha256_hex(buf, (size_t)st.st_size, di.sha256);
	good = true;
out:
	if (fd >= 0)
		close(fd);
	free(msg);
	free(err);
	if (good && bufp != NULL) {
		*bufp = buf;
		*lenp = (size_t)st.st_size;
		buf = NULL;
	}
	free(buf);
	if (info != NULL) {
		doc_info_clear(info);
		*info = di;
	} else
		doc_info_clear(&di);
	return good;
}

bool
doc_check(const char *path, unsigned long max_bytes, const char *key,
    struct findings *f, struct doc_info *info)
{
	return check(path, max_bytes, key, f, info, NULL, NULL);
}

/*
 * The name of the copy: the original's base name, reduced to letters,
 * digits, '-' and '_', with the extension of its real type.
 */
static char *
copy_name(const char *path, const char *mime, unsigned n)
{
	const char *base = strrchr(path, '/'), *dot;
	const char *ext = strcmp(mime, "image/png") == 0 ? "png" : "jpg";
	char stem[49];
	size_t i = 0;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		dot = base + strlen(base);
	for (; base < dot && i < sizeof stem - 1; base++) {
		unsigned char c = (unsigned char)*base;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_')
			stem[i++] = (char)c;
		else if (i > 0 && stem[i - 1] != '_')
			stem[i++] = '_';
	}
	while (i > 0 && stem[i - 1] == '_')
		i--;
	stem[i] = '\0';
	if (i == 0)
		strcpy(stem, "document");
	return n <= 1 ? xasprintf("%s.%s", stem, ext) :
	    xasprintf("%s-%u.%s", stem, n, ext);
}

static void
fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/*
 * Write data to a new file in dir: a temporary name (O_EXCL, mode), then
 * a hard link to the final name, which never replaces an existing file.
 * With variants, a taken name tries name_fn(arg, 2), (arg, 3)...;
 * without, it fails with errno EEXIST. Returns the final name (caller
 * frees) or NULL with *err and errno.
 */
static char *
write_new(const char *dir, const void *data, size_t len, mode_t mode,
    char *(*name_fn)(void *, unsigned), void *arg, bool variants,
    char **err)
{
	char *tmp = xasprintf("%s/.certwiz-XXXXXX", dir), *name = NULL;
	char *full = NULL;
	const unsigned char *p = data;
	size_t done = 0;
	unsigned n;
	int fd, e;

	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		e = errno;
		*err = xasprintf(_("cannot create a file in %s: %s"), dir,
		    strerror(e));
		free(tmp);
		errno = e;
		return NULL;
	}
	if (fchmod(fd, mode) != 0)
		goto fail;
	while (done < len) {
		ssize_t w = write(fd, p + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			goto fail;
		done += (size_t)w;
	}
	if (fsync(fd) != 0)
		goto fail;
	e = close(fd);
	fd = -1;
	if (e != 0)
		goto fail;
	for (n = 1;; n++) {
		name = name_fn(arg, n);
		full = xasprintf("%s/%s", dir, name);
		if (link(tmp, full) == 0)
			break;
		e = errno;
		if (e == EPERM || e == ENOTSUP || e == EOPNOTSUPP ||
		    e == EMLINK) {
			/* No hard links on this file system. */
			struct stat st;

			if (lstat(full, &st) == 0)
				e = EEXIST;
			else if (rename(tmp, full) == 0)
				break;
			else
				e = errno;
		}
		free(full);
		full = NULL;
		if (e != EEXIST || !variants || n >= 999) {
			errno = e;
			goto fail_named;
		}
		free(name);
		name = NULL;
	}
	(void)unlink(tmp);
	fsync_dir(dir);
	free(tmp);
	free(full);
	return name;
fail:
	e = errno;
	*err = xasprintf(_("cannot write %s: %s"), tmp, strerror(e));
	if (fd >= 0)
		close(fd);
	(void)unlink(tmp);
	free(tmp);
	errno = e;
	return NULL;
fail_named:
	e = errno;
	if (e == EEXIST)
		*err = xasprintf(_("%s/%s already exists: it was not "
		    "replaced"), dir, name);
	else
		*err = xasprintf(_("cannot write in %s: %s"), dir,
		    strerror(e));
	(void)unlink(tmp);
	free(tmp);
	free(name);
	errno = e;
	return NULL;
}

struct copy_arg {
	const char *path;
	const char *mime;
};

static char *
copy_name_fn(void *arg, unsigned n)
{
	const struct copy_arg *a = arg;

	return copy_name(a->path, a->mime, n);
}

int
doc_add(struct application *app, const struct cert_type *type,
    const char *path, const char *key, struct findings *f, char **err)
{
	struct doc_info info;
	struct app_document d;
	struct copy_arg ca;
	unsigned char *buf = NULL;
	size_t len = 0, i;
	char *dir = NULL, *docs = NULL, *name = NULL;
	int rc = -1;

	memset(&info, 0, sizeof info);
	if (app->id == NULL || !store_valid_id(app->id)) {
		*err = xstrdup(_("the application must be saved before "
		    "documents are added to it"));
		return -1;
	}
	if (!check(path, type != NULL ? type->document_bytes : 512000, key,
	    f, &info, &buf, &len)) {
		rc = 0;
		goto out;
	}
	for (i = 0; i < app->ndocs; i++)
		if (app->docs[i].sha256 != NULL &&
		    strcmp(app->docs[i].sha256, info.sha256) == 0) {
			const char *was = app->docs[i].path != NULL ?
			    app->docs[i].path : app->docs[i].file;

			/* TRANSLATORS: the number and the name of the
			 * document already added. */
			findings_add(f, VERDICT_ERROR, "document.duplicate",
			    key, _("this is the same content as document %zu "
			    "(%s), already in the application: add another "
			    "scan"), i + 1, was != NULL ? was : "?");
			rc = 0;
			goto out;
		}
	if (doc_hook_after_check != NULL)
		doc_hook_after_check(path);
	if ((dir = store_app_dir(app->id, err)) == NULL)
		goto out;
	docs = xasprintf("%s/documents", dir);
	if (fileio_mkdirs(docs, 0700, err) != 0)
		goto out;
	ca.path = path;
	ca.mime = info.mime;
	if ((name = write_new(docs, buf, len, 0600, copy_name_fn, &ca, true,
	    err)) == NULL)
		goto out;

	memset(&d, 0, sizeof d);
	d.path = xstrdup(path);
	d.file = xasprintf("documents/%s", name);
	d.mime = xstrdup(info.mime);
	d.size = info.size;
	d.width = info.width;
	d.height = info.height;
	d.sha256 = xstrdup(info.sha256);
	app_add_document(app, &d);
	rc = 1;
out:
	doc_info_clear(&info);
	free(buf);
	free(dir);
	free(docs);
	free(name);
	return rc;
}

int
doc_remove(struct application *app, size_t i, char **err)
{
	const char *file;
	char *dir = NULL, *full = NULL;

	if (i >= app->ndocs) {
		*err = xasprintf(_("there is no document %zu"), i + 1);
		return -1;
	}
	file = app->docs[i].file;
	if (file != NULL && app->id != NULL) {
		/* Only ever a copy certwiz made: documents/NAME. */
		if (strncmp(file, "documents/", 10) != 0 ||
		    strchr(file + 10, '/') != NULL || file[10] == '.' ||
		    file[10] == '\0') {
			*err = xasprintf(_("document %zu names an unexpected "
			    "file (%s): not removed"), i + 1, file);
			return -1;
		}
		if ((dir = store_app_dir(app->id, err)) == NULL)
			return -1;
		full = xasprintf("%s/%s", dir, file);
		if (unlink(full) != 0 && errno != ENOENT) {
			*err = xasprintf(_("cannot remove %s: %s"), full,
			    strerror(errno));
			free(dir);
			free(full);
			return -1;
		}
		free(full);
		full = xasprintf("%s/documents", dir);
		fsync_dir(full);
		free(full);
		free(dir);
	}
	app_remove_document(app, i);
	return 0;
}

/* The template's file name, for write_new. */
static char *
template_name_fn(void *arg, unsigned n)
{
	const char *path = arg, *base = strrchr(path, '/');

	(void)n;
	return xstrdup(base != NULL ? base + 1 : path);
}

bool
doc_template_is_html(const char *path)
{
	const char *dot = path != NULL ? strrchr(path, '.') : NULL;

	return dot != NULL && (strcasecmp(dot, ".html") == 0 ||
	    strcasecmp(dot, ".htm") == 0 || strcasecmp(dot, ".xhtml") == 0);
}

int
doc_template_write(const struct application *app,
    const struct cert_type *type, const char *path, bool force, char **err)
{
	struct stat st;
	char *text, *dir, *slash, *name;
	int rc = -1;

	text = doc_template_text(app, type, doc_template_is_html(path),
	    time(NULL));
	if (force) {
		rc = fileio_write_atomic(path, text, strlen(text), 0600, err);
		free(text);
		return rc;
	}
	if (lstat(path, &st) == 0) {
		*err = xasprintf(_("%s already exists: it was not replaced"),
		    path);
		free(text);
		errno = EEXIST;
		return -1;
	}
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	/* One name, never a variant: a file made meanwhile is kept. */
	name = write_new(dir, text, strlen(text), 0600, template_name_fn,
	    (void *)path, false, err);
	if (name != NULL) {
		rc = 0;
		free(name);
	} else if (errno == EEXIST) {
		free(*err);
		*err = xasprintf(_("%s already exists: it was not replaced"),
		    path);
		errno = EEXIST;
	}
	free(dir);
	free(text);
	return rc;
}
