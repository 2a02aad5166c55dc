/// Rows of text as aligned columns for a terminal. Chinese, Japanese and Korean characters (and
/// other East Asian wide or fullwidth ones) take two columns, combining marks none, so the columns
/// line up with guest names such as 张伟.
enum TextTable {
    enum Alignment: Sendable {
        case left, right
    }

    /// `header` (if any) and `rows` as lines joined by newlines, columns two spaces apart, no
    /// trailing spaces. Short rows are padded with empty cells. Newlines and tabs inside a cell
    /// become spaces so a cell stays on its line.
    static func render(header: [String]? = nil, rows: [[String]], alignments: [Alignment] = []) -> String {
        let all = ((header.map { [$0] } ?? []) + rows).map { $0.map(clean) }
        let columns = all.map(\.count).max() ?? 0
        guard columns > 0 else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], displayWidth(cell)) }
        }
        let lines = all.map { row -> String in
            var line = ""
            for index in 0..<columns {
                let cell = index < row.count ? row[index] : ""
                let padding = String(repeating: " ", count: widths[index] - displayWidth(cell))
                let alignment = index < alignments.count ? alignments[index] : .left
                if index > 0 { line += "  " }
                line += alignment == .right ? padding + cell : cell + padding
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
        return lines.joined(separator: "\n")
    }

    /// Terminal columns `text` takes.
    static func displayWidth(_ text: String) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// A grapheme cluster: 2 if any of its scalars is wide (or it is an emoji presentation),
    /// 0 if all are combining or invisible, else 1.
    static func width(of character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            if isWide(scalar) || scalar.properties.isEmojiPresentation { return 2 }
            if !isZeroWidth(scalar) { width = 1 }
        }
        return width
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return scalar.value == 0x200B || (0xFE00...0xFE0F).contains(scalar.value)
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges of Unicode's EastAsianWidth.txt, condensed.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F,  // Hangul Jamo initials
            0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
            0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility, Kanbun, CJK strokes, enclosed, compatibility
            0x3400...0x4DBF,  // CJK Extension A
            0x4E00...0x9FFF,  // CJK Unified Ideographs
            0xA000...0xA4CF,  // Yi
            0xA960...0xA97F,  // Hangul Jamo Extended-A
            0xAC00...0xD7A3,  // Hangul syllables
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFE10...0xFE19,  // vertical forms
            0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
            0xFF00...0xFF60,  // fullwidth forms
            0xFFE0...0xFFE6,  // fullwidth signs
            0x1F300...0x1F64F, 0x1F900...0x1F9FF,  // pictographs, emoticons
            0x20000...0x2FFFD, 0x30000...0x3FFFD:  // CJK Extensions B–H
            return true
        default:
            return false
        }
    }

    private static func clean(_ cell: String) -> String {
        guard cell.contains(where: { $0.isNewline || $0 == "\t" }) else { return cell }
        return String(cell.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
