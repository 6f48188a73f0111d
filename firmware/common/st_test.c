/* SPDX-License-Identifier: Apache-2.0 */
/*
 * st_test.c - the firmware test harness (st_test.h).
 */
#include <stdio.h>

#include "st_test.h"

static uint32_t st_passed;
static uint32_t st_failed;
static const char *st_group = "";

void st_test_begin(const char *name)
{
    st_group = name;
    printf("test: %s\n", name);
}

bool st_test_check(bool cond, const char *text, const char *file, int line)
{
    if (cond) {
        st_passed++;
    } else {
        st_failed++;
        printf("FAIL %s:%d [%s]: %s\n", file, line, st_group, text);
    }
    return cond;
}

bool st_test_check_eq(uint32_t actual, uint32_t expected, const char *text, const char *file, int line)
{
    bool ok = (actual == expected);
    if (ok) {
        st_passed++;
    } else {
        st_failed++;
        printf("FAIL %s:%d [%s]: %s: expected 0x%08lx (%ld), actual 0x%08lx (%ld)\n", file, line, st_group,
               text, (unsigned long)expected, (long)(int32_t)expected, (unsigned long)actual,
               (long)(int32_t)actual);
    }
    return ok;
}

uint32_t st_test_passed(void)
{
    return st_passed;
}

uint32_t st_test_failed(void)
{
    return st_failed;
}

int st_test_done(void)
{
    printf("%lu passed, %lu failed\n", (unsigned long)st_passed, (unsigned long)st_failed);
    return (st_failed == 0u) ? 0 : 1;
}
