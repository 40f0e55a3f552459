import CNVML
import Foundation
import LLMLoadCore

/// NVML, loaded at run time with `dlopen`, so llmload runs (without GPU figures) where no
/// NVIDIA driver is installed. Initialised on load, shut down and closed on deinit.
///
/// Not `Sendable`: NVML is thread-safe, but this wrapper's lifetime is its owner's
/// (``GPUProbe`` keeps it behind a mutex).
final class NVMLLibrary {
    /// The versioned soname: the unversioned `libnvidia-ml.so` ships only with the
    /// development package (STYLE E8).
    static let defaultPath = "libnvidia-ml.so.1"

    private let handle: UnsafeMutableRawPointer
    private let shutdownFunction: cnvml_shutdown_fn
    private let getCount: cnvml_device_get_count_v2_fn
    private let getHandle: cnvml_device_get_handle_by_index_v2_fn
    private let getUtilization: cnvml_device_get_utilization_rates_fn
    private let getMemory: cnvml_device_get_memory_info_fn
    // Optional entry points: a reading they give is absent when they are missing.
    private let getName: cnvml_device_get_name_fn?
    private let getPower: cnvml_device_get_power_usage_fn?
    private let getTemperature: cnvml_device_get_temperature_fn?
    private let getClock: cnvml_device_get_clock_info_fn?
    private let errorString: cnvml_error_string_fn?

    /// Loads the library at `path` and initialises NVML.
    /// - Throws: ``NVMLError`` when the library cannot be loaded, lacks an entry point, or
    ///   NVML does not start (no driver, no device).
    init(path: String) throws(NVMLError) {
        guard let handle = dlopen(path, RTLD_LAZY | RTLD_LOCAL) else {
            throw .notLoaded(dlerror().map { String(cString: $0) } ?? path)
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(handle, name).map { unsafeBitCast($0, to: type) }
        }
        guard let initialize = symbol("nvmlInit_v2", as: cnvml_init_v2_fn.self),
            let shutdown = symbol("nvmlShutdown", as: cnvml_shutdown_fn.self),
            let getCount = symbol("nvmlDeviceGetCount_v2", as: cnvml_device_get_count_v2_fn.self),
            let getHandle = symbol("nvmlDeviceGetHandleByIndex_v2", as: cnvml_device_get_handle_by_index_v2_fn.self),
            let getUtilization = symbol(
                "nvmlDeviceGetUtilizationRates", as: cnvml_device_get_utilization_rates_fn.self),
            let getMemory = symbol("nvmlDeviceGetMemoryInfo", as: cnvml_device_get_memory_info_fn.self)
        else {
            dlclose(handle)
            throw .missingEntryPoint(path)
        }
        let errorString = symbol("nvmlErrorString", as: cnvml_error_string_fn.self)
        let status = initialize()
        guard status == CNVML_SUCCESS else {
            let message = errorString?(status).map { String(cString: $0) } ?? "error \(status)"
            dlclose(handle)
            throw .initializationFailed(message)
        }
        self.handle = handle
        self.shutdownFunction = shutdown
        self.getCount = getCount
        self.getHandle = getHandle
        self.getUtilization = getUtilization
        self.getMemory = getMemory
        self.getName = symbol("nvmlDeviceGetName", as: cnvml_device_get_name_fn.self)
        self.getPower = symbol("nvmlDeviceGetPowerUsage", as: cnvml_device_get_power_usage_fn.self)
        self.getTemperature = symbol("nvmlDeviceGetTemperature", as: cnvml_device_get_temperature_fn.self)
        self.getClock = symbol("nvmlDeviceGetClockInfo", as: cnvml_device_get_clock_info_fn.self)
        self.errorString = errorString
    }

    deinit {
        _ = shutdownFunction()
        dlclose(handle)
    }

    var deviceCount: Int {
        var count: UInt32 = 0
        return getCount(&count) == CNVML_SUCCESS ? Int(count) : 0
    }

    func device(at index: Int) -> cnvml_device_t? {
        var device: cnvml_device_t?
        return getHandle(UInt32(index), &device) == CNVML_SUCCESS ? device : nil
    }

    func name(of device: cnvml_device_t) -> String? {
        guard let getName else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(CNVML_DEVICE_NAME_BUFFER_SIZE))
        guard getName(device, &buffer, UInt32(buffer.count)) == CNVML_SUCCESS else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// One reading of the device; a query that fails leaves its figure absent.
    func read(_ device: cnvml_device_t, index: Int) -> GPUReading {
        var reading = GPUReading(index: index)
        var utilization = cnvml_utilization_t()
        if getUtilization(device, &utilization) == CNVML_SUCCESS {
            reading.utilizationPercent = Double(utilization.gpu)
        }
        var memory = cnvml_memory_t()
        if getMemory(device, &memory) == CNVML_SUCCESS {
            reading.memoryUsedBytes = Int(clamping: memory.used)
            reading.memoryTotalBytes = Int(clamping: memory.total)
            if memory.total > 0 { reading.memoryUsedPercent = Double(memory.used) / Double(memory.total) * 100 }
        }
        var value: UInt32 = 0
        if let getPower, getPower(device, &value) == CNVML_SUCCESS { reading.powerWatts = Double(value) / 1000 }
        if let getTemperature, getTemperature(device, CNVML_TEMPERATURE_GPU, &value) == CNVML_SUCCESS {
            reading.temperatureC = Double(value)
        }
        if let getClock, getClock(device, CNVML_CLOCK_SM, &value) == CNVML_SUCCESS {
            reading.smClockMhz = Double(value)
        }
        return reading
    }
}

/// Why NVML is not available.
enum NVMLError: Error, CustomStringConvertible {
    case notLoaded(String)
    case missingEntryPoint(String)
    case initializationFailed(String)

    var description: String {
        switch self {
        case .notLoaded(let reason): reason
        case .missingEntryPoint(let path): "\(path) lacks an NVML entry point"
        case .initializationFailed(let reason): "nvmlInit_v2: \(reason)"
        }
    }
}
