/*
 * fuzz_csv.c - libFuzzer target: the CLI's CSV record reader
 * (examples/smmod/reader_csv.c) and the worker that scans and writes its
 * records. The harness is in fuzz_reader.h.
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_reader_one(data, size, FMT_CSV);
}
