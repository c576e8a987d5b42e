/// The cells of one row, indexed from 0 in the order of ``ArchivePage/columns``.
///
/// The rows of a page share one buffer of cells, each row a window on it, so a page allocates
/// its cells once rather than once per row.
public struct ArchiveCells: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral {
    private let storage: [ArchiveCell]
    private let offset: Int
    /// How many cells the row has: one per column.
    public let count: Int

    /// The cells `storage[offset ..< offset + count]`.
    init(storage: [ArchiveCell], offset: Int, count: Int) {
        precondition(offset >= 0 && count >= 0 && offset + count <= storage.count, "cells outside their storage")
        self.storage = storage
        self.offset = offset
        self.count = count
    }

    /// Cells in a buffer of their own.
    public init(_ cells: [ArchiveCell]) { self.init(storage: cells, offset: 0, count: cells.count) }

    /// Cells in a buffer of their own.
    public init(arrayLiteral cells: ArchiveCell...) { self.init(cells) }

    /// 0: the first column's cell.
    public var startIndex: Int { 0 }
    /// ``count``: one past the last cell.
    public var endIndex: Int { count }

    /// The cell of the column at `position` (0-based); traps outside `0 ..< count`.
    public subscript(position: Int) -> ArchiveCell {
        precondition(position >= 0 && position < count, "cell index out of range")
        return storage[offset + position]
    }

    /// True when both hold equal cells in the same order, wherever they are stored.
    public static func == (left: ArchiveCells, right: ArchiveCells) -> Bool { left.elementsEqual(right) }

    /// Hashes the cells, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for cell in self { hasher.combine(cell) }
    }
}
