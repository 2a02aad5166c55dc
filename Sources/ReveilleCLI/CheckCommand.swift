import ArgumentParser
import Foundation
import Logging
import PBXProtocol
import ReveilleApp

/// `reveille check`: the commissioning checklist, read-only unless `--ring` is given.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the configuration, rooms file, database, export, clock and, live, the PBX link (login, heartbeats; --ring: a test wake-up).",
        discussion: """
            Prints a checklist, ✓ or ✗ per line with what to do for each ✗, and exits 0 only when every \
            line passed (1 otherwise, 2 for an invalid configuration). The live lines log in to the PBX \
            with the service's account, so they refuse while the service runs on the same data folder: \
            stop it while commissioning, or use --offline. With --ring EXTENSION (a test phone at \
            reception) the extension's name and a wake-up a minute ahead are set, the check waits for it \
            to ring (ExtenStatus 10, §5.3), reports whether it was answered, and sets back the name and \
            wake-ups Reveille last saw the PBX accept (none and an empty name if it never pushed to it).
            """
    )

    @Option(name: .long, help: "The configuration file (default: the compiled-in defaults).")
    var config: String?

    @Option(name: .long, help: "A test extension to ring with a wake-up a minute ahead.")
    var ring: String?

    @Option(name: .long, help: "Seconds to wait for each reply of the PBX.")
    var timeout: Double = 5

    @Flag(name: .long, help: "Only the local lines: no connection to the PBX.")
    var offline = false

    func validate() throws {
        if let ring, ring.isEmpty || ring.count > 32 || !ring.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw ValidationError("--ring: \"\(ring.prefix(40))\" is not an extension (digits, at most 32)")
        }
        if !(0.1...120).contains(timeout) { throw ValidationError("--timeout: \(timeout) is outside 0.1…120 seconds") }
        if offline && ring != nil { throw ValidationError("--ring needs the live check: leave out --offline") }
    }

    func run() async throws {
        let configuration: ReveilleConfiguration
        do {
            configuration = try await ReveilleConfiguration.load(file: config)
        } catch let problems as ReveilleConfiguration.Problems {
            print(CheckLine.fail("configuration", config ?? "compiled-in defaults", fix: problems.problems.joined(separator: "\n    → ")))
            throw ExitCode(2)
        }
        print(CheckLine.pass("configuration", "\(config ?? "compiled-in defaults"): \(configuration)"))
        var logger = Logger(label: "check")
        logger.logLevel = .critical
        let lines = await CommissioningCheck.run(
            configuration, ringPhone: ring, offline: offline, timeout: .milliseconds(Int64(timeout * 1000)), clock: ContinuousClock(),
            logger: logger)
        for line in lines { print(line) }
        let failed = lines.filter { !$0.passed }
        print(failed.isEmpty ? "all \(lines.count + 1) checks passed" : "\(failed.count) of \(lines.count + 1) checks failed: \(failed.map(\.name).joined(separator: ", "))")
        if !failed.isEmpty { throw ExitCode(1) }
    }
}
