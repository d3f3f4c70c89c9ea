/* The local backend: an application prepared in the store, not sent. */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "app.h"
#include "backend-impl.h"
#include "i18n.h"
#include "xmalloc.h"

static int
local_submit(struct backend *b, struct application *app,
    const struct cert_type *t, char **err)
{
	(void)b;
	if (backend_prepare_files(app, t, err) != 0)
		return -1;
	app->state = APP_PREPARED;
	backend_set(&app->backend.name, "local");
	app->backend.order_id = 0;
	backend_set(&app->backend.status, "prepared");
	backend_set(&app->backend.message, NULL);
	app->backend.submitted = time(NULL);
	return backend_save(app, err);
}

const struct backend_ops backend_local_ops = {
	.name = "local",
	.submit = local_submit,
	.auto_csr = true,
};
