/* A minimal assertion helper for the C and C++ tests: counts checks, prints each
 * failure with its line, and a closing "N passed, N failed" line. */
#ifndef HTTPSTATUS_TEST_CHECK_H
#define HTTPSTATUS_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed;
static int check_failed;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond) {                                                              \
            check_passed++;                                                      \
        } else {                                                                 \
            check_failed++;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

#define CHECK_STR(got, want) CHECK((got) != NULL && strcmp((got), (want)) == 0)

static int check_report(const char *suite)
{
    printf("%s: %d passed, %d failed\n", suite, check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}

#endif
