//! Finds where a key of the front matter stands, so that problems found after parsing (an
//! unknown status, an unresolved actor) point at the right line and column of the file.

use crate::diag::Position;

/// Top-level keys of a YAML front matter, with their positions in the file.
#[derive(Debug, Clone, Default)]
pub struct KeyLocator {
    /// (key, file line, column of the key, byte range of the key's block in the text)
    keys: Vec<(String, usize, usize, std::ops::Range<usize>)>,
    /// (byte offset, file line) of every line starting a list item (`- `, `{`): an item is
    /// found without rescanning its list, which made a diagnostic per item quadratic.
    items: Vec<(usize, usize)>,
    text: String,
    first_line: usize,
}

impl KeyLocator {
    /// `text` is the front matter; `first_line` the file line its first line stands on.
    pub fn new(text: &str, first_line: usize) -> Self {
        let mut keys: Vec<(String, usize, usize, std::ops::Range<usize>)> = Vec::new();
        let mut items = Vec::new();
        let mut offset = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            if let Some(key) = top_level_key(line) {
                if let Some(last) = keys.last_mut() {
                    last.3.end = offset;
                }
                keys.push((key.to_string(), first_line + i, 1, offset..text.len()));
            } else if starts_item(line) {
                items.push((offset, first_line + i));
            }
            offset += line.len();
        }
        KeyLocator {
            keys,
            items,
            text: text.to_string(),
            first_line,
        }
    }

    /// The top-level keys in the order they appear, with their positions.
    pub fn keys(&self) -> impl Iterator<Item = (&str, Position)> {
        self.keys.iter().map(|(k, line, col, _)| {
            (
                k.as_str(),
                Position {
                    line: *line,
                    column: *col,
                },
            )
        })
    }

    /// Where the value of a top-level key starts (the key itself if the value is on later lines).
    pub fn value(&self, key: &str) -> Option<Position> {
        let (_, line, _, range) = self.keys.iter().find(|(k, ..)| k == key)?;
        let first = self.text[range.clone()].lines().next()?;
        let after_colon = first.find(':')? + 1;
        let value_start = first[after_colon..]
            .find(|c: char| !c.is_whitespace())
            .map(|i| after_colon + i);
        let column = value_start.map_or(1, |i| first[..i].chars().count() + 1);
        Some(Position {
            line: *line,
            column,
        })
    }

    /// The position of `nested` inside the block of top-level key `key`, optionally inside the
    /// `item`-th element of a list; falls back to the top-level key.
    pub fn nested(&self, key: &str, item: Option<usize>, nested: &str) -> Option<Position> {
        let fallback = self.value(key);
        let Some((_, line, _, range)) = self.keys.iter().find(|(k, ..)| k == key) else {
            return fallback;
        };
        // The byte range and first file line of the part to search: the block, or one item.
        let first = self.items.partition_point(|&(o, _)| o <= range.start);
        let last = self.items.partition_point(|&(o, _)| o < range.end);
        let block_items = &self.items[first..last];
        let (part, part_line) = match item {
            None => (range.clone(), *line),
            Some(n) if block_items.is_empty() => {
                // A flow list on the key's own line: every item is on that line.
                let line_end = self.text[range.clone()]
                    .find('\n')
                    .map_or(range.end, |i| range.start + i);
                if n != 0 {
                    return fallback;
                }
                (range.start..line_end, *line)
            }
            Some(n) => {
                let Some(&(start, start_line)) = block_items.get(n) else {
                    return fallback;
                };
                let end = block_items.get(n + 1).map_or(range.end, |&(o, _)| o);
                (start..end, start_line)
            }
        };
        for (i, text_line) in self.text[part].lines().enumerate() {
            if let Some(col) = find_key_in_line(text_line, nested) {
                return Some(Position {
                    line: part_line + i,
                    column: text_line[..col].chars().count() + 1,
                });
            }
        }
        match item {
            Some(_) => Some(Position {
                line: part_line,
                column: 1,
            }),
            None => fallback,
        }
    }

    /// The position of a string value inside a top-level key's block (e.g. one alias of a list):
    /// preferably where it stands as a whole item, never inside the key itself.
    pub fn text_in(&self, key: &str, needle: &str) -> Option<Position> {
        let (_, line, _, range) = self.keys.iter().find(|(k, ..)| k == key)?;
        let block = &self.text[range.clone()];
        let found = |whole: bool| {
            block.lines().enumerate().find_map(|(i, text_line)| {
                // On the key's own line, only what follows the colon is a value.
                let from = if i == 0 { text_line.find(':')? + 1 } else { 0 };
                let col = find_in(&text_line[from..], needle, whole)? + from;
                Some(Position {
                    line: line + i,
                    column: text_line[..col].chars().count() + 1,
                })
            })
        };
        found(true)
            .or_else(|| found(false))
            .or_else(|| self.value(key))
    }

    /// The first empty or null item (`- null`, `- ~`, `-`, `[a, null]`) of a top-level list.
    pub fn null_item(&self, key: &str) -> Option<Position> {
        let (_, line, _, range) = self.keys.iter().find(|(k, ..)| k == key)?;
        let block = &self.text[range.clone()];
        let is_null = |t: &str| matches!(t.trim(), "" | "~" | "null" | "Null" | "NULL");
        block.lines().enumerate().find_map(|(i, text_line)| {
            let from = if i == 0 { text_line.find(':')? + 1 } else { 0 };
            let value = &text_line[from..];
            let trimmed = value.trim_start();
            let offset = if let Some(item) = trimmed.strip_prefix('-') {
                is_null(item.split(" #").next().unwrap_or(item))
                    .then(|| from + value.len() - trimmed.len())
            } else {
                flow_null(value, is_null).map(|at| from + at)
            }?;
            Some(Position {
                line: line + i,
                column: text_line[..offset].chars().count() + 1,
            })
        })
    }

    pub fn first_line(&self) -> usize {
        self.first_line
    }
}

