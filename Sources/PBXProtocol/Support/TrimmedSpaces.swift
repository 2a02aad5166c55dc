extension StringProtocol {
    /// Without the spaces and tabs at either end — the trimming of §1 (values are read with the
    /// spaces and tabs around them removed). A byte loop over UTF-8: no Foundation bridging.
    public var trimmedSpaces: String {
        let text = Substring(self)
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        var last = utf8.index(before: utf8.endIndex)
        while utf8[last] == 0x20 || utf8[last] == 0x09 { last = utf8.index(before: last) }
        return String(text[first...last])
    }
}

extension String {
    /// Without the spaces and tabs at either end (the `String` fast path of the generic property:
    /// no copy when there is nothing to trim).
    public var trimmedSpaces: String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        var last = utf8.index(before: utf8.endIndex)
        while utf8[last] == 0x20 || utf8[last] == 0x09 { last = utf8.index(before: last) }
        if first == utf8.startIndex, last == utf8.index(before: utf8.endIndex) { return self }
        return String(self[first...last])
    }
}
