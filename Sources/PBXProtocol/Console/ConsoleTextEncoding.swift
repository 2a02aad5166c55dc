/// How the console software's `Grade` and `Clock` files are encoded (§6.2, §6.3).
///
/// **Decision:** the vendor text does not say. UTF-8 is the default (§1: non-ASCII text is UTF-8);
/// GB18030 is what Notepad of a Chinese Windows saves as "ANSI", which older console software may
/// expect. The lines Reveille writes hold ASCII and the full-width comma U+FF0C only (bytes
/// `EF BC 8C` in UTF-8, `A3 AC` in GB18030), so both are encoded here without iconv; anything else
/// read from a file decodes to U+FFFD, never a crash.
public enum ConsoleTextEncoding: String, Hashable, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030

    static let fullWidthCommaGB18030: [UInt8] = [0xA3, 0xAC]

    /// The bytes of `text`. In GB18030, a character other than ASCII or U+FF0C (never in a checked
    /// line) becomes `?`.
    public func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8:
            return Array(text.utf8)
        case .gb18030:
            var bytes: [UInt8] = []
            for scalar in text.unicodeScalars {
                if scalar.isASCII {
                    bytes.append(UInt8(scalar.value))
                } else if scalar == "\u{FF0C}" {
                    bytes += Self.fullWidthCommaGB18030
                } else {
                    bytes.append(UInt8(ascii: "?"))
                }
            }
            return bytes
        }
    }

    /// The text of `bytes`: invalid UTF-8, and GB18030 characters other than ASCII and U+FF0C, become U+FFFD.
    public func decode(_ bytes: some Collection<UInt8>) -> String {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .gb18030:
            let bytes = Array(bytes)
            var scalars = String.UnicodeScalarView()
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard (0x81...0xFE).contains(byte), index + 1 < bytes.count else {
                    scalars.append(byte < 0x80 ? Unicode.Scalar(byte) : "\u{FFFD}")
                    index += 1
                    continue
                }
                if (0x30...0x39).contains(bytes[index + 1]) {
                    scalars.append("\u{FFFD}")  // a four-byte sequence
                    index += 4
                } else {
                    scalars.append(Array(bytes[index...(index + 1)]) == Self.fullWidthCommaGB18030 ? "\u{FF0C}" : "\u{FFFD}")
                    index += 2
                }
            }
            return String(scalars)
        }
    }
}
