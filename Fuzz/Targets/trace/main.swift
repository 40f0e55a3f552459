import CLibFuzzer
import Foundation
import LLMLoadFuzzChecks

// `llmload-fuzz-trace`: TraceFile (`FuzzTarget.trace`). Run by scripts/fuzz.sh.

/// Called by libFuzzer with each input.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzFinding.stopOnFinding(data, size) { bytes throws(FuzzFinding) in try FuzzTarget.trace.check?(bytes) }
}

var argc = CommandLine.argc
var argv = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
