/* Helpers shared by src/csr.c and src/keygen.c only: not part of the API. */
#ifndef CSR_INT_H
#define CSR_INT_H

/*
 * "what: reason" with the reasons of OpenSSL's error queue (which is
 * emptied), or just what when the queue is empty. Caller frees.
 */
char *csr_ossl_error(const char *what);

#endif /* CSR_INT_H */
