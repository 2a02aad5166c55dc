import ArgumentParser
import Foundation
import PBXProtocol
import ReveilleApp

/// `reveille trace FILE`: a PBX wire trace (`pbx.trace`) printed readably, optionally one extension's frames.
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Print a PBX wire trace (pbx.trace.path) readably: one frame a line, → to the PBX, ← from it.",
        discussion: """
            Times are the hotel's (hotel.timeZone of --config, else this host's zone). --extension or \
            --room keep the frames about that extension (a Set's Phone, an ExtenStatus's Exten, a CDR's \
            Caller or Callee) and the session frames (login, heartbeats) beside them are left out. Lines \
            that are not trace lines (a file cut by a crash) are skipped and counted. Examples:
              reveille trace /var/lib/reveille/pbx-trace.jsonl --room 1208 --config /etc/reveille/reveille.yaml
              reveille trace pbx-trace.jsonl.1 --extension 8208
            """
    )

    @Argument(help: "The trace file.") var file: String
    @Option(help: "Only frames about this extension.") var `extension`: String?
    @Option(help: "Only frames about this room's extension (from --config's rooms file).") var room: String?
    @Option(help: "The configuration: the hotel's zone and, with --room, its rooms file.") var config: String?

    func validate() throws {
        if `extension` != nil && room != nil { throw ValidationError("give --extension or --room, not both") }
        if room != nil && config == nil { throw ValidationError("--room needs --config (the rooms file names each room's extension)") }
    }

    func run() async throws {
        var zone = TimeZone.current
        var phone = `extension`
        if let config {
            let configuration: ReveilleConfiguration
            do {
                configuration = try await ReveilleConfiguration.load(file: config)
            } catch let problems as ReveilleConfiguration.Problems {
                FileHandle.standardError.write(Data("reveille trace: invalid configuration:\n  \(problems.problems.joined(separator: "\n  "))\n".utf8))
                throw ExitCode(2)
            }
            zone = configuration.settings.timeZone
            if let room {
                guard let found = try RoomsFile.read(configuration.roomsFile).first(where: { $0.number == room }) else {
                    FileHandle.standardError.write(Data("reveille trace: --room: no room \(room.prefix(20)) in \(configuration.roomsFile)\n".utf8))
                    throw ExitCode(1)
                }
                phone = found.phone
            }
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            FileHandle.standardError.write(Data("reveille trace: cannot read \(file)\n".utf8))
            throw ExitCode(1)
        }
        var skipped = 0
        for raw in text.split(separator: "\n") {
            guard let line = WireTraceLine.decode(raw) else {
                skipped += 1
                continue
            }
            if let phone, !line.extensions.contains(phone) { continue }
            print(line.readable(timeZone: zone))
        }
        if skipped > 0 { FileHandle.standardError.write(Data("reveille trace: \(skipped) line(s) were not trace lines and were skipped\n".utf8)) }
    }
}
