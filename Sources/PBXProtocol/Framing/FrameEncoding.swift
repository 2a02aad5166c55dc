import NIOCore

/// A field that must not be written to the PBX: §1 forbids CR, LF and other control characters in
/// keys and values (they would inject fields, e.g. a guest named `"X\r\nAction: Set"`).
public struct FieldRejected: Error, Hashable, Sendable, CustomStringConvertible {
    /// The key of the offending field (or the key itself when the key is at fault).
    public var key: String
    /// The rule the field breaks.
    public var rule: String

    public init(key: String, rule: String) {
        self.key = key
        self.rule = rule
    }

    public var description: String { "field \(key): \(rule)" }
}

extension Frame {
    /// The largest frame Reveille sends, in bytes: the §1 frame limit (64 KiB, the same bound the
    /// receiving side enforces). A PBX closes the connection on a larger message, so a request over
    /// it is refused before it is written (``PBXRequest/frame()``) and never reaches the wire.
    public static let sendLimit = FrameParser.defaultMaximumFrameSize

    /// The bytes ``write(into:)`` writes for this frame.
    public var encodedSize: Int {
        fields.reduce(2) { $0 + $1.key.utf8.count + $1.value.utf8.count + 4 }
    }

    /// Writes `Key: Value\r\n` per field and one `\r\n` to end the message (§1 decisions).
    ///
    /// Nothing is written unless every field is acceptable, so a rejected frame never leaves half a
    /// message in `buffer`.
    /// - Throws: ``FieldRejected`` naming the first field whose key or value breaks §1.
    public func write(into buffer: inout ByteBuffer) throws(FieldRejected) {
        try validate()
        buffer.reserveCapacity(minimumWritableBytes: encodedSize)
        for field in fields {
            buffer.writeString(field.key)
            buffer.writeStaticString(": ")
            buffer.writeString(field.value)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
    }

    /// The encoded bytes of this frame.
    public func encoded(allocator: ByteBufferAllocator = ByteBufferAllocator()) throws(FieldRejected) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 256)
        try write(into: &buffer)
        return buffer
    }

    /// Checks every key and value against §1 without writing anything.
    public func validate() throws(FieldRejected) {
        for field in fields {
            try Self.validateKey(field.key)
            if let rule = Self.controlCharacterRule(field.value) {
                throw FieldRejected(key: field.key, rule: "value " + rule)
            }
        }
    }

    static func validateKey(_ key: String) throws(FieldRejected) {
        if key.isEmpty {
            throw FieldRejected(key: key, rule: "key must not be empty")
        }
        switch scan(key) {
        case .clean: return
        case .colonOrSpace: throw FieldRejected(key: key, rule: "key must not contain ':' or spaces")
        case .control(let rule): throw FieldRejected(key: key, rule: "key " + rule)
        }
    }

    /// Why `text` may not be sent, or `nil` when it holds no control character.
    @usableFromInline
    static func controlCharacterRule(_ text: String) -> String? {
        if case .control(let rule) = scan(text) { return rule }
        return nil
    }

    private enum ScanResult {
        case clean
        /// A `:` or space: fine in a value, not in a key.
        case colonOrSpace
        case control(String)
    }

    /// One pass over the UTF-8 of `text` looking for control characters: C0 (U+0000–U+001F, which
    /// includes CR, LF and TAB), DEL and C1 (U+0080–U+009F, encoded as `C2 80`…`C2 9F`).
    private static func scan(_ text: String) -> ScanResult {
        let result = text.utf8.withContiguousStorageIfAvailable { scan($0) }
        return result ?? scan(Array(text.utf8))
    }

    private static func scan(_ bytes: some Collection<UInt8>) -> ScanResult {
        var previous: UInt8 = 0
        var result = ScanResult.clean
        for byte in bytes {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) {
                switch byte {
                case 0x0D: return .control("must not contain CR (§1: no field injection)")
                case 0x0A: return .control("must not contain LF (§1: no field injection)")
                default: return .control("must not contain control characters (§1)")
                }
            }
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: " ") { result = .colonOrSpace }
            previous = byte
        }
        return result
    }
}

extension String {
    /// Whether this text holds no CR, LF or other control character and so may reach the PBX (§1).
    public var isSafeForPBXWire: Bool { Frame.controlCharacterRule(self) == nil }
}
