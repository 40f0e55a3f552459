// Intentionally empty: CNVML only declares types (see include/CNVML.h); a C target needs a source file.
#include "CNVML.h"
