#ifndef CHUNKWISE_CMALLOC_SHIM_H
#define CHUNKWISE_CMALLOC_SHIM_H
// glibc's allocator tuning (mallopt), which the Glibc module does not export.
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
#endif
