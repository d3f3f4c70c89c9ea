/*
 * libFuzzer target: the document checks (DESIGN 8, "images"): libmagic's
 * type, the PNG walk with its CRCs and inflating, the JPEG walk and its
 * libjpeg-turbo decode. doc_check reads a path, so each input is written
 * to a memory file (memfd) and checked through /proc/self/fd.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "document.h"
#include "verdict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	struct findings f;
	struct doc_info info;

	if (fd < 0) {
		if ((fd = memfd_create("fuzz-document", MFD_CLOEXEC)) < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0 ||
	    (size > 0 && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	findings_init(&f);
	memset(&info, 0, sizeof info);
	(void)doc_check(path, 10UL * 1024 * 1024, "fuzz", &f, &info);
	doc_info_clear(&info);
	findings_clear(&f);
	return 0;
}
