/* sha256.h: SHA-256 (FIPS 180-4), for the content hashes that tie each rating
 * to the exact text that was rated.  A hundred lines of our own rather than a
 * crypto library for one function. */
#ifndef PANELIST_SHA256_H
#define PANELIST_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t	h[8];
	uint64_t	len;
	unsigned char	block[64];
	size_t		used;
};

void sha256_init(struct sha256 *);
void sha256_update(struct sha256 *, const void *, size_t);
/* Finish and write the digest as 64 lower-case hex digits and a NUL. */
void sha256_hex(struct sha256 *, char out[65]);
/* For the tests: the portable rounds even where the CPU has SHA instructions
 * (false: the fastest the CPU has, the default). */
void sha256_set_portable(bool);

#endif
