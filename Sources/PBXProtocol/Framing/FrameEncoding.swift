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
    /// Writes `Key: Value\r\n` per field and one `\r\n` to end the message (§1 decisions).
    ///
    /// Nothing is written unless every field is acceptable, so a rejected frame never leaves half a
    /// message in `buffer`.
    /// - Throws: ``FieldRejected`` naming the first field whose key or value breaks §1.
    public func write(into buffer: inout ByteBuffer) throws(FieldRejected) {
        try validate()
        var size = 2
        for field in fields {
            size += field.key.utf8.count + field.value.utf8.count + 4
        }
        buffer.reserveCapacity(minimumWritableBytes: size)
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
        if let rule = controlCharacterRule(key) {
            throw FieldRejected(key: key, rule: "key " + rule)
        }
        for byte in key.utf8 where byte == UInt8(ascii: ":") || byte == UInt8(ascii: " ") {
            throw FieldRejected(key: key, rule: "key must not contain ':' or spaces")
        }
    }

    /// Why `text` may not be sent, or `nil` when it holds no control character.
    ///
    /// Control characters are C0 (U+0000–U+001F, which includes CR, LF and TAB), DEL and C1
    /// (U+0080–U+009F, encoded in UTF-8 as `C2 80`…`C2 9F`).
    @usableFromInline
    static func controlCharacterRule(_ text: String) -> String? {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) {
                switch byte {
                case 0x0D: return "must not contain CR (§1: no field injection)"
                case 0x0A: return "must not contain LF (§1: no field injection)"
                default: return "must not contain control characters (§1)"
                }
            }
            previous = byte
        }
        return nil
    }
}

extension String {
    /// Whether this text holds no CR, LF or other control character and so may reach the PBX (§1).
    public var isSafeForPBXWire: Bool { Frame.controlCharacterRule(self) == nil }
}
