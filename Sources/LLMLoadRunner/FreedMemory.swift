#if canImport(Glibc)
    import Glibc
#endif

/// Hands the heap's free pages back to the system.
///
/// glibc keeps what a run's requests freed (their tasks, buffers and records, spread over the
/// event loop's and the pool's arenas) for reuse, so the report, written after the load,
/// allocated on top of it: the run's peak RSS was the load's plus the report's. Called after the
/// load's connections are closed, and again before the report (after the summary's work).
enum FreedMemory {
    static func release() {
        #if canImport(Glibc)
            // `malloc_trim` is in <malloc.h>, which Glibc's module does not export; looked up by
            // name (nil as RTLD_DEFAULT), it is simply absent from a C library without it (musl).
            typealias Trim = @convention(c) (Int) -> Int32
            guard let trim = dlsym(nil, "malloc_trim") else { return }
            _ = unsafeBitCast(trim, to: Trim.self)(0)
        #endif
    }
}
