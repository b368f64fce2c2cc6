/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SUITES_H
#define SUITES_H

#include <CUnit/CUnit.h>

void add_handshake_tests(CU_pSuite suite);
void add_close_tests(CU_pSuite suite);
void add_seq_tests(CU_pSuite suite);
void add_text_tests(CU_pSuite suite);
void add_http_tests(CU_pSuite suite);
void add_short_tests(CU_pSuite suite);
void add_proof_tests(CU_pSuite suite);
void add_msg_tests(CU_pSuite suite);
void add_pack_tests(CU_pSuite suite);
void add_ignored_tests(CU_pSuite suite);

#endif