/// Where `needle` is in `line`; with `whole`, only where it stands as a whole item (between
/// quotes, brackets, commas, a list dash or the line's ends).
fn find_in(line: &str, needle: &str, whole: bool) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    line.match_indices(needle).map(|(at, _)| at).find(|&at| {
        let before = line[..at].trim_end_matches(' ').chars().last();
        let after = line[at + needle.len()..]
            .trim_start_matches(' ')
            .chars()
            .next();
        !whole
            || (before.is_none_or(|c| matches!(c, '"' | '\'' | '[' | ',' | '-' | ':'))
                && after.is_none_or(|c| matches!(c, '"' | '\'' | ']' | ',' | '#')))
    })
}

/// The offset of the first null item of a flow list written on `line` (`[a, "b", null]`).
fn flow_null(line: &str, is_null: impl Fn(&str) -> bool) -> Option<usize> {
    let open = line.find('[')?;
    let (mut start, mut quote) = (open + 1, None);
    for (i, c) in line[open + 1..].char_indices() {
        let at = open + 1 + i;
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, ',' | ']') => {
                let item = &line[start..at];
                let empty_list = c == ']' && start == open + 1;
                if is_null(item) && !empty_list {
                    return Some(start + item.len() - item.trim_start().len());
                }
                start = at + 1;
            }
            _ => {}
        }
    }
    None
}

fn top_level_key(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if !(first.is_alphanumeric() || first == '_' || first == '"' || first == '\'') {
        return None;
    }
    let colon = line.find(':')?;
    let key = line[..colon].trim().trim_matches(|c| c == '"' || c == '\'');
    let after = &line[colon + 1..];
    (after.is_empty() || after.starts_with([' ', '\n', '\t', '\r'])).then_some(key)
}

/// Whether a line starts an element of a block list, or of a flow list written one item per line.
fn starts_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || t.trim_end() == "-" || t.starts_with('{')
}

fn find_key_in_line(line: &str, key: &str) -> Option<usize> {
    let mut search_from = 0;
    while let Some(found) = line[search_from..].find(key) {
        let at = search_from + found;
        let before = line[..at].chars().last();
        let after = &line[at + key.len()..];
        let boundary_before =
            before.is_none_or(|c| c == ' ' || c == '{' || c == ',' || c == '-' || c == '"');
        if boundary_before && after.trim_start_matches('"').starts_with(':') {
            return Some(at);
        }
        search_from = at + key.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const FM: &str = "title: \"T\"\nstatus:   flase\nsource:\n  publisher: TV\n  url: javascript:x\nsources:\n  - { title: a, url: \"https://a\" }\n  - title: b\n    url: ftp://b\n";

    #[test]
    fn finds_top_level_values() {
        let loc = KeyLocator::new(FM, 2);
        assert_eq!(
            loc.value("status"),
            Some(Position {
                line: 3,
                column: 11
            })
        );
        let keys: Vec<_> = loc.keys().map(|(k, _)| k).collect();
        assert_eq!(keys, ["title", "status", "source", "sources"]);
    }

    #[test]
    fn finds_list_items_and_null_items() {
        let fm = "tags: [\"ta\", a, null]\naliases:\n  - x\n  - ~\n";
        let loc = KeyLocator::new(fm, 2);
        assert_eq!(
            loc.text_in("tags", "a"),
            Some(Position {
                line: 2,
                column: 14
            })
        );
        assert_eq!(
            loc.text_in("tags", "ta"),
            Some(Position { line: 2, column: 9 })
        );
        assert_eq!(
            loc.null_item("tags"),
            Some(Position {
                line: 2,
                column: 17
            })
        );
        assert_eq!(
            loc.null_item("aliases"),
            Some(Position { line: 5, column: 3 })
        );
    }

    #[test]
    fn finds_nested_and_list_items() {
        let loc = KeyLocator::new(FM, 2);
        assert_eq!(
            loc.nested("source", None, "url"),
            Some(Position { line: 6, column: 3 })
        );
        assert_eq!(
            loc.nested("sources", Some(0), "url"),
            Some(Position {
                line: 8,
                column: 17
            })
        );
        assert_eq!(
            loc.nested("sources", Some(1), "url"),
            Some(Position {
                line: 10,
                column: 5
            })
        );
    }
}
