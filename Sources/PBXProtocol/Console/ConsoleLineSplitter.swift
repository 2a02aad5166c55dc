/// Cuts a byte stream of §6.1 CDR lines (serial port, or `hd.txt` as it grows) into numbered lines.
///
/// A line ends at CR, LF or the closing `D` (§6.1: "ending with `D` and/or CRLF"; no field holds a
/// `D`, so a record without CRLF still ends). Empty lines are skipped but counted, so the numbers
/// match a text editor's. A line longer than ``maximumLength`` is reported as bad and skipped up to
/// its end: memory stays bounded whatever the port sends. Bytes after the last line end wait for more.
public struct ConsoleLineSplitter: Sendable {
    /// One line and its 1-based number, or a line too long to keep.
    public enum Output: Hashable, Sendable {
        case line(String, number: Int)
        case tooLong(number: Int)
    }

    /// Longer than any §6.1 line (1 + 68 + commas + D) with room for generous padding.
    public let maximumLength: Int
    private enum Last { case other, cr, lf, d }

    private var pending: [UInt8] = []
    private var overflowing = false
    private var lineNumber = 1
    /// The last byte seen, so `D` CR LF ends one line, not three.
    private var last = Last.other

    /// - Parameter firstLine: the number of the first line fed (a file read from a saved offset).
    public init(maximumLength: Int = 256, firstLine: Int = 1) {
        self.maximumLength = maximumLength
        lineNumber = firstLine
    }

    /// The number the next line will have.
    public var nextLineNumber: Int { lineNumber }

    /// Feeds bytes; returns the lines they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Output] {
        var outputs: [Output] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                let isLF = byte == UInt8(ascii: "\n")
                defer { last = isLF ? .lf : .cr }
                if pending.isEmpty, !overflowing {
                    // The rest of the previous line's end (`D` CR LF, CR LF), or an empty line.
                    if last == .d || (isLF && last == .cr) { continue }
                    lineNumber += 1
                    continue
                }
                finish(into: &outputs)
            case UInt8(ascii: "D"):
                if pending.count < maximumLength { pending.append(byte) } else { overflowing = true }
                finish(into: &outputs)
                last = .d
            default:
                last = .other
                if pending.count < maximumLength { pending.append(byte) } else { overflowing = true }
            }
        }
        return outputs
    }

    private mutating func finish(into outputs: inout [Output]) {
        outputs.append(overflowing ? .tooLong(number: lineNumber) : .line(String(decoding: pending, as: UTF8.self), number: lineNumber))
        pending.removeAll(keepingCapacity: true)
        overflowing = false
        lineNumber += 1
    }
}

/// Reads §6.1 CDR lines from bytes: each complete line parsed, each bad one reported with its number.
public struct ConsoleCDRReader: Sendable {
    private var splitter: ConsoleLineSplitter

    /// - Parameter firstLine: the number of the first line fed (a file read from a saved offset).
    public init(maximumLength: Int = 256, firstLine: Int = 1) {
        splitter = ConsoleLineSplitter(maximumLength: maximumLength, firstLine: firstLine)
    }

    /// The number the next line will have.
    public var nextLineNumber: Int { splitter.nextLineNumber }

    /// Where the last line end in `bytes` stands (the index after it), `nil` if none: a file is
    /// read up to there, so a line still being written is read whole next time.
    public static func endOfLastLine(in bytes: [UInt8]) -> Int? {
        bytes.lastIndex(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "D") }).map { $0 + 1 }
    }

    /// Feeds bytes; returns the records and bad lines they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Result<ConsoleCDR, BadConsoleLine>] {
        splitter.feed(bytes).map { output in
            switch output {
            case .tooLong(let number):
                .failure(BadConsoleLine(
                    lineNumber: number,
                    error: ConsoleLineError(field: "line", value: "", rule: "longer than \(splitter.maximumLength) bytes (§6.1)")))
            case .line(let text, let number):
                Result { () throws(ConsoleLineError) in try ConsoleCDR(line: text) }
                    .mapError { BadConsoleLine(lineNumber: number, error: $0) }
            }
        }
    }
}
