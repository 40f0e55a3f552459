import LLMLoadCLI

/// The executable only starts the command tree; everything else lives in libraries.
@main
extension LLMLoadCommand {}
