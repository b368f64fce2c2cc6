/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit runner for the analysis core. */
#include "suites.h"

#include <CUnit/Basic.h>

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    add_handshake_tests(CU_add_suite("handshake", NULL, NULL));
    add_close_tests(CU_add_suite("close and reset", NULL, NULL));
    add_seq_tests(CU_add_suite("seq/ack arithmetic", NULL, NULL));
    add_text_tests(CU_add_suite("labels", NULL, NULL));
    add_http_tests(CU_add_suite("HTTP keep-alive and verdicts", NULL, NULL));
    add_short_tests(CU_add_suite("short column texts", NULL, NULL));
    add_proof_tests(CU_add_suite("what the packets prove", NULL, NULL));
    add_msg_tests(CU_add_suite("message catalogue and languages", NULL, NULL));
    add_pack_tests(CU_add_suite("packing an annotation for storage", NULL, NULL));
    add_ignored_tests(CU_add_suite("never a false fact, round 3 (issue 24)", NULL, NULL));
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    unsigned ran = CU_get_number_of_tests_run();
    CU_cleanup_registry();
    return (failed == 0 && ran > 0) ? 0 : 1;
}
