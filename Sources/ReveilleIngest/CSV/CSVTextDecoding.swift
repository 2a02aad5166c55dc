#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin  // iconv lives in libiconv on macOS: the target needs `linkedLibrary("iconv", .when(platforms: [.macOS]))`.
#endif

/// Turns the bytes of an export into UTF-8 without a byte order mark, refusing anything that is not valid
/// text in the chosen encoding (nothing is ever replaced by U+FFFD).
enum CSVTextDecoding {
    /// The UTF-8 byte order mark.
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The outcome for the bytes of a file.
    enum Text {
        /// The input is already UTF-8: parse `bytes[offset...]` (`offset` skips a byte order mark).
        case utf8(offset: Int)
        /// The input was converted; these UTF-8 bytes have no byte order mark.
        case converted([UInt8])
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, encoding: CSVEncoding) throws(CSVReadError) -> Text {
        let hasBOM = startsWithBOM(bytes)
        switch encoding {
        case .utf8:
            if let bad = firstInvalidUTF8(bytes) {
                throw CSVReadError(line: line(at: bad, in: bytes), reason: "not valid UTF-8 text")
            }
            return .utf8(offset: hasBOM ? 3 : 0)
        case .gb18030:
            switch gb18030ToUTF8(bytes) {
            case .success(let utf8): return .converted(utf8)
            case .failure(.invalid(let offset)):
                throw CSVReadError(line: line(at: offset, in: bytes), reason: "not valid GB18030 text")
            case .failure(.unavailable):
                throw CSVReadError(line: 1, reason: "GB18030 decoding is not available on this system (iconv)")
            }
        case .automatic:
            let badUTF8 = firstInvalidUTF8(bytes)
            guard let badUTF8 else { return .utf8(offset: hasBOM ? 3 : 0) }
            if hasBOM {
                throw CSVReadError(line: line(at: badUTF8, in: bytes), reason: "not valid UTF-8 text (the file starts with a UTF-8 byte order mark)")
            }
            switch gb18030ToUTF8(bytes) {
            case .success(let utf8): return .converted(utf8)
            case .failure(.invalid(let badGB)):
                // Name the place where the encoding that got further stops: for a UTF-8 file with one
                // corrupt byte that is the corrupt byte, not the first Chinese character, and vice versa.
                throw CSVReadError(line: line(at: max(badUTF8, badGB), in: bytes), reason: "not UTF-8 or GB18030 text")
            case .failure(.unavailable):
                throw CSVReadError(line: line(at: badUTF8, in: bytes), reason: "not valid UTF-8 text, and GB18030 decoding is not available on this system (iconv)")
            }
        }
    }

    static func startsWithBOM(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// The 1-based physical line that byte `offset` is on; CR, LF and CRLF each end one line.
    /// Also right for GB18030 bytes, whose multi-byte sequences never contain 0x0A or 0x0D.
    static func line(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var index = 0
        while index < offset {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && !(index + 1 < bytes.count && bytes[index + 1] == 0x0A)) {
                line += 1
            }
            index += 1
        }
        return line
    }

    /// The offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode table 3-7:
    /// no overlong forms, no surrogates, nothing above U+10FFFF), or nil if all of `bytes` is valid UTF-8.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        var index = 0
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return index }
            if length >= 3, bytes[index + 2] & 0xC0 != 0x80 { return index }
            if length == 4, bytes[index + 3] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }

    enum ConversionFailure: Error {
        /// The input is not valid GB18030 from this byte offset on (an invalid or truncated sequence).
        case invalid(offset: Int)
        /// iconv cannot convert from GB18030 here.
        case unavailable
    }

    /// Converts GB18030 bytes to UTF-8 with iconv, failing on the first invalid or incomplete sequence
    /// (no `//IGNORE`, no `//TRANSLIT`). A GB18030 byte order mark (84 31 95 33) is dropped.
    static func gb18030ToUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], ConversionFailure> {
        guard let input = bytes.baseAddress, bytes.count > 0 else { return .success([]) }
        let descriptor = iconv_open("UTF-8", "GB18030")
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return .failure(.unavailable) }
        defer { iconv_close(descriptor) }

        // GB18030 → UTF-8 grows by at most 3/2 (two bytes become three; four bytes stay four).
        var capacity = bytes.count + bytes.count / 2 + 16
        var output = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        defer { output.deallocate() }

        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: input).assumingMemoryBound(to: CChar.self)
        var inLeft = bytes.count
        var outPointer: UnsafeMutablePointer<CChar>? = output
        var outLeft = capacity
        while inLeft > 0 {
            if iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) != -1 { continue }
            let failure = errno
            guard failure == E2BIG else { return .failure(.invalid(offset: bytes.count - inLeft)) }
            // Cannot happen given the bound above, but stay correct if an iconv behaves differently.
            let written = capacity - outLeft
            let grown = UnsafeMutablePointer<CChar>.allocate(capacity: capacity * 2)
            grown.update(from: output, count: written)
            output.deallocate()
            output = grown
            outPointer = grown + written
            outLeft = capacity * 2 - written
            capacity *= 2
        }
        let written = capacity - outLeft
        var result = UnsafeRawBufferPointer(start: output, count: written)
        if result.count >= 3, result[0] == 0xEF, result[1] == 0xBB, result[2] == 0xBF {
            result = UnsafeRawBufferPointer(rebasing: result[3...])
        }
        return .success([UInt8](result))
    }
}
