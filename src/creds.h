/* Alibaba Cloud credentials: environment, aliyun CLI profile, INI file,
 * ECS instance RAM role and RAM role ARN (STS AssumeRole). */
#ifndef CREDS_H
#define CREDS_H

#include <time.h>

/* Where the credentials in use come from, and so how they are renewed. */
enum creds_kind {
	CREDS_STATIC = 0,	/* an AccessKey or a fixed STS token */
	CREDS_ECS_ROLE,		/* the ECS instance's RAM role (metadata) */
	CREDS_ROLE_ARN,		/* STS AssumeRole with a source AccessKey */
};

struct creds {
	char *key_id;		/* AccessKey ID (STS.… for a token) */
	char *secret;		/* AccessKey secret: cleansed by creds_clear */
	char *token;		/* STS security token, or NULL */
	char *source;		/* where they came from, in words */
	/* Temporary credentials: how to fetch them again. */
	int kind;		/* enum creds_kind */
	time_t expires;		/* when they expire; 0: never */
	char *role_name;	/* ECS: the instance role; NULL: ask */
	char *role_arn;		/* ARN: the role to assume */
	char *session_name;	/* ARN: RoleSessionName */
	long duration;		/* ARN: DurationSeconds (900..43200) */
	char *policy;		/* ARN: a narrower session Policy, or NULL */
	char *sts_region;	/* ARN: sts.<region>.aliyuncs.com; NULL */
	char *src_id;		/* ARN: the source AccessKey ID */
	char *src_secret;	/* ARN: its secret (cleansed) */
	char *src_token;	/* ARN: its STS token, or NULL (cleansed) */
	char *cacert;		/* CA bundle for STS, or NULL: the system's */
};

/* How long before expiry temporary credentials are fetched again. */
#define CREDS_REFRESH_MARGIN 180

/*
 * Find credentials, in this order (spec section 8): when profile is NULL,
 * the ALIBABA_CLOUD_* variables and their alternates; then the aliyun
 * CLI's ~/.aliyun/config.json (profile, else $ALIBABACLOUD_PROFILE,
 * $ALIBABA_CLOUD_PROFILE, $ALICLOUD_PROFILE, else "current"; modes AK,
 * StsToken, EcsRamRole and RamRoleArn); then ~/.alibabacloud/credentials
 * ($ALIBABA_CLOUD_CREDENTIALS_FILE; section profile, else
 * $ALIBABA_CLOUD_PROFILE, else "default"; types access_key, ecs_ram_role
 * and ram_role_arn); then, when profile is NULL and
 * $ALIBABA_CLOUD_ECS_METADATA names a role, the instance's RAM role.
 * Temporary credentials are fetched here (cacert: the CA bundle for STS,
 * or NULL). A credential file readable by group or others adds a warning
 * to *warning (caller frees; may be set on success or failure). Returns 0
 * with *out (caller clears), or -1 with *err naming every place looked
 * at, or what the metadata service or STS answered.
 */
int creds_load(const char *profile, struct creds *out, char **warning,
    char **err);
int creds_load_tls(const char *profile, const char *cacert,
    struct creds *out, char **warning, char **err);

/*
 * Fetch temporary credentials again when they expire within
 * CREDS_REFRESH_MARGIN seconds (or always, with force). Fixed credentials
 * are left as they are. 0, or -1 with *err (the old ones are kept).
 */
int creds_refresh(struct creds *c, int force, char **err);

/* A deep copy of src into dst (clear with creds_clear). */
void creds_copy(struct creds *dst, const struct creds *src);

/* "AccessKey", "STS token", "ECS instance RAM role", "RAM role ARN". */
const char *creds_kind_name(const struct creds *c);

/* Cleanse the secrets and tokens, free everything. */
void creds_clear(struct creds *c);

/*
 * The providers (ecs-metadata.c, sts.c): fill key_id, secret, token and
 * expires of c from its role_name, or role_arn and src_*. 0, or -1 with
 * *err saying what went wrong and what to do.
 */
int ecs_metadata_fetch(struct creds *c, char **err);
int sts_assume_role(struct creds *c, char **err);

/*
 * Parse an ISO 8601 UTC time ("2026-12-05T10:00:00Z") as the metadata
 * service and STS send it. 0, or -1.
 */
int creds_parse_time(const char *s, time_t *out);

/*
 * A copy of s (text from the network or a file) with every control
 * character and invalid UTF-8 byte replaced by '?'. Caller frees.
 */
char *creds_printable(const char *s);

#endif /* CREDS_H */
