import Hummingbird
import NIOCore

/// Hummingbird's basic context plus the connection's event loop, where a stream's timers and
/// writes run (``EventLoopExecutor``).
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let eventLoop: any EventLoop

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        eventLoop = source.channel.eventLoop
    }
}
