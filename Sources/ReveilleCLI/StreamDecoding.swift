import Foundation
import NIOCore
import PBXProtocol

/// The `reveille decode` report: one JSON line per frame of a raw PBX-link byte stream.
public struct StreamDecoding {
    private var parser = FrameParser()
    private var buffer = ByteBuffer()
    /// Whether every frame so far was well-formed.
    public private(set) var allWellFormed = true
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public init() {}

    private struct FrameLine: Encodable {
        var fields: [[String]]
        var message: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(fields, forKey: .fields)
            try container.encode(message, forKey: .message)  // null, not absent
        }

        enum CodingKeys: String, CodingKey { case fields, message }
    }

    private struct ErrorLine: Encodable {
        var error: String
        var offset: Int
    }

    /// Feeds the next chunk of the stream; returns the JSON lines of the frames it completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        buffer.writeBytes(bytes)
        return drain()
    }

    /// Ends the stream: a partial frame left over is reported as an error.
    public mutating func finish() -> [String] {
        var lines = drain()
        if buffer.readableBytes > 0 {
            let onlyBlank = buffer.readableBytesView.allSatisfy { $0 == 0x0A || $0 == 0x0D }
            if !onlyBlank {
                allWellFormed = false
                lines.append(json(ErrorLine(error: "the stream ends inside a message", offset: parser.streamOffset)))
            }
            buffer.clear()
        }
        return lines
    }

    private mutating func drain() -> [String] {
        var lines: [String] = []
        while true {
            do {
                guard let parsed = try parser.next(from: &buffer) else { break }
                switch parsed {
                case .frame(let frame):
                    let name = try? PBXMessage(frame: frame).name
                    // Captures end up in tickets: the password never leaves this tool (§3.1 decisions).
                    let fields = frame.fields.map { [$0.key, $0.key == FieldKey.password ? "<redacted>" : $0.value] }
                    lines.append(json(FrameLine(fields: fields, message: name)))
                case .malformed(let malformed):
                    allWellFormed = false
                    lines.append(json(ErrorLine(error: malformed.reason, offset: malformed.offset)))
                }
            } catch {
                allWellFormed = false
                lines.append(json(ErrorLine(error: "message larger than \(error.limit) bytes", offset: error.offset)))
            }
        }
        buffer.discardReadBytes()
        return lines
    }

    private func json(_ value: some Encodable) -> String {
        // Encoding these plain structs cannot fail.
        String(decoding: try! encoder.encode(value), as: UTF8.self)
    }
}
