import Foundation
import Testing

/// The real `reveille` CLI against the real `reveille serve` — every client command
/// the front desk uses, end to end, so that the CLI and the server cannot drift apart unnoticed.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct CLIContractTests {
    /// Runs `reveille ARGS` against the service on `port`; returns exit status and output.
    static func cli(_ arguments: [String], port: Int, token: String = "reception-demo-token") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = BinaryServeTests.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["REVEILLE_URL"] = "http://127.0.0.1:\(port)"
        environment["REVEILLE_TOKEN"] = token
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func theFrontDesksCommandsWorkAgainstTheRealService() async throws {
        let folder = try BinaryServeTests.folder()
        let running = try BinaryServeTests.serve([], in: folder)
        let port = running.port

        let booked = try Self.cli(["wakeup", "set", "1201", "06:45", "--days", "2"], port: port)
        #expect(booked.status == 0, "\(booked.output)")
        let listed = try Self.cli(["wakeup", "list", "1201"], port: port)
        #expect(listed.status == 0 && listed.output.contains("06:45"), "\(listed.output)")

        let group = try Self.cli(["group", "book", "--name", "Tour A", "--rooms", "1301-1304", "--at", "05:50", "--accept-late"], port: port)
        #expect(group.status == 0, "\(group.output)")
        let groups = try Self.cli(["group", "list"], port: port)
        #expect(groups.status == 0 && groups.output.contains("Tour A"), "\(groups.output)")

        let dnd = try Self.cli(["dnd", "set", "1202", "--until", "23:59"], port: port)
        #expect(dnd.status == 0, "\(dnd.output)")
        let windows = try Self.cli(["dnd", "list"], port: port)
        #expect(windows.status == 0 && windows.output.contains("1202"), "\(windows.output)")

        let status = try Self.cli(["status", "--room", "1201"], port: port)
        #expect(status.status == 0 && status.output.contains("1201"), "\(status.output)")
        let json = try Self.cli(["status", "--json"], port: port)
        #expect(json.status == 0)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect((decoded?["rooms"] as? [Any])?.count == 40, "\(json.output.prefix(300))")

        // A refused booking: the service's field and rule reach the person at the terminal.
        let refused = try Self.cli(["wakeup", "set", "1201", "07:00", "--frequency", "121"], port: port)
        #expect(refused.status != 0)
        #expect(refused.output.contains("frequency") && refused.output.contains("5 to 120"), "\(refused.output)")

        // Admin only.
        #expect(try Self.cli(["resync"], port: port).status != 0)
        #expect(try Self.cli(["resync"], port: port, token: "admin-demo-token-0001").status == 0)

        let cancelled = try Self.cli(["wakeup", "cancel", "--room", "1201"], port: port)
        #expect(cancelled.status == 0, "\(cancelled.output)")
        #expect(try await running.stop() == 0)
    }
}
