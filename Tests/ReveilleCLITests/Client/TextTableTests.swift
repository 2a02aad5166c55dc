import Testing

@testable import ReveilleCLI

/// `TextTable`: aligned columns in terminal cells, wide characters counted twice.
@Suite struct TextTableTests {
    @Test func columnsAreTwoSpacesApartWithoutTrailingSpaces() {
        #expect(
            TextTable.render(header: ["ROOM", "GUEST", "OK"], rows: [["1208", "Smith", "yes"], ["1", "", ""]])
                == "ROOM  GUEST  OK\n1208  Smith  yes\n1")
    }

    @Test func chineseNamesCountAsTwoColumnsSoTheNextColumnLinesUp() {
        let text = TextTable.render(header: ["ROOM", "GUEST", "DND"], rows: [["1208", "张伟", "on"], ["1209", "Smith", "off"], ["1210", "欧阳娜娜", "on"]])
        #expect(
            text.lines == [
                "ROOM  GUEST     DND",
                "1208  张伟      on",
                "1209  Smith     off",
                "1210  欧阳娜娜  on",
            ])
        // The DND column starts in the same terminal column on every line.
        let starts = text.lines.map { line -> Int in
            let lastGap = line.range(of: "  ", options: .backwards)!
            return TextTable.displayWidth(String(line[..<lastGap.upperBound]))
        }
        #expect(starts == [16, 16, 16, 16])
    }

    @Test(arguments: [
        ("abc", 3), ("张伟", 4), ("Ｓｍｉｔｈ", 10), ("e\u{301}", 1), ("한국", 4), ("ｶﾀｶﾅ", 4), ("", 0), ("Zoë", 3), ("旅行团 ABC", 10),
        ("👍", 2),
    ])
    func displayWidthCountsTerminalColumns(text: String, width: Int) {
        #expect(TextTable.displayWidth(text) == width)
    }

    @Test func rightAlignmentPadsOnTheLeft() {
        #expect(TextTable.render(header: ["ID", "NAME"], rows: [["7", "a"], ["12", "b"]], alignments: [.right]) == "ID  NAME\n 7  a\n12  b")
    }

    @Test func shortRowsArePaddedAndNewlinesInCellsBecomeSpaces() {
        #expect(TextTable.render(rows: [["a", "b", "c"], ["dd"], ["e", "line\none"]]) == "a   b         c\ndd\ne   line one")
    }

    @Test func noRowsIsEmptyText() {
        #expect(TextTable.render(rows: []) == "")
    }
}
