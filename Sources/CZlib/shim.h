#ifndef CHUNKWISE_CZLIB_SHIM_H
#define CHUNKWISE_CZLIB_SHIM_H
#include <zlib.h>
#endif
