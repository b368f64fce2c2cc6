# SPDX-License-Identifier: GPL-2.0-or-later
# Fails when a test program's suites (its --list) differ from the list tests/CMakeLists.txt
# makes one ctest entry each of, so a suite cannot be added without its entry, or run twice.
# cmake -DPROGRAM=<test program> -DEXPECTED=<suite;suite;...> -P suites_listed.cmake
cmake_policy(SET CMP0057 NEW) # if(... IN_LIST ...)
execute_process(COMMAND "${PROGRAM}" --list
  OUTPUT_VARIABLE out RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} --list failed (${rc}): ${err}")
endif()
string(REGEX REPLACE "\n$" "" out "${out}")
string(REPLACE "\n" ";" listed "${out}")
if(NOT listed STREQUAL EXPECTED)
  set(missing)
  foreach(s IN LISTS listed)
    if(NOT s IN_LIST EXPECTED)
      list(APPEND missing "${s}")
    endif()
  endforeach()
  set(extra)
  foreach(s IN LISTS EXPECTED)
    if(NOT s IN_LIST listed)
      list(APPEND extra "${s}")
    endif()
  endforeach()
  message(FATAL_ERROR "The suites of ${PROGRAM} are \"${listed}\"; tests/CMakeLists.txt lists \"${EXPECTED}\". "
    "Without a ctest entry: \"${missing}\". No such suite: \"${extra}\". "
    "Change the list in tests/CMakeLists.txt to the program's suites, in its order.")
endif()
