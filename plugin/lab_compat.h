/* The one place that papers over differences between Wireshark releases (4.0 … 4.6).
 * Each switch is a feature check made by CMake (see CMakeLists.txt), not a version test. */
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

#endif
