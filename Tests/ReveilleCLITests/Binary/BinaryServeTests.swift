import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The built `reveille` binary as an admin starts it — with no arguments in an empty
/// folder (compiled-in defaults), and with `--config` from another folder (paths read from the
/// config's folder). Readiness comes from the service's own log line, not from waiting.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct BinaryServeTests {
    /// The `reveille` executable next to the test bundle (a dependency of this test target).
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("reveille")
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("binary-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A running `reveille serve`: its HTTP port, read from its log, and the process.
    struct Running {
        let process: Process
        let port: Int
        let log: FileHandle

        /// Reads the log until a line matches `pattern`.
        func waitForLog(_ pattern: String) throws {
            var text = ""
            while text.range(of: pattern, options: .regularExpression) == nil {
                let chunk = log.availableData
                if chunk.isEmpty { throw ServeFailed(log: text) }
                text += String(decoding: chunk, as: UTF8.self)
            }
        }

        func stop() async throws -> Int32 {
            process.terminate()  // SIGTERM: graceful shutdown
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    process.waitUntilExit()
                    continuation.resume()
                }
            }
            return process.terminationStatus
        }
    }

    static func serve(_ arguments: [String], in folder: URL, environment extra: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["HTTP_PORT"] = "0"
        environment["PBX_PORT"] = "0"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Read the log until the service says where the page is.
        var text = ""
        let handle = pipe.fileHandleForReading
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { throw ServeFailed(log: text) }
            text += String(decoding: chunk, as: UTF8.self)
            // Ready: the page is served and the sample export has been read (the import runs beside
            // the HTTP server's start, so either line may come first).
            if let range = text.range(of: #"reception page at http://[0-9.]+:([0-9]+)/"#, options: .regularExpression),
                text.contains("outcome=applied")
            {
                let port = Int(text[range].split(separator: ":").last!.dropLast()) ?? 0
                return Running(process: process, port: port, log: handle)
            }
        }
    }

    struct ServeFailed: Error, CustomStringConvertible {
        var log: String
        var description: String { "reveille serve stopped before it was ready:\n\(log)" }
    }

    static func book(port: Int, room: String, authorization: String = "Bearer reception-demo-token") async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/rooms/\(room)/wakeups")!)
        request.httpMethod = "POST"
        request.setValue(authorization, forHTTPHeaderField: "Authorization")
        request.httpBody = Data(#"{"time":"07:00"}"#.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    @Test func withNoArgumentsInAnEmptyFolderItRunsTheSampleHotelAndTakesABooking() async throws {
        let folder = try Self.folder()
        let running = try Self.serve([], in: folder)
        #expect(try await Self.book(port: running.port, room: "1201") == 201)
        #expect(try await running.stop() == 0)
        let data = folder.appendingPathComponent("data")
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("reveille.sqlite").path))
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("sample/inhouse.csv").path))
    }

    /// `reveille init` into a new folder.
    static func initialised() throws -> URL {
        let folder = try Self.folder()
        let initialise = Process()
        initialise.executableURL = Self.binary
        initialise.arguments = ["init", folder.path]
        initialise.standardOutput = FileHandle.nullDevice
        try initialise.run()
        initialise.waitUntilExit()
        #expect(initialise.terminationStatus == 0)
        return folder
    }

    @Test func aPersonAddedToTheUsersFileMayBookAfterSIGHUPWithoutARestart() async throws {
        let folder = try Self.initialised()
        let config = folder.appendingPathComponent("reveille.yaml")
        let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "http:\n", with: "http:\n  usersFile: users.txt\n")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let users = folder.appendingPathComponent("users.txt")
        try "# role:person:secret\n".write(to: users, atomically: true, encoding: .utf8)
        let running = try Self.serve(["--config", config.path], in: folder)
        let bearer = "bearer li-na-secret-0123456789"  // the scheme in lower case, as some clients send it
        #expect(try await Self.book(port: running.port, room: "1203", authorization: bearer) == 401)
        try "# role:person:secret\nreception:li.na:li-na-secret-0123456789\n".write(to: users, atomically: true, encoding: .utf8)
        kill(running.process.processIdentifier, SIGHUP)
        try running.waitForLog("accounts reloaded")
        #expect(try await Self.book(port: running.port, room: "1203", authorization: bearer) == 201)
        #expect(try await running.stop() == 0)
    }

    @Test func withAConfigFromAnotherFolderItsRelativePathsAreReadFromThatFolder() async throws {
        let configFolder = try Self.initialised()
        let elsewhere = try Self.folder()

        let running = try Self.serve(["--config", configFolder.appendingPathComponent("reveille.yaml").path], in: elsewhere)
        #expect(try await Self.book(port: running.port, room: "1202") == 201)
        #expect(try await running.stop() == 0)
        #expect(FileManager.default.fileExists(atPath: configFolder.appendingPathComponent("data/reveille.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("data").path), "nothing is left in the working folder")
    }
}
