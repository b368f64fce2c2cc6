# SPDX-License-Identifier: GPL-2.0-or-later
# Feature checks for the test programs that drive libwireshark themselves (tests/fuzz/
# redissect.c): they use the file-reading and dissection API a plugin never sees, which
# changed between 4.0, 4.4 and 4.6. Results go to tests/fuzz/redissect_config.h.in and are
# used in one place, tests/fuzz/redissect_compat.h. Each difference was read in the headers
# of Debian's wireshark-dev 4.0.17, 4.4.19 and 4.6.9; "4.6" below means 4.6 has it and 4.4
# does not.
include(CheckCSourceCompiles)


# LAB_WIRESHARK_INCLUDE_DIRS: set by LabFeatureChecks.cmake
set(CMAKE_REQUIRED_INCLUDES ${LAB_WIRESHARK_INCLUDE_DIRS})
set(CMAKE_REQUIRED_QUIET TRUE)
# A callback of the wrong type is only a warning in gcc 12: make it decide the check.
set(CMAKE_REQUIRED_FLAGS "-Werror=incompatible-pointer-types")
# Compile-only checks (a static library is not linked): they ask about declarations.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# The packet provider's interface-name callbacks take a section_number after 4.0 (4.4 and
# 4.6 have it; 4.0 takes (prov, interface_id)).
check_c_source_compiles("
#include <stddef.h>
#include <epan/epan.h>
static const char *name(struct packet_provider_data *p, uint32_t id, unsigned section)
{ (void)p; (void)id; (void)section; return \"\"; }
static const struct packet_provider_funcs funcs = { NULL, name, name, NULL };
int main(void) { return funcs.get_interface_name != NULL ? 0 : 1; }" LAB_HAVE_PROVIDER_SECTION_NUMBER)

# 4.6 moved the record's bytes into the record: wtap_rec has a Buffer data,
# wtap_rec_init() takes its initial size, wtap_read() and wtap_seek_read() no Buffer.
check_c_source_compiles("
#include <stddef.h>
#include <wiretap/wtap.h>
int main(void)
{
    wtap_rec rec;
    int err; char *err_info; int64_t off;
    wtap_rec_init(&rec, 1514);
    if (0) { wtap_read(NULL, &rec, &err, &err_info, &off); wtap_seek_read(NULL, 0, &rec, &err, &err_info); }
    return (int)ws_buffer_length(&rec.data);
}" LAB_HAVE_WTAP_REC_DATA)

# 4.6: epan_dissect_run() makes the tvb from the record's data itself (no tvb argument).
check_c_source_compiles("
#include <stddef.h>
#include <epan/epan.h>
#include <epan/epan_dissect.h>
int main(void) { if (0) epan_dissect_run(NULL, 0, NULL, NULL, NULL); return 0; }" LAB_HAVE_DISSECT_RUN_WITHOUT_TVB)

# 4.6: proto_item_fill_label() also reports where the value starts in the label.
check_c_source_compiles("
#include <stddef.h>
#include <epan/proto.h>
int main(void) { char l[ITEM_LABEL_LENGTH]; size_t at; if (0) proto_item_fill_label(NULL, l, &at); return 0; }"
  LAB_HAVE_FILL_LABEL_VALUE_OFFSET)

# 4.6: ws_log_init() no longer takes the program name.
check_c_source_compiles("
#include <stdarg.h>
#include <stddef.h>
#include <wsutil/wslog.h>
int main(void) { if (0) ws_log_init(NULL); return 0; }" LAB_HAVE_WS_LOG_INIT_WITHOUT_PROGNAME)

# Up to 4.4 an application primes the first pass with the fields postdissectors want
# (prime_epan_dissect_with_postdissector_wanted_hfids, as tshark and the GUI do). 4.6 still
# declares it but no longer exports it: libwireshark primes every frame not yet visited
# itself. A link check, since the declaration is there either way.
set(CMAKE_TRY_COMPILE_TARGET_TYPE EXECUTABLE)
set(CMAKE_REQUIRED_LIBRARIES lab::wireshark)
check_c_source_compiles("
#include <stddef.h>
#include <epan/epan_dissect.h>
#include <epan/packet.h>
int main(void) { void (*f)(epan_dissect_t *) = prime_epan_dissect_with_postdissector_wanted_hfids; return f != NULL ? 0 : 1; }"
  LAB_HAVE_PRIME_POSTDISSECTOR_HFIDS)

unset(CMAKE_REQUIRED_LIBRARIES)
unset(CMAKE_TRY_COMPILE_TARGET_TYPE)
unset(CMAKE_REQUIRED_FLAGS)
unset(CMAKE_REQUIRED_INCLUDES)
unset(CMAKE_REQUIRED_QUIET)
