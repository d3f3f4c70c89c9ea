#!/bin/sh
# 10,000 names checked by one "certwiz check domain": now a part of
# bench/run.
# Usage: bench/check-domain.sh [BUILDDIR]
exec bash "$(dirname "$0")/run" --only domains "$@"
