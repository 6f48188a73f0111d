/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file st_test.h
 * @brief A minimal test harness for firmware tests.
 *
 * Each ST_CHECK* counts one check; a failing check prints where and what (expected and actual values).
 * st_test_done() prints the summary line `N passed, N failed` and returns the exit code for main():
 * 0 when nothing failed, 1 otherwise.
 *
 * @code
 * int main(void) {
 *     ST_TEST("adder");
 *     ST_CHECK_EQ(add(2, 3), 5);
 *     return st_test_done();
 * }
 * @endcode
 */
#ifndef ST_TEST_H
#define ST_TEST_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Starts a named group of checks (printed, so a failure can be placed). */
#define ST_TEST(name) st_test_begin(name)

/** Checks that a condition holds. */
#define ST_CHECK(cond) st_test_check((cond), #cond, __FILE__, __LINE__)

/** Checks that two integers (compared as 32-bit unsigned) are equal; prints both on failure. */
#define ST_CHECK_EQ(actual, expected) \
    st_test_check_eq((uint32_t)(actual), (uint32_t)(expected), #actual, __FILE__, __LINE__)

/** Prints and records the start of a named group of checks. */
void st_test_begin(const char *name);

/** Records one check; on failure prints file, line and the condition. Returns cond. */
bool st_test_check(bool cond, const char *text, const char *file, int line);

/** Records one equality check; on failure prints file, line, expected and actual. Returns equality. */
bool st_test_check_eq(uint32_t actual, uint32_t expected, const char *text, const char *file, int line);

/** Number of checks that passed so far. */
uint32_t st_test_passed(void);

/** Number of checks that failed so far. */
uint32_t st_test_failed(void);

/** Prints `N passed, N failed`. @return 0 if no check failed, else 1 (return it from main()). */
int st_test_done(void);

#ifdef __cplusplus
}
#endif

#endif /* ST_TEST_H */
