/// A CDR line of the console interface (§6.1), from the serial port or the file `hd.txt`:
/// `T8001,13820819228,2011-08-0415:37:36,11,0.20,0.80,1,0,D`.
///
/// Read liberally as the §6.1 Decision says: fields separated by commas, or padded with spaces to the
/// documented widths without commas; every field trimmed; the end time with or without the space
/// between date and time; the closing `D` optional.
public struct ConsoleCDR: Hashable, Sendable {
    /// The documented field widths after the `T` (§6.1): caller 4, callee 21, end time 21,
    /// duration 6, rate 6, charge 6, trunk 2, account 2.
    public static let widths = [4, 21, 21, 6, 6, 6, 2, 2]
    static let names = ["caller", "callee", "end time", "duration", "rate", "charge", "trunk", "account"]

    public var caller: String
    public var callee: String
    /// When the call ended, hotel wall clock.
    public var end: PBXDateTime
    /// Seconds.
    public var duration: Int
    /// Yuan per unit, as written (a decimal, e.g. `0.20`).
    public var rate: String
    /// Yuan, as written (a decimal, e.g. `0.80`).
    public var charge: String
    public var trunk: Int
    public var account: Int

    public init(
        caller: String, callee: String, end: PBXDateTime, duration: Int, rate: String = "0.00", charge: String = "0.00",
        trunk: Int = 0, account: Int = 0
    ) {
        self.caller = caller
        self.callee = callee
        self.end = end
        self.duration = duration
        self.rate = rate
        self.charge = charge
        self.trunk = trunk
        self.account = account
    }

    /// Parses one line (its CR/LF, if still there, is ignored).
    /// - Throws: ``ConsoleLineError`` naming the field and the rule.
    public init(line raw: String) throws(ConsoleLineError) {
        var line = Substring(raw)
        while let last = line.last, last == "\r\n" || last == "\r" || last == "\n" || last == " " || last == "\t" { line = line.dropLast() }
        guard line.first == "T" else {
            throw ConsoleLineError(field: "line", value: String(line.prefix(80)), rule: "must start with T (§6.1)")
        }
        var body = line.dropFirst()
        if body.last == "D" { body = body.dropLast() }
        let fields = try Self.fields(of: body)
        caller = try Self.token(fields[0], field: "caller")
        callee = try Self.token(fields[1], field: "callee")
        end = try Self.endTime(fields[2])
        duration = try Self.count(fields[3], field: "duration")
        rate = try Self.decimal(fields[4], field: "rate")
        charge = try Self.decimal(fields[5], field: "charge")
        trunk = try Self.count(fields[6], field: "trunk")
        account = try Self.count(fields[7], field: "account")
    }

    /// The line as the console writes it, comma-separated and ended by `D` (the vendor example's form).
    public var line: String {
        let time = String(end.description.filter { $0 != " " })
        return "T\(caller),\(callee),\(time),\(duration),\(rate),\(charge),\(trunk),\(account),D"
    }

    /// The record in the TCP interface's shape (§5.1), to be stored with its CDRs: the console line
    /// has no start, answer, disposition or call type, so the call is taken as answered for
    /// `duration` seconds up to `end` (a billed call), and the call type is `console`.
    public var cdr: CDR {
        let answered = end.adding(seconds: -Int64(duration))
        return CDR(
            caller: caller, callee: callee, start: answered, answer: answered, end: end, duration: duration,
            disposition: .answered, callType: .other("console"))
    }

    // MARK: - Fields

    private static func fields(of body: Substring) throws(ConsoleLineError) -> [Substring] {
        if body.contains(",") {
            var parts = body.split(separator: ",", omittingEmptySubsequences: false)
            // `…,0,D` leaves an empty last part once the D is gone.
            if parts.count == widths.count + 1, parts.last?.trimmedSpaces.isEmpty == true { parts.removeLast() }
            guard parts.count == widths.count else {
                throw ConsoleLineError(
                    field: "line", value: String(body.prefix(80)),
                    rule: "must hold 8 comma-separated fields after T, found \(parts.count) (§6.1)")
            }
            return parts
        }
        // Padded to the documented widths, without commas (§6.1 Decision): trailing spaces may be gone.
        let total = widths.reduce(0, +)
        let characters = Array(body)
        guard characters.count <= total, characters.count > total - widths.suffix(2).reduce(0, +) else {
            throw ConsoleLineError(
                field: "line", value: String(body.prefix(80)),
                rule: "must be comma-separated, or \(total) characters padded to the widths \(widths) after T (§6.1)")
        }
        var parts: [Substring] = []
        var offset = 0
        for width in widths {
            let slice = characters[min(offset, characters.count)..<min(offset + width, characters.count)]
            parts.append(Substring(String(slice)))
            offset += width
        }
        return parts
    }

    private static func token(_ text: Substring, field: String) throws(ConsoleLineError) -> String {
        let value = text.trimmedSpaces
        guard ConsoleText.isPlainToken(value, excluding: []) else {
            throw ConsoleLineError(field: field, value: value, rule: "must be a number without spaces or control characters (§6.1)")
        }
        return value
    }

    private static func count(_ text: Substring, field: String) throws(ConsoleLineError) -> Int {
        let value = text.trimmedSpaces
        guard value.count <= 9, !value.isEmpty, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let number = Int(value) else {
            throw ConsoleLineError(field: field, value: value, rule: "must be a whole number 0–999999999 (§6.1)")
        }
        return number
    }

    private static func decimal(_ text: Substring, field: String) throws(ConsoleLineError) -> String {
        let value = text.trimmedSpaces
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard value.count <= 12, (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } })
        else { throw ConsoleLineError(field: field, value: value, rule: "must be a decimal such as 0.20 (§6.1)") }
        return value
    }

    /// `2011-08-04 15:37:36`, or `2011-08-0415:37:36` as in the vendor example (§6.1 Decision).
    private static func endTime(_ text: Substring) throws(ConsoleLineError) -> PBXDateTime {
        var value = text.trimmedSpaces
        if value.utf8.count == 18, !value.contains(" ") {
            value.insert(" ", at: value.index(value.startIndex, offsetBy: 10))
        }
        guard let time = PBXDateTime(value) else {
            throw ConsoleLineError(
                field: "end time", value: text.trimmedSpaces,
                rule: "must be a real date-time yyyy-MM-dd HH:mm:ss, the space optional (§6.1)")
        }
        return time
    }
}
