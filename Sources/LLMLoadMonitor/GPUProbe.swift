import CNVML
import LLMLoadCore
import Synchronization

/// The GPUs the monitor reads, through NVML.
///
/// `Sendable` so a prepared monitor can move into its sampling task: NVML itself is
/// thread-safe, and the mutex (uncontended: only the sampler reads) keeps the wrapper's
/// handles in one owner's hands.
public final class GPUProbe: Sendable {
    /// A GPU being read.
    public struct Device: Sendable, Equatable {
        /// The NVML device index.
        public var index: Int
        public var name: String?

        public init(index: Int, name: String?) {
            self.index = index
            self.name = name
        }
    }

    /// How opening NVML went.
    public enum Opening: Sendable {
        case opened(GPUProbe)
        /// No NVML, no driver or no device: the run goes on without GPU figures.
        case unavailable(reason: String)
    }

    /// The one line shown when no GPU can be read.
    public static let unavailableNote = GPUNote.noDriver

    public let devices: [Device]
    private let state: Mutex<State>

    private struct State {
        var library: NVMLLibrary
        var handles: [cnvml_device_t]
    }

    private init(state: sending State, devices: [Device]) {
        self.devices = devices
        self.state = Mutex(state)
    }

    /// Loads NVML from `path` and picks the selected devices.
    /// - Throws: ``MonitorError/gpuNotFound(index:deviceCount:)`` when a selected index does
    ///   not exist; a missing library or driver is ``Opening/unavailable(reason:)`` instead.
    public static func open(path: String, selection: RunConfiguration.GPUSelection) throws(MonitorError) -> Opening {
        if case .none = selection { return .unavailable(reason: "GPU metrics off (--gpu none)") }
        let library: NVMLLibrary
        do {
            library = try NVMLLibrary(path: path)
        } catch {
            return .unavailable(reason: "\(unavailableNote) (\(error))")
        }
        let count = library.deviceCount
        guard count > 0 else { return .unavailable(reason: "\(unavailableNote) (NVML lists no device)") }
        let indices: [Int]
        switch selection {
        case .none, .all: indices = Array(0..<count)
        case .indices(let chosen): indices = chosen
        }
        var devices: [Device] = []
        var handles: [cnvml_device_t] = []
        for index in indices {
            guard index >= 0, index < count, let handle = library.device(at: index) else {
                throw .gpuNotFound(index: index, deviceCount: count)
            }
            devices.append(Device(index: index, name: library.name(of: handle)))
            handles.append(handle)
        }
        return .opened(GPUProbe(state: State(library: library, handles: handles), devices: devices))
    }

    /// One reading of every selected device, in selection order.
    public func read() -> [GPUReading] {
        state.withLock { state in
            zip(devices, state.handles).map { device, handle in state.library.read(handle, index: device.index) }
        }
    }
}
