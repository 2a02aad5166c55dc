/// A line of the call class file `Grade` (§6.2): `extension/N`, answered `extension/OK`.
public struct GradeLine: Hashable, Sendable, CustomStringConvertible {
    public var phone: String
    public var level: ConsoleCallClass

    /// - Throws: ``ConsoleLineError`` when the extension could break the line (§6.2).
    public init(phone: String, level: ConsoleCallClass) throws(ConsoleLineError) {
        try ConsoleText.checkExtension(phone)
        self.phone = phone
        self.level = level
    }

    /// Reads a `Grade` line as the console software does (the simulator's side); spaces around it are trimmed.
    /// - Throws: ``ConsoleLineError`` naming the part and the rule.
    public init(parsing text: String) throws(ConsoleLineError) {
        let line = text.trimmedSpaces
        guard let slash = line.firstIndex(of: "/") else {
            throw ConsoleLineError(field: "line", value: line, rule: "must be extension/N (§6.2)")
        }
        let digit = String(line[line.index(after: slash)...])
        guard let number = Int(digit), let level = ConsoleCallClass(rawValue: number) else {
            throw ConsoleLineError(field: "call class", value: digit, rule: "must be 0, 1, 2 or 3 (§6.2)")
        }
        try self.init(phone: String(line[..<slash]), level: level)
    }

    /// The line written to the file.
    public var description: String { "\(phone)/\(level.rawValue)" }

    /// The console's acknowledgement: `extension/OK` (§6.2).
    public var reply: String { "\(phone)/OK" }
}
