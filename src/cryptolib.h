/*
 * OpenSSL's libcrypto, loaded on first use instead of at every start.
 *
 * libcrypto is the largest library certwiz uses (about 3,400 symbol and
 * 17,000 relative relocations, some 1.4 MB resident once relocated), and
 * the first screen, --help, --version and most commands need none of it.
 * So the certwiz program is not linked with it: src/cryptolib.c opens
 * libcrypto.so.3 with dlopen the first time a function is called, and the
 * functions are reached through a table typed from OpenSSL's own headers
 * (__typeof__), so the compiler checks every call as before.
 *
 * Use: a source file that calls OpenSSL functions includes this header
 * LAST (after <openssl/...> and every header that includes them) and
 * calls the functions by their usual names; each name below is a macro
 * for the table's entry. To call a function not yet used, add it to
 * both lists below (CRYPTOLIB_FUNCTIONS and the #defines), in
 * alphabetical order; one missing from the #defines fails to link the
 * certwiz program (undefined reference), one missing from the first
 * list fails to compile. The unit tests link libcrypto as well; the table
 * then finds the same library.
 *
 * Entry points that can report an error call cryptolib_load() first, so
 * that a missing library is an ordinary failure with a message naming
 * the Debian package. A call made without it loads the library too; if
 * that fails, fatal() ends the program with the same message (exit 3).
 */
#ifndef CRYPTOLIB_H
#define CRYPTOLIB_H

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/objects.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* The versioned soname of the library the headers describe. */
#define CRYPTOLIB_SONAME "libcrypto.so.3"

