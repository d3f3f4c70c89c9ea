/* Rules for the applicant and company fields, and the tips of every field. */
#ifndef RULES_H
#define RULES_H

#include <stdbool.h>

struct application;
struct cert_type;
struct field_def;
struct findings;

/*
 * Check one field's value for this application (DESIGN 3, issuance-rules
 * 4.4, 5): the common checks (valid UTF-8, no control characters, length
 * in characters, one of the choices) and the field's own rule (email,
 * phone, resident ID with its check digit and birth date, USCC check
 * character (a mismatch is a warning), zip code by country, country code,
 * a mobile number as company phone (warning)). An empty value is an error
 * only when the field is required. Findings go to f under the field's key.
 * Returns the worst level as a bool: true when acceptable.
 */
bool rules_check_field(const struct field_def *fd, const char *value,
    const struct application *app, const struct cert_type *type,
    struct findings *f);

/* Every field of a group ("applicant", "company") in table order. */
bool rules_check_group(const char *group, const struct application *app,
    const struct cert_type *type, struct findings *f);

/*
 * The normalised form a field is stored in, or NULL when the value is
 * kept as typed: phone numbers to digits with an optional "+", country
 * codes upper case, ID numbers and USCC upper case, emails with the
 * domain part lower case. Caller frees.
 */
char *rules_normalize(const struct field_def *fd, const char *value);

/*
 * The tip for a field (what it is for, an example, the type's limits),
 * translated; caller frees. Never NULL.
 */
char *rules_tip(const struct field_def *fd, const struct cert_type *type);

/*
 * The rules of single fields, for the .check pointers of the field table
 * (fields.h): each adds its findings to f under fd->key. value is the
 * normalised, non-empty value; app (may be NULL) gives the context: the
 * ID type for the ID number, the company's country for the organization
 * ID, the zip code and the company phone.
 */
void rules_check_person_name(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f);
void rules_check_phone(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f);
void rules_check_email(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f);
void rules_check_id_number(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f);
void rules_check_org_id(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f);
void rules_check_country(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f);
void rules_check_zip(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f);

#endif /* RULES_H */
