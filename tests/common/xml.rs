//! Reading XML output (feeds, sitemaps) with `quick-xml`.

/// One element of an XML document: its local name, attributes and own text (entities resolved).
#[derive(Debug, Clone)]
pub struct XmlElement {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    /// The local names of its ancestors, outermost first.
    pub parents: Vec<String>,
}

impl XmlElement {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a whole XML document (well-formedness checked: matching end tags, one root, nothing
/// left open) into its elements in document order.
pub fn parse_xml(text: &str) -> Result<Vec<XmlElement>, String> {
    use quick_xml::events::{BytesStart, Event};
    let mut reader = quick_xml::Reader::from_str(text);
    let mut elements: Vec<XmlElement> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut roots = 0;
    let decoder = reader.decoder();
    let start =
        |e: &BytesStart, open: &[usize], elements: &[XmlElement]| -> Result<XmlElement, String> {
            let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
            let mut attrs = Vec::new();
            for attr in e.attributes() {
                let attr = attr.map_err(|e| format!("bad attribute: {e}"))?;
                let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
                let value = attr
                    .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, decoder)
                    .map_err(|e| format!("bad attribute value: {e}"))?
                    .into_owned();
                attrs.push((key, value));
            }
            Ok(XmlElement {
                name,
                attrs,
                text: String::new(),
                parents: open.iter().map(|&i| elements[i].name.clone()).collect(),
            })
        };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("invalid XML at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) => {
                if open.is_empty() {
                    roots += 1;
                }
                let element = start(&e, &open, &elements)?;
                elements.push(element);
                open.push(elements.len() - 1);
            }
            Event::Empty(e) => {
                if open.is_empty() {
                    roots += 1;
                }
                let element = start(&e, &open, &elements)?;
                elements.push(element);
            }
            Event::End(_) => {
                open.pop().ok_or("an end tag closes nothing")?;
            }
            Event::Text(t) => {
                let decoded = t.decode().map_err(|e| format!("bad text: {e}"))?;
                if let Some(&i) = open.last() {
                    elements[i].text.push_str(&decoded);
                } else if !decoded.trim().is_empty() {
                    return Err(format!("text outside the root element: {decoded:?}"));
                }
            }
            Event::CData(t) => {
                if let Some(&i) = open.last() {
                    elements[i].text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => match &*r {
                        b"amp" => "&".into(),
                        b"lt" => "<".into(),
                        b"gt" => ">".into(),
                        b"quot" => "\"".into(),
                        b"apos" => "'".into(),
                        other => {
                            return Err(format!(
                                "undefined entity &{};",
                                String::from_utf8_lossy(other)
                            ));
                        }
                    },
                };
                if let Some(&i) = open.last() {
                    elements[i].text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(format!("{} element(s) left open", open.len()));
    }
    if roots != 1 {
        return Err(format!("expected one root element, found {roots}"));
    }
    Ok(elements)
}

/// The elements of an XML document grouped by record: for each element named `record` (e.g.
/// `entry`, `url`), the elements inside it, in document order.
pub fn xml_records<'a>(elements: &'a [XmlElement], record: &str) -> Vec<Vec<&'a XmlElement>> {
    let mut records: Vec<Vec<&XmlElement>> = Vec::new();
    for element in elements {
        if element.name == record {
            records.push(Vec::new());
        } else if element.parents.iter().any(|p| p == record)
            && let Some(current) = records.last_mut()
        {
            current.push(element);
        }
    }
    records
}
