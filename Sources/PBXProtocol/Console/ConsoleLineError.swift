/// Why a line of the console interface (§6) is not valid: names the field and the rule.
public struct ConsoleLineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field (`caller`, `end time`, `extension`, …) or `line` for the line as a whole.
    public var field: String
    /// The offending text, as read.
    public var value: String
    /// The rule it breaks, with its § number.
    public var rule: String

    public init(field: String, value: String, rule: String) {
        self.field = field
        self.value = value
        self.rule = rule
    }

    public var description: String { "\(field) \"\(value.escapingControls)\": \(rule)" }
}

/// A bad line and where it stood: reported, never fatal (project rule: no input crashes the process).
public struct BadConsoleLine: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number in its source (the file `hd.txt`, or the serial port since it was opened).
    public var lineNumber: Int
    public var error: ConsoleLineError

    public init(lineNumber: Int, error: ConsoleLineError) {
        self.lineNumber = lineNumber
        self.error = error
    }

    public var description: String { "line \(lineNumber): \(error)" }
}

extension String {
    /// Control characters shown as `\u{…}` so a report line cannot be forged or broken by them.
    var escapingControls: String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

enum ConsoleText {
    /// Whether `text` is a non-empty run of printable ASCII (0x21–0x7E) without any of `excluded`.
    static func isPlainToken(_ text: some StringProtocol, excluding excluded: Set<UInt8>) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x21...0x7E).contains($0) && !excluded.contains($0) }
    }

    /// Checks an extension written into the `Grade` or `Clock` file (§6.2, §6.3): printable ASCII, no
    /// space, `/` or comma, so no line can be split, extended or injected.
    static func checkExtension(_ phone: String) throws(ConsoleLineError) {
        guard isPlainToken(phone, excluding: [UInt8(ascii: "/"), UInt8(ascii: ",")]) else {
            throw ConsoleLineError(
                field: "extension", value: phone,
                rule: "must be non-empty printable ASCII without spaces, '/' or ',' (§6.2, §6.3)")
        }
    }
}
