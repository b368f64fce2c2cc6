/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef RUNNER_H
#define RUNNER_H

/*
 * The command line of a CUnit test program, once its suites are in the registry:
 *   (nothing)      run every suite
 *   SUITE ...      run these suites
 *   SUITE:TEST ... run this one test (the suite name ends at the first colon)
 *   --list         print the suite names, one a line, and run nothing
 *   --list-tests   print every test as SUITE:TEST, one a line, and run nothing
 * Every name is looked up before anything runs; an unknown one is an error (exit 2).
 * Exit 0 when every test run passed and at least one ran, 1 otherwise.
 * Cleans up the registry before it returns.
 */
int lab_run_tests(int argc, char **argv);

#endif
