// Nothing to compile: the header declares a function of the libFuzzer runtime.
