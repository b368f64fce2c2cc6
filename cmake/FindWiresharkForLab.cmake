# SPDX-License-Identifier: GPL-2.0-or-later
# Finds Wireshark's development files for the plugin.
#
# First Wireshark's own package config (Debian's wireshark-dev ships WiresharkConfig.cmake),
# then pkg-config. Defines the imported target lab::wireshark and the variables
#   LAB_WIRESHARK_FOUND, Wireshark_MAJOR_VERSION, Wireshark_MINOR_VERSION,
#   LAB_WIRESHARK_PLUGIN_DIR (the system plugin folder, without the /epan part).

set(LAB_WIRESHARK_FOUND FALSE)

find_package(Wireshark CONFIG QUIET)
if(Wireshark_FOUND AND TARGET epan)
  add_library(lab::wireshark INTERFACE IMPORTED)
  set_target_properties(lab::wireshark PROPERTIES INTERFACE_LINK_LIBRARIES epan)
  set(LAB_WIRESHARK_PLUGIN_DIR "${Wireshark_PLUGIN_INSTALL_DIR}")
  set(LAB_WIRESHARK_FOUND TRUE)
  message(STATUS "Wireshark ${Wireshark_VERSION} found by its CMake package config")
else()
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(LAB_WS QUIET IMPORTED_TARGET wireshark)
  endif()
  if(LAB_WS_FOUND)
    add_library(lab::wireshark INTERFACE IMPORTED)
    set_target_properties(lab::wireshark PROPERTIES INTERFACE_LINK_LIBRARIES PkgConfig::LAB_WS)
    string(REGEX MATCH "^([0-9]+)\\.([0-9]+)" _ws_mm "${LAB_WS_VERSION}")
    set(Wireshark_MAJOR_VERSION "${CMAKE_MATCH_1}")
    set(Wireshark_MINOR_VERSION "${CMAKE_MATCH_2}")
    pkg_get_variable(_ws_plugindir wireshark plugindir)
    if(NOT _ws_plugindir)
      pkg_get_variable(_ws_libdir wireshark libdir)
      set(_ws_plugindir "${_ws_libdir}/wireshark/plugins/${Wireshark_MAJOR_VERSION}.${Wireshark_MINOR_VERSION}")
    endif()
    set(LAB_WIRESHARK_PLUGIN_DIR "${_ws_plugindir}")
    set(LAB_WIRESHARK_FOUND TRUE)
    message(STATUS "Wireshark ${LAB_WS_VERSION} found by pkg-config")
  endif()
endif()
