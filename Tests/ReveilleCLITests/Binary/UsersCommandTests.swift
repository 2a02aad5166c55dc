import Foundation
import ReveilleCore
import ReveilleStore
import Testing

/// `reveille users`: accounts made, listed, given a new password and disabled from the command
/// line, the password read from standard input and never an argument; a refusal names the field
/// and stores nothing.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct UsersCommandTests {
    /// Runs `reveille users ARGS` in `folder` with `input` on standard input.
    static func users(_ arguments: [String], in folder: URL, input: String = "") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = BinaryServeTests.binary
        process.arguments = ["users"] + arguments
        process.currentDirectoryURL = folder
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func database(_ folder: URL) throws -> Store {
        try Store(path: folder.appendingPathComponent("data/reveille.sqlite").path)
    }

    @Test func aPersonIsAddedListedGivenANewPasswordAndDisabled() throws {
        let folder = try BinaryServeTests.folder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        let added = try Self.users(["add", "Wang.Fang", "--role", "reception", "--display", "王芳"], in: folder, input: "first password 1\n")
        #expect(added.status == 0, "\(added.output)")
        #expect(added.output.contains("wang.fang") && !added.output.contains("first password"))
        let stored = try #require(try Self.database(folder).account(named: "wang.fang"))
        #expect(stored.displayName == "王芳" && stored.role == .reception && !stored.disabled)
        #expect(stored.passwordHash.hasPrefix("$2") && !stored.passwordHash.contains("first password"))
        #expect(stored.passwordHash.split(separator: "$").dropFirst().first == "12", "production cost 12: \(stored.passwordHash.prefix(7))")

        let listed = try Self.users(["list"], in: folder)
        #expect(listed.status == 0 && listed.output.contains("wang.fang") && listed.output.contains("王芳") && listed.output.contains("active"))
        #expect(!listed.output.contains("$2"))

        let changed = try Self.users(["passwd", "wang.fang"], in: folder, input: "second password 2\n")
        #expect(changed.status == 0, "\(changed.output)")
        #expect(try Self.database(folder).account(named: "wang.fang")?.passwordHash != stored.passwordHash)

        let disabled = try Self.users(["disable", "wang.fang"], in: folder)
        #expect(disabled.status == 0, "\(disabled.output)")
        #expect(try Self.database(folder).account(named: "wang.fang")?.disabled == true)
        #expect(try Self.users(["list"], in: folder).output.contains("disabled"))
        let actors = try Self.database(folder).audit().filter { $0.entity == "account" }.map(\.actor)
        #expect(actors.count == 3 && actors.allSatisfy { $0.hasPrefix("cli:") }, "\(actors)")
    }

    @Test func aRefusalNamesTheFieldAndStoresNothing() throws {
        let folder = try BinaryServeTests.folder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        let short = try Self.users(["add", "li.na", "--role", "housekeeping", "--display", "李娜"], in: folder, input: "short\n")
        #expect(short.status == 1)
        #expect(short.output.contains("password:") && short.output.contains("tooShort") && !short.output.contains("short\n"), "\(short.output)")
        let name = try Self.users(["add", "li na", "--role", "housekeeping", "--display", "李娜"], in: folder, input: "long enough password\n")
        #expect(name.status == 1 && name.output.contains("user:") && name.output.contains("notAUserName"), "\(name.output)")
        let role = try Self.users(["add", "li.na", "--role", "boss", "--display", "李娜"], in: folder, input: "long enough password\n")
        #expect(role.status == 1 && role.output.contains("role:"), "\(role.output)")
        let display = try Self.users(["add", "li.na", "--role", "housekeeping", "--display", "李\u{1b}娜"], in: folder, input: "long enough password\n")
        #expect(display.status == 1 && display.output.contains("displayName:"), "\(display.output)")
        #expect(try Self.database(folder).accounts().isEmpty)

        #expect(try Self.users(["add", "li.na", "--role", "housekeeping", "--display", "李娜"], in: folder, input: "long enough password\n").status == 0)
        let twice = try Self.users(["add", "LI.NA", "--role", "admin", "--display", "x"], in: folder, input: "long enough password\n")
        #expect(twice.status == 1 && twice.output.contains("userNameTaken"), "\(twice.output)")
        let unknown = try Self.users(["disable", "nobody"], in: folder)
        #expect(unknown.status == 1 && unknown.output.contains("no account nobody"), "\(unknown.output)")
        #expect(try Self.database(folder).accounts().map(\.role) == [.housekeeping])
    }

    @Test func withoutTheDataFolderNothingIsCreated() throws {
        let folder = try BinaryServeTests.folder()
        let refused = try Self.users(["list"], in: folder)
        #expect(refused.status == 1 && refused.output.contains("--config"), "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("data").path))
    }
}
