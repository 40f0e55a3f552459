/// The monitor's sentences about GPUs, shared with the console that translates them.
public enum GPUNote {
    /// Why a run has no GPU figures: no NVML, no driver or no device. The monitor adds the
    /// technical detail in parentheses.
    public static let noDriver = "no NVIDIA GPU/driver found; GPU metrics skipped"
}
