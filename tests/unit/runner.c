/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The command line shared by the CUnit test programs: all suites, some suites or one test. */
#include "runner.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct selection {
    CU_pSuite suite;
    CU_pTest test; /* NULL: the whole suite */
};

static void list(int with_tests)
{
    for (CU_pSuite s = CU_get_registry()->pSuite; s; s = s->pNext) {
        if (!with_tests) {
            printf("%s\n", s->pName);
            continue;
        }
        for (CU_pTest t = s->pTest; t; t = t->pNext)
            printf("%s:%s\n", s->pName, t->pName);
    }
}

/* Finds SUITE or SUITE:TEST; 0 and a sentence on stderr when there is no such name. */
static int find(const char *prog, const char *arg, struct selection *out)
{
    const char *colon = strchr(arg, ':');
    size_t len = colon ? (size_t)(colon - arg) : strlen(arg);
    char *name = malloc(len + 1);
    if (!name) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 0;
    }
    memcpy(name, arg, len);
    name[len] = '\0';
    out->suite = CU_get_suite(name);
    out->test = NULL;
    if (!out->suite) {
        fprintf(stderr, "%s: there is no suite named \"%s\" (--list prints the suites)\n", prog, name);
        free(name);
        return 0;
    }
    free(name);
    if (colon) {
        out->test = CU_get_test(out->suite, colon + 1);
        if (!out->test) {
            fprintf(stderr, "%s: suite \"%s\" has no test named \"%s\" (--list-tests prints the tests)\n",
                    prog, out->suite->pName, colon + 1);
            return 0;
        }
    }
    return 1;
}

int lab_run_tests(int argc, char **argv)
{
    const char *prog = argc > 0 ? argv[0] : "tests";
    int status = 0;

    if (argc == 2 && (strcmp(argv[1], "--list") == 0 || strcmp(argv[1], "--list-tests") == 0)) {
        list(strcmp(argv[1], "--list-tests") == 0);
        CU_cleanup_registry();
        return fflush(stdout) == 0 ? 0 : 1;
    }

    int n = argc > 1 ? argc - 1 : 0;
    struct selection *sel = n ? calloc((size_t)n, sizeof(*sel)) : NULL;
    if (n && !sel) {
        fprintf(stderr, "%s: out of memory\n", prog);
        CU_cleanup_registry();
        return 2;
    }
    for (int i = 0; i < n; i++) {
        if (argv[i + 1][0] == '-') {
            fprintf(stderr, "%s: unknown option \"%s\" (usage: %s [--list | --list-tests | SUITE | SUITE:TEST ...])\n",
                    prog, argv[i + 1], prog);
            status = 2;
        } else if (!find(prog, argv[i + 1], &sel[i])) {
            status = 2;
        }
    }
    if (status != 0) {
        free(sel);
        CU_cleanup_registry();
        return status;
    }

    CU_basic_set_mode(CU_BRM_VERBOSE);
    unsigned failed = 0, ran = 0;
    if (n == 0) {
        CU_basic_run_tests();
        failed += CU_get_number_of_failures() + CU_get_number_of_tests_failed();
        ran += CU_get_number_of_tests_run();
    }
    for (int i = 0; i < n; i++) {
        if (sel[i].test)
            CU_basic_run_test(sel[i].suite, sel[i].test);
        else
            CU_basic_run_suite(sel[i].suite);
        failed += CU_get_number_of_failures() + CU_get_number_of_tests_failed();
        ran += CU_get_number_of_tests_run();
    }
    free(sel);
    CU_cleanup_registry();
    return (failed == 0 && ran > 0) ? 0 : 1;
}
