import PBXProtocol

/// Which PBX driver `reveille serve` uses (`pbx.driver`).
public enum PBXDriverKind: String, Hashable, Sendable {
    /// The TCP interface (§1–§5): `tcp`, the default.
    case tcp
    /// The console software's files and CDR lines of older switches (§6): `console-files`.
    case consoleFiles = "console-files"
}

/// `pbx.console.*`: the console interface of older switches (§6).
public struct ConsoleConfiguration: Hashable, Sendable {
    /// The console software's install folder: `Grade`, `Clock` and `hd.txt` (relative paths from the
    /// configuration file's folder).
    public var folder: String?
    /// The serial device CDR lines are forwarded to (1200 8N2, §6.1), e.g. `/dev/ttyS1`; `nil`: none.
    public var serialPort: String?
    /// How `Grade` and `Clock` are encoded: UTF-8, or GB18030 ("ANSI" on a Chinese Windows).
    public var encoding = ConsoleTextEncoding.utf8
    /// A Grade or Clock line without its `…OK` within this long has failed.
    public var replyTimeout: Duration = .seconds(10)
    /// `hd.txt` is also checked this often (network shares where inotify is deaf).
    public var pollInterval: Duration = .seconds(5)

    public init() {}
}
