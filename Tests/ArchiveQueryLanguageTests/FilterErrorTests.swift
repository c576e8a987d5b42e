import ArchiveCore
import ArchiveQueryLanguage
import Testing

// Every syntax error of $filter: its kind, option and position, and the key words of its message
// (the offending token and what was expected there).

struct FilterErrorCase: Sendable, CustomTestStringConvertible {
    let text: String
    let position: Int
    let words: [String]
    init(_ text: String, at position: Int, _ words: [String]) {
        self.text = text
        self.position = position
        self.words = words
    }
    var testDescription: String { text }
}

@Suite("$filter: syntax errors")
struct FilterErrorTests {
    static let cases: [FilterErrorCase] = [
        FilterErrorCase("rating eq )", at: 11, ["unexpected ')' at position 11", "expected a value after 'eq'"]),
        FilterErrorCase("(a eq 1 or b eq )", at: 17, ["unexpected ')' at position 17; expected a value after 'eq'"]),
        FilterErrorCase("rating eq", at: 10, ["unexpected end of the filter at position 10", "expected a value after 'eq'"]),
        FilterErrorCase("rating = and rating eq 1", at: 10, ["unexpected 'and' at position 10", "a value after '='"]),
        FilterErrorCase("rating >= or rating eq 1", at: 11, ["unexpected 'or'", "a value after '>='"]),
        FilterErrorCase("rating in", at: 10, ["end of the filter", "a value after 'in'"]),
        FilterErrorCase("rating eq ,", at: 11, ["unexpected ','", "a value after 'eq'"]),
        FilterErrorCase("rating eq =", at: 11, ["unexpected '='", "a value after 'eq'"]),
        FilterErrorCase("rating eq 'a' 'b'", at: 15, ["unexpected string 'b' at position 15", "'and', 'or' or the end", "parentheses"]),
        FilterErrorCase("rating between 1 5", at: 18, ["unexpected '5'", "several values in parentheses"]),
        FilterErrorCase("name eq 'abc", at: 9, ["unterminated string starting at position 9"]),
        FilterErrorCase("name eq 'Bob\\'", at: 9, ["unterminated string starting at position 9"]),
        FilterErrorCase("name eq 'a' or name eq 'b", at: 24, ["unterminated string starting at position 24"]),
        FilterErrorCase("name eq \"Bob\"", at: 9, ["'\"' at position 9", "single quotes"]),
        FilterErrorCase("rating ! 4", at: 8, ["'!' at position 8", "'!='", "notBegins"]),
        FilterErrorCase("name eq 'it's'", at: 13, ["unexpected 's' at position 13"]),
        FilterErrorCase("rating eq 1 )", at: 13, ["unexpected ')' at position 13", "no '(' to close"]),
        FilterErrorCase("rating eq 1 and (rating eq 2))", at: 30, ["unexpected ')'", "no '(' to close"]),
        FilterErrorCase("rating eq 1 rating eq 2", at: 13, ["unexpected 'rating' at position 13", "'and', 'or' or the end of the filter"]),
        FilterErrorCase("rating eq 1 & rating eq 2", at: 13, ["unexpected '&'", "'and', 'or'"]),
        FilterErrorCase("rating eq 1 && rating eq 2", at: 13, ["unexpected '&&'"]),
        FilterErrorCase("rating eq 1 | rating eq 2", at: 13, ["unexpected '|'"]),
        FilterErrorCase("and rating eq 1", at: 1, ["unexpected 'and' at position 1", "expected a condition"]),
        FilterErrorCase("OR rating eq 1", at: 1, ["unexpected 'OR' at position 1", "expected a condition"]),
        FilterErrorCase("rating eq 1 or and rating eq 2", at: 16, ["unexpected 'and' at position 16", "a condition after 'or'"]),
        FilterErrorCase("rating eq 1 and", at: 16, ["end of the filter at position 16", "a condition after 'and'"]),
        FilterErrorCase("rating eq 1 or", at: 15, ["end of the filter", "a condition after 'or'"]),
        FilterErrorCase("()", at: 1, ["empty parentheses at position 1"]),
        FilterErrorCase("rating eq 1 and ()", at: 17, ["empty parentheses at position 17"]),
        FilterErrorCase("(rating eq 1", at: 1, ["missing ')' to close the '(' at position 1"]),
        FilterErrorCase("((rating eq 1)", at: 1, ["missing ')'", "position 1"]),
        FilterErrorCase("rating eq 1 and (rating eq 2 or rating eq 3", at: 17, ["missing ')' to close the '(' at position 17"]),
        FilterErrorCase("(rating eq 1 rating eq 2)", at: 14, ["unexpected 'rating'", "'and', 'or' or ')'"]),
        FilterErrorCase("= 5", at: 1, ["unexpected '=' at position 1", "expected a condition"]),
        FilterErrorCase("'x' eq name", at: 1, ["unexpected string 'x' at position 1", "a condition"]),
        FilterErrorCase(", rating eq 1", at: 1, ["unexpected ','", "a condition"]),
        FilterErrorCase(")", at: 1, ["unexpected ')' at position 1", "a condition"]),
        FilterErrorCase("rating", at: 7, ["end of the filter at position 7", "an operator after 'rating'"]),
        FilterErrorCase("rating 'x'", at: 8, ["unexpected string 'x'", "an operator after 'rating'"]),
        FilterErrorCase("rating 5", at: 8, ["unexpected '5'", "an operator after 'rating'"]),
        FilterErrorCase("rating eq5", at: 8, ["unexpected 'eq5'", "an operator after 'rating'"]),
        FilterErrorCase("rating and rating eq 1", at: 8, ["unexpected 'and'", "an operator after 'rating'"]),
        FilterErrorCase("rating (1,2)", at: 8, ["unexpected '('", "an operator"]),
        FilterErrorCase("rating , 1", at: 8, ["unexpected ','", "an operator"]),
        FilterErrorCase("whenRequested ) today", at: 15, ["unexpected ')'", "an operator after 'whenRequested'"]),
        FilterErrorCase("na-me eq 1", at: 1, ["unexpected 'na-me' at position 1", "a column name"]),
        FilterErrorCase("rating eq 1 and 'x' eq 1", at: 17, ["unexpected string 'x'", "a condition after 'and'"]),
        FilterErrorCase("not rating eq 1", at: 1, ["unexpected 'not' at position 1", "there is no 'not'", "notBegins", "eq false"]),
        FilterErrorCase("NOT (rating eq 1)", at: 1, ["unexpected 'NOT'", "there is no 'not'"]),
        FilterErrorCase("rating eq 1 and not startswith(name, 'x')", at: 17, ["unexpected 'not'", "no 'not'"]),
        FilterErrorCase("name not begins 'x'", at: 6, ["unexpected 'not' at position 6", "an operator after 'name'", "notBegins"]),
        FilterErrorCase("rating in ()", at: 11, ["empty list at position 11", "after 'in'"]),
        FilterErrorCase("rating in (1,,2)", at: 14, ["unexpected ','", "a value after ','"]),
        FilterErrorCase("rating in (1,2,)", at: 16, ["unexpected ')' at position 16", "a value after ','"]),
        FilterErrorCase("rating in (1 2)", at: 14, ["unexpected '2'", "',' or ')' in the list opened at position 11"]),
        FilterErrorCase("rating in (1,2", at: 11, ["missing ')' to close the list opened at position 11"]),
        FilterErrorCase("rating in (1,", at: 11, ["missing ')' to close the list opened at position 11"]),
        FilterErrorCase("rating in ((1),2)", at: 12, ["unexpected '('", "lists do not nest"]),
        FilterErrorCase("rating in (,1)", at: 12, ["unexpected ','", "expected a value"]),
        FilterErrorCase("rating in (1,2) (3)", at: 17, ["unexpected '('", "'and', 'or' or the end"]),
        FilterErrorCase("startswith()", at: 11, ["empty parentheses at position 11 after 'startswith'", "startswith(column, 'text')"]),
        FilterErrorCase("startswith(name)", at: 16, ["unexpected ')' at position 16", "2 arguments", "startswith(column, 'text')"]),
        FilterErrorCase("startswith(name, 'a', 'b')", at: 23, ["unexpected string 'b'", "takes 2 arguments"]),
        FilterErrorCase("startswith('S', name)", at: 12, ["unexpected string 'S'", "a column name as argument 1 of startswith()"]),
        FilterErrorCase("startswith(name, ('a','b'))", at: 18, ["unexpected '('", "a single value as argument 2 of startswith(), not a list"]),
        FilterErrorCase("startswith(name 'S')", at: 17, ["unexpected string 'S'", "',' or ')' after argument 1 of startswith()"]),
        FilterErrorCase("startswith(name, 'S'", at: 11, ["missing ')' to close the '(' of startswith at position 11"]),
        FilterErrorCase("startswith(name,", at: 11, ["missing ')'"]),
        FilterErrorCase("startswith(name, 'S' and x eq 1)", at: 22, ["unexpected 'and'", "',' or ')' after argument 2"]),
        FilterErrorCase("startswith(name, 'S') eq maybe", at: 26, ["unexpected 'maybe'", "true or false after 'eq'"]),
        FilterErrorCase("startswith(name, 'S') eq", at: 25, ["end of the filter", "true or false after 'eq'"]),
        FilterErrorCase("startswith(name, 'S') = 'false'", at: 25, ["unexpected string 'false'", "true or false after '='"]),
        FilterErrorCase("startswith(name, 'S') gt true", at: 23, ["unexpected 'gt'", "'and', 'or' or the end"]),
        FilterErrorCase("startswith(name, 'S'))", at: 22, ["unexpected ')'", "no '(' to close"]),
        FilterErrorCase("startswith(na-me, 'S')", at: 12, ["unexpected 'na-me'", "a column name as argument 1"]),
        FilterErrorCase("endswith(name, , 'x')", at: 16, ["unexpected ','", "argument 2 of endswith()"]),
        FilterErrorCase("substringof('a', 'b')", at: 18, ["unexpected string 'b'", "a column name as argument 2 of substringof()", "substringof('text', column)"]),
        FilterErrorCase("substringof('a')", at: 16, ["unexpected ')'", "2 arguments"]),
        FilterErrorCase("this(whenRequested)", at: 19, ["unexpected ')'", "2 arguments: this(column, period)"]),
        FilterErrorCase("next(whenRequested, week)", at: 25, ["unexpected ')'", "3 arguments: next(column, count, period)"]),
        FilterErrorCase("next(whenRequested, 2, (week))", at: 24, ["unexpected '('", "a single value as argument 3 of next(), not a list"]),
        FilterErrorCase("previous(whenRequested, 1, week, 2)", at: 34, ["unexpected '2' at position 34", "previous() takes 3 arguments"]),
        FilterErrorCase("thisAndPreviousAndNext(whenRequested, 1, week)", at: 42, ["unexpected 'week'", "takes 2 arguments", "thisAndPreviousAndNext(column, period)"]),
        FilterErrorCase("this('whenRequested', week)", at: 6, ["unexpected string 'whenRequested'", "a column name as argument 1 of this()"]),
        FilterErrorCase("this(whenRequested, week) eq true", at: 27, ["unexpected 'eq'", "'and', 'or' or the end"]),
        FilterErrorCase("thisAndNext(whenRequested, 1, month", at: 12, ["missing ')' to close the '(' of thisAndNext at position 12"]),
        FilterErrorCase("rating eq 1 or next(whenRequested 1, month)", at: 35, ["unexpected '1'", "',' or ')' after argument 1 of next()"]),
    ]

    @Test(arguments: cases)
    func syntaxError(_ c: FilterErrorCase) throws {
        let error = try #require(throws: ArchiveError.self) { try FilterParser.parse(c.text) }
        ExpectedError(.syntax, "$filter", at: c.position, c.words).check(error, c.text)
        // The message states the position it reports.
        #expect(error.message.contains("position \(c.position)"), "\(error.message)")
    }
}
