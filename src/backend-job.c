/* Backend operations on a thread of their own, for the screens. */
#include "config.h"

#include "backend.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "xmalloc.h"

struct backend_job {
	pthread_t thread;
	struct backend *b;
	enum backend_op op;
	struct application *app;	/* the copy the thread works on */
	const struct catalog *cat;
	int rc;
	char *err;
	atomic_bool done;
};

static void *
job_main(void *arg)
{
	struct backend_job *j = arg;

	switch (j->op) {
	case BACKEND_SUBMIT:
		j->rc = backend_submit(j->b, j->app, j->cat, &j->err);
		break;
	case BACKEND_REFRESH:
		j->rc = backend_refresh(j->b, j->app, &j->err);
		break;
	case BACKEND_WITHDRAW:
		j->rc = backend_withdraw(j->b, j->app, &j->err);
		break;
	case BACKEND_RELEASE:
		j->rc = backend_release(j->b, j->app, &j->err);
		break;
	}
	atomic_store(&j->done, true);
	return NULL;
}

struct backend_job *
backend_job_start(struct backend *b, enum backend_op op,
    const struct application *app, const struct catalog *cat, char **err)
{
	struct backend_job *j = xcalloc(1, sizeof *j);

	j->b = b;
	j->op = op;
	j->app = app_dup(app);
	j->cat = cat;
	atomic_init(&j->done, false);
	if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
		*err = xstrdup(_("cannot start a thread for the network "
		    "request"));
		app_free(j->app);
		free(j);
		return NULL;
	}
	return j;
}

bool
backend_job_done(struct backend_job *job)
{
	return atomic_load(&job->done);
}

int
backend_job_finish(struct backend_job *job, struct application **app,
    char **err)
{
	int rc;

	pthread_join(job->thread, NULL);
	rc = job->rc;
	app_free(*app);
	*app = job->app;
	if (rc != 0)
		*err = job->err;
	else
		free(job->err);
	free(job);
	return rc;
}
