import LLMLoadMonitor
import Testing

@Suite struct ProcessLocatorTests {
    @Test func findsAProcessByNameOrCommandAndPrefersTheLargest() throws {
        let tree = ProcTree()
        defer { tree.remove() }
        try tree.writeProcess(
            pid: 100, comm: "ollama", arguments: ["/usr/bin/ollama", "serve"], ticks: (1, 1), rssKB: 50_000)
        try tree.writeProcess(
            pid: 200, comm: "ollama", arguments: ["/usr/bin/ollama", "runner"], ticks: (1, 1), rssKB: 4_000_000)
        try tree.writeProcess(
            pid: 300, comm: "llama-server-lo", arguments: ["./build/bin/llama-server-long-name"], ticks: (1, 1),
            rssKB: 10)
        #expect(ProcessLocator.find(name: "ollama", in: tree.files)?.pid == 200, "the runner holds the model")
        #expect(ProcessLocator.find(name: "llama-server-long-name", in: tree.files)?.pid == 300, "comm is cut at 15")
        #expect(ProcessLocator.find(name: "ollama", in: tree.files, excluding: 200)?.pid == 100)
        #expect(ProcessLocator.find(name: "vllm", in: tree.files) == nil)
    }

    @Test func findsAProcessByPid() throws {
        let tree = ProcTree()
        defer { tree.remove() }
        try tree.writeProcess(pid: 42, comm: "llama-server", arguments: ["llama-server"], ticks: (5, 5), rssKB: 1)
        #expect(ProcessLocator.find(pid: 42, in: tree.files) == .init(pid: 42, name: "llama-server"))
        #expect(ProcessLocator.find(pid: 43, in: tree.files) == nil)
    }
}
