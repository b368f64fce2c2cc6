/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Differences between Wireshark releases (4.0 … 4.6) in the API the glue uses. Each switch
 * is a feature check made by CMake (cmake/LabFeatureChecks.cmake, results in lab_config.h),
 * never a version test. Two switches are tested where they are used, because what they
 * decide is there or not there as a whole: LAB_HAVE_PLUGIN_DESCRIBE (plugin.c: the
 * plugin_describe() export) and LAB_HAVE_HTTP_INFO_VALUE (lab_ladder.c: request names from
 * the http tap's record). */
#ifndef LAB_COMPAT_H
#define LAB_COMPAT_H

#include "lab_config.h"

#include <epan/proto.h>
#include <epan/ftypes/ftypes.h>

/* field_info.value is an embedded fvalue_t up to 4.0 and a pointer from 4.2 on. */
#ifdef LAB_HAVE_FVALUE_POINTER
#define LAB_FINFO_FVALUE(fi) ((fi)->value)
#else
#define LAB_FINFO_FVALUE(fi) (&(fi)->value)
#endif

static inline guint32 lab_finfo_uint(field_info *fi)
{
    return fvalue_get_uinteger(LAB_FINFO_FVALUE(fi));
}

static inline const char *lab_finfo_string(field_info *fi)
{
    return fvalue_get_string(LAB_FINFO_FVALUE(fi));
}

/* The -z init callback of a stat_tap_ui returns bool from 4.6 on (false: argument refused),
 * void before. Declare it with LAB_STAT_TAP_INIT_RESULT, leave it with LAB_STAT_TAP_INIT_RETURN. */
#ifdef LAB_HAVE_STAT_TAP_INIT_BOOL
#define LAB_STAT_TAP_INIT_RESULT bool
#define LAB_STAT_TAP_INIT_RETURN(ok) return (ok)
#else
#define LAB_STAT_TAP_INIT_RESULT void
#define LAB_STAT_TAP_INIT_RETURN(ok) do { (void)(ok); return; } while (0)
#endif

#endif
