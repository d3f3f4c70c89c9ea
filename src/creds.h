/* Alibaba Cloud credentials: environment, aliyun CLI profile, INI file. */
#ifndef CREDS_H
#define CREDS_H

struct creds {
	char *key_id;		/* AccessKey ID (STS.… for a token) */
	char *secret;		/* AccessKey secret: cleansed by creds_clear */
	char *token;		/* STS security token, or NULL */
	char *source;		/* where they came from, in words */
};

/*
 * Find credentials, in this order (spec section 8): when profile is NULL,
 * the ALIBABA_CLOUD_* variables and their alternates; then the aliyun
 * CLI's ~/.aliyun/config.json (profile, else $ALIBABACLOUD_PROFILE,
 * $ALIBABA_CLOUD_PROFILE, $ALICLOUD_PROFILE, else "current"; modes AK and
 * StsToken); then ~/.alibabacloud/credentials ($ALIBABA_CLOUD_CREDENTIALS_
 * FILE; section profile, else $ALIBABA_CLOUD_PROFILE, else "default";
 * type access_key). A credential file readable by group or others adds a
 * warning to *warning (caller frees; may be set on success or failure).
 * Returns 0 with *out (caller clears), or -1 with *err naming every place
 * looked at.
 */
int creds_load(const char *profile, struct creds *out, char **warning,
    char **err);

/* Cleanse the secret and token, free everything. */
void creds_clear(struct creds *c);

#endif /* CREDS_H */
