import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A message the parser could not read, dropped without harm to the link (§1 decisions).
public struct MalformedFrame: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, e.g. `line 3 has no ':'`.
    public var reason: String
    /// Byte offset, from the start of the stream, of the offending line.
    public var offset: Int

    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "\(reason) (at byte \(offset))" }
}

/// A message larger than the configured limit (§1 decisions: drop the connection).
public struct FrameTooLarge: Error, Hashable, Sendable, CustomStringConvertible {
    /// The limit in bytes.
    public var limit: Int
    /// Byte offset, from the start of the stream, where the oversize message begins.
    public var offset: Int

    public init(limit: Int, offset: Int) {
        self.limit = limit
        self.offset = offset
    }

    public var description: String { "message larger than \(limit) bytes (starting at byte \(offset))" }
}

/// What the parser read from the stream: a frame, or a malformed message it dropped.
public enum ParsedFrame: Hashable, Sendable {
    case frame(Frame)
    case malformed(MalformedFrame)
}

/// The incremental frame decoder of §1: bytes go in as they arrive, in chunks split anywhere, and
/// whole frames come out.
///
/// Receive rules (§1 decisions): CRLF or bare LF line ends; empty lines between frames skipped; a
/// line split at its first `:`; spaces and tabs around key and value stripped; repeated keys kept in
/// order; a line without `:` or a value that is not UTF-8 makes the frame malformed (it is reported
/// and dropped, the stream goes on); a frame over ``maximumFrameSize`` throws ``FrameTooLarge``.
/// After that error the parser skips the rest of the oversize frame, so a caller that wants to go on
/// (the `decode` tool) can; the link closes the connection instead.
public struct FrameParser: Sendable {
    /// The largest frame accepted, in bytes (default 64 KiB).
    public let maximumFrameSize: Int
    /// Bytes consumed from the stream so far: the stream offset of the reader index.
    public private(set) var streamOffset: Int = 0
    /// How far into the readable bytes the last call scanned without finding the end of a frame.
    private var resumeAt: Int = 0
    /// Set after an oversize frame: discard until the next empty line.
    private var skippingOversizeFrame = false

    public static let defaultMaximumFrameSize = 64 * 1024

    public init(maximumFrameSize: Int = FrameParser.defaultMaximumFrameSize) {
        precondition(maximumFrameSize > 0)
        self.maximumFrameSize = maximumFrameSize
    }

    /// Reads the next frame from `buffer`, consuming its bytes; `nil` when more bytes are needed.
    /// - Throws: ``FrameTooLarge`` when the pending frame exceeds ``maximumFrameSize``.
    public mutating func next(from buffer: inout ByteBuffer) throws(FrameTooLarge) -> ParsedFrame? {
        while true {
            let scan = buffer.withUnsafeReadableBytes { bytes in
                Self.scan(bytes, from: resumeAt)
            }
            switch scan {
            case .needMore(let skip, let resume):
                consume(skip, from: &buffer)
                if skippingOversizeFrame {
                    // Keep only what could begin the terminator.
                    let drop = max(0, resume - 2)
                    consume(drop, from: &buffer)
                    resumeAt = resume - drop
                    return nil
                }
                resumeAt = resume
                // The pending frame is at least `resume` bytes long (what follows may still be its
                // terminator), so this refuses exactly the frames the `.frame` case refuses, however
                // the bytes are split into reads.
                if resume > maximumFrameSize {
                    let offset = streamOffset
                    skippingOversizeFrame = true
                    resumeAt = 0
                    throw FrameTooLarge(limit: maximumFrameSize, offset: offset)
                }
                return nil
            case .frame(let skip, let length, let total):
                resumeAt = 0
                if skippingOversizeFrame {
                    skippingOversizeFrame = false
                    consume(total, from: &buffer)
                    continue
                }
                let offset = streamOffset + skip
                if length > maximumFrameSize {
                    consume(total, from: &buffer)
                    throw FrameTooLarge(limit: maximumFrameSize, offset: offset)
                }
                let parsed = buffer.withUnsafeReadableBytes { bytes in
                    Self.parseFields(UnsafeRawBufferPointer(rebasing: bytes[skip..<(skip + length)]), offset: offset)
                }
                consume(total, from: &buffer)
                return parsed
            }
        }
    }

