/* Files on disk: XDG folders, atomic writes that survive crashes, bounded reads. */
#include "config.h"

#include "fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "xmalloc.h"

void (*fileio_hook_before_rename)(void);

static char *
home_dir(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h != NULL && h[0] == '/')
		return xstrdup(h);
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL &&
	    pw->pw_dir[0] == '/')
		return xstrdup(pw->pw_dir);
	return NULL;
}

static char *
xdg_dir(const char *var, const char *fallback, char **err)
{
	const char *v = getenv(var);
	char *home, *p;

	if (v != NULL && v[0] == '/')
		return xasprintf("%s/certwiz", v);
	if ((home = home_dir()) == NULL) {
		*err = xasprintf(_("cannot find your home folder: set HOME "
		    "(or %s) to an absolute path"), var);
		return NULL;
	}
	p = xasprintf("%s/%s/certwiz", home, fallback);
	free(home);
	return p;
}

char *
fileio_config_dir(char **err)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config", err);
}

char *
fileio_data_dir(char **err)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share", err);
}

int
fileio_mkdirs(const char *path, mode_t mode, char **err)
{
	char *p = xstrdup(path), *s;
	struct stat st;
	int rc = -1;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, mode) == 0) {
			/* mkdir honours the umask; the mode must not. */
			if (chmod(p, mode) != 0)
				goto fail;
		} else if (errno != EEXIST)
			goto fail;
		else if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			goto fail;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (chmod(path, mode) != 0) {
		free(p);
		p = xstrdup(path);
		goto fail;
	}
	rc = 0;
	goto out;
fail:
	*err = xasprintf(_("cannot create the folder %s: %s"), p,
	    strerror(errno));
out:
	free(p);
	return rc;
}

static int
fsync_parent(const char *path)
{
	char *dir = xstrdup(path), *slash;
	int fd, rc;

	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
fileio_write_atomic(const char *path, const void *data, size_t len,
    mode_t mode, char **err)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	const char *p = data;
	int fd, saved;

	/* mkstemp creates the file 0600, so it is never readable by others. */
	if ((fd = mkstemp(tmp)) < 0) {
		*err = xasprintf(_("cannot write %s: %s (the previous version "
		    "is kept)"), path, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, mode) != 0)
		goto fail;
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (fileio_hook_before_rename != NULL)
		fileio_hook_before_rename();
	if (rename(tmp, path) != 0)
		goto fail;
	/* The rename is durable only once the folder is on disk too. */
	(void)fsync_parent(path);
	free(tmp);
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	*err = xasprintf(_("cannot write %s: %s (the previous version is "
	    "kept)"), path, strerror(saved));
	return -1;
}

/*
 * What is read may be a secret (a passphrase file, a private key given as
 * a CSR): every copy that is let go is wiped first, the one left behind
 * when the buffer grows included.
 */
int
fileio_read_fd(int fd, const char *name, size_t max, char **bufp,
    size_t *lenp, char **err)
{
	size_t len = 0, cap = 4096;
	char *buf = xmalloc(cap + 1);

	for (;;) {
		ssize_t n;

		if (len == cap) {
			char *bigger;

			if (cap > max) {
				freezero(buf, cap + 1);
				*err = xasprintf(_("%s is larger than %zu bytes"),
				    name, max);
				return -2;
			}
			bigger = xmalloc(cap * 2 + 1);
			memcpy(bigger, buf, len);
			freezero(buf, cap + 1);
			buf = bigger;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*err = xasprintf(_("cannot read %s: %s"), name,
			    strerror(errno));
			freezero(buf, cap + 1);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > max) {
		freezero(buf, cap + 1);
		*err = xasprintf(_("%s is larger than %zu bytes"), name, max);
		return -2;
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

int
fileio_read(const char *path, size_t max, char **bufp, size_t *lenp,
    char **err)
{
	struct stat st;
	int fd, rc;

	if (strcmp(path, "-") == 0)
		return fileio_read_fd(STDIN_FILENO, _("standard input"), max,
		    bufp, lenp, err);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
		*err = xasprintf(_("cannot open %s: %s"), path,
		    strerror(errno));
		return -1;
	}
	/* st is only looked at once fstat has filled it in. */
	if (fstat(fd, &st) != 0) {
		*err = xasprintf(_("cannot read %s: %s"), path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*err = S_ISDIR(st.st_mode) ?
		    xasprintf(_("%s is a folder, not a file"), path) :
		    xasprintf(_("%s is not a regular file"), path);
		close(fd);
		return -1;
	}
	rc = fileio_read_fd(fd, path, max, bufp, lenp, err);
	close(fd);
	return rc;
}

int
fileio_remove_tree(const char *path, char **err)
{
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if ((d = opendir(path)) == NULL) {
		*err = xasprintf(_("cannot open the folder %s: %s"), path,
		    strerror(errno));
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		struct stat st;
		char *p;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", path, de->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			rc = fileio_remove_tree(p, err);
		else if (unlink(p) != 0) {
			*err = xasprintf(_("cannot remove %s: %s"), p,
			    strerror(errno));
			rc = -1;
		}
		free(p);
	}
	closedir(d);
	if (rc == 0 && rmdir(path) != 0) {
		*err = xasprintf(_("cannot remove the folder %s: %s"), path,
		    strerror(errno));
		rc = -1;
	}
	return rc;
}

char *
fileio_read_secret_line(const char *path, int fd, size_t max, char **err)
{
	char *buf = NULL, *name;
	size_t len = 0, line;
	int rc;

	if (path != NULL)
		rc = fileio_read(path, max, &buf, &len, err);
	else {
		if (fcntl(fd, F_GETFD) < 0) {
			*err = xasprintf(_("cannot read from descriptor %d: %s"),
			    fd, strerror(errno));
			return NULL;
		}
		name = xasprintf(_("descriptor %d"), fd);
		rc = fileio_read_fd(fd, name, max, &buf, &len, err);
		free(name);
	}
	if (rc != 0)
		return NULL;
	/* The first line only; the rest, NULs or not, is wiped too. */
	line = strcspn(buf, "\r\n");
	explicit_bzero(buf + line, len - line);
	buf[line] = '\0';
	return buf;
}
