# SPDX-License-Identifier: GPL-2.0-or-later
# Packages of the plugin for the Wireshark it is built against (-DLAB_PACKAGE=ON, used by
# .ci/package.sh): a .deb made by CPack that installs lab_handshake.so into Wireshark's
# system plugin folder with the README. A plugin loads only in the Wireshark minor version it
# was built for, so there is one package per minor version:
#   name     wireshark-plugin-lab-handshake, version <project version>+ws<major>.<minor>
#   Depends  computed by dpkg-shlibdeps from the plugin's NEEDED sonames: libwiresharkNN
#            (the soname changes with every minor version), libglib, libc — never written
#            here by hand
# The plugin folder is Wireshark's own (LAB_WIRESHARK_PLUGIN_DIR), made relative to the
# package root. The licence: packaging/debian/copyright (Debian's machine-readable format,
# GPL-2.0-or-later) as /usr/share/doc/<package>/copyright, where Debian looks for it.

set(LAB_PACKAGE_NAME "wireshark-plugin-lab-handshake")
string(REGEX REPLACE "^/+" "" _lab_rel_plugin_dir "${LAB_WIRESHARK_PLUGIN_DIR}/epan")
set(LAB_PLUGIN_INSTALL_DIR "${_lab_rel_plugin_dir}")
set(LAB_DOC_INSTALL_DIR "usr/share/doc/${LAB_PACKAGE_NAME}")

install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION "${LAB_DOC_INSTALL_DIR}")
install(FILES "${PROJECT_SOURCE_DIR}/packaging/debian/copyright" DESTINATION "${LAB_DOC_INSTALL_DIR}")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "${LAB_PACKAGE_NAME}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}+ws${LAB_WS_MAJMIN}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/")
set(CPACK_PACKAGE_CONTACT "Lab Handshake maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Wireshark ${LAB_WS_MAJMIN} plugin that explains TCP handshakes, closes and HTTP keep-alive")
# (the extended description; CPack puts the summary above it and indents each line)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Lab Handshake is an epan postdissector for the classic networking lab: it
numbers the handshake and close steps of every TCP stream, names each
endpoint's TCP state, writes the relative seq/ack arithmetic out and
diagnoses HTTP/1.x keep-alive, as lab.* display-filter fields, expert infos
and a statistics tree. Built for Wireshark ${LAB_WS_MAJMIN} only.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "wireshark | tshark")
# Only regular files are packaged; the folders above them belong to Wireshark's packages.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_STRIP_FILES ON)
include(CPack)
