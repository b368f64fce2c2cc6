# SPDX-License-Identifier: GPL-2.0-or-later
# Feature checks against the Wireshark headers in use, so the source builds on 4.0 … 4.6
# without version tests or copies of private structs. Results go to plugin/lab_config.h.in.
include(CheckCSourceCompiles)
include(CheckIncludeFile)

# The Wireshark include folders, for these checks and those of the test programs
# (LabHarnessFeatureChecks.cmake, included later from tests/fuzz).
get_target_property(_lab_ws_libs lab::wireshark INTERFACE_LINK_LIBRARIES)
set(LAB_WIRESHARK_INCLUDE_DIRS "")
foreach(_lib IN LISTS _lab_ws_libs)
  if(TARGET ${_lib})
    get_target_property(_inc ${_lib} INTERFACE_INCLUDE_DIRECTORIES)
    if(_inc)
      list(APPEND LAB_WIRESHARK_INCLUDE_DIRS ${_inc})
    endif()
  endif()
endforeach()

set(CMAKE_REQUIRED_INCLUDES ${LAB_WIRESHARK_INCLUDE_DIRS})
set(CMAKE_REQUIRED_QUIET TRUE)

# plugin_describe() and WS_PLUGIN_DESC_DISSECTOR (wsutil/plugins.h) arrived in 4.4: 4.4.19's
# header has them, 4.0.17's does not, and they came in on the development branch after 4.2.0
# (the wireshark-dev thread "Changes to the plugin registration API", December 2023).
check_c_source_compiles("
#include <wsutil/plugins.h>
int main(void) { return (int)WS_PLUGIN_DESC_DISSECTOR; }" LAB_HAVE_PLUGIN_DESCRIBE)

# 4.2 made field_info.value a pointer (it is an embedded fvalue_t in 4.0).
check_c_source_compiles("
#include <epan/proto.h>
int main(void) { field_info fi; fvalue_t *v = fi.value; (void)v; return 0; }" LAB_HAVE_FVALUE_POINTER)

# 4.6 made the -z init callback of stat_tap_ui return bool (false: the argument is refused).
check_c_source_compiles("
#include <epan/stat_tap_ui.h>
int main(void) { stat_tap_init_cb cb = 0; bool ok = cb(\"\", 0); return ok ? 0 : 1; }" LAB_HAVE_STAT_TAP_INIT_BOOL)

# The ladder names HTTP messages from the http tap's record (packet-http.h, a public
# dissector header); without it the ladder shows request numbers and status codes only.
check_c_source_compiles("
#include <epan/packet.h>
#include <epan/dissectors/packet-http.h>
int main(void) { http_info_value_t v = {0}; const char *m = v.request_method; const char *u = v.request_uri;
                 unsigned c = v.response_code; unsigned f = v.framenum; return (m || u) ? (int)(c + f) : 0; }" LAB_HAVE_HTTP_INFO_VALUE)

unset(CMAKE_REQUIRED_INCLUDES)
unset(CMAKE_REQUIRED_QUIET)
