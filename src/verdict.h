/* Verdicts of the rules: ok / warning / error, a stable code and a message. */
#ifndef VERDICT_H
#define VERDICT_H

#include <stddef.h>

#include "xmalloc.h"

enum verdict_level {
	VERDICT_OK = 0,
	VERDICT_WARNING = 1,
	VERDICT_ERROR = 2,
};

struct finding {
	enum verdict_level level;
	char *code;	/* stable, for JSON and tests: "domain.wildcard" */
	char *key;	/* JSON key it is about: "domains[1]", or NULL */
	char *message;	/* translated; says what is wrong and what to do */
};

/* A growing list of findings; zero-initialise or findings_init() it. */
struct findings {
	struct finding *v;
	size_t n, cap;
};

void findings_init(struct findings *f);
/* Free every finding; the list can be reused afterwards. */
void findings_clear(struct findings *f);
/* Append one finding; key may be NULL. The message is formatted here. */
void findings_add(struct findings *f, enum verdict_level level,
    const char *code, const char *key, const char *fmt, ...) CW_PRINTF(5, 6);
/* Move every finding of src to the end of dst, prefixing keys with prefix. */
void findings_move(struct findings *dst, struct findings *src,
    const char *prefix);
/* The most severe level in the list (VERDICT_OK when empty). */
enum verdict_level findings_worst(const struct findings *f);
/* How many findings have exactly this level. */
size_t findings_count(const struct findings *f, enum verdict_level level);
/* "ok", "warning" or "error": stable, for JSON. */
const char *verdict_name(enum verdict_level level);

#endif /* VERDICT_H */
