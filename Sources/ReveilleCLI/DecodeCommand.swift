import ArgumentParser
import Foundation

/// `reveille decode [FILE]`: prints each frame of a raw PBX-link byte stream as a JSON line.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Print each frame of a raw PBX-link byte stream as one JSON line.",
        discussion: """
            Reads FILE (standard input when absent), e.g. the payload of a capture of port 64888, and \
            prints {"fields": [[key, value], …], "message": "<type or null>"} per frame, or \
            {"error": "…", "offset": <byte>} for a malformed one. Exits 0 when every frame was \
            well-formed, 1 otherwise.
            """
    )

    @Argument(help: "The byte stream to read (default: standard input).")
    var file: String?

    func run() throws {
        let handle: FileHandle
        if let file {
            guard let opened = FileHandle(forReadingAtPath: file) else {
                throw ValidationError("cannot open \(file)")
            }
            handle = opened
        } else {
            handle = .standardInput
        }
        var decoding = StreamDecoding()
        while let chunk = try handle.read(upToCount: 64 * 1024), !chunk.isEmpty {
            for line in decoding.feed(chunk) { print(line) }
        }
        for line in decoding.finish() { print(line) }
        if !decoding.allWellFormed { throw ExitCode(1) }
    }
}
