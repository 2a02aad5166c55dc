import NIOCore
import Testing

@testable import PBXProtocol

// MARK: - Vendor demos as bytes

extension VendorDocument {
    /// The bytes a PBX would send for a demo or template as printed in the vendor document.
    ///
    /// - every literal `\r\n` (four characters in the document) becomes CR LF;
    /// - a trailing comment (`---…` to the end of the line, e.g. `----登录账号`) and the blanks before
    ///   it are removed, and so are blanks after the last `\r\n` of a line (the tab after
    ///   `CallMethod: AlarmClock\r\n`): both are the document's layout, not protocol;
    /// - a line that shows no `\r\n` ends with the document's own line feed, a bare LF (which §1
    ///   accepts on receipt);
    /// - the document's blank line after the demo follows as one LF: it ends a message whose last
    ///   line shows no `\r\n` (the templates, the CDR demo, `User: xxxx` of the heartbeat demo).
    ///
    /// Blanks *inside* a line are kept: `ServiceType: PMS \r\n` keeps its space before CR LF.
    static func wireBytes(_ printed: String) -> [UInt8] {
        let literalCRLF = #"\r\n"#
        var text = ""
        for rawLine in printed.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = rawLine[...]
            if let comment = line.firstRange(of: "---") {
                line = line[..<comment.lowerBound]
            }
            while let last = line.last, last == " " || last == "\t" {
                line = line.dropLast()
            }
            let converted = line.replacing(literalCRLF, with: "\r\n")
            text += converted
            if !line.hasSuffix(literalCRLF) { text += "\n" }
        }
        text += "\n"
        return Array(text.utf8)
    }
}

// MARK: - Seeded randomness

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, so every "random" test is
/// reproducible from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - Feeding a FrameParser

/// How a byte stream is cut into reads.
enum Chunking: CustomStringConvertible {
    case whole
    case byteByByte
    /// Reads of 1…`maximum` bytes, sizes drawn from SplitMix64(`seed`).
    case random(seed: UInt64, maximum: Int)
    /// Cut before each of these stream offsets.
    case cuts([Int])

    func pieces(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        switch self {
        case .whole:
            return [bytes[...]]
        case .byteByByte:
            return bytes.indices.map { bytes[$0...$0] }
        case .random(let seed, let maximum):
            var generator = SplitMix64(seed: seed)
            var pieces: [ArraySlice<UInt8>] = []
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Int.random(in: 1...maximum, using: &generator))
                pieces.append(bytes[start..<end])
                start = end
            }
            return pieces
        case .cuts(let offsets):
            var pieces: [ArraySlice<UInt8>] = []
            var start = 0
            for cut in offsets.sorted() where cut > start && cut < bytes.count {
                pieces.append(bytes[start..<cut])
                start = cut
            }
            pieces.append(bytes[start...])
            return pieces
        }
    }

    var description: String {
        switch self {
        case .whole: "whole"
        case .byteByByte: "byte by byte"
        case .random(let seed, let maximum): "random(seed \(seed), ≤\(maximum))"
        case .cuts(let offsets): "cuts \(offsets)"
        }
    }
}

/// What one call of ``FrameParser/next(from:)`` gave: a parsed frame, or the oversize error.
enum ParserOutput: Hashable, Sendable {
    case parsed(ParsedFrame)
    case tooLarge(FrameTooLarge)
}

/// The result of feeding a whole stream to a fresh parser.
struct ParserRun: Equatable {
    var outputs: [ParserOutput]
    /// ``FrameParser/streamOffset`` at the end.
    var streamOffset: Int
    /// Bytes left unread in the buffer at the end.
    var leftover: Int

    /// The parsed frames and malformed reports, without the oversize errors.
    var parsed: [ParsedFrame] {
        outputs.compactMap { if case .parsed(let parsed) = $0 { parsed } else { nil } }
    }

    /// The well-formed frames only.
    var frames: [Frame] {
        outputs.compactMap { if case .parsed(.frame(let frame)) = $0 { frame } else { nil } }
    }
}

/// Feeds `bytes` to a new ``FrameParser`` in the reads `chunking` makes, draining after each read
/// (as the NIO handler does), and compacting the buffer now and then as NIO may.
func runParser(
    _ bytes: [UInt8], _ chunking: Chunking = .whole,
    maximumFrameSize: Int = FrameParser.defaultMaximumFrameSize
) -> ParserRun {
    var parser = FrameParser(maximumFrameSize: maximumFrameSize)
    var buffer = ByteBufferAllocator().buffer(capacity: 16)
    var outputs: [ParserOutput] = []
    for (number, piece) in chunking.pieces(of: bytes).enumerated() {
        buffer.writeBytes(piece)
        while true {
            do {
                guard let parsed = try parser.next(from: &buffer) else { break }
                outputs.append(.parsed(parsed))
            } catch {
                outputs.append(.tooLarge(error))
            }
        }
        if number % 3 == 2 { buffer.discardReadBytes() }
    }
    return ParserRun(outputs: outputs, streamOffset: parser.streamOffset, leftover: buffer.readableBytes)
}

/// The frames of a complete stream read in one go; records an issue for anything but frames.
func decodeFrames(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> [Frame] {
    let run = runParser(bytes)
    #expect(run.frames.count == run.outputs.count, "unexpected output \(run.outputs)", sourceLocation: sourceLocation)
    #expect(run.leftover == 0, "bytes left over", sourceLocation: sourceLocation)
    return run.frames
}

// MARK: - Encoding

/// The bytes ``Frame/write(into:)`` produces.
func wire(_ frame: Frame) throws(FieldRejected) -> [UInt8] {
    Array(try frame.encoded().readableBytesView)
}

/// Expects `actual` to be exactly the UTF-8 of `expected` (shown as text when it is not).
func expectBytes(_ actual: [UInt8], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(visible(actual) == visible(Array(expected.utf8)), sourceLocation: sourceLocation)
    #expect(actual == Array(expected.utf8), sourceLocation: sourceLocation)
}

/// `bytes` as text with CR and LF spelled out, for readable failures.
func visible(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
        .unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\r": "\\r"
            case "\n": "\\n"
            case "\t": "\\t"
            default: String(scalar)
            }
        }
        .joined()
}

/// A date-time for tests; traps on an impossible one.
func dateTime(_ text: String) -> PBXDateTime {
    guard let value = PBXDateTime(text) else { preconditionFailure("bad test date \(text)") }
    return value
}

/// A time of day for tests; traps on an impossible one.
func time(_ text: String) -> TimeOfDay {
    guard let value = TimeOfDay(text) else { preconditionFailure("bad test time \(text)") }
    return value
}

/// The error of type `E` that `body` throws; `nil` (recording an issue) when it returns or throws
/// something else.
func thrownError<E: Error>(
    _: E.Type, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> some Any
) -> E? {
    do {
        let value = try body()
        Issue.record("expected \(E.self), got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as E {
        return error
    } catch {
        Issue.record("expected \(E.self), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
