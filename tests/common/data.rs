//! Reading the open data: CSV with the `csv` crate.

/// Every record of an RFC 4180 CSV text, the header included, read with the `csv` crate
/// (records may differ in length: the tests assert that themselves); panics on invalid CSV.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    // The crate ends an unclosed quoted field at the end of the text without an error; every `"`
    // of RFC 4180 output opens, closes or doubles inside a quoted field, so an odd count is one.
    let quotes = text.matches('"').count();
    assert!(quotes.is_multiple_of(2), "CSV ends inside a quoted field");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| {
            let record = r.unwrap_or_else(|e| panic!("invalid CSV: {e}"));
            record.iter().map(str::to_string).collect()
        })
        .collect()
}
