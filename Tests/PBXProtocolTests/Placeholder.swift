import Testing
@testable import PBXProtocol
@Test func placeholder() { #expect(Bool(true)) }