    private mutating func consume(_ count: Int, from buffer: inout ByteBuffer) {
        buffer.moveReaderIndex(forwardBy: count)
        streamOffset += count
    }

    private enum Scan {
        /// No complete frame: `skip` leading bytes are blank lines to drop; scanning may resume at `resume`
        /// (relative to the reader index after the skip).
        case needMore(skip: Int, resume: Int)
        /// A frame of `length` bytes starts after `skip` bytes of blank lines; `total` bytes end with its terminator.
        case frame(skip: Int, length: Int, total: Int)
    }

    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A

    private static func scan(_ bytes: UnsafeRawBufferPointer, from resume: Int) -> Scan {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return .needMore(skip: 0, resume: 0) }
        var start = 0
        if resume == 0 {
            // Skip empty lines between frames (§1 decisions).
            while start < count {
                let byte = bytes[start]
                if byte == lf {
                    start += 1
                } else if byte == cr {
                    guard start + 1 < count else { return .needMore(skip: start, resume: 0) }
                    guard bytes[start + 1] == lf else { break }
                    start += 2
                } else {
                    break
                }
            }
            if start == count { return .needMore(skip: start, resume: 0) }
        }
        // The frame ends at a line feed followed by an empty line: `\n\n` or `\n\r\n`.
        var index = start + resume
        while index < count {
            guard let found = memchr(base + index, Int32(lf), count - index) else { break }
            let at = base.distance(to: UnsafeRawPointer(found))
            if at + 1 >= count { return .needMore(skip: start, resume: at - start) }
            let next = bytes[at + 1]
            if next == lf {
                return .frame(skip: start, length: at - start, total: at + 2)
            }
            if next == cr {
                if at + 2 >= count { return .needMore(skip: start, resume: at - start) }
                if bytes[at + 2] == lf {
                    return .frame(skip: start, length: at - start, total: at + 3)
                }
            }
            index = at + 1
        }
        return .needMore(skip: start, resume: max(0, count - start))
    }

    /// Splits a frame's bytes (without its final line end) into fields.
    private static func parseFields(_ bytes: UnsafeRawBufferPointer, offset: Int) -> ParsedFrame {
        var fields: [Field] = []
        fields.reserveCapacity(12)
        let base = bytes.baseAddress!
        let count = bytes.count
        var lineStart = 0
        var lineNumber = 1
        while lineStart < count {
            var lineEnd = count
            if let found = memchr(base + lineStart, Int32(lf), count - lineStart) {
                lineEnd = base.distance(to: UnsafeRawPointer(found))
            }
            let next = lineEnd + 1
            if lineEnd > lineStart && bytes[lineEnd - 1] == cr { lineEnd -= 1 }
            guard let colonPointer = memchr(base + lineStart, Int32(colon), lineEnd - lineStart) else {
                return .malformed(MalformedFrame(reason: "line \(lineNumber) has no ':'", offset: offset + lineStart))
            }
            let colonAt = base.distance(to: UnsafeRawPointer(colonPointer))
            let keyRange = trimmed(bytes, lineStart, colonAt)
            let valueRange = trimmed(bytes, colonAt + 1, lineEnd)
            guard keyRange.lowerBound < keyRange.upperBound else {
                return .malformed(MalformedFrame(reason: "line \(lineNumber) has an empty key", offset: offset + lineStart))
            }
            guard let key = string(bytes, keyRange), let value = string(bytes, valueRange) else {
                return .malformed(MalformedFrame(reason: "line \(lineNumber) is not valid UTF-8", offset: offset + lineStart))
            }
            fields.append(Field(key, value))
            lineStart = next
            lineNumber += 1
        }
        return .frame(Frame(fields))
    }

    @inline(__always)
    private static func trimmed(_ bytes: UnsafeRawBufferPointer, _ lower: Int, _ upper: Int) -> Range<Int> {
        var lower = lower
        var upper = upper
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        return lower..<upper
    }

    @inline(__always)
    private static func string(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String? {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range]).bindMemory(to: UInt8.self)
        var ascii = true
        for byte in slice where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: slice, as: UTF8.self) }
        return String(validating: slice, as: UTF8.self)
    }
}
