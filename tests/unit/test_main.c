/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CUnit runner for the analysis core. */
#include "runner.h"
#include "suites.h"

#include <CUnit/Basic.h>

/* Suite names are short words, as on the command line and in the ctest entries
 * (core_unit_<suite>); tests/CMakeLists.txt lists them and core_unit_suites_listed checks
 * that list against --list. */
int main(int argc, char **argv)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    add_handshake_tests(CU_add_suite("handshake", NULL, NULL)); /* the three-way handshake */
    add_close_tests(CU_add_suite("close", NULL, NULL)); /* close and reset */
    add_seq_tests(CU_add_suite("seq", NULL, NULL)); /* seq/ack arithmetic */
    add_text_tests(CU_add_suite("labels", NULL, NULL)); /* the labels of the tree */
    add_http_tests(CU_add_suite("http", NULL, NULL)); /* HTTP keep-alive and verdicts */
    add_short_tests(CU_add_suite("short", NULL, NULL)); /* short column texts */
    add_proof_tests(CU_add_suite("proofs", NULL, NULL)); /* what the packets prove */
    add_msg_tests(CU_add_suite("msg", NULL, NULL)); /* message catalogue and languages */
    add_pack_tests(CU_add_suite("pack", NULL, NULL)); /* packing an annotation for storage */
    add_ignored_tests(CU_add_suite("ignored", NULL, NULL)); /* never a false fact, round 3 (issue 24) */
    return lab_run_tests(argc, argv);
}
