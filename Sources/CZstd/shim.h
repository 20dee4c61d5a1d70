#ifndef CHUNKWISE_CZSTD_SHIM_H
#define CHUNKWISE_CZSTD_SHIM_H
#include <zstd.h>
#include <zdict.h>
#endif