/* Every libcrypto function certwiz calls. */
#define CRYPTOLIB_FUNCTIONS(F) \
	F(ASN1_IA5STRING_free) \
	F(ASN1_IA5STRING_new) \
	F(ASN1_STRING_get0_data) \
	F(ASN1_STRING_length) \
	F(ASN1_STRING_set) \
	F(ASN1_STRING_to_UTF8) \
	F(ASN1_STRING_type) \
	F(ASN1_TIME_to_tm) \
	F(BIO_ctrl) \
	F(BIO_free) \
	F(BIO_new) \
	F(BIO_new_mem_buf) \
	F(BIO_s_mem) \
	F(BIO_s_secmem) \
	F(BN_bn2binpad) \
	F(BN_cmp) \
	F(BN_free) \
	F(BN_is_odd) \
	F(BN_num_bits) \
	F(BN_value_one) \
	F(CRYPTO_clear_free) \
	F(CRYPTO_free) \
	F(CRYPTO_memcmp) \
	F(ECDSA_SIG_free) \
	F(ECDSA_SIG_get0) \
	F(ERR_clear_error) \
	F(ERR_error_string_n) \
	F(ERR_get_error) \
	F(ERR_peek_last_error) \
	F(EVP_DecodeBlock) \
	F(EVP_DecodeFinal) \
	F(EVP_DecodeInit) \
	F(EVP_DecodeUpdate) \
	F(EVP_Digest) \
	F(EVP_DigestSign) \
	F(EVP_DigestSignInit) \
	F(EVP_ENCODE_CTX_free) \
	F(EVP_ENCODE_CTX_new) \
	F(EVP_EncodeBlock) \
	F(EVP_MAC_CTX_free) \
	F(EVP_MAC_CTX_new) \
	F(EVP_MAC_fetch) \
	F(EVP_MAC_final) \
	F(EVP_MAC_free) \
	F(EVP_MAC_init) \
	F(EVP_MAC_update) \
	F(EVP_MD_CTX_free) \
	F(EVP_MD_CTX_new) \
	F(EVP_PKEY_CTX_free) \
	F(EVP_PKEY_CTX_get_app_data) \
	F(EVP_PKEY_CTX_new_from_name) \
	F(EVP_PKEY_CTX_set_app_data) \
	F(EVP_PKEY_CTX_set_cb) \
	F(EVP_PKEY_CTX_set_group_name) \
	F(EVP_PKEY_CTX_set_rsa_keygen_bits) \
	F(EVP_PKEY_Q_keygen) \
	F(EVP_PKEY_free) \
	F(EVP_PKEY_generate) \
	F(EVP_PKEY_get0_type_name) \
	F(EVP_PKEY_get_bits) \
	F(EVP_PKEY_get_bn_param) \
	F(EVP_PKEY_get_int_param) \
	F(EVP_PKEY_get_utf8_string_param) \
	F(EVP_PKEY_is_a) \
	F(EVP_PKEY_keygen_init) \
	F(EVP_sha256) \
	F(GENERAL_NAMES_free) \
	F(GENERAL_NAMES_new) \
	F(GENERAL_NAME_free) \
	F(GENERAL_NAME_new) \
	F(GENERAL_NAME_set0_value) \
	F(HMAC) \
	F(OBJ_find_sigid_algs) \
	F(OBJ_nid2ln) \
	F(OBJ_obj2nid) \
	F(OBJ_obj2txt) \
	F(OPENSSL_cleanse) \
	F(OPENSSL_sk_free) \
	F(OPENSSL_sk_new_null) \
	F(OPENSSL_sk_num) \
	F(OPENSSL_sk_pop_free) \
	F(OPENSSL_sk_push) \
	F(OPENSSL_sk_value) \
	F(OSSL_DECODER_CTX_free) \
	F(OSSL_DECODER_CTX_new_for_pkey) \
	F(OSSL_DECODER_from_data) \
	F(OSSL_ENCODER_CTX_free) \
	F(OSSL_ENCODER_CTX_get_num_encoders) \
	F(OSSL_ENCODER_CTX_new_for_pkey) \
	F(OSSL_ENCODER_CTX_set_cipher) \
	F(OSSL_ENCODER_CTX_set_passphrase) \
	F(OSSL_ENCODER_to_data) \
	F(OSSL_PARAM_construct_end) \
	F(OSSL_PARAM_construct_utf8_string) \
	F(PEM_read_bio_PrivateKey) \
	F(PEM_read_bio_X509) \
	F(PEM_read_bio_X509_REQ) \
	F(PEM_write_bio_PrivateKey) \
	F(PEM_write_bio_X509) \
	F(PEM_write_bio_X509_REQ) \
	F(PKCS12_create) \
	F(PKCS12_free) \
	F(PKCS7_free) \
	F(RAND_bytes) \
	F(X509V3_EXT_d2i) \
	F(X509V3_add1_i2d) \
	F(X509_ALGOR_get0) \
	F(X509_CRL_free) \
	F(X509_EXTENSION_free) \
	F(X509_EXTENSION_get_object) \
	F(X509_NAME_ENTRY_get_data) \
	F(X509_NAME_add_entry_by_NID) \
	F(X509_NAME_free) \
	F(X509_NAME_get_entry) \
	F(X509_NAME_get_index_by_NID) \
	F(X509_NAME_new) \
	F(X509_NAME_oneline) \
	F(X509_NAME_print_ex) \
	F(X509_REQ_add_extensions) \
	F(X509_REQ_free) \
	F(X509_REQ_get0_pubkey) \
	F(X509_REQ_get0_signature) \
	F(X509_REQ_get_extensions) \
	F(X509_REQ_get_pubkey) \
	F(X509_REQ_get_subject_name) \
	F(X509_REQ_get_version) \
	F(X509_REQ_new) \
	F(X509_REQ_set_pubkey) \
	F(X509_REQ_set_subject_name) \
	F(X509_REQ_set_version) \
	F(X509_REQ_sign) \
	F(X509_REQ_verify) \
	F(X509_SIG_free) \
	F(X509_STORE_CTX_free) \
	F(X509_STORE_CTX_get0_chain) \
	F(X509_STORE_CTX_get_error) \
	F(X509_STORE_CTX_get_error_depth) \
	F(X509_STORE_CTX_init) \
	F(X509_STORE_CTX_new) \
	F(X509_STORE_CTX_set_flags) \
	F(X509_STORE_CTX_set_purpose) \
	F(X509_STORE_free) \
	F(X509_STORE_load_file) \
	F(X509_STORE_new) \
	F(X509_STORE_set_default_paths) \
	F(X509_check_host) \
	F(X509_check_ip_asc) \
	F(X509_check_issued) \
	F(X509_check_private_key) \
	F(X509_cmp) \
	F(X509_free) \
	F(X509_get0_notAfter) \
	F(X509_get0_notBefore) \
	F(X509_get_ext_d2i) \
	F(X509_get_issuer_name) \
	F(X509_get_pubkey) \
	F(X509_get_subject_name) \
	F(X509_up_ref) \
	F(X509_verify_cert) \
	F(X509_verify_cert_error_string) \
	F(d2i_ECDSA_SIG) \
	F(d2i_PKCS12) \
	F(d2i_PKCS7) \
	F(d2i_PUBKEY) \
	F(d2i_X509) \
	F(d2i_X509_CRL) \
	F(d2i_X509_REQ) \
	F(d2i_X509_SIG) \
	F(i2d_PKCS12) \
	F(i2d_PUBKEY) \
	F(i2d_X509) \
	F(i2d_X509_REQ)

