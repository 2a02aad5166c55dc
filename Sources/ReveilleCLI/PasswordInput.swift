import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A password typed at the terminal without echo (asked twice), or one line of standard input
/// when it is a pipe (scripts, tests). Never an argument: `ps` and the shell's history show those.
enum PasswordInput {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func read(confirm: Bool) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else { throw Problem(description: "password: none on standard input") }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        let first = try ask("Password: ")
        if confirm, try ask("Again: ") != first { throw Problem(description: "password: the two entries differ; nothing changed") }
        return first
    }

    /// One line from the terminal with echo off (restored whatever happens).
    private static func ask(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw Problem(description: "password: none typed") }
        return line
    }
}
