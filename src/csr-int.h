/* Helpers shared by src/csr.c and src/keygen.c only: not part of the API. */
#ifndef CSR_INT_H
#define CSR_INT_H

#include <openssl/evp.h>

/*
 * "what: reason" with the reasons of OpenSSL's error queue (which is
 * emptied), or just what when the queue is empty. Caller frees.
 */
char *csr_ossl_error(const char *what);

/*
 * SHA-256 of the key's DER SubjectPublicKeyInfo as 64 lower-case hex
 * digits, or NULL (OpenSSL's error queue says why). Caller frees.
 */
char *csr_spki_sha256(EVP_PKEY *pkey);

#endif /* CSR_INT_H */
