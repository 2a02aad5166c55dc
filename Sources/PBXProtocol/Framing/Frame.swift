/// One message of the PMS interface: the ordered `Key: Value` lines between two empty lines (§1).
///
/// Field order is kept and repeated keys are kept in order; ``subscript(_:)`` returns the first.
public struct Frame: Hashable, Sendable {
    public var fields: [Field]

    @inlinable
    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// The value of the first field named `key`, if any.
    @inlinable
    public subscript(key: String) -> String? {
        for field in fields where field.key == key {
            return field.value
        }
        return nil
    }

    /// Appends a field at the end.
    @inlinable
    public mutating func append(_ key: String, _ value: String) {
        fields.append(Field(key, value))
    }
}

extension Frame: ExpressibleByDictionaryLiteral {
    /// A frame from `["Key": "Value", …]`, in literal order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements.map { Field($0.0, $0.1) })
    }
}

extension Frame: CustomStringConvertible {
    /// The fields on one line, `Password` redacted: safe for logs.
    public var description: String {
        fields.map(\.description).joined(separator: ", ")
    }
}
