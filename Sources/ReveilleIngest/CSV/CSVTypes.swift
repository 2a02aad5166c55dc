/// The character that separates fields in a CSV record.
public enum CSVDelimiter: Sendable, Hashable {
    /// `,` — the usual separator.
    case comma
    /// `;` — common in exports made with a European locale.
    case semicolon
    /// A horizontal tab (TSV exports).
    case tab
    /// Guess from the header record: whichever of `,` `;` and tab occurs most often outside quotes
    /// (ties prefer comma, then semicolon, then tab; a header with none of them is one comma-separated column).
    case automatic
}

/// The text encoding of a CSV file.
public enum CSVEncoding: Sendable, Hashable {
    /// UTF-8, with or without a byte order mark.
    case utf8
    /// GB18030 (a superset of GBK and GB2312), as exported by most Chinese PMSs.
    case gb18030
    /// UTF-8 if the file starts with a UTF-8 byte order mark or is valid UTF-8 as a whole; GB18030 otherwise.
    case automatic
}

/// How `CSVReader` reads a file.
public struct CSVOptions: Sendable, Hashable {
    /// The field separator; `.automatic` guesses it from the header record.
    public var delimiter: CSVDelimiter = .automatic
    /// The text encoding; `.automatic` tells UTF-8 from GB18030.
    public var encoding: CSVEncoding = .automatic

    /// Options for reading a CSV file; by default both the delimiter and the encoding are detected.
    public init(delimiter: CSVDelimiter = .automatic, encoding: CSVEncoding = .automatic) {
        self.delimiter = delimiter
        self.encoding = encoding
    }
}

/// One data record of a CSV file.
public struct CSVRow: Sendable, Hashable {
    /// The 1-based physical line on which the record starts (a quoted field containing line breaks makes
    /// the following records start on later lines; skipped blank lines still count).
    public var line: Int
    /// The record's fields, unquoted and unescaped, not trimmed. The count may differ from the header's.
    public var fields: [String]

    /// A record starting on physical line `line`.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A whole CSV file: the header record and the data records after it.
public struct CSVTable: Sendable, Hashable {
    /// The column names from the first record, with surrounding whitespace trimmed.
    public var header: [String]
    /// The data records in file order, blank lines left out.
    public var rows: [CSVRow]

    /// A table with the given header and rows.
    public init(header: [String], rows: [CSVRow]) {
        self.header = header
        self.rows = rows
    }
}

/// Why a CSV file cannot be read as a whole, and where.
///
/// Its description reads like `line 12: unterminated quoted field`.
public struct CSVReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based physical line where the problem is (for an unterminated quote, the line the quoted field opens on).
    public var line: Int
    /// What is wrong, in a few words.
    public var reason: String

    /// An error on physical line `line`.
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// `line N: reason`.
    public var description: String { "line \(line): \(reason)" }
}
