/*
 * fuzz_json.c - libFuzzer target: the CLI's JSON export reader
 * (examples/smmod/reader_json.c, streamed arrays and Graph-API pages) and
 * JSON Lines (reader_lines.c), with the worker that scans and writes their
 * records. The harness is in fuzz_reader.h. The low bit of the first input
 * byte chooses JSON Lines instead of a JSON document; the harness reads
 * its mode from the next byte.
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    return fuzz_reader_one(data + 1, size - 1,
                           data[0] & 1 ? FMT_JSONL : FMT_JSON);
}
