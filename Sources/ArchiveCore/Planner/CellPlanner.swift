/// Adds the expressions a column's cells need to a select list, and says how to read them back.
struct CellPlanner {
    let catalog: ProviderCatalog
    let language: Language
    /// Relations the added expressions read.
    private(set) var relations: Set<String> = []

    init(catalog: ProviderCatalog, language: Language) {
        self.catalog = catalog
        self.language = language
    }

    mutating func add(_ fragment: SQLFragment, to select: inout SelectList) -> Int {
        relations.formUnion(fragment.relations)
        return select.add(fragment.expression(in: catalog, language: language))
    }

    /// The reader of one column's cells.
    mutating func reader(for column: ColumnDefinition, select: inout SelectList) -> CellSource {
        let hintKey = column.hintRelation.isEmpty ? catalog.rootHintKey : catalog.relations[column.hintRelation]?.hintKey
        switch column.value {
        case .field(let fragment, let type, let zoned):
            let index = add(fragment, to: &select)
            let hintIndex = hintKey == nil ? nil : add(.column(column.hintRelation, "id"), to: &select)
            return .field(index: index, type: type, zoned: zoned, hintIndex: hintIndex, hintKey: hintKey)
        case .reference(let id, let text), .identifier(let id, let text):
            return .reference(idIndex: add(id, to: &select), textIndex: add(text, to: &select), hintKey: hintKey)
        case .references(let ids, let texts):
            return .references(idsIndex: add(ids, to: &select), textsIndex: add(texts, to: &select))
        case .constant(let raw, let display):
            return .constant(raw: raw, display: display)
        case .flagText(let fragment, let whenTrue, let whenFalse):
            return .flagText(index: add(fragment, to: &select), whenTrue: whenTrue, whenFalse: whenFalse)
        case .pseudo:
            return .pseudo
        }
    }
}
