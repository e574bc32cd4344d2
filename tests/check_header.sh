#!/usr/bin/env bash
# The public header compiles alone as C99 (pedantic) and as C++.
set -eu
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '#include "smmod.h"\nint main(void) { return smmod_version() == 0; }\n' > "$tmp/h.c"
cc -std=c99 -Wall -Wextra -pedantic -Werror -Iinclude -c "$tmp/h.c" -o "$tmp/h.o"
cp "$tmp/h.c" "$tmp/h.cpp"
c++ -std=c++11 -Wall -Wextra -pedantic -Werror -Iinclude -c "$tmp/h.cpp" -o "$tmp/hpp.o"
