import ArgumentParser
import LLMLoadCore

extension RunCommand {
    /// Makes `configuration`'s load the replay of `trace`: its instants, ending with the trace
    /// (the last entry's instant and 1 ms) unless `--duration` ends it sooner.
    /// - Throws: a `ValidationError` when the trace (after window and speed) would take longer
    ///   than the longest accepted run.
    static func replay(_ trace: Trace, in configuration: inout RunConfiguration, duration: Duration?) throws {
        guard trace.span <= OptionBounds.maximumDuration else {
            throw ValidationError(
                "the trace \(trace.path) spans \(Int(trace.span.seconds)) s, longer than a run may last: "
                    + "replay part of it (--trace-window) or faster (--trace-speed)")
        }
        configuration.load.profile = .trace(trace)
        configuration.load.duration = duration ?? trace.span + .milliseconds(1)
    }
}
