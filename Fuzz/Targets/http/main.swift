import CLibFuzzer
import Foundation
import LLMLoadFuzzChecks

// `llmload-fuzz-http`: a connection's HTTP/1.1 responses, whole and cut into reads (`FuzzTarget.http`). Run by scripts/fuzz.sh.

/// Called by libFuzzer with each input.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzFinding.stopOnFinding(data, size) { bytes throws(FuzzFinding) in try FuzzTarget.http.check?(bytes) }
}

var argc = CommandLine.argc
var argv = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
