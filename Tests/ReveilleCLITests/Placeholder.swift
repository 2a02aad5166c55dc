import Testing
@testable import ReveilleCLI
@Test func placeholder2() { #expect(Bool(true)) }
