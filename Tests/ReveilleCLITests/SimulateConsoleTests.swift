import Foundation
import Testing

@testable import ReveilleCLI

/// `reveille simulate --console FOLDER`: the console mode on its own.
@Suite struct SimulateConsoleTests {
    @Test func consoleModeTakesAFolderAndAKnownEncoding() throws {
        let command = try SimulateCommand.parse(["--console", "/srv/guowei", "--encoding", "gb18030"])
        #expect(command.console == "/srv/guowei")
        #expect(command.encoding == "gb18030")
        #expect(try SimulateCommand.parse([]).console == nil)
    }

    @Test func anUnknownEncodingIsRefusedNamingTheOption() {
        #expect {
            try SimulateCommand.parse(["--console", "x", "--encoding", "latin1"])
        } throws: { error in
            SimulateCommand.message(for: error).contains("--encoding")
        }
    }
}