struct cryptolib {
#define CRYPTOLIB_FIELD(f) __typeof__(f) *p_##f;
	CRYPTOLIB_FUNCTIONS(CRYPTOLIB_FIELD)
#undef CRYPTOLIB_FIELD
};

/*
 * Load libcrypto once (safe from any thread). 0, or -1 with *err (if err
 * is not NULL; the caller frees it) saying what is missing and which
 * Debian package to install.
 */
int cryptolib_load(char **err);

/* The table, loading the library first if need be (fatal if missing). */
const struct cryptolib *cryptolib(void);

#define ASN1_IA5STRING_free (*cryptolib()->p_ASN1_IA5STRING_free)
#define ASN1_IA5STRING_new (*cryptolib()->p_ASN1_IA5STRING_new)
#define ASN1_STRING_get0_data (*cryptolib()->p_ASN1_STRING_get0_data)
#define ASN1_STRING_length (*cryptolib()->p_ASN1_STRING_length)
#define ASN1_STRING_set (*cryptolib()->p_ASN1_STRING_set)
#define ASN1_STRING_to_UTF8 (*cryptolib()->p_ASN1_STRING_to_UTF8)
#define ASN1_STRING_type (*cryptolib()->p_ASN1_STRING_type)
#define ASN1_TIME_to_tm (*cryptolib()->p_ASN1_TIME_to_tm)
#define BIO_ctrl (*cryptolib()->p_BIO_ctrl)
#define BIO_free (*cryptolib()->p_BIO_free)
#define BIO_new (*cryptolib()->p_BIO_new)
#define BIO_new_mem_buf (*cryptolib()->p_BIO_new_mem_buf)
#define BIO_s_mem (*cryptolib()->p_BIO_s_mem)
#define BIO_s_secmem (*cryptolib()->p_BIO_s_secmem)
#define BN_bn2binpad (*cryptolib()->p_BN_bn2binpad)
#define BN_cmp (*cryptolib()->p_BN_cmp)
#define BN_free (*cryptolib()->p_BN_free)
#define BN_is_odd (*cryptolib()->p_BN_is_odd)
#define BN_num_bits (*cryptolib()->p_BN_num_bits)
#define BN_value_one (*cryptolib()->p_BN_value_one)
#define CRYPTO_clear_free (*cryptolib()->p_CRYPTO_clear_free)
#define CRYPTO_free (*cryptolib()->p_CRYPTO_free)
#define CRYPTO_memcmp (*cryptolib()->p_CRYPTO_memcmp)
#define ECDSA_SIG_free (*cryptolib()->p_ECDSA_SIG_free)
#define ECDSA_SIG_get0 (*cryptolib()->p_ECDSA_SIG_get0)
#define ERR_clear_error (*cryptolib()->p_ERR_clear_error)
#define ERR_error_string_n (*cryptolib()->p_ERR_error_string_n)
#define ERR_get_error (*cryptolib()->p_ERR_get_error)
#define ERR_peek_last_error (*cryptolib()->p_ERR_peek_last_error)
#define EVP_DecodeBlock (*cryptolib()->p_EVP_DecodeBlock)
#define EVP_DecodeFinal (*cryptolib()->p_EVP_DecodeFinal)
#define EVP_DecodeInit (*cryptolib()->p_EVP_DecodeInit)
#define EVP_DecodeUpdate (*cryptolib()->p_EVP_DecodeUpdate)
#define EVP_Digest (*cryptolib()->p_EVP_Digest)
#define EVP_DigestSign (*cryptolib()->p_EVP_DigestSign)
#define EVP_DigestSignInit (*cryptolib()->p_EVP_DigestSignInit)
#define EVP_ENCODE_CTX_free (*cryptolib()->p_EVP_ENCODE_CTX_free)
#define EVP_ENCODE_CTX_new (*cryptolib()->p_EVP_ENCODE_CTX_new)
#define EVP_EncodeBlock (*cryptolib()->p_EVP_EncodeBlock)
#define EVP_MAC_CTX_free (*cryptolib()->p_EVP_MAC_CTX_free)
#define EVP_MAC_CTX_new (*cryptolib()->p_EVP_MAC_CTX_new)
#define EVP_MAC_fetch (*cryptolib()->p_EVP_MAC_fetch)
#define EVP_MAC_final (*cryptolib()->p_EVP_MAC_final)
#define EVP_MAC_free (*cryptolib()->p_EVP_MAC_free)
#define EVP_MAC_init (*cryptolib()->p_EVP_MAC_init)
#define EVP_MAC_update (*cryptolib()->p_EVP_MAC_update)
#define EVP_MD_CTX_free (*cryptolib()->p_EVP_MD_CTX_free)
#define EVP_MD_CTX_new (*cryptolib()->p_EVP_MD_CTX_new)
#define EVP_PKEY_CTX_free (*cryptolib()->p_EVP_PKEY_CTX_free)
#define EVP_PKEY_CTX_get_app_data (*cryptolib()->p_EVP_PKEY_CTX_get_app_data)
#define EVP_PKEY_CTX_new_from_name (*cryptolib()->p_EVP_PKEY_CTX_new_from_name)
#define EVP_PKEY_CTX_set_app_data (*cryptolib()->p_EVP_PKEY_CTX_set_app_data)
#define EVP_PKEY_CTX_set_cb (*cryptolib()->p_EVP_PKEY_CTX_set_cb)
#define EVP_PKEY_CTX_set_group_name (*cryptolib()->p_EVP_PKEY_CTX_set_group_name)
#define EVP_PKEY_CTX_set_rsa_keygen_bits (*cryptolib()->p_EVP_PKEY_CTX_set_rsa_keygen_bits)
#define EVP_PKEY_Q_keygen (*cryptolib()->p_EVP_PKEY_Q_keygen)
#define EVP_PKEY_free (*cryptolib()->p_EVP_PKEY_free)
#define EVP_PKEY_generate (*cryptolib()->p_EVP_PKEY_generate)
#define EVP_PKEY_get0_type_name (*cryptolib()->p_EVP_PKEY_get0_type_name)
#define EVP_PKEY_get_bits (*cryptolib()->p_EVP_PKEY_get_bits)
#define EVP_PKEY_get_bn_param (*cryptolib()->p_EVP_PKEY_get_bn_param)
#define EVP_PKEY_get_int_param (*cryptolib()->p_EVP_PKEY_get_int_param)
#define EVP_PKEY_get_utf8_string_param (*cryptolib()->p_EVP_PKEY_get_utf8_string_param)
#define EVP_PKEY_is_a (*cryptolib()->p_EVP_PKEY_is_a)
#define EVP_PKEY_keygen_init (*cryptolib()->p_EVP_PKEY_keygen_init)
#define EVP_sha256 (*cryptolib()->p_EVP_sha256)
#define GENERAL_NAMES_free (*cryptolib()->p_GENERAL_NAMES_free)
#define GENERAL_NAMES_new (*cryptolib()->p_GENERAL_NAMES_new)
#define GENERAL_NAME_free (*cryptolib()->p_GENERAL_NAME_free)
#define GENERAL_NAME_new (*cryptolib()->p_GENERAL_NAME_new)
#define GENERAL_NAME_set0_value (*cryptolib()->p_GENERAL_NAME_set0_value)
#define HMAC (*cryptolib()->p_HMAC)
#define OBJ_find_sigid_algs (*cryptolib()->p_OBJ_find_sigid_algs)
#define OBJ_nid2ln (*cryptolib()->p_OBJ_nid2ln)
#define OBJ_obj2nid (*cryptolib()->p_OBJ_obj2nid)
#define OBJ_obj2txt (*cryptolib()->p_OBJ_obj2txt)
#define OPENSSL_cleanse (*cryptolib()->p_OPENSSL_cleanse)
#define OPENSSL_sk_free (*cryptolib()->p_OPENSSL_sk_free)
#define OPENSSL_sk_new_null (*cryptolib()->p_OPENSSL_sk_new_null)
#define OPENSSL_sk_num (*cryptolib()->p_OPENSSL_sk_num)
#define OPENSSL_sk_pop_free (*cryptolib()->p_OPENSSL_sk_pop_free)
#define OPENSSL_sk_push (*cryptolib()->p_OPENSSL_sk_push)
#define OPENSSL_sk_value (*cryptolib()->p_OPENSSL_sk_value)
#define OSSL_DECODER_CTX_free (*cryptolib()->p_OSSL_DECODER_CTX_free)
#define OSSL_DECODER_CTX_new_for_pkey (*cryptolib()->p_OSSL_DECODER_CTX_new_for_pkey)
#define OSSL_DECODER_from_data (*cryptolib()->p_OSSL_DECODER_from_data)
#define OSSL_ENCODER_CTX_free (*cryptolib()->p_OSSL_ENCODER_CTX_free)
#define OSSL_ENCODER_CTX_get_num_encoders (*cryptolib()->p_OSSL_ENCODER_CTX_get_num_encoders)
#define OSSL_ENCODER_CTX_new_for_pkey (*cryptolib()->p_OSSL_ENCODER_CTX_new_for_pkey)
#define OSSL_ENCODER_CTX_set_cipher (*cryptolib()->p_OSSL_ENCODER_CTX_set_cipher)
#define OSSL_ENCODER_CTX_set_passphrase (*cryptolib()->p_OSSL_ENCODER_CTX_set_passphrase)
#define OSSL_ENCODER_to_data (*cryptolib()->p_OSSL_ENCODER_to_data)
#define OSSL_PARAM_construct_end (*cryptolib()->p_OSSL_PARAM_construct_end)
#define OSSL_PARAM_construct_utf8_string (*cryptolib()->p_OSSL_PARAM_construct_utf8_string)
#define PEM_read_bio_PrivateKey (*cryptolib()->p_PEM_read_bio_PrivateKey)
#define PEM_read_bio_X509 (*cryptolib()->p_PEM_read_bio_X509)
#define PEM_read_bio_X509_REQ (*cryptolib()->p_PEM_read_bio_X509_REQ)
#define PEM_write_bio_PrivateKey (*cryptolib()->p_PEM_write_bio_PrivateKey)
#define PEM_write_bio_X509 (*cryptolib()->p_PEM_write_bio_X509)
#define PEM_write_bio_X509_REQ (*cryptolib()->p_PEM_write_bio_X509_REQ)
#define PKCS12_create (*cryptolib()->p_PKCS12_create)
#define PKCS12_free (*cryptolib()->p_PKCS12_free)
#define PKCS7_free (*cryptolib()->p_PKCS7_free)
#define RAND_bytes (*cryptolib()->p_RAND_bytes)
#define X509V3_EXT_d2i (*cryptolib()->p_X509V3_EXT_d2i)
#define X509V3_add1_i2d (*cryptolib()->p_X509V3_add1_i2d)
#define X509_ALGOR_get0 (*cryptolib()->p_X509_ALGOR_get0)
#define X509_CRL_free (*cryptolib()->p_X509_CRL_free)
#define X509_EXTENSION_free (*cryptolib()->p_X509_EXTENSION_free)
#define X509_EXTENSION_get_object (*cryptolib()->p_X509_EXTENSION_get_object)
#define X509_NAME_ENTRY_get_data (*cryptolib()->p_X509_NAME_ENTRY_get_data)
#define X509_NAME_add_entry_by_NID (*cryptolib()->p_X509_NAME_add_entry_by_NID)
#define X509_NAME_free (*cryptolib()->p_X509_NAME_free)
#define X509_NAME_get_entry (*cryptolib()->p_X509_NAME_get_entry)
#define X509_NAME_get_index_by_NID (*cryptolib()->p_X509_NAME_get_index_by_NID)
#define X509_NAME_new (*cryptolib()->p_X509_NAME_new)
#define X509_NAME_oneline (*cryptolib()->p_X509_NAME_oneline)
#define X509_NAME_print_ex (*cryptolib()->p_X509_NAME_print_ex)
#define X509_REQ_add_extensions (*cryptolib()->p_X509_REQ_add_extensions)
#define X509_REQ_free (*cryptolib()->p_X509_REQ_free)
#define X509_REQ_get0_pubkey (*cryptolib()->p_X509_REQ_get0_pubkey)
#define X509_REQ_get0_signature (*cryptolib()->p_X509_REQ_get0_signature)
#define X509_REQ_get_extensions (*cryptolib()->p_X509_REQ_get_extensions)
#define X509_REQ_get_pubkey (*cryptolib()->p_X509_REQ_get_pubkey)
#define X509_REQ_get_subject_name (*cryptolib()->p_X509_REQ_get_subject_name)
#define X509_REQ_get_version (*cryptolib()->p_X509_REQ_get_version)
#define X509_REQ_new (*cryptolib()->p_X509_REQ_new)
#define X509_REQ_set_pubkey (*cryptolib()->p_X509_REQ_set_pubkey)
#define X509_REQ_set_subject_name (*cryptolib()->p_X509_REQ_set_subject_name)
#define X509_REQ_set_version (*cryptolib()->p_X509_REQ_set_version)
#define X509_REQ_sign (*cryptolib()->p_X509_REQ_sign)
#define X509_REQ_verify (*cryptolib()->p_X509_REQ_verify)
#define X509_SIG_free (*cryptolib()->p_X509_SIG_free)
#define X509_STORE_CTX_free (*cryptolib()->p_X509_STORE_CTX_free)
#define X509_STORE_CTX_get0_chain (*cryptolib()->p_X509_STORE_CTX_get0_chain)
#define X509_STORE_CTX_get_error (*cryptolib()->p_X509_STORE_CTX_get_error)
#define X509_STORE_CTX_get_error_depth (*cryptolib()->p_X509_STORE_CTX_get_error_depth)
#define X509_STORE_CTX_init (*cryptolib()->p_X509_STORE_CTX_init)
#define X509_STORE_CTX_new (*cryptolib()->p_X509_STORE_CTX_new)
#define X509_STORE_CTX_set_flags (*cryptolib()->p_X509_STORE_CTX_set_flags)
#define X509_STORE_CTX_set_purpose (*cryptolib()->p_X509_STORE_CTX_set_purpose)
#define X509_STORE_free (*cryptolib()->p_X509_STORE_free)
#define X509_STORE_load_file (*cryptolib()->p_X509_STORE_load_file)
#define X509_STORE_new (*cryptolib()->p_X509_STORE_new)
#define X509_STORE_set_default_paths (*cryptolib()->p_X509_STORE_set_default_paths)
#define X509_check_host (*cryptolib()->p_X509_check_host)
#define X509_check_ip_asc (*cryptolib()->p_X509_check_ip_asc)
#define X509_check_issued (*cryptolib()->p_X509_check_issued)
#define X509_check_private_key (*cryptolib()->p_X509_check_private_key)
#define X509_cmp (*cryptolib()->p_X509_cmp)
#define X509_free (*cryptolib()->p_X509_free)
#define X509_get0_notAfter (*cryptolib()->p_X509_get0_notAfter)
#define X509_get0_notBefore (*cryptolib()->p_X509_get0_notBefore)
#define X509_get_ext_d2i (*cryptolib()->p_X509_get_ext_d2i)
#define X509_get_issuer_name (*cryptolib()->p_X509_get_issuer_name)
#define X509_get_pubkey (*cryptolib()->p_X509_get_pubkey)
#define X509_get_subject_name (*cryptolib()->p_X509_get_subject_name)
#define X509_up_ref (*cryptolib()->p_X509_up_ref)
#define X509_verify_cert (*cryptolib()->p_X509_verify_cert)
#define X509_verify_cert_error_string (*cryptolib()->p_X509_verify_cert_error_string)
#define d2i_ECDSA_SIG (*cryptolib()->p_d2i_ECDSA_SIG)
#define d2i_PKCS12 (*cryptolib()->p_d2i_PKCS12)
#define d2i_PKCS7 (*cryptolib()->p_d2i_PKCS7)
#define d2i_PUBKEY (*cryptolib()->p_d2i_PUBKEY)
#define d2i_X509 (*cryptolib()->p_d2i_X509)
#define d2i_X509_CRL (*cryptolib()->p_d2i_X509_CRL)
#define d2i_X509_REQ (*cryptolib()->p_d2i_X509_REQ)
#define d2i_X509_SIG (*cryptolib()->p_d2i_X509_SIG)
#define i2d_PKCS12 (*cryptolib()->p_i2d_PKCS12)
#define i2d_PUBKEY (*cryptolib()->p_i2d_PUBKEY)
#define i2d_X509 (*cryptolib()->p_i2d_X509)
#define i2d_X509_REQ (*cryptolib()->p_i2d_X509_REQ)

#endif /* CRYPTOLIB_H */
