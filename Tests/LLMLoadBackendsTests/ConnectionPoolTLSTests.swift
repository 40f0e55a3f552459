import Foundation
import LLMLoadCore
import NIOSSL
import Testing

@testable import LLMLoadBackends

/// https through the transport's own pool: a self-signed server is refused with a readable
/// reason unless certificates are not verified (`--insecure`), and then it is served.
@Suite struct ConnectionPoolTLSTests {
    private static func selfSignedServer() throws -> CountingServer {
        func file(_ name: String) throws -> String {
            try #require(Bundle.module.url(forResource: "TLS/" + name, withExtension: nil)).path
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(try file("cert.pem")).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: try file("key.pem"), format: .pem)))
        return CountingServer(tls: try NIOSSLContext(configuration: configuration))
    }

    private static func send(verifying: Bool, to server: CountingServer) async throws -> [RequestRecord] {
        try await server.withRunning { url in
            try await HTTPInferenceClient.withClient(
                configuration: .init(
                    maximumConnections: 2, verifiesCertificates: verifying, eventLoops: 1,
                    idleTimeout: ConnectionPoolTests.neverIdle)
            ) { client in
                var records: [RequestRecord] = []
                for index in 0..<3 { records.append(await ConnectionPoolTests.send(client, to: url, index: index)) }
                return records
            }
        }
    }

    @Test func withoutVerificationASelfSignedServerIsServedOnOneConnection() async throws {
        let server = try Self.selfSignedServer()
        let records = try await Self.send(verifying: false, to: server)
        #expect(records.map(\.outcome) == [.ok, .ok, .ok], "\(records.map(\.errorMessage))")
        #expect(records.allSatisfy { $0.promptTokens?.value == 3 })
        #expect(server.connectionsOpened.load(ordering: .relaxed) == 1)
    }

    @Test func withVerificationASelfSignedServerIsAConnectionErrorThatSaysWhy() async throws {
        let server = try Self.selfSignedServer()
        let records = try await Self.send(verifying: true, to: server)
        #expect(records.map(\.outcome) == [.connectionError, .connectionError, .connectionError])
        let message = records.first?.errorMessage ?? ""
        #expect(message.contains("certificate verification failed"), "\(message)")
        #expect(server.requestHeads.load(ordering: .relaxed) == 0, "nothing was sent over an untrusted connection")
    }
}
