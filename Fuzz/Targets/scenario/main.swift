import CLibFuzzer
import Foundation
import LLMLoadFuzzChecks

@testable import LLMLoadCLI

// `llmload-fuzz-scenario`: a `llmload run -f` scenario file, expanded, parsed and validated
// (`ScenarioFileCheck`). Run by scripts/fuzz.sh. `ScenarioFile` is internal to LLMLoadCLI,
// hence the testable import (a debug build allows it).

/// Called by libFuzzer with each input.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzFinding.stopOnFinding(data, size) { bytes throws(FuzzFinding) in
        try ScenarioFileCheck.check(bytes, expand: ScenarioFile.expand) { arguments in
            if let run = try LLMLoadCommand.parseAsRoot(Array(arguments)) as? RunCommand {
                _ = try run.makeConfiguration(baseURL: nil)
            }
        }
    }
}

var argc = CommandLine.argc
var argv = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
