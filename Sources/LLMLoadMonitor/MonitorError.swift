/// Why the monitor cannot start: reported before any load is sent.
public enum MonitorError: Error, CustomStringConvertible, Equatable {
    case processNotFound(pid: Int32)
    case processNameNotFound(String)
    case gpuNotFound(index: Int, deviceCount: Int)

    public var description: String {
        switch self {
        case .processNotFound(let pid):
            "no process with pid \(pid) to monitor (--monitor-pid)"
        case .processNameNotFound(let name):
            "no running process named \(name) to monitor (--monitor-process)"
        case .gpuNotFound(let index, let count):
            "no GPU \(index): NVML lists \(count) (indices 0–\(max(0, count - 1))) (--gpu)"
        }
    }
}
